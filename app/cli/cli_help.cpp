// The text of --help, written from the option table, and of --version.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"

#ifndef COUPLINGLAB_VERSION
#define COUPLINGLAB_VERSION "unknown"
#endif

namespace couplinglab::cli {
namespace {

// `left` padded to `column`, then `words` wrapped to kHelpWidth with continuation lines
// indented to `column`; a `left` too wide for the column puts the text on the next line.
constexpr std::size_t kHelpWidth = 100;

std::string wrapped(const std::string& left, std::size_t column,
                    const std::vector<std::string>& words) {
    std::string result = left;
    std::size_t lineLength = left.size();
    bool lineHasWord = false;
    auto newLine = [&] {
        result += '\n';
        result.append(column, ' ');
        lineLength = column;
        lineHasWord = false;
    };
    if (lineLength + 1 > column) {
        newLine();
    } else {
        result.append(column - lineLength, ' ');
        lineLength = column;
    }
    for (const std::string& word : words) {
        if (lineHasWord && lineLength + 1 + word.size() > kHelpWidth) newLine();
        if (lineHasWord) {
            result += ' ';
            ++lineLength;
        }
        result += word;
        lineLength += word.size();
        lineHasWord = true;
    }
    return result + '\n';
}

}  // namespace

std::string helpText() {
    std::ostringstream out;
    out << "Usage: " << kProgramName << " [OPTION]...\n"
        << "Samples the posterior of the coupling weight w between two lists of random bits with "
           "NUTS\n"
           "or static HMC, as Stan would, and compares the sample with the exact posterior.\n"
           "Options take their value as --name VALUE or --name=VALUE; each may be given once.\n"
           "Whole numbers are plain digits (1000, not 1e3); real numbers may have an exponent\n"
           "(1e-3); nan and inf are refused.\n";
    auto synopsis = [](const OptionSpec& option) {
        return option.isFlag() ? dashed(option.name)
                               : dashed(option.name) + " " + std::string(option.placeholder);
    };
    std::size_t width = 0;
    for (const OptionSpec& option : optionTable())
        width = std::max(width, synopsis(option).size());
    std::string_view group;
    for (const OptionSpec& option : optionTable()) {
        if (option.group != group) {
            group = option.group;
            out << '\n' << group << ":\n";
        }
        std::vector<std::string> words;
        for (std::string_view help = option.help; !help.empty();) {
            const std::size_t space = help.find(' ');
            words.emplace_back(help.substr(0, space));
            help = space == std::string_view::npos ? std::string_view() : help.substr(space + 1);
        }
        if (!option.defaultText.empty())
            words.push_back("[default: " + std::string(option.defaultText) + "]");
        out << wrapped("  " + synopsis(option), width + 4, words);
    }
    out << "\nExit status: 0 on success; 1 when a file or the summary could not be written;\n"
           "2 for a bad invocation (one line on stderr names the option; nothing is computed or\n"
           "written); 130 or 143 when interrupted by SIGINT or SIGTERM. All files of a run are\n"
           "written together at the end or, on any failure, none: old files stay as they were.\n";
    return out.str();
}

std::string versionText() {
    return std::string(kProgramName) + " " + COUPLINGLAB_VERSION + "\n";
}

}  // namespace couplinglab::cli

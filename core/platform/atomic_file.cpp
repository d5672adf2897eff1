#include "core/platform/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/output_target.h"
#include "core/output_transaction.h"

namespace couplinglab {

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
    writeOneFile(path, content);
}

std::optional<std::string> checkWritable(const std::filesystem::path& path) {
    OutputTarget target;
    try {
        target = resolveOutput(path);
    } catch (const FileError& error) {
        return error.what();
    }
    if (target.device) {
        if (::access(target.target.c_str(), W_OK) != 0)
            return cannotWrite(path, std::strerror(errno));
        return std::nullopt;
    }
    const std::filesystem::path parent = target.target.parent_path();
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on a chain of operator+ here.
    std::string name(".");
    name.append(target.target.filename().string());
    name.append(".XXXXXX");
    std::string probe = ((parent.empty() ? std::filesystem::path(".") : parent) / name).string();
    const int fd = ::mkostemp(probe.data(), O_CLOEXEC);
    if (fd < 0) return cannotWrite(path, std::strerror(errno));
    ::close(fd);
    std::remove(probe.c_str());
    return std::nullopt;
}

}  // namespace couplinglab

// Parsing of couplinglab-cli's options, in process: defaults, both spellings of a value, the
// effect of every option, strict numbers and the one-line messages of bad invocations.
#include <QtTest>

#include "ui/settings/session.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"

using couplinglab::Algorithm;
using couplinglab::DataSpec;
using couplinglab::Likelihood;
using couplinglab::ModelSpec;
using couplinglab::SamplerSettings;
using couplinglab::cli::CliOptions;
using couplinglab::cli::OptionSpec;
using couplinglab::cli::optionTable;
using couplinglab::cli::parseArguments;
using couplinglab::cli::UsageError;

Q_DECLARE_METATYPE(CliOptions)

namespace {

CliOptions parse(const QStringList& arguments) {
    std::vector<std::string> storage;
    for (const QString& argument : arguments)
        storage.push_back(argument.toStdString());
    const std::vector<std::string_view> views(storage.begin(), storage.end());
    return parseArguments(views);
}

// Everything but the record of which options were given.
void compareSettings(const CliOptions& actual, const CliOptions& expected) {
    QVERIFY(actual.data == expected.data);
    QVERIFY(actual.model == expected.model);
    QVERIFY(actual.sampler == expected.sampler);
    QCOMPARE(actual.output, expected.output);
    QCOMPARE(actual.json, expected.json);
    QCOMPARE(actual.quiet, expected.quiet);
    QCOMPARE(actual.help, expected.help);
    QCOMPARE(actual.version, expected.version);
    QVERIFY(actual.plots == expected.plots);
    QCOMPARE(actual.session, expected.session);
    QCOMPARE(actual.sweepPairs, expected.sweepPairs);
    QCOMPARE(actual.sweepOutput, expected.sweepOutput);
    QCOMPARE(actual.trajectoryIteration, expected.trajectoryIteration);
    QCOMPARE(actual.trajectoryOutput, expected.trajectoryOutput);
    QVERIFY(actual.machine == expected.machine);
    QCOMPARE(actual.listLessons, expected.listLessons);
    QCOMPARE(actual.lesson, expected.lesson);
    QCOMPARE(actual.handout, expected.handout);
    QVERIFY(actual.printModel == expected.printModel);
    QVERIFY(actual.animation == expected.animation);
}

QStringList optionNames() {
    QStringList names;
    for (const OptionSpec& option : optionTable())
        names << QString::fromUtf8(option.name);
    return names;
}

struct EffectRow {
    const char* name;
    QStringList arguments;
    CliOptions expected;
};

// A session file for the --session rows, written on first use.
QString sessionPath() {
    static const QString path = [] {
        const QString file =
            QDir::temp().filePath(QStringLiteral("test_cli_options_%1.couplinglab.json")
                                      .arg(QCoreApplication::applicationPid()));
        couplinglab::ui::Session session;
        session.settings.sampler.chains = 3;
        session.settings.sampler.seed = 9;
        couplinglab::ui::saveSessionFile(file, session);
        return file;
    }();
    return path;
}

// One or more rows per option: the arguments and the settings they must give.
std::vector<EffectRow> effectRows() {
    std::vector<EffectRow> rows;
    auto row = [&rows](const char* name, const QStringList& arguments, auto change) {
        CliOptions expected;
        change(expected);
        rows.push_back({name, arguments, expected});
    };
    row("pairs", {"--pairs", "100"}, [](CliOptions& o) { o.data.pairs = 100; });
    row("pairs maximum", {"--pairs", "2000000000"},
        [](CliOptions& o) { o.data.pairs = 2'000'000'000; });
    row("pairs with plus", {"--pairs", "+7"}, [](CliOptions& o) { o.data.pairs = 7; });
    row("coupling", {"--coupling", "0.25"}, [](CliOptions& o) { o.data.coupling = 0.25; });
    row("coupling negative", {"--coupling", "-1e-3"},
        [](CliOptions& o) { o.data.coupling = -1e-3; });
    row("data-seed", {"--data-seed", "12345"}, [](CliOptions& o) { o.data.seed = 12345; });
    row("data-seed largest", {"--data-seed", "18446744073709551615"},
        [](CliOptions& o) { o.data.seed = std::numeric_limits<std::uint64_t>::max(); });
    row("data-seed zero", {"--data-seed", "0"}, [](CliOptions& o) { o.data.seed = 0; });
    row("likelihood boltzmann", {"--likelihood", "boltzmann"},
        [](CliOptions& o) { o.model.likelihood = Likelihood::ExactBoltzmann; });
    row("likelihood potential", {"--likelihood", "potential"},
        [](CliOptions& o) { o.model.likelihood = Likelihood::PotentialOnly; });
    row("divide-by-n", {"--divide-by-n"}, [](CliOptions& o) { o.model.divideByN = true; });
    row("prior-mean", {"--prior-mean", "-2.5"}, [](CliOptions& o) { o.model.priorMean = -2.5; });
    row("prior-sd", {"--prior-sd", "1e-3"}, [](CliOptions& o) { o.model.priorSd = 1e-3; });
    row("sampler hmc", {"--sampler", "hmc"},
        [](CliOptions& o) { o.sampler.algorithm = Algorithm::StaticHmc; });
    row("sampler nuts", {"--sampler", "nuts"},
        [](CliOptions& o) { o.sampler.algorithm = Algorithm::Nuts; });
    row("leapfrog-steps with hmc", {"--sampler", "hmc", "--leapfrog-steps", "25"},
        [](CliOptions& o) {
            o.sampler.algorithm = Algorithm::StaticHmc;
            o.sampler.leapfrogSteps = 25;
        });
    row("leapfrog-steps before hmc", {"--leapfrog-steps", "3", "--sampler", "hmc"},
        [](CliOptions& o) {
            o.sampler.algorithm = Algorithm::StaticHmc;
            o.sampler.leapfrogSteps = 3;
        });
    row("step-size fixes epsilon", {"--step-size", "0.01"}, [](CliOptions& o) {
        o.sampler.stepSize = 0.01;
        o.sampler.adaptStepSize = false;
    });
    row("target-accept", {"--target-accept", "0.95"},
        [](CliOptions& o) { o.sampler.targetAccept = 0.95; });
    row("no-adapt-metric", {"--no-adapt-metric"},
        [](CliOptions& o) { o.sampler.adaptMetric = false; });
    row("metric dense", {"--metric", "dense"}, [](CliOptions& o) { o.sampler.denseMetric = true; });
    row("metric unit", {"--metric", "unit"}, [](CliOptions& o) { o.sampler.adaptMetric = false; });
    row("metric dense then no-adapt-metric", {"--metric", "dense", "--no-adapt-metric"},
        [](CliOptions& o) { o.sampler.adaptMetric = false; });
    row("units", {"--units", "8"}, [](CliOptions& o) { o.machine.units = 8; });
    row("biases", {"--biases"}, [](CliOptions& o) { o.machine.biases = true; });
    row("true-couplings", {"--true-couplings", "0.5,-1e-2,0"}, [](CliOptions& o) {
        o.machine.trueCouplings = {0.5, -1e-2, 0.0};
    });
    row("true-biases", {"--true-biases", "3"}, [](CliOptions& o) { o.machine.trueBiases = {3.0}; });
    row("data", {"--data", "bits.npy"}, [](CliOptions& o) { o.machine.dataFile = "bits.npy"; });
    row("data-output", {"--data-output", "bits.csv"},
        [](CliOptions& o) { o.machine.dataOutput = "bits.csv"; });
    row("max-depth", {"--max-depth", "30"}, [](CliOptions& o) { o.sampler.maxDepth = 30; });
    row("warmup zero", {"--warmup", "0"}, [](CliOptions& o) { o.sampler.warmup = 0; });
    row("draws", {"--draws", "1"}, [](CliOptions& o) { o.sampler.draws = 1; });
    row("chains", {"--chains", "64"}, [](CliOptions& o) { o.sampler.chains = 64; });
    row("seed", {"--seed", "42"}, [](CliOptions& o) { o.sampler.seed = 42; });
    row("output", {"--output", "draws.csv"}, [](CliOptions& o) { o.output = "draws.csv"; });
    row("output that starts with dashes", {"--output=--odd.csv"},
        [](CliOptions& o) { o.output = "--odd.csv"; });
    row("json", {"--json"}, [](CliOptions& o) { o.json = true; });
    row("list-lessons", {"--list-lessons"}, [](CliOptions& o) { o.listLessons = true; });
    row("print-model", {"--print-model", "numpyro"},
        [](CliOptions& o) { o.printModel = couplinglab::CodeLanguage::NumPyro; });
    row("animation of a trajectory, all its options",
        {"--animation", "trajectory", "--trajectory", "7", "--animation-output", "t.mp4",
         "--animation-fps", "24", "--animation-seconds", "4.5", "--animation-size", "640x360",
         "--animation-scale", "2"},
        [](CliOptions& o) {
            o.trajectoryIteration = 7;
            o.animation = {"trajectory", "t.mp4", 24, 4.5, 0, 640, 360, 2.0};
        });
    row("animation of the trace by iterations per frame",
        {"--animation", "trace", "--animation-output", "t.gif", "--animation-iterations-per-frame",
         "40"},
        [](CliOptions& o) {
            o.animation.kind = "trace";
            o.animation.output = "t.gif";
            o.animation.iterationsPerFrame = 40;
        });
    row("lesson and handout", {"--lesson", "why-162", "--handout", "h.pdf"}, [](CliOptions& o) {
        o.lesson = "why-162";
        o.handout = "h.pdf";
    });
    row("sweep-pairs and sweep-output", {"--sweep-pairs", "100,10", "--sweep-output", "s.csv"},
        [](CliOptions& o) {
            o.sweepPairs = {100, 10};
            o.sweepOutput = "s.csv";
        });
    row("trajectory and trajectory-output", {"--trajectory", "7", "--trajectory-output", "t.csv"},
        [](CliOptions& o) {
            o.trajectoryIteration = 7;
            o.trajectoryOutput = "t.csv";
        });
    row("plots", {"--plots", "figs"}, [](CliOptions& o) { o.plots.folder = "figs"; });
    row("plot-format", {"--plots", "figs", "--plot-format", "SVG"}, [](CliOptions& o) {
        o.plots.folder = "figs";
        o.plots.format = "svg";
    });
    row("plot-size", {"--plots", "figs", "--plot-size", "800x600"}, [](CliOptions& o) {
        o.plots.folder = "figs";
        o.plots.width = 800;
        o.plots.height = 600;
    });
    row("plot-scale", {"--plots", "figs", "--plot-scale", "2"}, [](CliOptions& o) {
        o.plots.folder = "figs";
        o.plots.scale = 2.0;
    });
    // A session saved by the window with the default settings, except 3 chains and seed 9;
    // --seed given before it wins.
    row("session", {"--seed", "5", "--session", sessionPath()}, [](CliOptions& o) {
        o.sampler.chains = 3;
        o.sampler.seed = 5;
        o.plots.traceWindow = 2000;
        o.session = sessionPath().toStdString();
    });
    row("quiet", {"--quiet"}, [](CliOptions& o) { o.quiet = true; });
    row("help", {"--help"}, [](CliOptions& o) { o.help = true; });
    row("version", {"--version"}, [](CliOptions& o) { o.version = true; });
    row("several together",
        {"--pairs", "50", "--likelihood=boltzmann", "--divide-by-n", "--chains", "2", "--json"},
        [](CliOptions& o) {
            o.data.pairs = 50;
            o.model.likelihood = Likelihood::ExactBoltzmann;
            o.model.divideByN = true;
            o.sampler.chains = 2;
            o.json = true;
        });
    return rows;
}

struct BadRow {
    QStringList arguments;
    QString option;   // the option (or argument) the message must start with
    QString problem;  // a fragment of the message
};

std::vector<BadRow> badRows() {
    std::vector<BadRow> rows;
    auto row = [&rows](const QStringList& arguments, const QString& option,
                       const QString& problem) {
        rows.push_back({arguments, option, problem});
    };
    // Lessons.
    row({"--handout", "h.pdf"}, "--handout", "needs --lesson");
    row({"--lesson", "why-162"}, "--lesson", "only used with --handout");
    row({"--list-lessons", "--pairs", "5"}, "--list-lessons", "cannot be combined with --pairs");
    row({"--lesson", "nope", "--handout", "h.pdf"}, "--lesson",
        "neither a built-in lesson (why-162, narrowest-direction) nor a file");
    // Model code.
    row({"--print-model", "julia"}, "--print-model", "choose stan, pymc or numpyro");
    row({"--animation", "movie"}, "--animation", "choose trajectory, trace or grid");
    row({"--animation", "trace"}, "--animation", "needs --animation-output");
    row({"--animation-output", "a.avi"}, "--animation-output", "must end in .gif or .mp4");
    row({"--animation", "trace", "--animation-output", "a.gif", "--animation-fps", "31"},
        "--animation-fps", "from 1 to 30");
    row({"--animation", "trace", "--animation-output", "a.gif", "--animation-seconds", "0.5"},
        "--animation-seconds", "from 1 to 60");
    row({"--animation", "trace", "--animation-output", "a.gif", "--animation-size", "99x100"},
        "--animation-size", "from 100 to 3840");
    row({"--animation", "trace", "--animation-output", "a.gif", "--animation-scale", "4"},
        "--animation-scale", "from 1 to 3");
    row({"--animation", "trace", "--animation-output", "a.gif", "--animation-iterations-per-frame",
         "1"},
        "--animation-iterations-per-frame", "an animation lasts at most 60 s");
    row({"--print-model", "stan", "--plots", "figs"}, "--print-model",
        "cannot be combined with --plots");
    // Sweeps and trajectories.
    row({"--sweep-pairs", "10,,100", "--sweep-output", "x.csv"}, "--sweep-pairs",
        "entry 2 is empty");
    row({"--sweep-output", "x.csv"}, "--sweep-output", "add --sweep-pairs");
    row({"--trajectory", "0", "--trajectory-output", "t.csv"}, "--trajectory", "at least 1");
    row({"--trajectory", "x", "--trajectory-output", "t.csv"}, "--trajectory",
        "not a whole number");
    row({"--trajectory", "5"}, "--trajectory", "needs --trajectory-output");
    row({"--trajectory-output", "t.csv"}, "--trajectory-output", "add --trajectory");
    row({"--trajectory", "2001", "--trajectory-output", "t.csv"}, "--trajectory",
        "past the run's last, 2000");
    row({"--trajectory", "5", "--trajectory-output="}, "--trajectory-output",
        "the file name is empty");
    // Plots and sessions.
    row({"--plots="}, "--plots", "the folder name is empty");
    row({"--plots", "f", "--plot-format", "gif"}, "--plot-format", "'gif' is not a plot format");
    row({"--plots", "f", "--plot-size", "1200"}, "--plot-size", "'1200' is not a size");
    row({"--plots", "f", "--plot-size", "10x800"}, "--plot-size", "each side must be from 50");
    row({"--plots", "f", "--plot-scale", "5"}, "--plot-scale", "from 0.25 to 4");
    row({"--plot-size", "800x600"}, "--plot-size", "only used with --plots DIR");
    row({"--session", "/nonexistent/s.couplinglab.json"}, "--session", "cannot read the file");
    // Whole numbers.
    row({"--pairs", "abc"}, "--pairs", "'abc' is not a whole number");
    row({"--pairs=12abc"}, "--pairs", "'12abc' is not a whole number");
    row({"--pairs="}, "--pairs", "'' is not a whole number");
    row({"--pairs", "1e3"}, "--pairs", "plain digits");
    row({"--pairs", "1.5"}, "--pairs", "not a whole number");
    row({"--pairs", "0"}, "--pairs", "at least 1");
    row({"--pairs", "-5"}, "--pairs", "at least 1");
    row({"--pairs", "2000000001"}, "--pairs", "maximum 2000000000");
    row({"--pairs", "99999999999999999999999"}, "--pairs", "out of range");
    row({"--pairs"}, "--pairs", "missing value N");
    row({"--pairs", "--draws", "5"}, "--pairs", "missing value N");
    row({"--data-seed", "-1"}, "--data-seed", "out of range");
    row({"--data-seed", "18446744073709551616"}, "--data-seed", "out of range");
    row({"--data-seed", "0x1"}, "--data-seed", "not a whole number");
    row({"--seed", "-1"}, "--seed", "out of range");
    row({"--seed", ""}, "--seed", "not a whole number");
    row({"--leapfrog-steps", "5"}, "--leapfrog-steps", "--sampler hmc");
    row({"--sampler", "nuts", "--leapfrog-steps", "5"}, "--leapfrog-steps", "--sampler hmc");
    row({"--sampler", "hmc", "--leapfrog-steps", "0"}, "--leapfrog-steps", "between 1 and 100000");
    row({"--sampler", "hmc", "--leapfrog-steps", "100001"}, "--leapfrog-steps",
        "between 1 and 100000");
    row({"--units", "1"}, "--units", "between 2 and 8");
    row({"--units", "9"}, "--units", "between 2 and 8");
    row({"--biases=1"}, "--biases", "takes no value");
    row({"--true-couplings", "0.5,,1"}, "--true-couplings", "is not a number");
    row({"--true-biases", "nan"}, "--true-biases", "not");
    row({"--metric", "full"}, "--metric", "choose unit, diag or dense");
    row({"--data", ""}, "--data", "the file name is empty");
    row({"--data-output", ""}, "--data-output", "the file name is empty");
    row({"--max-depth", "0"}, "--max-depth", "between 1 and 30");
    row({"--max-depth", "31"}, "--max-depth", "between 1 and 30");
    row({"--warmup", "-1"}, "--warmup", "between 0 and");
    row({"--warmup", "100000001"}, "--warmup", "between 0 and");
    row({"--warmup", "99999999999999999999"}, "--warmup", "between 0 and");
    row({"--draws", "0"}, "--draws", "between 1 and");
    row({"--draws", "1e3"}, "--draws", "not a whole number");
    row({"--chains", "0"}, "--chains", "between 1 and 64");
    row({"--chains", "65"}, "--chains", "between 1 and 64");
    row({"--chains", "4.0"}, "--chains", "not a whole number");
    row({"--chains", " 4"}, "--chains", "not a whole number");
    // Real numbers.
    row({"--coupling", "nan"}, "--coupling", "not a finite number");
    row({"--coupling", "inf"}, "--coupling", "not a finite number");
    row({"--coupling", "x"}, "--coupling", "'x' is not a number");
    row({"--prior-mean", "NaN"}, "--prior-mean", "not a finite number");
    row({"--prior-mean", "1e999"}, "--prior-mean", "outside the range");
    row({"--prior-sd", "0"}, "--prior-sd", "a number from 1e-150 to 1e140");
    row({"--prior-sd", "-1"}, "--prior-sd", "a number from 1e-150 to 1e140");
    row({"--prior-sd", "Infinity"}, "--prior-sd", "not a finite number");
    row({"--step-size", "0"}, "--step-size", "greater than 0");
    row({"--step-size", "-0.1"}, "--step-size", "greater than 0");
    row({"--step-size", "inf"}, "--step-size", "not a finite number");
    row({"--target-accept", "0"}, "--target-accept", "strictly between 0 and 1");
    row({"--target-accept", "1"}, "--target-accept", "strictly between 0 and 1");
    row({"--target-accept", "1.5"}, "--target-accept", "strictly between 0 and 1");
    // Words.
    row({"--likelihood", "exact"}, "--likelihood", "potential or boltzmann");
    row({"--likelihood"}, "--likelihood", "missing value");
    row({"--sampler", "mala"}, "--sampler", "nuts or hmc");
    row({"--output"}, "--output", "missing value FILE.csv");
    row({"--output="}, "--output", "empty");
    // Flags given a value.
    row({"--divide-by-n=yes"}, "--divide-by-n", "takes no value");
    row({"--no-adapt-metric=1"}, "--no-adapt-metric", "takes no value");
    row({"--json=true"}, "--json", "takes no value");
    row({"--quiet="}, "--quiet", "takes no value");
    row({"--help=1"}, "--help", "takes no value");
    row({"--version=x"}, "--version", "takes no value");
    // Repeated options.
    row({"--pairs", "10", "--pairs", "20"}, "--pairs", "given twice");
    row({"--pairs=10", "--pairs", "10"}, "--pairs", "given twice");
    row({"--quiet", "--quiet"}, "--quiet", "given twice");
    row({"--json", "--pairs", "5", "--json"}, "--json", "given twice");
    // Unknown options and positional arguments.
    row({"--frobnicate"}, "--frobnicate", "unknown option");
    row({"--pair", "10"}, "--pair", "did you mean --pairs?");
    row({"--trajectories", "3"}, "--trajectories", "unknown option");
    row({"-p", "10"}, "-p", "unknown option");
    row({"-h"}, "-h", "unknown option");
    row({"draws.csv"}, "draws.csv", "unexpected argument");
    row({"--pairs", "10", "20"}, "20", "unexpected argument");
    row({"--"}, "--", "positional arguments");
    // Control characters are escaped, so that the message stays on one line.
    row({"--pairs", "1\n2"}, "--pairs", "'1\\n2' is not a whole number");
    row({"--pa\nirs"}, "--pa\\nirs", "unknown option");
    row({"--coupling", "\t1"}, "--coupling", "'\\t1' is not a number");
    // The first problem wins, even before --help.
    row({"--pairs", "x", "--help"}, "--pairs", "not a whole number");
    return rows;
}

}  // namespace

class TestCliOptions : public QObject {
    Q_OBJECT

  private slots:
    void noArgumentsGiveTheCoreDefaults() {
        const CliOptions options = parse({});
        QVERIFY(options.data == DataSpec{});
        QVERIFY(options.model == ModelSpec{});
        QVERIFY(options.sampler == SamplerSettings{});
        QVERIFY(!options.output);
        QVERIFY(!options.json && !options.quiet && !options.help && !options.version);
        QVERIFY(options.given.empty());
        // The defaults the brief names, spelled out.
        QCOMPARE(options.data.pairs, std::uint64_t{10000});
        QCOMPARE(options.data.coupling, 0.0);
        QCOMPARE(options.data.seed, std::uint64_t{1});
        QVERIFY(options.model.likelihood == Likelihood::PotentialOnly);
        QCOMPARE(options.model.divideByN, false);
        QCOMPARE(options.model.priorMean, 0.0);
        QCOMPARE(options.model.priorSd, 1.0);
        QVERIFY(options.sampler.algorithm == Algorithm::Nuts);
        QCOMPARE(options.sampler.leapfrogSteps, 10);
        QCOMPARE(options.sampler.adaptStepSize, true);
        QCOMPARE(options.sampler.targetAccept, 0.8);
        QCOMPARE(options.sampler.adaptMetric, true);
        QCOMPARE(options.sampler.maxDepth, 10);
        QCOMPARE(options.sampler.warmup, 1000);
        QCOMPARE(options.sampler.draws, 1000);
        QCOMPARE(options.sampler.chains, 4);
        QCOMPARE(options.sampler.seed, std::uint64_t{1});
    }

    void optionEffectOnSettings_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<CliOptions>("expected");
        for (const EffectRow& row : effectRows())
            QTest::newRow(row.name) << row.arguments << row.expected;
    }
    void optionEffectOnSettings() {
        QFETCH(QStringList, arguments);
        QFETCH(CliOptions, expected);
        compareSettings(parse(arguments), expected);
    }

    void everyOptionHasAnEffectRow() {
        for (const QString& name : optionNames()) {
            const bool covered = std::ranges::any_of(effectRows(), [&](const EffectRow& row) {
                return row.arguments.contains("--" + name) ||
                       std::ranges::any_of(row.arguments, [&](const QString& a) {
                           return a.startsWith("--" + name + "=");
                       });
            });
            QVERIFY2(covered, qPrintable("no effect row for --" + name));
        }
    }

    void valueWithSpaceOrEqualsParsesAlike_data() {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        for (const OptionSpec& option : optionTable()) {
            if (option.isFlag()) continue;
            static const QHash<QString, QString> values = {{"pairs", "123"},
                                                           {"coupling", "0.5"},
                                                           {"data-seed", "9"},
                                                           {"likelihood", "boltzmann"},
                                                           {"prior-mean", "-3"},
                                                           {"prior-sd", "2"},
                                                           {"sampler", "hmc"},
                                                           {"leapfrog-steps", "7"},
                                                           {"step-size", "0.3"},
                                                           {"target-accept", "0.9"},
                                                           {"max-depth", "5"},
                                                           {"warmup", "11"},
                                                           {"draws", "12"},
                                                           {"chains", "3"},
                                                           {"seed", "77"},
                                                           {"output", "out.csv"},
                                                           {"plots", "figs"},
                                                           {"plot-format", "svg"},
                                                           {"plot-size", "800x600"},
                                                           {"plot-scale", "2"},
                                                           {"session", sessionPath()},
                                                           {"units", "5"},
                                                           {"true-couplings", "1,2,3"},
                                                           {"true-biases", "1,2"},
                                                           {"metric", "dense"},
                                                           {"data", "bits.csv"},
                                                           {"data-output", "out.csv"},
                                                           {"print-model", "pymc"}};
            const QString name = QString::fromUtf8(option.name);
            // These come in pairs, each needing the other; their '=' forms are covered by the
            // effect rows and by test_cli_sweep.
            if (name.startsWith("sweep-") || name.startsWith("trajectory") || name == "lesson" ||
                name == "handout" || name.startsWith("animation"))
                continue;
            QVERIFY2(values.contains(name), qPrintable("no sample value for --" + name));
            QTest::newRow(qPrintable(name)) << name << values.value(name);
        }
    }
    void valueWithSpaceOrEqualsParsesAlike() {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QStringList extra;
        if (option == "leapfrog-steps") extra = {"--sampler", "hmc"};
        if (option.startsWith("plot-")) extra = {"--plots", "figs"};
        const CliOptions spaced = parse(extra + QStringList{"--" + option, value});
        const CliOptions joined = parse(extra + QStringList{"--" + option + "=" + value});
        compareSettings(spaced, joined);
        QVERIFY(spaced.given == joined.given);
        // And the value took effect: the result differs from the defaults.
        CliOptions defaults;
        const bool same = spaced.data == defaults.data && spaced.model == defaults.model &&
                          spaced.sampler == defaults.sampler && spaced.output == defaults.output &&
                          spaced.plots == defaults.plots && spaced.session == defaults.session &&
                          spaced.machine == defaults.machine &&
                          spaced.printModel == defaults.printModel;
        QVERIFY2(!same, "the sample value must change a setting");
    }

    void helpDefaultsAgreeWithTheCore() {
        // Applying an option's documented default leaves the settings at their defaults.
        for (const OptionSpec& option : optionTable()) {
            if (option.isFlag() || option.name == "output" || option.name == "step-size" ||
                option.name == "session" || option.name.starts_with("sweep-") ||
                option.name.starts_with("true-") || option.name.starts_with("data-output") ||
                option.name == "data" ||  // "W for all", "0 for all", "none"
                option.name.starts_with("trajectory") || option.name == "lesson" ||
                option.name == "handout" ||
                option.name == "print-model" ||  // "none": nothing to apply
                option.name.starts_with("animation"))
                continue;
            CliOptions options;
            option.apply(options, option.defaultText);
            CliOptions defaults;
            QVERIFY2(options.data == defaults.data && options.model == defaults.model &&
                         options.sampler == defaults.sampler && options.machine == defaults.machine,
                     qPrintable("--" + QString::fromUtf8(option.name) + " default '" +
                                QString::fromUtf8(option.defaultText) + "'"));
        }
    }

    void helpListsEveryOptionWithItsDefault() {
        const QString help = QString::fromStdString(couplinglab::cli::helpText());
        for (const OptionSpec& option : optionTable()) {
            const QString name = "--" + QString::fromUtf8(option.name);
            QVERIFY2(help.contains(name), qPrintable(name));
            if (!option.defaultText.empty()) {
                QVERIFY2(help.contains("[default: " + QString::fromUtf8(option.defaultText) + "]"),
                         qPrintable(name));
            }
        }
        QVERIFY(
            QString::fromStdString(couplinglab::cli::versionText()).startsWith("couplinglab-cli "));
    }

    void wholeNumbersAreStrict_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<qint64>("value");
        const qint64 max = std::numeric_limits<qint64>::max();
        const qint64 min = std::numeric_limits<qint64>::min();
        QTest::newRow("zero") << "0" << true << qint64{0};
        QTest::newRow("plain") << "42" << true << qint64{42};
        QTest::newRow("plus sign") << "+7" << true << qint64{7};
        QTest::newRow("minus sign") << "-3" << true << qint64{-3};
        QTest::newRow("leading zeros") << "007" << true << qint64{7};
        QTest::newRow("int64 max") << "9223372036854775807" << true << max;
        QTest::newRow("beyond int64 saturates") << "99999999999999999999" << true << max;
        QTest::newRow("below int64 saturates") << "-99999999999999999999" << true << min;
        QTest::newRow("empty") << "" << false << qint64{0};
        QTest::newRow("leading space") << " 1" << false << qint64{0};
        QTest::newRow("trailing space") << "1 " << false << qint64{0};
        QTest::newRow("trailing letters") << "12abc" << false << qint64{0};
        QTest::newRow("exponent") << "1e3" << false << qint64{0};
        QTest::newRow("decimal point") << "1.0" << false << qint64{0};
        QTest::newRow("hexadecimal") << "0x10" << false << qint64{0};
        QTest::newRow("double minus") << "--1" << false << qint64{0};
        QTest::newRow("plus minus") << "+-1" << false << qint64{0};
        QTest::newRow("lone minus") << "-" << false << qint64{0};
        QTest::newRow("lone plus") << "+" << false << qint64{0};
        QTest::newRow("digit separator") << "1_000" << false << qint64{0};
        QTest::newRow("thousands comma") << "1,000" << false << qint64{0};
        QTest::newRow("word") << "ten" << false << qint64{0};
    }
    void wholeNumbersAreStrict() {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        QFETCH(qint64, value);
        const std::string input = text.toStdString();
        if (accepted) {
            QCOMPARE(couplinglab::cli::parseWholeNumber(input), value);
        } else {
            QVERIFY_THROWS_EXCEPTION(couplinglab::InputError,
                                     couplinglab::cli::parseWholeNumber(input));
        }
    }

    void exponentSuggestsPlainDigits() {
        try {
            couplinglab::cli::parseWholeNumber("1e3");
            QFAIL("1e3 must be refused");
        } catch (const couplinglab::InputError& error) {
            QVERIFY(QString(error.what()).contains("plain digits"));
        }
    }

    void realNumbersAreStrictAndFinite_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<double>("value");
        QTest::newRow("integer") << "2" << true << 2.0;
        QTest::newRow("negative") << "-2.5" << true << -2.5;
        QTest::newRow("plus sign") << "+0.5" << true << 0.5;
        QTest::newRow("leading point") << ".5" << true << 0.5;
        QTest::newRow("exponent") << "1e-3" << true << 1e-3;
        QTest::newRow("capital exponent") << "2.5E+2" << true << 250.0;
        QTest::newRow("smallest normal")
            << "2.2250738585072014e-308" << true << 2.2250738585072014e-308;
        QTest::newRow("nan") << "nan" << false << 0.0;
        QTest::newRow("NaN") << "NaN" << false << 0.0;
        QTest::newRow("inf") << "inf" << false << 0.0;
        QTest::newRow("-inf") << "-inf" << false << 0.0;
        QTest::newRow("Infinity") << "Infinity" << false << 0.0;
        QTest::newRow("overflow") << "1e999" << false << 0.0;
        QTest::newRow("underflow") << "1e-999" << false << 0.0;
        QTest::newRow("empty") << "" << false << 0.0;
        QTest::newRow("leading space") << " 1" << false << 0.0;
        QTest::newRow("decimal comma") << "1,5" << false << 0.0;
        QTest::newRow("hex float") << "0x1p3" << false << 0.0;
        QTest::newRow("dangling exponent") << "1e" << false << 0.0;
        QTest::newRow("trailing letters") << "0.5x" << false << 0.0;
        QTest::newRow("plus minus") << "+-1" << false << 0.0;
    }
    void realNumbersAreStrictAndFinite() {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        QFETCH(double, value);
        const std::string input = text.toStdString();
        if (accepted) {
            QCOMPARE(couplinglab::cli::parseRealNumber(input), value);
        } else {
            QVERIFY_THROWS_EXCEPTION(couplinglab::InputError,
                                     couplinglab::cli::parseRealNumber(input));
        }
    }

    void badInvocationNamesTheOptionInOneLine_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("problem");
        for (const BadRow& row : badRows()) {
            QTest::newRow(qPrintable(row.arguments.join(' ')))
                << row.arguments << row.option << row.problem;
        }
    }
    void badInvocationNamesTheOptionInOneLine() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        QFETCH(QString, problem);
        try {
            parse(arguments);
            QFAIL("the invocation was accepted");
        } catch (const UsageError& error) {
            const QString message = QString::fromStdString(error.what());
            QCOMPARE(QString::fromStdString(error.option()), option);
            QVERIFY2(message.startsWith(option.startsWith("--") && option.size() > 2
                                            ? option + ":"
                                            : "'" + option + "'"),
                     qPrintable(message));
            QVERIFY2(message.contains(problem), qPrintable(message));
            QVERIFY2(!message.contains('\n'), qPrintable(message));
        }
    }

    void badInvocationTableHasFortyRowsAndCoversEveryOption() {
        QVERIFY(badRows().size() >= 40);
        for (const OptionSpec& option : optionTable()) {
            const QString name = "--" + QString::fromUtf8(option.name);
            const bool covered = std::ranges::any_of(
                badRows(), [&](const BadRow& row) { return row.option == name; });
            QVERIFY2(covered, qPrintable("no bad invocation for " + name));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "test_cli_options.moc"

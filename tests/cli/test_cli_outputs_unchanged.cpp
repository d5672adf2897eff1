// couplinglab-cli's outputs for the README's kinds of command (the summary table, the JSON, Stan
// CSV, the trajectory CSV, a sweep, a K-unit machine, SVG plots), compared byte for byte with
// files saved by the program as it was before issue 15's refactor (commit 0c3baf7), in
// tests/cli/fixtures/outputs/<row>/. Moving code around must not change what a user gets.
//
// What is masked, and why: only what differs from one run to the next or from one machine to
// another by construction, on both sides alike (`masked` below):
// - in the JSON, the values of the keys that are times or rates (`seconds`, `warmup_seconds`,
//   `sampling_seconds`, `wall_seconds`, `data_seconds`, `draws_per_second`,
//   `gradients_per_second`, `min_ess_bulk_per_second`), `threads` (one per core, at most one per
//   chain: the machine's core count) and `version` (a release changes it, not a refactor);
// - in the table, the numbers of the Timing block (times, rates, and the thread count), whose
//   column widths also follow those numbers, so its spaces are collapsed too;
// - in the sweep's summary, "ran in <seconds> s on <threads> threads", and in its CSV the
//   `seconds` column.
// Everything else, every digit of every draw included, is compared as it is.
//
// Floating point: glibc chooses exp's and log's code at load time, an FMA/AVX2 body on CPUs that
// have it and an SSE2 one elsewhere; they differ in the last bit for a few arguments, and the
// sampler carries such a bit into different draws (test_k2_draws_regression, which compares
// draws in process, fails with the SSE2 body: GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA).
// This test therefore runs the program with the FMA, FMA4, AVX2 and AVX bodies switched off,
// so that every x86-64 CPU computes the SSE2 body's numbers and the fixtures hold on any of
// them. The SVG plots also depend on the fonts (their metrics place the axes): a plot drawn with
// another font family than the fixture's is skipped, saying so.
//
// COUPLINGLAB_WRITE_FIXTURE=1 rewrites the fixtures (only ever from a commit whose outputs are
// trusted, and say so in its message): COUPLINGLAB_WRITE_FIXTURE=1
// build/ci/tests/cli/test_cli_outputs_unchanged
#include <QtTest>

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "support/cli_process.h"

#ifndef COUPLINGLAB_OUTPUT_FIXTURES
#error "COUPLINGLAB_OUTPUT_FIXTURES must name tests/cli/fixtures/outputs"
#endif

using namespace couplinglab::testing;

namespace {

const QString kStdout = QStringLiteral("stdout.txt");

// glibc's libm on its SSE2 code paths on every x86-64 CPU (see the opening comment).
QProcessEnvironment sse2LibmEnvironment() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GLIBC_TUNABLES"),
                       QStringLiteral("glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4,-AVX"));
    return environment;
}

QByteArray replaced(QByteArray text, const QString& pattern, const QString& replacement) {
    return QString::fromUtf8(text)
        .replace(QRegularExpression(pattern, QRegularExpression::MultilineOption), replacement)
        .toUtf8();
}

// The table's Timing block: from the line "Timing" to the next empty line.
QByteArray maskedTimingBlock(const QByteArray& text) {
    QList<QByteArray> lines = text.split('\n');
    bool inTiming = false;
    for (QByteArray& line : lines) {
        if (line == "Timing") {
            inTiming = true;
        } else if (line.isEmpty()) {
            inTiming = false;
        } else if (inTiming) {
            // A run too short for the clock has rates of inf (or nan).
            line = "  " + replaced(line.simplified(),
                                   QStringLiteral("[0-9][0-9.,]*|\\binf\\b|\\bnan\\b"),
                                   QStringLiteral("#"));
            line.replace(" thread ", " threads ");
            if (line.endsWith(" thread")) line.append('s');
        }
    }
    return lines.join('\n');
}

// The sweep CSV's last column, when it is `seconds`.
QByteArray maskedSecondsColumn(const QByteArray& text) {
    QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty() || !lines.first().endsWith(",seconds")) return text;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype comma = lines[i].lastIndexOf(',');
        if (comma >= 0) lines[i] = lines[i].left(comma + 1) + "<masked>";
    }
    return lines.join('\n');
}

// What varies between runs and machines by construction, replaced by placeholders.
QByteArray masked(const QByteArray& text) {
    QByteArray result = replaced(
        text,
        QStringLiteral("\"(seconds|warmup_seconds|sampling_seconds|wall_seconds|data_seconds|"
                       "draws_per_second|gradients_per_second|min_ess_bulk_per_second|threads)\":"
                       "(-?[0-9][0-9.eE+-]*|null)"),
        QStringLiteral("\"\\1\":\"<masked>\""));
    result = replaced(result,
                      QStringLiteral("^(\\{\"program\":\"couplinglab-cli\",\"version\":)"
                                     "\"[^\"]*\""),
                      QStringLiteral("\\1\"<masked>\""));
    result = replaced(result, QStringLiteral("ran in \\S+ s on \\d+ threads?"),
                      QStringLiteral("ran in <masked> s on <masked> threads"));
    return maskedSecondsColumn(maskedTimingBlock(result));
}

// "line N: expected ... / actual ...", or an empty string when the texts are equal.
QString firstDifference(const QByteArray& expected, const QByteArray& actual) {
    if (expected == actual) return {};
    const QList<QByteArray> a = expected.split('\n');
    const QList<QByteArray> b = actual.split('\n');
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const QByteArray left = i < a.size() ? a[i] : QByteArray("<end of file>");
        const QByteArray right = i < b.size() ? b[i] : QByteArray("<end of file>");
        if (left != right) {
            return QStringLiteral("line %1:\n  expected: %2\n  actual:   %3")
                .arg(i + 1)
                .arg(QString::fromUtf8(left.left(300)), QString::fromUtf8(right.left(300)));
        }
    }
    return QStringLiteral("the same lines, different bytes");
}

QByteArray fontFamilyOf(const QByteArray& svg) {
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("font-family=\"([^\"]*)\""))
            .match(QString::fromUtf8(svg));
    return match.hasMatch() ? match.captured(1).toUtf8() : QByteArray();
}

bool writeFixture(const QString& path, const QByteArray& content) {
    return QDir().mkpath(QFileInfo(path).path()) && writeFile(path, content);
}

}  // namespace

class TestCliOutputsUnchanged : public QObject {
    Q_OBJECT

  private slots:
    void outputsAreByteIdenticalToTheFixtures_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("files");  // written by the run, besides standard output
        auto row = [](const char* name, const QString& arguments, const QString& files) {
            QTest::newRow(name) << arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts)
                                << files.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        };
        row("default-table", "", "");
        row("boltzmann-json", "--likelihood boltzmann --json", "");
        row("boltzmann-unit-metric-stan-csv",
            "--likelihood boltzmann --no-adapt-metric --output draws.csv --draws 100",
            "draws_1.csv draws_2.csv draws_3.csv draws_4.csv");
        row("trajectory-csv",
            "--trajectory 4 --trajectory-output trajectory.csv --chains 1 --draws 100",
            "trajectory.csv");
        row("sweep",
            "--sweep-pairs 10,100,1000 --sweep-output sweep.csv --warmup 200 --draws 200 --chains "
            "2",
            "sweep.csv");
        row("machine-k3-biases-table-csv",
            "--units 3 --biases --likelihood boltzmann --true-couplings 0.5,-0.3,0.2 "
            "--true-biases 0.1,0,-0.2 --pairs 2000 --chains 2 --draws 100 --output machine.csv "
            "--data-output bits.csv",
            "machine_1.csv machine_2.csv bits.csv");
        // b.1 = 3 at N = 10^4: a skewed posterior, its Laplace reference approximate.
        row("machine-k3-dense-json",
            "--units 3 --biases --coupling 0.5 --true-biases 3,0,0 --likelihood boltzmann "
            "--metric dense --json",
            "");
#ifdef COUPLINGLAB_CLI_PLOTS
        row("plots-svg",
            "--warmup 100 --draws 100 --chains 1 --plots plots --plot-format svg --plot-size "
            "400x300",
            "plots/trace.svg plots/posterior.svg");
#endif
    }

    void outputsAreByteIdenticalToTheFixtures() {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, files);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("plots")));  // --plots wants a folder
        const Outcome outcome = runCli(arguments, dir.path(), sse2LibmEnvironment());
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QCOMPARE(outcome.err, QByteArray());

        QList<QPair<QString, QByteArray>> outputs = {{kStdout, masked(outcome.out)}};
        for (const QString& file : files)
            outputs.append({file, masked(readAll(dir.filePath(file)))});

        const QString fixtures = QStringLiteral(COUPLINGLAB_OUTPUT_FIXTURES) + QLatin1Char('/') +
                                 QTest::currentDataTag();
        if (qEnvironmentVariableIsSet("COUPLINGLAB_WRITE_FIXTURE")) {
            for (const auto& [name, content] : outputs)
                QVERIFY(writeFixture(fixtures + QLatin1Char('/') + name, content));
            QSKIP("fixtures rewritten");
        }
        for (const auto& [name, content] : outputs) {
            const QString path = fixtures + QLatin1Char('/') + name;
            QVERIFY2(QFileInfo::exists(path), qPrintable(path + " is missing"));
            const QByteArray expected = readAll(path);
            if (name.endsWith(QLatin1String(".svg")) &&
                fontFamilyOf(expected) != fontFamilyOf(content)) {
                QSKIP(qPrintable("the plots were drawn with the fonts " +
                                 QString::fromUtf8(fontFamilyOf(content)) + ", the fixture with " +
                                 QString::fromUtf8(fontFamilyOf(expected)) +
                                 ": their layout cannot be compared"));
            }
            const QString difference = firstDifference(expected, content);
            QVERIFY2(difference.isEmpty(),
                     qPrintable(name + " differs from " + path + ", " + difference));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliOutputsUnchanged)
#include "test_cli_outputs_unchanged.moc"

// couplinglab-cli --animation, run as a user runs it: the real executable in a QProcess, without
// a display. The files are read back by the tools a teacher's slides and browsers rely on:
// ImageMagick counts a GIF's frames, ffprobe an MP4's; the last frame of a trajectory animation is
// compared with the still export (--plots) of the same iteration.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "support/cli_process.h"

using namespace couplinglab::testing;

namespace {

// A short run: 200 iterations per chain, the last of which the trajectory animations show.
const QStringList kRun = {"--pairs", "1000",     "--warmup", "100",    "--draws",
                          "100",     "--chains", "2",        "--quiet"};
const QString kLastIteration = QStringLiteral("200");

// A tool (ffmpeg, identify) with `arguments` in `folder`.
Outcome run(const QString& program, const QStringList& arguments, const QString& folder) {
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) return {};
    return finish(process);
}

// The CLI without a display: it must choose the offscreen platform itself.
Outcome runCliOffscreen(const QStringList& arguments, const QString& folder) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("DISPLAY"));
    return runCli(kRun + arguments, folder, environment);
}

QString tool(const char* name) {
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

// The frames of a GIF as a viewer shows them (each drawn over the previous one).
QList<QImage> gifFrames(const QString& path) {
    QImageReader reader(path);
    QList<QImage> frames;
    for (QImage frame = reader.read(); !frame.isNull(); frame = reader.read())
        frames.append(frame.convertToFormat(QImage::Format_RGB32));
    return frames;
}

// Frame `index` (0-based) of an MP4, decoded by ffmpeg.
QImage mp4Frame(const QString& path, int index, const QString& folder) {
    const QString png = QDir(folder).filePath(QStringLiteral("frame-%1.png").arg(index));
    const Outcome decoded =
        run(tool("ffmpeg"),
            {"-v", "error", "-y", "-i", path, "-vf", QStringLiteral("select=eq(n\\,%1)").arg(index),
             "-vsync", "0", "-frames:v", "1", png},
            folder);
    if (decoded.exitCode != 0) return {};
    return QImage(png).convertToFormat(QImage::Format_RGB32);
}

// Mean absolute difference of two images per channel, as a fraction of full scale.
double meanAbsoluteDifference(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return 1.0;
    double sum = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const auto* p = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* q = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            sum += std::abs(qRed(p[x]) - qRed(q[x])) + std::abs(qGreen(p[x]) - qGreen(q[x])) +
                   std::abs(qBlue(p[x]) - qBlue(q[x]));
        }
    }
    return sum / (3.0 * 255.0 * a.width() * a.height());
}

QStringList lines(const QByteArray& text) {
    return QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

class TestCliAnimation : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        if (tool("identify").isEmpty() || tool("ffprobe").isEmpty() || tool("ffmpeg").isEmpty())
            QSKIP(
                "ImageMagick and FFmpeg are needed to read the animations back; "
                "scripts/setup.sh installs them");
    }

    void aTenSecondAnimationHasItsFrameCountSizeAndDuration_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("file");
        QTest::newRow("trajectory, GIF") << QStringLiteral("trajectory") << QStringLiteral("t.gif");
        QTest::newRow("trajectory, MP4") << QStringLiteral("trajectory") << QStringLiteral("t.mp4");
        QTest::newRow("trace, GIF") << QStringLiteral("trace") << QStringLiteral("trace.gif");
        QTest::newRow("trace, MP4") << QStringLiteral("trace") << QStringLiteral("trace.mp4");
        QTest::newRow("grid, GIF") << QStringLiteral("grid") << QStringLiteral("grid.gif");
    }
    // 10 s at 10 frames a second: 100 frames of 240x150 logical pixels at scale 2.
    void aTenSecondAnimationHasItsFrameCountSizeAndDuration() {
        QFETCH(QString, kind);
        QFETCH(QString, file);
        QTemporaryDir dir;
        QStringList arguments{"--animation",      kind,      "--animation-output",  file,
                              "--animation-fps",  "10",      "--animation-seconds", "10",
                              "--animation-size", "240x150", "--animation-scale",   "2"};
        if (kind == QLatin1String("trajectory"))
            arguments << QStringLiteral("--trajectory") << kLastIteration;
        const Outcome made = runCliOffscreen(arguments, dir.path());
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QString path = dir.filePath(file);
        if (file.endsWith(QLatin1String(".gif"))) {
            // %W %H: the canvas each frame is shown on; %T: its delay in 1/100 s.
            const Outcome frames =
                run(tool("identify"), {"-format", "%W %H %T\\n", path}, dir.path());
            QCOMPARE(frames.exitCode, 0);
            const QStringList rows = lines(frames.out);
            QCOMPARE(rows.size(), 100);
            int hundredths = 0;
            for (const QString& row : rows) {
                const QStringList fields = row.split(QLatin1Char(' '));
                QCOMPARE(fields.value(0), QStringLiteral("480"));
                QCOMPARE(fields.value(1), QStringLiteral("300"));
                hundredths += fields.value(2).toInt();
            }
            QCOMPARE(hundredths, 1000);
        } else {
            const Outcome probe =
                run(tool("ffprobe"),
                    {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                     "stream=codec_name,pix_fmt,width,height,nb_read_frames,duration", "-of",
                     "default=nw=1", path},
                    dir.path());
            QCOMPARE(probe.exitCode, 0);
            const QStringList fields = lines(probe.out);
            QVERIFY2(fields.contains(QStringLiteral("codec_name=h264")), probe.out.constData());
            QVERIFY2(fields.contains(QStringLiteral("pix_fmt=yuv420p")), probe.out.constData());
            QVERIFY2(fields.contains(QStringLiteral("width=480")), probe.out.constData());
            QVERIFY2(fields.contains(QStringLiteral("height=300")), probe.out.constData());
            QVERIFY2(fields.contains(QStringLiteral("nb_read_frames=100")), probe.out.constData());
            QVERIFY2(fields.contains(QStringLiteral("duration=10.000000")), probe.out.constData());
        }
    }

    // By iterations per frame the range sets the frames: 200 iterations at 4 a frame reveal in
    // 50 frames, and 12 more (a fifth of the whole) hold the finished trace.
    void iterationsPerFrameSetTheFrameCount() {
        QTemporaryDir dir;
        const Outcome made = runCliOffscreen(
            {"--animation", "trace", "--animation-output", "t.gif",
             "--animation-iterations-per-frame", "4", "--animation-size", "200x120"},
            dir.path());
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const Outcome frames =
            run(tool("identify"), {"-format", "%W\\n", dir.filePath(QStringLiteral("t.gif"))},
                dir.path());
        QCOMPARE(lines(frames.out).size(), 62);
    }

    void theLastTrajectoryFrameIsTheStillExportOfTheIteration_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("GIF") << QStringLiteral("t.gif");
        QTest::newRow("MP4") << QStringLiteral("t.mp4");
    }
    // The animation holds the whole trajectory at its end: the picture --plots draws of the
    // run's last iteration, up to the format's loss (a GIF's 256 colours, H.264's quantization).
    // Its first frame, a few points into the trajectory, is clearly further from it.
    void theLastTrajectoryFrameIsTheStillExportOfTheIteration() {
        QFETCH(QString, file);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("plots")));
        const Outcome made = runCliOffscreen(
            {"--animation", "trajectory", "--trajectory", kLastIteration, "--animation-output",
             file, "--animation-fps", "5", "--animation-seconds", "4", "--animation-size",
             "640x400", "--plots", "plots", "--plot-size", "640x400"},
            dir.path());
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QImage still = QImage(dir.filePath(QStringLiteral("plots/trajectory.png")))
                                 .convertToFormat(QImage::Format_RGB32);
        QCOMPARE(still.size(), QSize(640, 400));
        QImage first;
        QImage last;
        if (file.endsWith(QLatin1String(".gif"))) {
            const QList<QImage> frames = gifFrames(dir.filePath(file));
            QCOMPARE(frames.size(), 20);
            first = frames.first();
            last = frames.last();
        } else {
            first = mp4Frame(dir.filePath(file), 0, dir.path());
            last = mp4Frame(dir.filePath(file), 19, dir.path());
        }
        const double lastDifference = meanAbsoluteDifference(last, still);
        const double firstDifference = meanAbsoluteDifference(first, still);
        QVERIFY2(lastDifference < 0.003, qPrintable(QString::number(lastDifference)));
        QVERIFY2(firstDifference > 3 * lastDifference,
                 qPrintable(QStringLiteral("%1 vs %2").arg(firstDifference).arg(lastDifference)));
    }

    // The frames come from the run and the settings alone: two exports give the same GIF, byte
    // for byte.
    void theSameSettingsGiveTheSameGif() {
        QTemporaryDir dir;
        for (const char* file : {"a.gif", "b.gif"}) {
            const Outcome made = runCliOffscreen(
                {"--animation", "grid", "--animation-output", file, "--animation-fps", "5",
                 "--animation-seconds", "2", "--animation-size", "400x300"},
                dir.path());
            QVERIFY2(made.exitCode == 0, made.err.constData());
        }
        QFile a(dir.filePath(QStringLiteral("a.gif")));
        QFile b(dir.filePath(QStringLiteral("b.gif")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray bytes = a.readAll();
        QVERIFY(bytes.startsWith("GIF89a"));
        QVERIFY(bytes == b.readAll());
    }

    void aBadAnimationRequestIsRefusedBeforeSampling_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no output") << QStringList{"--animation", "trace"}
                                   << QStringLiteral("--animation: needs --animation-output");
        QTest::newRow("an AVI") << QStringList{"--animation", "trace", "--animation-output",
                                               "a.avi"}
                                << QStringLiteral("must end in .gif or .mp4");
        QTest::newRow("a kind there is not")
            << QStringList{"--animation", "movie", "--animation-output", "a.gif"}
            << QStringLiteral("choose trajectory, trace or grid");
        QTest::newRow("trajectory without --trajectory")
            << QStringList{"--animation", "trajectory", "--animation-output", "a.gif"}
            << QStringLiteral("choose it with --trajectory I");
        QTest::newRow("0 fps") << QStringList{"--animation",        "trace",
                                              "--animation-output", "a.gif",
                                              "--animation-fps",    "0"}
                               << QStringLiteral("--animation-fps: '0' is out of range");
        QTest::newRow("an odd MP4")
            << QStringList{"--animation",      "trace",  "--animation-output", "a.mp4",
                           "--animation-size", "301x200"}
            << QStringLiteral("an MP4 needs an even width and height");
        QTest::newRow("4x too big")
            << QStringList{"--animation",      "trace",     "--animation-output", "a.gif",
                           "--animation-size", "2000x1000", "--animation-scale",  "3"}
            << QStringLiteral("each side may be at most 3840");
        QTest::newRow("fps alone")
            << QStringList{"--animation-fps", "10"} << QStringLiteral("only used with --animation");
        QTest::newRow("a folder that is not there")
            << QStringList{"--animation", "trace", "--animation-output", "missing/a.gif"}
            << QStringLiteral("--animation-output:");
        QTest::newRow("the machine")
            << QStringList{"--animation", "trace", "--animation-output", "a.gif", "--units", "3"}
            << QStringLiteral("the K-unit machine");
    }
    void aBadAnimationRequestIsRefusedBeforeSampling() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Outcome refused = runCliOffscreen(arguments, dir.path());
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(QString::fromUtf8(refused.err).contains(message), refused.err.constData());
        QVERIFY(QDir(dir.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliAnimation)
#include "test_cli_animation.moc"

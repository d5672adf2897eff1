#include "ui/settings/session.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QSaveFile>
#include <QStringList>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "core/input_file.h"
#include "core/nuts.h"
#include "core/output_target.h"
#include "ui/controls/control_panel.h"
#include "ui/files/file_error.h"

namespace couplinglab::ui {
namespace {

namespace lim = panel_limits;

// Decimals of the window's real-valued fields (ui/controls/control_panel.cpp): a QDoubleSpinBox
// rounds what it is given to these, so a session may hold no more. test_session checks that a
// session set into a ControlPanel reads back unchanged.
constexpr int kCouplingDecimals = 2;
constexpr int kPriorMeanDecimals = 2;
constexpr int kPriorSdDecimals = 6;
constexpr int kTargetAcceptDecimals = 2;
constexpr int kStepSizeDecimals = 12;
constexpr int kLeapfrogPaceDecimals = 1;
constexpr int kNoDecimalLimit = -1;

constexpr qint64 kMaxInt = std::numeric_limits<int>::max();

const QString kData = QStringLiteral("data");
const QString kModel = QStringLiteral("model");
const QString kSampler = QStringLiteral("sampler");
const QString kDisplay = QStringLiteral("display");

// ---- Writing, in a fixed key order -------------------------------------------------------------

QByteArray real(double value) {
    if (!std::isfinite(value)) return "null";  // never valid, but keeps the document JSON
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}

QByteArray boolean(bool value) {
    return value ? "true" : "false";
}

QByteArray text(std::string_view value) {
    // Only the core's fixed names are written: no character needs escaping.
    return '"' + QByteArray(value.data(), static_cast<qsizetype>(value.size())) + '"';
}

using Fields = std::vector<std::pair<const char*, QByteArray>>;

QByteArray object(const Fields& fields, bool indented, int depth) {
    const QByteArray indent = indented ? QByteArray(qsizetype{4} * (depth + 1), ' ') : QByteArray();
    const QByteArray closing = indented ? QByteArray(qsizetype{4} * depth, ' ') : QByteArray();
    const char* separator = indented ? ",\n" : ",";
    QByteArray out = indented ? "{\n" : "{";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out += indent + '"' + fields[i].first + (indented ? "\": " : "\":") + fields[i].second;
        if (i + 1 < fields.size()) out += separator;
    }
    return out + (indented ? "\n" + closing + "}" : "}");
}

QByteArray write(const Session& session, bool indented) {
    const DataSpec& d = session.settings.data;
    const ModelSpec& m = session.settings.model;
    const SamplerSettings& s = session.settings.sampler;
    const DisplaySettings& v = session.display;
    const Fields data{{"pairs", QByteArray::number(d.pairs)},
                      {"coupling", real(d.coupling)},
                      {"seed", QByteArray::number(d.seed)}};
    const Fields model{{"priorMean", real(m.priorMean)},
                       {"priorSd", real(m.priorSd)},
                       {"likelihood", text(toString(m.likelihood))},
                       {"divideByN", boolean(m.divideByN)}};
    const Fields sampler{{"algorithm", text(toString(s.algorithm))},
                         {"leapfrogSteps", QByteArray::number(s.leapfrogSteps)},
                         {"adaptStepSize", boolean(s.adaptStepSize)},
                         {"stepSize", real(s.stepSize)},
                         {"targetAccept", real(s.targetAccept)},
                         {"adaptMetric", boolean(s.adaptMetric)},
                         {"maxDepth", QByteArray::number(s.maxDepth)},
                         {"warmup", QByteArray::number(s.warmup)},
                         {"draws", QByteArray::number(s.draws)},
                         {"chains", QByteArray::number(s.chains)},
                         {"seed", QByteArray::number(s.seed)},
                         {"maxDeltaH", real(s.maxDeltaH)},
                         {"gamma", real(s.gamma)},
                         {"kappa", real(s.kappa)},
                         {"t0", real(s.t0)},
                         {"initBuffer", QByteArray::number(s.initBuffer)},
                         {"termBuffer", QByteArray::number(s.termBuffer)},
                         {"baseWindow", QByteArray::number(s.baseWindow)},
                         {"initRadius", real(s.initRadius)}};
    const Fields display{{"speedLevel", QByteArray::number(v.speedLevel)},
                         {"leapfrogStepsPerSecond", real(v.leapfrogStepsPerSecond)},
                         {"traceWindow", QByteArray::number(v.traceWindow)},
                         {"keepTunedStepSize", boolean(v.keepTunedStepSize)}};
    const Fields document{
        {"format", text(kSessionFormat)},          {"version", QByteArray::number(kSessionVersion)},
        {"data", object(data, indented, 1)},       {"model", object(model, indented, 1)},
        {"sampler", object(sampler, indented, 1)}, {"display", object(display, indented, 1)}};
    return object(document, indented, 0) + (indented ? "\n" : "");
}

// ---- Reading strictly
// ----------------------------------------------------------------------------

// A JSON value as the user wrote it, shortened: "abc" with its quotes, 3000000000, [1,2].
QString describe(const QJsonValue& value) {
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    json = json.mid(1, json.size() - 2);  // without the array's brackets
    QString shown = QString::fromUtf8(json);
    constexpr qsizetype kLongest = 40;
    if (shown.size() > kLongest) shown = shown.left(kLongest - 1) + QChar(0x2026);
    return shown;
}

QString number(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

bool fitsDecimals(double value, int decimals) {
    return decimals < 0 || QString::number(value, 'f', decimals).toDouble() == value;
}

// One JSON object of the document, read field by field; `path` is its dotted name.
class Section {
  public:
    Section(QJsonObject object, QString path, QStringList keys)
        : object_(std::move(object)), path_(std::move(path)), keys_(std::move(keys)) {}

    // Called before the fields are read: a misspelt key is the likely cause of a missing one.
    const Section& rejectUnknownKeys() const {
        for (const QString& key : object_.keys()) {
            if (!keys_.contains(key)) {
                fail(key, QStringLiteral("unknown field (expected %1)")
                              .arg(keys_.join(QStringLiteral(", "))));
            }
        }
        return *this;
    }

    QJsonValue value(const QString& key) const {
        if (!object_.contains(key)) throw SessionError(name(key), QStringLiteral("missing"));
        return object_.value(key);
    }

    QJsonObject section(const QString& key) const {
        const QJsonValue v = value(key);
        if (!v.isObject()) fail(key, QStringLiteral("must be an object, got ") + describe(v));
        return v.toObject();
    }

    QString string(const QString& key) const {
        const QJsonValue v = value(key);
        if (!v.isString()) fail(key, QStringLiteral("must be a string, got ") + describe(v));
        return v.toString();
    }

    template <class Integer>
    Integer whole(const QString& key, qint64 minimum, qint64 maximum) const {
        const QJsonValue v = value(key);
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d) {
            fail(key, QStringLiteral("must be a whole number, got ") + describe(v));
        }
        if (d < static_cast<double>(minimum) || d > static_cast<double>(maximum)) {
            fail(key, QStringLiteral("must be a whole number from %1 to %2, got %3")
                          .arg(minimum)
                          .arg(maximum)
                          .arg(describe(v)));
        }
        return static_cast<Integer>(d);
    }

    double real(const QString& key, const std::function<bool(double)>& accept,
                const QString& expected, int decimals) const {
        const QJsonValue v = value(key);
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(key, QStringLiteral("must be a number, got ") + describe(v));
        }
        const double d = v.toDouble();
        if (!accept(d)) fail(key, QStringLiteral("must be %1, got %2").arg(expected, describe(v)));
        if (!fitsDecimals(d, decimals)) {
            fail(key, QStringLiteral("must have at most %1 decimals, as the window shows, got %2")
                          .arg(decimals)
                          .arg(describe(v)));
        }
        return d;
    }

    double realBetween(const QString& key, double minimum, double maximum, int decimals) const {
        return real(
            key, [=](double d) { return d >= minimum && d <= maximum; },
            QStringLiteral("a number from %1 to %2").arg(number(minimum), number(maximum)),
            decimals);
    }

    bool boolean(const QString& key) const {
        const QJsonValue v = value(key);
        if (!v.isBool()) fail(key, QStringLiteral("must be true or false, got ") + describe(v));
        return v.toBool();
    }

    // One of the core's names, e.g. "potential" / "boltzmann".
    template <class Enum>
    Enum choice(const QString& key, std::optional<Enum> (*parse)(std::string_view),
                const QStringList& names) const {
        const QJsonValue v = value(key);
        const std::optional<Enum> parsed =
            v.isString() ? parse(v.toString().toStdString()) : std::nullopt;
        if (!parsed) {
            QStringList quoted;
            for (const QString& n : names)
                quoted.append(QLatin1Char('"') + n + QLatin1Char('"'));
            fail(key, QStringLiteral("must be %1, got %2")
                          .arg(quoted.join(QStringLiteral(" or ")), describe(v)));
        }
        return *parsed;
    }

    [[noreturn]] void fail(const QString& key, const QString& problem) const {
        throw SessionError(name(key), problem);
    }

  private:
    QString name(const QString& key) const {
        return path_.isEmpty() ? key : path_ + QLatin1Char('.') + key;
    }

    QJsonObject object_;
    QString path_;
    QStringList keys_;
};

DataSpec readData(const Section& s) {
    DataSpec data;
    data.pairs =
        s.whole<std::uint64_t>(QStringLiteral("pairs"), static_cast<qint64>(lim::kMinPairs),
                               static_cast<qint64>(lim::kMaxPairs));
    data.coupling = s.realBetween(QStringLiteral("coupling"), lim::kMinCoupling, lim::kMaxCoupling,
                                  kCouplingDecimals);
    data.seed =
        s.whole<std::uint64_t>(QStringLiteral("seed"), 0, static_cast<qint64>(lim::kMaxSeed));
    return data;
}

ModelSpec readModel(const Section& s) {
    ModelSpec model;
    model.priorMean = s.realBetween(QStringLiteral("priorMean"), lim::kMinPriorMean,
                                    lim::kMaxPriorMean, kPriorMeanDecimals);
    model.priorSd = s.realBetween(QStringLiteral("priorSd"), lim::kMinPriorSd, lim::kMaxPriorSd,
                                  kPriorSdDecimals);
    model.likelihood =
        s.choice<Likelihood>(QStringLiteral("likelihood"), &likelihoodFromString,
                             {QStringLiteral("potential"), QStringLiteral("boltzmann")});
    model.divideByN = s.boolean(QStringLiteral("divideByN"));
    return model;
}

SamplerSettings readSampler(const Section& s) {
    SamplerSettings sampler;
    const auto positive = [](double d) { return d > 0.0; };
    sampler.algorithm = s.choice<Algorithm>(QStringLiteral("algorithm"), &algorithmFromString,
                                            {QStringLiteral("nuts"), QStringLiteral("hmc")});
    sampler.leapfrogSteps = s.whole<int>(QStringLiteral("leapfrogSteps"), 1, kMaxLeapfrogSteps);
    sampler.adaptStepSize = s.boolean(QStringLiteral("adaptStepSize"));
    sampler.stepSize = s.realBetween(QStringLiteral("stepSize"), lim::kMinStepSize,
                                     lim::kMaxStepSize, kStepSizeDecimals);
    sampler.targetAccept = s.realBetween(QStringLiteral("targetAccept"), lim::kMinTargetAccept,
                                         lim::kMaxTargetAccept, kTargetAcceptDecimals);
    sampler.adaptMetric = s.boolean(QStringLiteral("adaptMetric"));
    sampler.maxDepth = s.whole<int>(QStringLiteral("maxDepth"), 1, kMaxTreeDepthLimit);
    sampler.warmup = s.whole<int>(QStringLiteral("warmup"), 0, kMaxIterations);
    sampler.draws = s.whole<int>(QStringLiteral("draws"), 1, kMaxIterations);
    sampler.chains = s.whole<int>(QStringLiteral("chains"), 1, lim::kMaxChains);
    sampler.seed =
        s.whole<std::uint64_t>(QStringLiteral("seed"), 0, static_cast<qint64>(lim::kMaxSeed));
    // Stan's constants: not shown by the window, which keeps them as they are.
    sampler.maxDeltaH = s.real(QStringLiteral("maxDeltaH"), positive,
                               QStringLiteral("a number greater than 0"), kNoDecimalLimit);
    sampler.gamma = s.real(QStringLiteral("gamma"), positive,
                           QStringLiteral("a number greater than 0"), kNoDecimalLimit);
    sampler.kappa = s.real(
        QStringLiteral("kappa"), [](double d) { return d > 0.0 && d <= 1.0; },
        QStringLiteral("a number greater than 0 and at most 1"), kNoDecimalLimit);
    sampler.t0 = s.real(
        QStringLiteral("t0"), [](double d) { return d >= 0.0; },
        QStringLiteral("a number of at least 0"), kNoDecimalLimit);
    sampler.initBuffer = s.whole<int>(QStringLiteral("initBuffer"), 0, kMaxInt);
    sampler.termBuffer = s.whole<int>(QStringLiteral("termBuffer"), 0, kMaxInt);
    sampler.baseWindow = s.whole<int>(QStringLiteral("baseWindow"), 1, kMaxInt);
    sampler.initRadius = s.real(
        QStringLiteral("initRadius"), [](double d) { return d >= 0.0; },
        QStringLiteral("a number of at least 0"), kNoDecimalLimit);
    return sampler;
}

DisplaySettings readDisplay(const Section& s) {
    DisplaySettings display;
    display.speedLevel = s.whole<int>(QStringLiteral("speedLevel"), 0, kFullSpeedLevel);
    display.leapfrogStepsPerSecond =
        s.realBetween(QStringLiteral("leapfrogStepsPerSecond"), kMinLeapfrogStepsPerSecond,
                      kMaxLeapfrogStepsPerSecond, kLeapfrogPaceDecimals);
    display.traceWindow =
        s.whole<int>(QStringLiteral("traceWindow"), kMinTraceWindow, kMaxTraceWindow);
    display.keepTunedStepSize = s.boolean(QStringLiteral("keepTunedStepSize"));
    return display;
}

QStringList keys(std::initializer_list<const char*> names) {
    QStringList list;
    for (const char* name : names)
        list.append(QString::fromLatin1(name));
    return list;
}

}  // namespace

SessionError::SessionError(const QString& field, const QString& problem)
    : InputError((field + QStringLiteral(": ") + problem).toStdString()),
      field_(field),
      problem_(problem) {}

QByteArray toJson(const Session& session) {
    return write(session, true);
}

QString sessionMetadata(const Session& session) {
    return QString::fromUtf8(write(session, false));
}

Session sessionFromJson(const QByteArray& json) {
    // Editors on Windows like to start UTF-8 with a byte order mark, which JSON does not allow.
    const QByteArray bom("\xEF\xBB\xBF");
    QJsonParseError error{};
    const QJsonDocument document =
        QJsonDocument::fromJson(json.startsWith(bom) ? json.mid(bom.size()) : json, &error);
    if (error.error != QJsonParseError::NoError) {
        throw SessionError(QStringLiteral("document"),
                           QStringLiteral("not valid JSON (%1 at character %2)")
                               .arg(error.errorString())
                               .arg(error.offset));
    }
    if (!document.isObject()) {
        throw SessionError(QStringLiteral("document"),
                           QStringLiteral("must be a JSON object with the session's settings"));
    }
    const Section root(document.object(), QString(),
                       keys({"format", "version", "data", "model", "sampler", "display"}));
    const QString format = QString::fromLatin1(kSessionFormat);
    const QJsonValue tag = root.value(QStringLiteral("format"));
    if (tag.toString() != format) {
        root.fail(QStringLiteral("format"),
                  QStringLiteral("must be \"%1\", got %2").arg(format, describe(tag)));
    }
    const QJsonValue version = root.value(QStringLiteral("version"));
    const double v = version.toDouble();
    if (!version.isDouble() || std::floor(v) != v) {
        root.fail(QStringLiteral("version"),
                  QStringLiteral("must be a whole number, got ") + describe(version));
    }
    if (v != kSessionVersion) {
        root.fail(QStringLiteral("version"), QStringLiteral("%1 is not supported (expected %2)")
                                                 .arg(describe(version))
                                                 .arg(kSessionVersion));
    }

    root.rejectUnknownKeys();

    const auto section = [&root](const QString& name, QStringList fields) {
        return Section(root.section(name), name, std::move(fields));
    };
    Session session;
    session.settings.data =
        readData(section(kData, keys({"pairs", "coupling", "seed"})).rejectUnknownKeys());
    session.settings.model =
        readModel(section(kModel, keys({"priorMean", "priorSd", "likelihood", "divideByN"}))
                      .rejectUnknownKeys());
    session.settings.sampler = readSampler(
        section(kSampler, keys({"algorithm", "leapfrogSteps", "adaptStepSize", "stepSize",
                                "targetAccept", "adaptMetric", "maxDepth", "warmup", "draws",
                                "chains", "seed", "maxDeltaH", "gamma", "kappa", "t0", "initBuffer",
                                "termBuffer", "baseWindow", "initRadius"}))
            .rejectUnknownKeys());
    session.display = readDisplay(section(kDisplay, keys({"speedLevel", "leapfrogStepsPerSecond",
                                                          "traceWindow", "keepTunedStepSize"}))
                                      .rejectUnknownKeys());
    // Every field was checked on its own; the core has the last word on the whole.
    if (auto problem = validate(session.settings)) {
        throw SessionError(QStringLiteral("settings"), QString::fromStdString(*problem));
    }
    return session;
}

std::optional<SessionError> sessionProblem(const Session& session) {
    try {
        if (sessionFromJson(toJson(session)) == session) return std::nullopt;
        return SessionError(QStringLiteral("document"),
                            QStringLiteral("a value does not survive writing and reading"));
    } catch (const SessionError& error) {
        return error;
    }
}

Session loadSessionFile(const QString& path) {
    // Read without blocking: a FIFO or a device given as a session is refused at once, where
    // QFile would wait in open() forever (in the window: on the GUI thread). The name is
    // encoded as the file system spells it, so that names that are not UTF-8 open too.
    std::string content;
    try {
        content = readRegularFile(QFile::encodeName(path).toStdString(), kMaxSessionBytes);
    } catch (const FileError& error) {
        const QString reason = QString::fromLocal8Bit(error.reason());
        if (reason.contains(QLatin1String("bytes"))) {
            throw SessionError(path, QStringLiteral("the file is too large; a session is a small "
                                                    "JSON document of at most %1 bytes")
                                         .arg(kMaxSessionBytes));
        }
        throw SessionError(path, QStringLiteral("cannot read the file: ") + reason);
    }
    return sessionFromJson(QByteArray::fromStdString(content));
}

void saveSessionFile(const QString& path, const Session& session) {
    if (auto problem = sessionProblem(session)) throw *problem;
    const QByteArray json = toJson(session);
    try {
        resolveOutput(QFile::encodeName(path).toStdString());  // a FIFO, a folder: refused
    } catch (const FileError& error) {
        throw SessionError(path, QStringLiteral("cannot write the file: ") +
                                     QString::fromLocal8Bit(error.reason()));
    }
    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly)) {
        throw SessionError(path,
                           QStringLiteral("cannot write the file: ") + fileErrorText(file, errno));
    }
    if (file.write(json) != json.size()) {
        const QString reason = fileErrorText(file, errno);
        file.cancelWriting();  // the destructor removes the temporary file
        throw SessionError(path, QStringLiteral("cannot write the file: ") + reason);
    }
    errno = 0;
    if (!file.commit()) {
        throw SessionError(path,
                           QStringLiteral("cannot write the file: ") + fileErrorText(file, errno));
    }
}

}  // namespace couplinglab::ui

#include "ui/settings/session.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QSaveFile>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "core/input_file.h"
#include "core/output_target.h"
#include "core/settings_schema.h"
#include "ui/files/file_error.h"
#include "ui/settings/json_section.h"
#include "ui/settings/machine_session.h"
#include "ui/settings/schema_text.h"

namespace couplinglab::ui {
namespace {

constexpr qint64 kMaxInt = std::numeric_limits<int>::max();

// ---- Writing, in a fixed key order -------------------------------------------------------------

QByteArray json(const SettingValue& value) {
    if (const auto* flag = std::get_if<bool>(&value)) return jsonBoolean(*flag);
    if (const auto* name = std::get_if<std::string>(&value)) return jsonText(*name);
    if (const auto* whole = std::get_if<std::int64_t>(&value)) return QByteArray::number(*whole);
    if (const auto* count = std::get_if<std::uint64_t>(&value)) return QByteArray::number(*count);
    return jsonReal(std::get<double>(value));
}

QByteArray latin1(std::string_view text) {
    return {text.data(), static_cast<qsizetype>(text.size())};
}

// One section's fields in the schema's order, which is the order documented in session.h.
QByteArray writeSection(const AllSettings& all, std::string_view section, bool indented) {
    JsonFields fields;
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.section == section) fields.emplace_back(latin1(spec.key), json(spec.get(all)));
    }
    return jsonObject(fields, indented, 1);
}

QByteArray write(const Session& session, bool indented) {
    const AllSettings all{session.settings, session.display};
    JsonFields document{{"format", jsonText(kSessionFormat)},
                        {"version", QByteArray::number(kSessionVersion)}};
    for (const std::string_view section : settingSections())
        document.emplace_back(latin1(section), writeSection(all, section, indented));
    if (session.machine)
        document.emplace_back("machine", machineSessionJson(*session.machine, indented, 1));
    return jsonObject(document, indented, 0) + (indented ? "\n" : "");
}

// ---- Reading strictly
// ----------------------------------------------------------------------------

// What a real setting must be, in words: "a number from 0.05 to 0.99", "a number greater than 0".
QString expectedReal(const SettingSpec& spec) {
    const bool bounded = spec.maximum < kUnbounded;
    if (spec.minimumExcluded) {
        return bounded
                   ? QStringLiteral("a number greater than %1 and at most %2")
                         .arg(shortestNumber(spec.minimum), shortestNumber(spec.maximum))
                   : QStringLiteral("a number greater than %1").arg(shortestNumber(spec.minimum));
    }
    return bounded ? QStringLiteral("a number from %1 to %2")
                         .arg(shortestNumber(spec.minimum), shortestNumber(spec.maximum))
                   : QStringLiteral("a number of at least %1").arg(shortestNumber(spec.minimum));
}

QStringList windowChoices(const SettingSpec& spec) {
    QStringList names;
    for (std::size_t i = 0; i < spec.windowChoices; ++i)
        names.append(qtText(spec.choices[i]));
    return names;
}

// One setting's value as the schema describes it, within the window's limits.
SettingValue readValue(const Section& s, const SettingSpec& spec) {
    const QString key = qtText(spec.key);
    const auto minimum = static_cast<qint64>(spec.minimum);
    const auto maximum = static_cast<qint64>(std::min(spec.maximum, double(kMaxInt)));
    switch (spec.type) {
        case SettingType::Flag:
            return s.boolean(key);
        case SettingType::Whole:
            return s.whole<std::int64_t>(key, minimum, maximum);
        case SettingType::Count:
        case SettingType::Seed:
            return s.whole<std::uint64_t>(key, minimum, static_cast<qint64>(spec.maximum));
        case SettingType::Real:
            return s.real(
                key, [&spec](double d) { return withinWindowLimits(spec, d); }, expectedReal(spec),
                spec.decimals);
        case SettingType::Choice:
            return s.choice(key, windowChoices(spec)).toStdString();
    }
    return {};
}

// Version 1 stored the metric as "adaptMetric": true (diagonal) or false (unit).
constexpr std::string_view kMetricKey = "metric";
const QString kVersion1MetricKey = QStringLiteral("adaptMetric");

QString keyInVersion(const SettingSpec& spec, int version) {
    if (version == 1 && spec.section == "sampler" && spec.key == kMetricKey)
        return kVersion1MetricKey;
    return qtText(spec.key);
}

SettingValue readValueInVersion(const Section& s, const SettingSpec& spec, int version) {
    if (keyInVersion(spec, version) == kVersion1MetricKey)
        return std::string(s.boolean(kVersion1MetricKey) ? "diag" : "unit");
    return readValue(s, spec);
}

QStringList sectionKeys(std::string_view section, int version) {
    QStringList keys;
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.section == section) keys.append(keyInVersion(spec, version));
    }
    return keys;
}

const QString kMachineKey = QStringLiteral("machine");
constexpr int kFirstVersionWithMachine = 3;

QStringList documentKeys(int version) {
    QStringList keys{QStringLiteral("format"), QStringLiteral("version")};
    for (const std::string_view section : settingSections())
        keys.append(qtText(section));
    if (version >= kFirstVersionWithMachine) keys.append(kMachineKey);
    return keys;
}

QString supportedVersions() {
    QStringList versions;
    for (int v = kOldestSessionVersion; v <= kSessionVersion; ++v)
        versions.append(QString::number(v));
    const QString last = versions.takeLast();
    return versions.isEmpty() ? last
                              : versions.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

// The version, after checking the format tag; throws for anything this program cannot read.
int readVersion(const Section& root) {
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
    if (v < kOldestSessionVersion || v > kSessionVersion) {
        root.fail(QStringLiteral("version"), QStringLiteral("%1 is not supported (expected %2)")
                                                 .arg(describe(version), supportedVersions()));
    }
    return static_cast<int>(v);
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
    const int version = readVersion(Section(document.object(), QString(), documentKeys(0)));
    const Section root(document.object(), QString(), documentKeys(version));
    root.rejectUnknownKeys();

    AllSettings all;
    for (const std::string_view name : settingSections()) {
        const QString path = qtText(name);
        const Section section(root.section(path), path, sectionKeys(name, version));
        section.rejectUnknownKeys();
        for (const SettingSpec& spec : settingsSchema()) {
            if (spec.section == name) spec.set(all, readValueInVersion(section, spec, version));
        }
    }
    Session session{all.run, all.display, std::nullopt};
    if (root.contains(kMachineKey))
        session.machine = readMachineSession(root.section(kMachineKey), kMachineKey);
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

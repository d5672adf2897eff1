#include "ui/lessons/lesson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>
#include <cerrno>
#include <cmath>

#include "core/input_file.h"
#include "core/output_target.h"
#include "ui/files/file_error.h"
#include "ui/lessons/json_lines.h"
#include "ui/lessons/lesson_text.h"

// The lessons live in the static ui library's resources, which a program must register
// before it reads them; registering twice is harmless. Outside any namespace, as the macro
// requires.
static void registerLessonResources() {
    Q_INIT_RESOURCE(resources);
}

namespace couplinglab::ui {
namespace {

const QStringList kBlocks{QStringLiteral("data"), QStringLiteral("model"),
                          QStringLiteral("sampler"), QStringLiteral("display"),
                          QStringLiteral("machine")};
const QStringList kTabs{QStringLiteral("run"), QStringLiteral("sweep"), QStringLiteral("machine")};
const QString kMachine = QStringLiteral("machine");

// A step's "machine" block changes the tab's inputs as they stood at the step before, or at
// the tab's defaults for the lesson's first such block.
QJsonObject machineObject(const Session& session) {
    const MachineSession machine =
        session.machine.value_or(MachineSession{defaultMachineRunSpec(), {}, {}});
    return QJsonDocument::fromJson(machineSessionJson(machine, false, 0)).object();
}

// A JSON value as the teacher wrote it, shortened, for messages.
QString describe(const QJsonValue& value) {
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    QString shown = QString::fromUtf8(json.mid(1, json.size() - 2));
    constexpr qsizetype kLongest = 40;
    if (shown.size() > kLongest) shown = shown.left(kLongest - 1) + QChar(0x2026);
    return shown;
}

QJsonObject sessionObject(const Session& session) {
    return QJsonDocument::fromJson(toJson(session)).object();
}

// Reads one lesson document; every refusal names the line of the value at fault.
class LessonReader {
  public:
    explicit LessonReader(const QByteArray& json) : lines_(json) {}

    Lesson read(const QJsonObject& root) {
        checkKeys(root, QString(), {"format", "version", "title", "steps"});
        const QJsonValue format = required(root, QString(), QStringLiteral("format"));
        if (format.toString() != QLatin1String(kLessonFormat)) {
            fail(QStringLiteral("format"),
                 QStringLiteral("must be \"%1\", got %2")
                     .arg(QLatin1String(kLessonFormat), describe(format)));
        }
        const QJsonValue version = required(root, QString(), QStringLiteral("version"));
        if (!version.isDouble() || version.toDouble() != kLessonVersion) {
            fail(QStringLiteral("version"), QStringLiteral("%1 is not supported (expected %2)")
                                                .arg(describe(version))
                                                .arg(kLessonVersion));
        }
        Lesson lesson;
        lesson.title = text(root, QString(), QStringLiteral("title"), true);
        const QJsonValue steps = required(root, QString(), QStringLiteral("steps"));
        if (!steps.isArray() || steps.toArray().isEmpty() ||
            steps.toArray().size() > kMaxLessonSteps) {
            fail(QStringLiteral("steps"), QStringLiteral("must be a list of 1 to %1 steps, got %2")
                                              .arg(kMaxLessonSteps)
                                              .arg(describe(steps)));
        }
        LessonStep previous;  // the defaults, every plot and panel shown, the live run's tab
        previous.plots = lessonPlotNames();
        previous.panels = lessonPanelNames();
        previous.tab = kTabs.front();
        const QJsonArray list = steps.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            previous = step(list.at(i), QStringLiteral("steps[%1]").arg(i), previous);
            lesson.steps.push_back(previous);
        }
        return lesson;
    }

  private:
    LessonStep step(const QJsonValue& value, const QString& path, const LessonStep& previous) {
        if (!value.isObject())
            fail(path, QStringLiteral("must be an object, got ") + describe(value));
        const QJsonObject object = value.toObject();
        checkKeys(object, path,
                  {"title", "settings", "show", "question", "hidden", "explanation", "reveal"});
        LessonStep step;
        step.title = text(object, path, QStringLiteral("title"), true);
        step.session = settings(object, path, previous.session);
        show(object, path, previous, step);
        if (object.contains(QStringLiteral("question")))
            step.question = question(object.value(QStringLiteral("question")), path + ".question");
        step.hidden = names(object, path, QStringLiteral("hidden"), lessonHideableNames());
        step.explanation = text(object, path, QStringLiteral("explanation"), false);
        step.reveal = text(object, path, QStringLiteral("reveal"), false);
        for (const QString& key : {QStringLiteral("explanation"), QStringLiteral("reveal")}) {
            const QString& body = key == QLatin1String("reveal") ? step.reveal : step.explanation;
            if (auto problem = placeholderProblem(body)) fail(path + '.' + key, *problem);
        }
        return step;
    }

    // The step's blocks, key by key over the previous step's settings, read by the session
    // reader so that the limits are the session's.
    Session settings(const QJsonObject& step, const QString& path, const Session& previous) {
        const QString here = path + QStringLiteral(".settings");
        QJsonObject merged = sessionObject(previous);
        if (step.contains(QStringLiteral("settings"))) {
            const QJsonValue value = step.value(QStringLiteral("settings"));
            if (!value.isObject())
                fail(here, QStringLiteral("must be an object, got ") + describe(value));
            const QJsonObject changes = value.toObject();
            if (changes.contains(kMachine) && !merged.contains(kMachine))
                merged.insert(kMachine, machineObject(previous));
            for (auto block = changes.begin(); block != changes.end(); ++block) {
                if (!kBlocks.contains(block.key())) {
                    fail(here + '.' + block.key(),
                         QStringLiteral("unknown field (expected %1)").arg(kBlocks.join(", ")));
                }
                if (!block.value().isObject()) {
                    fail(here + '.' + block.key(),
                         QStringLiteral("must be an object, got ") + describe(block.value()));
                }
                QJsonObject target = merged.value(block.key()).toObject();
                const QJsonObject fields = block.value().toObject();
                for (auto field = fields.begin(); field != fields.end(); ++field)
                    target.insert(field.key(), field.value());
                merged.insert(block.key(), target);
            }
        }
        try {
            return sessionFromJson(QJsonDocument(merged).toJson(QJsonDocument::Compact));
        } catch (const SessionError& error) {
            // "settings" is the core's verdict on the whole, which belongs to the step's block.
            const bool whole = error.field() == QLatin1String("settings");
            fail(whole ? here : here + '.' + error.field(), error.problem());
        }
    }

    void show(const QJsonObject& step, const QString& path, const LessonStep& previous,
              LessonStep& out) {
        out.plots = previous.plots;
        out.panels = previous.panels;
        out.tab = previous.tab;
        if (!step.contains(QStringLiteral("show"))) return;
        const QString here = path + QStringLiteral(".show");
        const QJsonValue value = step.value(QStringLiteral("show"));
        if (!value.isObject())
            fail(here, QStringLiteral("must be an object, got ") + describe(value));
        const QJsonObject show = value.toObject();
        checkKeys(show, here, {"plots", "panels", "tab"});
        if (show.contains(QStringLiteral("plots")))
            out.plots = names(show, here, QStringLiteral("plots"), lessonPlotNames());
        if (show.contains(QStringLiteral("panels")))
            out.panels = names(show, here, QStringLiteral("panels"), lessonPanelNames());
        if (show.contains(QStringLiteral("tab"))) {
            const QJsonValue tab = show.value(QStringLiteral("tab"));
            if (!kTabs.contains(tab.toString())) {
                fail(here + QStringLiteral(".tab"),
                     QStringLiteral("must be \"run\", \"sweep\" or \"machine\", got ") +
                         describe(tab));
            }
            out.tab = tab.toString();
        }
    }

    LessonQuestion question(const QJsonValue& value, const QString& path) {
        if (!value.isObject())
            fail(path, QStringLiteral("must be an object, got ") + describe(value));
        const QJsonObject object = value.toObject();
        checkKeys(object, path, {"text", "choices", "answer", "tolerance"});
        LessonQuestion q;
        q.text = text(object, path, QStringLiteral("text"), true);
        const QJsonValue answer = required(object, path, QStringLiteral("answer"));
        const QString answerPath = path + QStringLiteral(".answer");
        if (object.contains(QStringLiteral("choices"))) {
            const QJsonValue choices = object.value(QStringLiteral("choices"));
            const QJsonArray list = choices.toArray();
            if (!choices.isArray() || list.size() < kMinChoices || list.size() > kMaxChoices) {
                fail(path + QStringLiteral(".choices"),
                     QStringLiteral("must be a list of %1 to %2 choices, got %3")
                         .arg(kMinChoices)
                         .arg(kMaxChoices)
                         .arg(describe(choices)));
            }
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (!list.at(i).isString() || list.at(i).toString().trimmed().isEmpty()) {
                    fail(path + QStringLiteral(".choices[%1]").arg(i),
                         QStringLiteral("must be a text, got ") + describe(list.at(i)));
                }
                q.choices.append(list.at(i).toString());
            }
            q.answer = static_cast<int>(q.choices.indexOf(answer.toString()));
            if (!answer.isString() || q.answer < 0) {
                fail(answerPath,
                     QStringLiteral("must be one of the choices, written the same, got ") +
                         describe(answer));
            }
            if (object.contains(QStringLiteral("tolerance"))) {
                fail(path + QStringLiteral(".tolerance"),
                     QStringLiteral("only a number to guess has a tolerance"));
            }
            return q;
        }
        if (!answer.isDouble() || !std::isfinite(answer.toDouble())) {
            fail(answerPath,
                 QStringLiteral("must be a number (the question has no choices), got ") +
                     describe(answer));
        }
        q.number = answer.toDouble();
        if (object.contains(QStringLiteral("tolerance"))) {
            const QJsonValue tolerance = object.value(QStringLiteral("tolerance"));
            if (!tolerance.isDouble() || !(tolerance.toDouble() >= 0.0) ||
                !std::isfinite(tolerance.toDouble())) {
                fail(path + QStringLiteral(".tolerance"),
                     QStringLiteral("must be a number of at least 0, got ") + describe(tolerance));
            }
            q.tolerance = tolerance.toDouble();
        }
        return q;
    }

    // A list of names from `allowed`, each at most once; absent means none.
    QStringList names(const QJsonObject& object, const QString& path, const QString& key,
                      const QStringList& allowed) {
        const QString here = path + '.' + key;
        if (!object.contains(key)) return {};
        const QJsonValue value = object.value(key);
        if (!value.isArray()) fail(here, QStringLiteral("must be a list, got ") + describe(value));
        QStringList list;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString name = array.at(i).toString();
            const QString at = here + QStringLiteral("[%1]").arg(i);
            if (!array.at(i).isString() || !allowed.contains(name)) {
                fail(at, QStringLiteral("must be one of %1, got %2")
                             .arg(allowed.join(QStringLiteral(", ")), describe(array.at(i))));
            }
            if (list.contains(name)) fail(at, QStringLiteral("\"%1\" is listed twice").arg(name));
            list.append(name);
        }
        return list;
    }

    QString text(const QJsonObject& object, const QString& path, const QString& key, bool needed) {
        if (!needed && !object.contains(key)) return {};
        const QJsonValue value = required(object, path, key);
        const QString here = path.isEmpty() ? key : path + '.' + key;
        if (!value.isString()) fail(here, QStringLiteral("must be a text, got ") + describe(value));
        if (needed && value.toString().trimmed().isEmpty()) fail(here, QStringLiteral("is empty"));
        return value.toString();
    }

    QJsonValue required(const QJsonObject& object, const QString& path, const QString& key) {
        if (!object.contains(key)) fail(path.isEmpty() ? key : path + '.' + key, "missing");
        return object.value(key);
    }

    // Before the fields are read: a misspelt key is the likely cause of a missing one.
    void checkKeys(const QJsonObject& object, const QString& path,
                   std::initializer_list<const char*> known) {
        QStringList names;
        for (const char* name : known)
            names.append(QLatin1String(name));
        for (const QString& key : object.keys()) {
            if (!names.contains(key)) {
                fail(path.isEmpty() ? key : path + '.' + key,
                     QStringLiteral("unknown field (expected %1)").arg(names.join(", ")));
            }
        }
    }

    [[noreturn]] void fail(const QString& path, const QString& problem) const {
        throw LessonError(lines_.lineOf(path), path, problem);
    }

    JsonLines lines_;
};

// ---- Writing ---------------------------------------------------------------------------------

QByteArray compact(const QJsonValue& value) {
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

QJsonArray array(const QStringList& list) {
    return QJsonArray::fromStringList(list);
}

// The keys of each block that differ from `before`, one block a line.
QByteArray settingsChanges(const Session& before, const Session& after, const QByteArray& indent) {
    QJsonObject from = sessionObject(before);
    const QJsonObject to = sessionObject(after);
    if (after.machine && !before.machine) from.insert(kMachine, machineObject(before));
    QList<QByteArray> blocks;
    for (const QString& block : kBlocks) {
        QJsonObject changed;
        const QJsonObject a = from.value(block).toObject();
        const QJsonObject b = to.value(block).toObject();
        for (auto field = b.begin(); field != b.end(); ++field) {
            if (a.value(field.key()) != field.value()) changed.insert(field.key(), field.value());
        }
        if (!changed.isEmpty())
            blocks.append(indent + "    " + compact(block) + ": " + compact(changed));
    }
    if (blocks.isEmpty()) return {};
    return "{\n" + blocks.join(",\n") + "\n" + indent + "}";
}

QByteArray stepJson(const LessonStep& step, const LessonStep& previous) {
    const QByteArray indent(12, ' ');
    QList<QByteArray> fields{"\"title\": " + compact(step.title)};
    if (QByteArray changes = settingsChanges(previous.session, step.session, indent);
        !changes.isEmpty()) {
        fields.append("\"settings\": " + changes);
    }
    QJsonObject show;
    if (step.plots != previous.plots) show.insert(QStringLiteral("plots"), array(step.plots));
    if (step.panels != previous.panels) show.insert(QStringLiteral("panels"), array(step.panels));
    if (step.tab != previous.tab) show.insert(QStringLiteral("tab"), step.tab);
    if (!show.isEmpty()) fields.append("\"show\": " + compact(show));
    if (step.question) {
        const LessonQuestion& q = *step.question;
        QList<QByteArray> parts{"\"text\": " + compact(q.text)};
        if (q.isNumber()) {
            parts.append("\"answer\": " + compact(q.number));
            if (q.tolerance != 0.0) parts.append("\"tolerance\": " + compact(q.tolerance));
        } else {
            parts.append("\"choices\": " + compact(array(q.choices)));
            parts.append("\"answer\": " + compact(q.choices.value(q.answer)));
        }
        fields.append("\"question\": {\n" + indent + "    " + parts.join(",\n" + indent + "    ") +
                      "\n" + indent + "}");
    }
    if (!step.hidden.isEmpty()) fields.append("\"hidden\": " + compact(array(step.hidden)));
    if (!step.explanation.isEmpty()) fields.append("\"explanation\": " + compact(step.explanation));
    if (!step.reveal.isEmpty()) fields.append("\"reveal\": " + compact(step.reveal));
    return "        {\n" + indent + fields.join(",\n" + indent) + "\n        }";
}

}  // namespace

const QStringList& lessonPlotNames() {
    static const QStringList names{QStringLiteral("trace"),
                                   QStringLiteral("step-size"),
                                   QStringLiteral("tree-depth"),
                                   QStringLiteral("acceptance"),
                                   QStringLiteral("posterior"),
                                   QStringLiteral("trajectory"),
                                   QStringLiteral("energy-error"),
                                   QStringLiteral("pairs"),
                                   QStringLiteral("trajectory-position"),
                                   QStringLiteral("step-widths"),
                                   QStringLiteral("trace-parameter"),
                                   QStringLiteral("posterior-parameter"),
                                   QStringLiteral("step-size-parameters"),
                                   QStringLiteral("tree-depth-acceptance"),
                                   QStringLiteral("energy-error-machine"),
                                   QStringLiteral("trajectory-phase-parameter")};
    return names;
}

const QStringList& lessonPanelNames() {
    static const QStringList names{QStringLiteral("controls"), QStringLiteral("explanation")};
    return names;
}

const QStringList& lessonReadoutNames() {
    static const QStringList names{QStringLiteral("C"),     QStringLiteral("agreement"),
                                   QStringLiteral("C/N"),   QStringLiteral("atanh(C/N)"),
                                   QStringLiteral("R-hat"), QStringLiteral("divergences")};
    return names;
}

const QStringList& lessonHideableNames() {
    static const QStringList names =
        QStringList{QStringLiteral("referenceCurve"), QStringLiteral("verdict"),
                    QStringLiteral("explanation"), QStringLiteral("machine-numbers")} +
        lessonPlotNames() + lessonReadoutNames();
    return names;
}

LessonError::LessonError(int line, const QString& field, const QString& problem)
    : InputError((line > 0 ? QStringLiteral("line %1: ").arg(line) : QString()).toStdString() +
                 (field + QStringLiteral(": ") + problem).toStdString()),
      line_(line),
      field_(field),
      problem_(problem) {}

Lesson lessonFromJson(const QByteArray& json) {
    // Editors on Windows like to start UTF-8 with a byte order mark, which JSON does not allow.
    const QByteArray bom("\xEF\xBB\xBF");
    const QByteArray text = json.startsWith(bom) ? json.mid(bom.size()) : json;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        throw LessonError(lineAtOffset(text, error.offset), QStringLiteral("document"),
                          QStringLiteral("not valid JSON (%1)").arg(error.errorString()));
    }
    if (!document.isObject()) {
        throw LessonError(1, QStringLiteral("document"),
                          QStringLiteral("must be a JSON object with the lesson's steps"));
    }
    return LessonReader(text).read(document.object());
}

QByteArray lessonToJson(const Lesson& lesson) {
    QByteArray out = "{\n    \"format\": " + compact(QLatin1String(kLessonFormat)) +
                     ",\n    \"version\": " + QByteArray::number(kLessonVersion) +
                     ",\n    \"title\": " + compact(lesson.title) + ",\n    \"steps\": [\n";
    LessonStep previous;
    previous.plots = lessonPlotNames();
    previous.panels = lessonPanelNames();
    previous.tab = kTabs.front();
    QList<QByteArray> steps;
    for (const LessonStep& step : lesson.steps) {
        steps.append(stepJson(step, previous));
        previous = step;
    }
    return out + steps.join(",\n") + "\n    ]\n}\n";
}

Lesson loadLessonFile(const QString& path) {
    std::string content;
    try {
        // Without blocking: a FIFO given as a lesson is refused at once.
        content = readRegularFile(QFile::encodeName(path).toStdString(), kMaxLessonBytes);
    } catch (const FileError& error) {
        throw LessonError(
            0, QDir::toNativeSeparators(path),
            QStringLiteral("cannot read the file: ") + QString::fromLocal8Bit(error.reason()));
    }
    return lessonFromJson(QByteArray::fromStdString(content));
}

void saveLessonFile(const QString& path, const Lesson& lesson) {
    const QByteArray json = lessonToJson(lesson);
    try {
        if (lessonFromJson(json) != lesson) {
            throw LessonError(0, QStringLiteral("lesson"),
                              QStringLiteral("a value does not survive writing and reading"));
        }
        resolveOutput(QFile::encodeName(path).toStdString());  // a FIFO, a folder: refused
    } catch (const FileError& error) {
        throw LessonError(
            0, path,
            QStringLiteral("cannot write the file: ") + QString::fromLocal8Bit(error.reason()));
    }
    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        const QString reason = fileErrorText(file, errno);
        file.cancelWriting();
        throw LessonError(0, path, QStringLiteral("cannot write the file: ") + reason);
    }
}

namespace {

QStringList builtInLessonFiles() {
    registerLessonResources();
    return QDir(QStringLiteral(":/lessons")).entryList(QDir::Files, QDir::Name);
}

Lesson builtInLesson(const QString& file) {
    QFile resource(QStringLiteral(":/lessons/") + file);
    if (!resource.open(QIODevice::ReadOnly)) throw LessonError(0, file, resource.errorString());
    // A built-in lesson that fails to load is a bug that test_lesson catches.
    return lessonFromJson(resource.readAll());
}

}  // namespace

std::vector<Lesson> builtInLessons() {
    std::vector<Lesson> lessons;
    for (const QString& file : builtInLessonFiles())
        lessons.push_back(builtInLesson(file));
    return lessons;
}

QStringList builtInLessonNames() {
    QStringList names;
    // The files' numbers only set the menu's order: "1-why-162.lesson.json" is "why-162".
    static const QRegularExpression order(QStringLiteral("^[0-9]+-"));
    for (const QString& file : builtInLessonFiles())
        names.append(file.chopped(static_cast<qsizetype>(qstrlen(kLessonSuffix))).remove(order));
    return names;
}

Lesson lessonByNameOrFile(const QString& nameOrPath) {
    const QStringList names = builtInLessonNames();
    const qsizetype builtIn = names.indexOf(nameOrPath);
    if (builtIn >= 0) return builtInLesson(builtInLessonFiles().at(builtIn));
    if (!QFileInfo::exists(nameOrPath)) {
        throw LessonError(0, nameOrPath,
                          QStringLiteral("is neither a built-in lesson (%1) nor a file")
                              .arg(names.join(QStringLiteral(", "))));
    }
    return loadLessonFile(nameOrPath);
}

}  // namespace couplinglab::ui

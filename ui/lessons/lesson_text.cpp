#include "ui/lessons/lesson_text.h"

#include <QCoreApplication>
#include <QTextDocument>
#include <cmath>
#include <functional>
#include <numeric>
#include <utility>
#include <vector>

#include "ui/lessons/lesson.h"
#include "ui/machine/machine_worker.h"
#include "ui/machine/step_width_plot.h"

namespace couplinglab::ui {
namespace {

using Reader = std::function<QString(const ExplanationInput&)>;

QString number(double value) {
    return formatNumber(value);
}

// The mean over chains of a per-chain number, NaN before the sampler reports it.
double chainMean(const std::vector<double>& values) {
    if (values.empty()) return std::nan("");
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double fromSampler(const ExplanationInput& in, double SamplerSnapshot::*field) {
    return in.sampler ? (*in.sampler).*field : std::nan("");
}

QString notInALiveRun(const ExplanationInput&) {
    return number(std::nan(""));
}

const std::vector<std::pair<QString, Reader>>& readers() {
    static const std::vector<std::pair<QString, Reader>> list{
        {QStringLiteral("N"),
         [](const ExplanationInput& in) {
             return formatCount(static_cast<std::int64_t>(in.statistic.pairs));
         }},
        {QStringLiteral("C"),
         [](const ExplanationInput& in) { return formatCount(in.statistic.c); }},
        {QStringLiteral("C/N"),
         [](const ExplanationInput& in) { return number(in.statistic.cOverN()); }},
        {QStringLiteral("W"),
         [](const ExplanationInput& in) { return number(in.settings.data.coupling); }},
        {QStringLiteral("priorMean"),
         [](const ExplanationInput& in) { return number(in.settings.model.priorMean); }},
        {QStringLiteral("priorSd"),
         [](const ExplanationInput& in) { return number(in.settings.model.priorSd); }},
        {QStringLiteral("exactMean"),
         [](const ExplanationInput& in) { return number(in.exactMean); }},
        {QStringLiteral("exactSd"), [](const ExplanationInput& in) { return number(in.exactSd); }},
        {QStringLiteral("sampleMean"),
         [](const ExplanationInput& in) {
             return number(fromSampler(in, &SamplerSnapshot::sampleMean));
         }},
        {QStringLiteral("sampleSd"),
         [](const ExplanationInput& in) {
             return number(fromSampler(in, &SamplerSnapshot::sampleSd));
         }},
        {QStringLiteral("stepSize"),
         [](const ExplanationInput& in) {
             return number(in.sampler ? chainMean(in.sampler->stepSize) : std::nan(""));
         }},
        {QStringLiteral("inverseMetric"),
         [](const ExplanationInput& in) {
             return number(in.sampler ? chainMean(in.sampler->inverseMetric) : std::nan(""));
         }},
        // The step in units of w: ε·√M⁻¹, what the posterior's width must be compared with.
        {QStringLiteral("effectiveStep"),
         [](const ExplanationInput& in) {
             if (!in.sampler) return number(std::nan(""));
             std::vector<double> steps;
             for (std::size_t i = 0;
                  i < in.sampler->stepSize.size() && i < in.sampler->inverseMetric.size(); ++i) {
                 steps.push_back(in.sampler->stepSize[i] * std::sqrt(in.sampler->inverseMetric[i]));
             }
             return number(chainMean(steps));
         }},
        {QStringLiteral("treeDepth"),
         [](const ExplanationInput& in) {
             return number(fromSampler(in, &SamplerSnapshot::meanTreeDepth));
         }},
        {QStringLiteral("leapfrogSteps"),
         [](const ExplanationInput& in) {
             return number(fromSampler(in, &SamplerSnapshot::meanLeapfrogSteps));
         }},
        {QStringLiteral("acceptStat"),
         [](const ExplanationInput& in) {
             return number(fromSampler(in, &SamplerSnapshot::meanAcceptStat));
         }},
        {QStringLiteral("divergences"),
         [](const ExplanationInput& in) {
             return in.sampler ? formatCount(in.sampler->divergences) : number(std::nan(""));
         }},
        {QStringLiteral("draws"),
         [](const ExplanationInput& in) {
             return in.sampler ? formatCount(in.sampler->draws) : number(std::nan(""));
         }},
        // The Boltzmann machine tab's numbers (fillMachinePlaceholders); n/a in a live run.
        {QStringLiteral("kappa"), notInALiveRun},
        {QStringLiteral("narrowestWidth"), notInALiveRun},
        {QStringLiteral("widestWidth"), notInALiveRun},
        {QStringLiteral("correlation"), notInALiveRun},
        {QStringLiteral("parameters"), notInALiveRun},
    };
    return list;
}

const Reader* readerFor(const QString& name) {
    for (const auto& [known, reader] : readers()) {
        if (known == name) return &reader;
    }
    return nullptr;
}

// Walks `text`, handing literal runs and placeholder names to the callbacks. Returns the first
// problem, or nullopt.
std::optional<QString> scan(const QString& text, const std::function<void(const QString&)>& literal,
                            const std::function<bool(const QString&)>& placeholder) {
    qsizetype at = 0;
    while (at < text.size()) {
        const QChar c = text.at(at);
        const bool doubled = at + 1 < text.size() && text.at(at + 1) == c;
        if ((c == QLatin1Char('{') || c == QLatin1Char('}')) && doubled) {
            literal(QString(c));
            at += 2;
        } else if (c == QLatin1Char('{')) {
            const qsizetype close = text.indexOf(QLatin1Char('}'), at + 1);
            if (close < 0) return QStringLiteral("unmatched { (write {{ for a brace)");
            const QString name = text.mid(at + 1, close - at - 1);
            if (!placeholder(name)) {
                return QStringLiteral("unknown placeholder {%1} (expected one of %2)")
                    .arg(name, lessonPlaceholderNames().join(QStringLiteral(", ")));
            }
            at = close + 1;
        } else if (c == QLatin1Char('}')) {
            return QStringLiteral("unmatched } (write }} for a brace)");
        } else {
            literal(QString(c));
            ++at;
        }
    }
    return std::nullopt;
}

}  // namespace

const QStringList& lessonPlaceholderNames() {
    static const QStringList names = [] {
        QStringList list;
        for (const auto& entry : readers())
            list.append(entry.first);
        return list;
    }();
    return names;
}

std::optional<QString> placeholderProblem(const QString& text) {
    return scan(
        text, [](const QString&) {},
        [](const QString& name) { return readerFor(name) != nullptr; });
}

QString fillPlaceholders(const QString& text, const ExplanationInput& input) {
    QString out;
    const auto problem = scan(
        text, [&out](const QString& literal) { out += literal; },
        [&](const QString& name) {
            const Reader* reader = readerFor(name);
            if (reader == nullptr) return false;
            out += (*reader)(input);
            return true;
        });
    return problem ? text : out;
}

QString fillMachinePlaceholders(const QString& text, const MachineRunOutcome* outcome,
                                const MetricGeometry& g, int x, int y) {
    const auto value = [&](const QString& name) -> QString {
        if (outcome == nullptr) return number(std::nan(""));
        if (name == QLatin1String("stepSize")) return number(g.stepSize);
        if (name == QLatin1String("leapfrogSteps")) return number(outcome->meanLeapfrogSteps());
        if (name == QLatin1String("treeDepth")) return number(outcome->meanTreeDepth());
        if (name == QLatin1String("divergences")) return formatCount(outcome->divergences());
        if (name == QLatin1String("draws")) {
            return formatCount(static_cast<std::int64_t>(outcome->spec.sampler.chains) *
                               outcome->spec.sampler.draws);
        }
        if (name == QLatin1String("kappa")) return formatConditionNumber(g.conditionNumber());
        if (name == QLatin1String("narrowestWidth")) return number(g.narrowestScaledWidth());
        if (name == QLatin1String("widestWidth")) return number(g.widestScaledWidth());
        if (name == QLatin1String("correlation"))
            return number(correlation(outcome->reference.covariance, x, y));
        if (name == QLatin1String("parameters")) return formatCount(outcome->dimension());
        return number(std::nan(""));
    };
    QString out;
    const auto problem = scan(
        text, [&out](const QString& literal) { out += literal; },
        [&](const QString& name) {
            if (readerFor(name) == nullptr) return false;
            out += value(name);
            return true;
        });
    return problem ? text : out;
}

QString lessonNoteHtml(const LessonStep& step, bool revealed) {
    const auto asHtml = [](const QString& text) {
        return Qt::mightBeRichText(text) ? text : text.toHtmlEscaped();
    };
    QString note = step.explanation.isEmpty() ? QString() : asHtml(step.explanation);
    if (revealed && !step.reveal.isEmpty()) {
        if (!note.isEmpty()) note += QStringLiteral("<br><br>");
        note += QStringLiteral("<b>%1</b> ").arg(QCoreApplication::translate("Lesson", "Answer.")) +
                asHtml(step.reveal);
    }
    return note;
}

}  // namespace couplinglab::ui

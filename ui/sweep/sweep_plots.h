#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <map>
#include <vector>

#include <qcustomplot.h>

#include "core/sweep.h"
#include "ui/plots/plot_panel.h"

namespace couplinglab::ui {

// The four plots of the Sweep tab. N runs along a logarithmic x axis and each plot has one
// series per (likelihood / divide-by-N combination, metric setting): the colour tells the
// combination (potential, potential ÷ N, Boltzmann, Boltzmann ÷ N in the chain colours), the
// line and marker the metric (solid with discs: adapted; dashed with open squares: unit).
// What theory predicts is drawn in grey; the legend explains colours, styles and lines once
// each rather than once per series. Clicking a point emits pointClicked() with its index in the
// sweep.
class SweepPlot : public PlotPanel {
    Q_OBJECT

  public:
    // Redraws from the points finished so far (any order); `spec` fixes the x range and the
    // theory lines, so the axes do not jump as points arrive.
    void setPoints(const SweepSpec& spec, const std::vector<SweepPoint>& points);
    void clear();

    // The graph of one series' sample values, or null while it has none.
    QCPGraph* seriesGraph(const SweepCombination& combination, MetricKind metric) const;
    // Sample values drawn, over every series.
    int sampleCount() const;
    // The theory lines drawn, by legend name.
    QList<QCPGraph*> theoryLines() const { return theory_; }
    // The theory lines' names, written beside their right ends (not in the legend).
    QStringList theoryLabels() const;
    // The legend's entries, in order.
    QStringList legendNames() const;

    // Legend names of the combinations, in allSweepCombinations() order.
    static QString combinationName(const SweepCombination& combination);

  signals:
    void pointClicked(int sweepIndex);

  protected:
    SweepPlot(const QString& title, const QString& subtitle, const QString& valueLabel,
              const QString& compactValueLabel, QWidget* parent);

    // The value a series shows for a point; points whose value a log axis cannot show (≤ 0,
    // NaN) are left out.
    virtual double sampleValue(const SweepPoint& point) const = 0;
    // Exact values drawn as a thin line per combination, or NaN for none.
    virtual double exactValue(const SweepPoint& point) const;
    // A second series per combination for the adapted metric (dotted, open circles), or NaN.
    virtual double secondaryValue(const SweepPoint& point) const;
    virtual QString secondaryName() const { return {}; }
    // Theory lines, added with addTheoryLine(); `from`..`to` is the x range shown.
    virtual void addTheory(const SweepSpec& spec, double from, double to);
    // The value axis never shows less than this range (log units), e.g. 1..10 steps.
    virtual QCPRange minimumValueRange() const { return QCPRange(1.0, 1.0); }
    // ... nor fewer decades than this.
    virtual double minimumDecades() const { return 2.0; }

    // A grey line through y = f(N) over the x range, with a legend entry.
    void addTheoryLine(const QString& name, Qt::PenStyle style, double from, double to,
                       const std::function<double(double)>& f);
    // Replaces the explanation line under the title (and the tooltip).
    void setExplanation(const QString& text);

  private:
    // A series: one combination with one metric; ordered diagonal, unit, dense within each.
    struct Key {
        int combination;
        MetricKind metric;
        bool operator<(const Key& other) const;
    };

    QCPGraph* addSeries(const Key& key, bool secondary);
    void addLegendKeys(const std::vector<bool>& combinations,
                       const std::vector<MetricKind>& metrics, bool severalParameters, bool exact,
                       bool secondary);
    void onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex);
    void padLegendNames();

    std::map<Key, QCPGraph*> series_;
    std::map<QCPAbstractPlottable*, std::vector<int>> sweepIndices_;  // per graph, per datum
    QList<QCPGraph*> theory_;
    QList<QCPItemText*> theoryLabels_;
    int sampleCount_ = 0;
};

// ε against N, and for the adapted metric ε·√(inverse metric), with the exact Boltzmann sd and
// the ε that Stan's regularised metric adaptation should arrive at.
class SweepStepSizePlot final : public SweepPlot {
    Q_OBJECT
  public:
    explicit SweepStepSizePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("sweep-step-size"); }

  protected:
    double sampleValue(const SweepPoint& point) const override { return point.stepSize; }
    double secondaryValue(const SweepPoint& point) const override;
    QString secondaryName() const override;
    void addTheory(const SweepSpec& spec, double from, double to) override;
};

// The sample sd against N with the exact sd and the 1/√N law.
class SweepSdPlot final : public SweepPlot {
    Q_OBJECT
  public:
    explicit SweepSdPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("sweep-sd"); }

  protected:
    double sampleValue(const SweepPoint& point) const override { return point.sd; }
    double exactValue(const SweepPoint& point) const override { return point.exactSd; }
    void addTheory(const SweepSpec& spec, double from, double to) override;
};

// |mean| against N with the exact |mean|: C for the potential-only model, so √N for independent
// bits and N·tanh W with a true coupling; the explanation line says which is drawn.
class SweepMeanPlot final : public SweepPlot {
    Q_OBJECT
  public:
    explicit SweepMeanPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("sweep-mean"); }

  protected:
    double sampleValue(const SweepPoint& point) const override;
    double exactValue(const SweepPoint& point) const override;
    void addTheory(const SweepSpec& spec, double from, double to) override;
};

// Mean leapfrog steps per draw against N: the cost of a draw.
class SweepLeapfrogPlot final : public SweepPlot {
    Q_OBJECT
  public:
    explicit SweepLeapfrogPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("sweep-leapfrogs"); }

  protected:
    double sampleValue(const SweepPoint& point) const override { return point.meanLeapfrogs; }
    QCPRange minimumValueRange() const override { return QCPRange(1.0, 10.0); }
    double minimumDecades() const override { return 1.0; }
};

}  // namespace couplinglab::ui

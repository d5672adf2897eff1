#include "ui/plots/trajectory_plot.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/trajectory_plot_parts.h"

namespace couplinglab::ui {

using namespace trajectory;

TrajectoryPlot::TrajectoryPlot(QWidget* parent)
    : PlotPanel(tr("Trajectory in phase space"),
                tr("One iteration of chain 1: leapfrog points (w, p) ride the energy level H₀ "
                   "of the start while the tree doubles."),
                parent) {
    QCustomPlot* p = plot();
    p->addLayer(kLevelsLayer, p->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    p->addLayer(kMarksLayer, p->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    p->addLayer(kLabelsLayer, p->layer(kMarksLayer), QCustomPlot::limAbove);
    setAxisLabel(p->xAxis, tr("w (coupling weight)"), tr("w"));
    setAxisLabel(p->yAxis, tr("momentum p"), tr("p"));
    p->xAxis->setNumberFormat(QStringLiteral("g"));
    p->yAxis->setNumberFormat(QStringLiteral("g"));

    p->setCurrentLayer(kLevelsLayer);
    for (int i = 0; i < LevelCurves::kMaxLevels; ++i) {
        QCPCurve* level = addCurve(p, QStringLiteral("level"));
        level->removeFromLegend();
        level->setVisible(false);
        levelPool_.append(level);
    }
    h0Label_ = addLabel(p, QStringLiteral("h0-label"), PlotStyle::initialEnergyLevel());
    h0Label_->setText(QStringLiteral("H₀"));
    h0Label_->setBrush(QColor(255, 255, 255, 170));
    h0Label_->setPadding(QMargins(2, 0, 2, 0));
    h0Label_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    h0Label_->setLayer(kLevelsLayer);  // under the points, which may pass right there

    p->setCurrentLayer(QStringLiteral("main"));
    const auto trajectoryCurve = [p](const QString& name, const QColor& colour) {
        QCPCurve* curve = addCurve(p, name);
        curve->setPen(QPen(colour, 1.4));
        curve->setScatterStyle(disc(colour, 5.5));
        return curve;
    };
    forward_ = trajectoryCurve(QStringLiteral("forward"), PlotStyle::forwardDoubling());
    backward_ = trajectoryCurve(QStringLiteral("backward"), PlotStyle::backwardDoubling());
    newestLine_ = addCurve(p, QStringLiteral("newest-doubling-line"));
    newestLine_->setScatterStyle(QCPScatterStyle());
    newestLine_->removeFromLegend();
    newestPoints_ = addCurve(p, QStringLiteral("newest-doubling"));
    newestPoints_->setLineStyle(QCPCurve::lsNone);
    newestPoints_->removeFromLegend();

    p->setCurrentLayer(kMarksLayer);
    const auto marker = [p](const QString& name, const QCPScatterStyle& style) {
        QCPCurve* curve = addCurve(p, name);
        curve->setLineStyle(QCPCurve::lsNone);
        curve->setScatterStyle(style);
        curve->removeFromLegend();
        return curve;
    };
    // The start: a black dot in a ring, over the first points of both branches.
    const QCPScatterStyle ring(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), Qt::NoBrush, 17);
    const QCPScatterStyle dot(QCPScatterStyle::ssDisc, QPen(Qt::black), QBrush(Qt::black), 6);
    start_ = marker(QStringLiteral("start"), ring);
    startDot_ = marker(QStringLiteral("start-dot"), dot);
    const QCPScatterStyle diamond(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.5),
                                  PlotStyle::nextState(), 15);
    selected_ = marker(QStringLiteral("next-state"), diamond);
    const QCPScatterStyle cross(QCPScatterStyle::ssCross, QPen(PlotStyle::divergence(), 3.0),
                                Qt::NoBrush, 14);
    divergent_ = marker(QStringLiteral("divergent"), cross);

    // The legend explains with keys of its own, sized for it, in a fixed order.
    const auto key = [p](const QString& name, const QPen& pen, const QCPScatterStyle& style) {
        QCPCurve* curve = addCurve(p, QStringLiteral("legend-key"));
        curve->setName(name);
        curve->setPen(pen);
        curve->setLineStyle(pen.style() == Qt::NoPen ? QCPCurve::lsNone : QCPCurve::lsLine);
        curve->setScatterStyle(style);
        curve->removeFromLegend();
        return curve;
    };
    forwardKey_ = key(tr("forward in time"), forward_->pen(), forward_->scatterStyle());
    backwardKey_ = key(tr("backward in time"), backward_->pen(), backward_->scatterStyle());
    startKey_ =
        key(tr("start"), Qt::NoPen,
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.0), Qt::NoBrush, 11));
    selectedKey_ = key(tr("next state"), Qt::NoPen,
                       QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.2),
                                       PlotStyle::nextState(), 11));
    divergentKey_ = key(tr("divergent"), Qt::NoPen,
                        QCPScatterStyle(QCPScatterStyle::ssCross,
                                        QPen(PlotStyle::divergence(), 2.5), Qt::NoBrush, 10));
    p->setCurrentLayer(QStringLiteral("main"));

    maxDepthLabel_ = addLabel(p, QStringLiteral("max-depth-label"), PlotStyle::uturn().darker(140));
    maxDepthLabel_->position->setType(QCPItemPosition::ptAxisRectRatio);
    maxDepthLabel_->position->setCoords(0.985, 0.03);
    maxDepthLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    maxDepthLabel_->setPen(QPen(PlotStyle::uturn(), 1.0));
    decisionLabel_ = addLabel(p, QStringLiteral("decision-label"), Qt::black);
    QFont bold = PlotStyle::annotationFont();
    bold.setBold(true);
    decisionLabel_->setFont(bold);
    offScaleNote_ = addLabel(p, QStringLiteral("off-scale-note"), PlotStyle::divergence());
    offScaleNote_->position->setType(QCPItemPosition::ptAxisRectRatio);
    offScaleNote_->position->setCoords(0.015, 0.97);
    offScaleNote_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);

    fillLegend(false);

    auto* readout = new ReadoutLine(p);
    readout_ = readout;
    QCPLayoutGrid* grid = p->plotLayout();
    const int row = grid->rowCount();
    grid->addElement(row, 0, readout);
    grid->setRowStretchFactor(row, kThinRow);

    placeLegendInTitleLine();
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(p->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &TrajectoryPlot::onRangeChanged);
    connect(p->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &TrajectoryPlot::onRangeChanged);
    connect(p, &QCustomPlot::afterLayout, this, &TrajectoryPlot::fitLabels);
    connect(p, &QCustomPlot::mouseDoubleClick, this, [this] {
        const bool wasLocked = locked_;
        setAxesLocked(false);
        if (wasLocked) emit axesLockedChanged(false);
    });
    applyFrame();
    showHint(emptyHint());
}

TrajectoryPlot::~TrajectoryPlot() = default;

QList<QCPCurve*> TrajectoryPlot::levelCurves() const {
    QList<QCPCurve*> shown;
    for (int i = 0; i < static_cast<int>(levels_.curves.size()) && i < levelPool_.size(); ++i)
        shown.append(levelPool_[i]);
    return shown;
}

QCPCurve* TrajectoryPlot::initialLevelCurve() const {
    const int index = levels_.initialIndex;
    if (index < 0 || index >= static_cast<int>(levels_.curves.size())) return nullptr;
    return levelPool_.value(index);
}

QList<TrajectoryPlot::UTurnMark> TrajectoryPlot::uturnMarks() const {
    return uturnPool_.mid(0, uturnsShown_);
}

QString TrajectoryPlot::readoutText() const {
    return static_cast<const ReadoutLine*>(readout_)->oneLine();
}

QString TrajectoryPlot::readoutShown() const {
    return static_cast<const ReadoutLine*>(readout_)->text();
}

QCPRange TrajectoryPlot::framedWRange() const {
    return QCPRange(frameW_[0], frameW_[1]);
}

QCPRange TrajectoryPlot::framedPRange() const {
    return QCPRange(frameP_[0], frameP_[1]);
}

void TrajectoryPlot::fillLegend(bool staticHmc) {
    if (legendStatic_ && *legendStatic_ == staticHmc) return;
    legendStatic_ = staticHmc;
    plot()->legend->clearItems();
    forwardKey_->setName(staticHmc ? tr("leapfrog steps") : tr("forward in time"));
    forwardKey_->addToLegend();
    if (!staticHmc) backwardKey_->addToLegend();
    startKey_->addToLegend();
    selectedKey_->addToLegend();
    divergentKey_->addToLegend();
}

void TrajectoryPlot::clear() {
    for (QCPCurve* level : std::as_const(levelPool_)) {
        level->data()->clear();
        level->setVisible(false);
    }
    for (QCPCurve* curve :
         {forward_, backward_, newestLine_, newestPoints_, start_, selected_, divergent_})
        curve->data()->clear();
    startDot_->data()->clear();
    for (const UTurnMark& mark : std::as_const(uturnPool_)) {
        mark.chord->setVisible(false);
        mark.label->setVisible(false);
    }
    uturnsShown_ = 0;
    for (QCPItemText* label : {h0Label_, maxDepthLabel_, decisionLabel_, offScaleNote_})
        label->setVisible(false);
    static_cast<ReadoutLine*>(readout_)->setParts({});
    levels_ = LevelSet();
    levelKey_.reset();
    byTime_.clear();
    frameW_[0] = frameP_[0] = -1.0;
    frameW_[1] = frameP_[1] = 1.0;
    if (!locked_) applyFrame();
    setLegendWanted(false);
    showHint(emptyHint());
    requestReplot();
}

void TrajectoryPlot::refresh(const TrajectorySnapshot* snapshot, const Segment* segment) {
    if (snapshot == nullptr || snapshot->record.points.empty()) {
        clear();
        return;
    }
    const TrajectoryRecord& record = snapshot->record;
    record_ = &record;

    // The times of a record are contiguous around 0: index the points by time.
    int minTime = 0;
    int maxTime = 0;
    for (const TrajectoryPoint& point : record.points) {
        minTime = std::min(minTime, point.time);
        maxTime = std::max(maxTime, point.time);
    }
    minTime_ = minTime;
    const int span = maxTime - minTime + 1;
    byTime_.assign(static_cast<std::size_t>(span), -1);
    for (std::size_t i = 0; i < record.points.size(); ++i) {
        const int offset = record.points[i].time - minTime;
        byTime_[static_cast<std::size_t>(offset)] = static_cast<int>(i);
    }

    const int visible =
        std::clamp(snapshot->visiblePoints, 0, static_cast<int>(record.points.size()));
    hideHint();
    setLegendWanted(true);
    updateLevels(record, segment);
    computeFrame(record);
    if (!locked_) applyFrame();
    drawTrajectory(*snapshot);
    drawUTurns(*snapshot, visible);
    drawLabels(*snapshot, visible);
    updateReadout(*snapshot, visible);
    record_ = nullptr;
    requestReplot();
}

const TrajectoryPoint* TrajectoryPlot::pointAtTime(int time) const {
    const int slot = time - minTime_;
    if (record_ == nullptr || slot < 0 || slot >= static_cast<int>(byTime_.size())) return nullptr;
    const int index = byTime_[static_cast<std::size_t>(slot)];
    return index < 0 ? nullptr : &record_->points[static_cast<std::size_t>(index)];
}

void TrajectoryPlot::updateLevels(const TrajectoryRecord& record, const Segment* segment) {
    const auto hideLevels = [this] {
        levels_ = LevelSet();
        for (QCPCurve* level : std::as_const(levelPool_))
            level->setVisible(false);
        h0Label_->setVisible(false);
    };
    if (segment == nullptr || validate(segment->settings.model) || segment->statistic.pairs == 0) {
        levelKey_.reset();
        hideLevels();
        return;
    }
    const TrajectoryPoint& start = record.points.front();
    const LevelKey key{segment->settings.model, segment->statistic, record.inverseMetric,
                       record.initialEnergy,    start.position,     start.momentum,
                       record.points.size()};
    if (levelKey_ && *levelKey_ == key) return;  // the same trajectory, further revealed
    levelKey_ = key;

    if (!model_ || !(model_->target().model() == key.model) ||
        !(model_->target().data() == key.statistic) ||
        model_->inverseMetric() != record.inverseMetric) {
        model_.emplace(CouplingTarget(key.model, key.statistic), record.inverseMetric);
    }
    // A trajectory computed before a switch of model or data does not lie on this model's
    // levels: draw none rather than wrong ones.
    if (!model_->describes(record)) {
        hideLevels();
        return;
    }
    levels_ = model_->forRecord(record);

    std::vector<double> t;
    for (int i = 0; i < levelPool_.size(); ++i) {
        QCPCurve* level = levelPool_[i];
        if (i >= static_cast<int>(levels_.curves.size())) {
            level->setVisible(false);
            continue;
        }
        const LevelCurve& curve = levels_.curves[static_cast<std::size_t>(i)];
        t.resize(curve.w.size());
        for (std::size_t k = 0; k < t.size(); ++k)
            t[k] = static_cast<double>(k);
        setCurve(level, t, curve.w, curve.p);
        const bool initial = i == levels_.initialIndex;
        level->setPen(initial ? QPen(PlotStyle::initialEnergyLevel(), 1.6)
                              : QPen(PlotStyle::energyLevel(), 1.0));
        level->setVisible(true);
    }

    // "H₀" just outside its level, up and to the left of the point at t = π/4 of the upper
    // branch: clear of the trajectory, which runs along the level itself.
    const LevelCurve& initial = levels_.curves[static_cast<std::size_t>(levels_.initialIndex)];
    const std::size_t samples = (initial.w.size() + 1) / 2;
    const std::size_t at = (samples - 1) / 4;
    h0Label_->position->setCoords(initial.w[at], initial.p[at]);
    h0Label_->setVisible(true);
}

void TrajectoryPlot::computeFrame(const TrajectoryRecord& record) {
    double w0 = std::numeric_limits<double>::infinity();
    double w1 = -w0;
    double p0 = w0;
    double p1 = -w0;
    const auto include = [&](double w, double p) {
        if (!std::isfinite(w) || !std::isfinite(p)) return;
        w0 = std::min(w0, w);
        w1 = std::max(w1, w);
        p0 = std::min(p0, p);
        p1 = std::max(p1, p);
    };
    if (!levels_.empty()) {
        const LevelCurve& outer = levels_.outermost();
        for (std::size_t i = 0; i < outer.w.size(); ++i)
            include(outer.w[i], outer.p[i]);
    }
    for (const TrajectoryPoint& point : record.points) {
        if (point.divergent && !levels_.empty() && !(point.energy <= levels_.energyCap)) continue;
        include(point.position, point.momentum);
    }
    if (!(w0 <= w1)) {
        w0 = p0 = -1.0;
        w1 = p1 = 1.0;
    }
    const auto pad = [](double lo, double hi, double out[2]) {
        double span = hi - lo;
        if (!(span > 0.0)) span = std::max(1e-9, 1e-3 * std::max(std::abs(lo), std::abs(hi)));
        out[0] = lo - kFrameMargin * span;
        out[1] = hi + kFrameMargin * span;
        if (out[0] == out[1]) {
            out[0] -= 1.0;
            out[1] += 1.0;
        }
    };
    pad(w0, w1, frameW_);
    pad(p0, p1, frameP_);
}

void TrajectoryPlot::applyFrame() {
    settingRange_ = true;
    plot()->xAxis->setRange(frameW_[0], frameW_[1]);
    plot()->yAxis->setRange(frameP_[0], frameP_[1]);
    settingRange_ = false;
}

void TrajectoryPlot::setAxesLocked(bool locked) {
    if (locked == locked_) return;
    locked_ = locked;
    if (!locked_) {
        applyFrame();
        requestReplot();
    }
}

void TrajectoryPlot::fitLabels() {
    // In a plot drawn small the U-turn labels would cover the trajectory: there they shrink to
    // "U-turn", and only the criterion proper's is kept.
    const bool compact = plot()->viewport().height() < kCompactHeight;
    for (int i = 0; i < uturnsShown_; ++i) {
        const UTurnMark& mark = uturnPool_[i];
        const bool extra = mark.event.check != UTurnCheck::SpanEnds;
        mark.label->setText(compact ? tr("U-turn") : mark.text);
        mark.label->setVisible(!mark.repeat && (!compact || !extra || i == 0));
    }
}

void TrajectoryPlot::onRangeChanged() {
    if (settingRange_ || locked_) return;
    // The user dragged or zoomed: keep that view until they unlock.
    locked_ = true;
    emit axesLockedChanged(true);
}

}  // namespace couplinglab::ui

#include "ui/plots/trajectory_plot.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

namespace {

const QString kLevelsLayer = QStringLiteral("levels");  // above the grid, below the points
const QString kMarksLayer = QStringLiteral("marks");    // above the points
const QString kLabelsLayer = QStringLiteral("labels");  // above everything drawn in the axes
constexpr double kFrameMargin = 0.06;                   // of the framed span, on each side
constexpr double kThinRow = 0.001;
constexpr int kUTurnLabelStep = 20;  // pixels between the labels of U-turns found together

QString emptyHint() {
    return QObject::tr("Start or Step to see a trajectory");
}

QString number(double value) {
    return QString::number(value, 'g', 3);
}

// A line of facts separated by " · ", wrapped at the separators to the width being drawn
// (on screen or in an exported file), never widening the plot.
class ReadoutLine final : public QCPTextElement {
  public:
    explicit ReadoutLine(QCustomPlot* plot)
        : QCPTextElement(plot, QString(), PlotStyle::baseFont()) {
        setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        setTextColor(QColor(40, 40, 40));
        setMargins(QMargins(10, 2, 10, 4));
    }

    void setParts(const QStringList& parts) { parts_ = parts; }
    QString oneLine() const { return parts_.join(separator()); }

    void update(UpdatePhase phase) override {
        if (phase == upPreparation) wrap(mParentPlot->viewport().width());
        QCPTextElement::update(phase);
    }

  protected:
    QSize minimumOuterSizeHint() const override {
        return QSize(0, mText.isEmpty() ? 0 : QCPTextElement::minimumOuterSizeHint().height());
    }
    QSize maximumOuterSizeHint() const override {
        return QSize(QWIDGETSIZE_MAX,
                     mText.isEmpty() ? 0 : QCPTextElement::maximumOuterSizeHint().height());
    }

  private:
    static QString separator() { return QStringLiteral("  ·  "); }

    void wrap(int width) {
        const QFontMetrics metrics(mFont);
        const int room = width - mMargins.left() - mMargins.right();
        QStringList lines;
        QString line;
        for (const QString& part : std::as_const(parts_)) {
            const QString longer = line.isEmpty() ? part : line + separator() + part;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > room) {
                lines.append(line);
                line = part;
            } else {
                line = longer;
            }
        }
        if (!line.isEmpty()) lines.append(line);
        mText = lines.join(QLatin1Char('\n'));
    }

    QStringList parts_;
};

QCPCurve* addCurve(QCustomPlot* plot, const QString& objectName) {
    auto* curve = new QCPCurve(plot->xAxis, plot->yAxis);
    curve->setObjectName(objectName);
    curve->setSelectable(QCP::stNone);
    return curve;
}

QCPScatterStyle disc(const QColor& colour, double size) {
    return QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(colour, 1.0), QBrush(colour), size);
}

QCPItemText* addLabel(QCustomPlot* plot, const QString& objectName, const QColor& colour) {
    auto* label = new QCPItemText(plot);
    label->setObjectName(objectName);
    label->setLayer(kLabelsLayer);
    label->setFont(PlotStyle::annotationFont());
    label->setColor(colour);
    label->setBrush(QColor(255, 255, 255, 215));
    label->setPadding(QMargins(4, 1, 4, 1));
    label->setSelectable(false);
    label->setClipToAxisRect(true);
    label->setVisible(false);
    return label;
}

void setCurve(QCPCurve* curve, const std::vector<double>& t, const std::vector<double>& w,
              const std::vector<double>& p) {
    curve->setData(QVector<double>(t.begin(), t.end()), QVector<double>(w.begin(), w.end()),
                   QVector<double>(p.begin(), p.end()), true);
}

void setSinglePoint(QCPCurve* curve, const TrajectoryPoint* point) {
    curve->data()->clear();
    if (point != nullptr) curve->addData(0.0, point->position, point->momentum);
}

}  // namespace

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

void TrajectoryPlot::drawTrajectory(const TrajectorySnapshot& snapshot) {
    const TrajectoryRecord& record = snapshot.record;
    const int visible =
        std::clamp(snapshot.visiblePoints, 0, static_cast<int>(record.points.size()));
    const auto isVisible = [visible](const TrajectoryPoint* point) {
        return point != nullptr && point->order < visible;
    };

    // From the start outwards in both directions of time; the visible points of a record are
    // contiguous in time, since each doubling extends one end of the trajectory.
    const auto drawBranch = [&](QCPCurve* curve, int direction) {
        scratchT_.clear();
        scratchW_.clear();
        scratchP_.clear();
        for (int time = 0;; time += direction) {
            const TrajectoryPoint* point = pointAtTime(time);
            if (!isVisible(point)) break;
            scratchT_.push_back(std::abs(time));
            scratchW_.push_back(point->position);
            scratchP_.push_back(point->momentum);
        }
        // Both branches begin at the start, so that the line runs through it.
        setCurve(curve, scratchT_, scratchW_, scratchP_);
        thinMarkers(curve, scratchW_, scratchP_);
    };
    drawBranch(forward_, 1);
    if (record.staticHmc) {
        backward_->data()->clear();  // static HMC runs forwards only
    } else {
        drawBranch(backward_, -1);
    }

    // The newest doubling (the deepest one with a visible point), thicker; its line starts at
    // the point it was integrated from.
    newestLine_->data()->clear();
    newestPoints_->data()->clear();
    int newest = -1;
    for (int i = 0; i < visible; ++i)
        newest = std::max(newest, record.points[static_cast<std::size_t>(i)].doubling);
    newestPoints_->setScatterSkip(0);
    if (!record.staticHmc && newest >= 0) {
        int direction = 0;
        int nearest = std::numeric_limits<int>::max();  // the time nearest the start
        for (int i = 0; i < visible; ++i) {
            const TrajectoryPoint& point = record.points[static_cast<std::size_t>(i)];
            if (point.doubling != newest) continue;
            direction = point.direction;
            if (std::abs(point.time) < std::abs(nearest)) nearest = point.time;
            newestPoints_->addData(std::abs(point.time), point.position, point.momentum);
        }
        const QColor colour =
            direction > 0 ? PlotStyle::forwardDoubling() : PlotStyle::backwardDoubling();
        newestLine_->setPen(QPen(colour, 3.2));
        newestPoints_->setScatterStyle(disc(colour, 8.5));
        for (int time = nearest - direction;; time += direction) {
            const TrajectoryPoint* point = pointAtTime(time);
            if (!isVisible(point)) break;
            if (point->doubling != newest && time != nearest - direction) break;
            newestLine_->addData(std::abs(time), point->position, point->momentum);
        }
        scratchW_.clear();
        scratchP_.clear();
        for (auto it = newestLine_->data()->constBegin(); it != newestLine_->data()->constEnd();
             ++it) {
            scratchW_.push_back(it->key);
            scratchP_.push_back(it->value);
        }
        thinMarkers(newestPoints_, scratchW_, scratchP_);
    }

    setSinglePoint(start_, visible > 0 ? &record.points.front() : nullptr);
    setSinglePoint(startDot_, visible > 0 ? &record.points.front() : nullptr);
    const TrajectoryPoint* selected = nullptr;
    if (snapshot.complete) {
        for (const TrajectoryPoint& point : record.points) {
            if (point.order == record.selectedOrder) selected = &point;
        }
    }
    setSinglePoint(selected_, selected);

    divergent_->data()->clear();
    for (int i = 0; i < visible; ++i) {
        const TrajectoryPoint& point = record.points[static_cast<std::size_t>(i)];
        if (point.divergent) divergent_->addData(i, point.position, point.momentum);
    }

    // Static HMC has one direction and no doublings: its steps in one colour.
    fillLegend(record.staticHmc);
}

void TrajectoryPlot::thinMarkers(QCPCurve* curve, const std::vector<double>& w,
                                 const std::vector<double>& p) const {
    // A tiny step size puts hundreds of points on top of one another: drawing each marker
    // then costs most of a repaint and shows nothing more than the line. Markers are kept
    // about 1/150 of the axes apart (5 pixels in a plot 750 wide); the line keeps every point.
    constexpr double kMarkerSpacing = 1.0 / 150.0;
    const double width = plot()->xAxis->range().size();
    const double height = plot()->yAxis->range().size();
    double length = 0.0;
    for (std::size_t i = 1; i < w.size(); ++i)
        length += std::hypot((w[i] - w[i - 1]) / width, (p[i] - p[i - 1]) / height);
    const double step = w.size() > 1 ? length / static_cast<double>(w.size() - 1) : 1.0;
    const double skip = std::isfinite(step) && step < kMarkerSpacing
                            ? std::floor(kMarkerSpacing / std::max(step, 1e-9))
                            : 0.0;
    curve->setScatterSkip(static_cast<int>(std::min(skip, 1000.0)));
}

void TrajectoryPlot::drawUTurns(const TrajectorySnapshot& snapshot, int visible) {
    const TrajectoryRecord& record = snapshot.record;
    uturnsShown_ = 0;
    // Only a failing check is recorded, and a failing check ends the tree: every U-turn of a
    // record was found by its last merge, after its last point. They appear with that point.
    const bool found = snapshot.complete || visible >= static_cast<int>(record.points.size());
    int labelled = 0;  // labels shown so far
    for (const UTurnEvent& event : record.uturns) {
        const TrajectoryPoint* begin = pointAtTime(event.timeBegin);
        const TrajectoryPoint* end = pointAtTime(event.timeEnd);
        if (begin == nullptr || end == nullptr || !found) continue;

        if (uturnsShown_ == uturnPool_.size()) {
            auto* chord = new QCPItemLine(plot());
            chord->setObjectName(QStringLiteral("uturn-chord"));
            chord->setLayer(kMarksLayer);
            chord->setHead(QCPLineEnding(QCPLineEnding::esBar, 12));
            chord->setTail(QCPLineEnding(QCPLineEnding::esBar, 12));
            chord->setSelectable(false);
            QCPItemText* label =
                addLabel(plot(), QStringLiteral("uturn-label"), PlotStyle::uturn().darker(150));
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignVCenter);
            // The labels of the U-turns found together (one merge can fail up to three checks)
            // are stacked in one block under the first: anchored to it, so many pixels lower.
            if (!uturnPool_.isEmpty()) {
                label->position->setType(QCPItemPosition::ptAbsolute);
                label->position->setParentAnchor(uturnPool_.front().label->position);
                label->position->setCoords(
                    0, kUTurnLabelStep * static_cast<double>(uturnPool_.size()));
            }
            uturnPool_.append({event, chord, label, QString()});
        }
        UTurnMark& mark = uturnPool_[uturnsShown_];
        mark.event = event;
        mark.repeat = std::any_of(uturnPool_.begin(), uturnPool_.begin() + uturnsShown_,
                                  [&](const UTurnMark& shown) {
                                      return shown.event.timeBegin == event.timeBegin &&
                                             shown.event.timeEnd == event.timeEnd;
                                  });
        if (uturnsShown_ > 0 && !mark.repeat) {
            // Stacked under the first label, without gaps where repeats were left out.
            mark.label->position->setCoords(0, kUTurnLabelStep * static_cast<double>(labelled));
        }
        if (!mark.repeat) ++labelled;
        mark.chord->start->setCoords(begin->position, begin->momentum);
        mark.chord->end->setCoords(end->position, end->momentum);
        // The criterion proper (between the ends of the span) dashed; Stan's extra checks
        // across the subtrees' boundary dotted and thinner.
        const bool extra = event.check != UTurnCheck::SpanEnds;
        mark.chord->setPen(
            QPen(PlotStyle::uturn(), extra ? 1.6 : 2.2, extra ? Qt::DotLine : Qt::DashLine));
        mark.chord->setVisible(!mark.repeat);
        const auto signedStep = [](int time) {
            return time > 0   ? QStringLiteral("+%1").arg(time)
                   : time < 0 ? QStringLiteral("−%1").arg(-time)
                              : QStringLiteral("0");
        };
        QString text =
            tr("U-turn, steps %1 … %2").arg(signedStep(event.timeBegin), signedStep(event.timeEnd));
        if (extra) text += tr(" (extra check)");
        mark.label->setText(text);
        mark.text = text;
        if (uturnsShown_ == 0) {
            // In the middle of the levels, which the trajectory runs around; else mid-chord.
            if (!levels_.empty()) {
                mark.label->position->setCoords(model_->mode(), 0.0);
            } else {
                mark.label->position->setCoords(0.5 * (begin->position + end->position),
                                                0.5 * (begin->momentum + end->momentum));
            }
        }
        mark.label->setVisible(!mark.repeat);
        ++uturnsShown_;
    }
    for (int i = uturnsShown_; i < uturnPool_.size(); ++i) {
        uturnPool_[i].chord->setVisible(false);
        uturnPool_[i].label->setVisible(false);
    }
}

void TrajectoryPlot::drawLabels(const TrajectorySnapshot& snapshot, int visible) {
    const TrajectoryRecord& record = snapshot.record;
    const bool maxDepth =
        snapshot.complete && !record.staticHmc && record.info.termination == Termination::MaxDepth;
    maxDepthLabel_->setVisible(maxDepth);
    if (maxDepth) {
        maxDepthLabel_->setText(
            tr("max depth %1 reached before any U-turn").arg(record.info.treeDepth));
    }

    const bool decided = snapshot.complete && record.staticHmc && record.points.size() > 1;
    decisionLabel_->setVisible(decided);
    if (decided) {
        const TrajectoryPoint& end = record.points.back();
        decisionLabel_->setText(record.accepted ? tr("accepted") : tr("rejected"));
        decisionLabel_->setColor(record.accepted ? PlotStyle::nextState().darker(130)
                                                 : PlotStyle::divergence());
        decisionLabel_->position->setCoords(end.position, end.momentum);
        // Beside the end point, away from the middle of the plot where the levels are.
        const bool right =
            end.position >= (levels_.empty() ? record.points.front().position : model_->mode());
        decisionLabel_->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) |
                                             Qt::AlignVCenter);
        decisionLabel_->setPadding(right ? QMargins(12, 1, 4, 1) : QMargins(4, 1, 12, 1));
    }

    // Divergent points too far out for the frame.
    QString offScale;
    for (int i = 0; i < visible && levels_.pointsOffScale > 0; ++i) {
        const TrajectoryPoint& point = record.points[static_cast<std::size_t>(i)];
        const bool sensible = std::isfinite(point.energy) && point.energy <= levels_.energyCap &&
                              std::isfinite(point.position) && std::isfinite(point.momentum);
        if (point.divergent && !sensible) {
            offScale = tr("divergent point off scale: w = %1, H − H₀ = %2")
                           .arg(number(point.position), number(point.energyError));
        }
    }
    offScaleNote_->setText(offScale);
    offScaleNote_->setVisible(!offScale.isEmpty());
}

void TrajectoryPlot::updateReadout(const TrajectorySnapshot& snapshot, int visible) {
    const TrajectoryRecord& record = snapshot.record;
    const TransitionInfo& info = record.info;
    const auto steps = [](int n) {
        return n == 1 ? tr("1 leapfrog step") : tr("%1 leapfrog steps").arg(n);
    };
    QStringList parts;
    parts << tr("iteration %1").arg(snapshot.iteration + 1);
    const QString epsilon = tr("ε = %1").arg(number(record.stepSize));
    const QString effective =
        tr("ε·√M⁻¹ = %1").arg(number(record.stepSize * std::sqrt(record.inverseMetric)));
    if (record.staticHmc) {
        parts << tr("static HMC, L = %1").arg(std::max(0, visible - 1));
        parts << epsilon << effective;
        if (snapshot.complete) {
            parts << tr("accept prob %1").arg(number(info.acceptStat))
                  << tr("divergent: %1").arg(info.divergent ? tr("yes") : tr("no"))
                  << (record.accepted ? tr("accepted") : tr("rejected"));
        }
    } else if (snapshot.complete) {
        parts << tr("tree depth %1").arg(info.treeDepth) << steps(info.nLeapfrog) << epsilon
              << effective << tr("accept_stat %1").arg(number(info.acceptStat))
              << tr("divergent: %1").arg(info.divergent ? tr("yes") : tr("no"))
              << tr("stopped by %1").arg(QString::fromUtf8(toString(info.termination)));
    } else {
        int doubling = -1;
        for (int i = 0; i < visible; ++i)
            doubling = std::max(doubling, record.points[static_cast<std::size_t>(i)].doubling);
        parts << tr("building doubling %1").arg(doubling + 1)
              << tr("%1 so far").arg(steps(std::max(0, visible - 1))) << epsilon << effective;
    }
    static_cast<ReadoutLine*>(readout_)->setParts(parts);
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

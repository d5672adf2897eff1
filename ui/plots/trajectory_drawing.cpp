// What one trajectory snapshot draws: the path, the U-turns, the labels and the readout. The
// plot's set-up, level curves and framing are in trajectory_plot.cpp.
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

}  // namespace couplinglab::ui

#include "core/adaptation.h"

#include <algorithm>
#include <cstdint>

namespace couplinglab {

void DualAveraging::restart() {
    counter_ = 0.0;
    sBar_ = 0.0;
    xBar_ = 0.0;
}

double DualAveraging::learn(double acceptStat) {
    counter_ += 1.0;
    acceptStat = std::min(acceptStat, 1.0);
    const double eta = 1.0 / (counter_ + settings_.t0);
    sBar_ = (1.0 - eta) * sBar_ + eta * (settings_.targetAccept - acceptStat);
    const double x = mu_ - sBar_ * std::sqrt(counter_) / settings_.gamma;
    const double xEta = std::pow(counter_, -settings_.kappa);
    xBar_ = (1.0 - xEta) * xBar_ + xEta * x;
    return std::exp(x);
}

WindowSchedule::WindowSchedule(int warmup, WindowSettings settings) : warmup_(warmup) {
    if (warmup < 20) return;  // too short to estimate a variance at all
    enabled_ = true;
    // Summed in 64 bits: a session may hold each of them up to INT_MAX.
    const std::int64_t stages =
        std::int64_t{settings.initBuffer} + settings.baseWindow + settings.termBuffer;
    if (stages > warmup) {
        // Not enough iterations for the configured stages: 15 % / 75 % / 10 %. Stan forgets to
        // restart its window counters here, which leaves the metric unadapted; we do restart.
        initBuffer_ = static_cast<int>(0.15 * warmup);
        termBuffer_ = static_cast<int>(0.1 * warmup);
        baseWindow_ = warmup - (initBuffer_ + termBuffer_);
    } else {
        initBuffer_ = settings.initBuffer;
        termBuffer_ = settings.termBuffer;
        baseWindow_ = settings.baseWindow;
    }
    counter_ = 0;
    windowSize_ = baseWindow_;
    nextWindowEnd_ = initBuffer_ + windowSize_ - 1;
}

bool WindowSchedule::inSlowWindow() const {
    return enabled_ && counter_ >= initBuffer_ && counter_ < warmup_ - termBuffer_ &&
           counter_ != warmup_;
}

bool WindowSchedule::endsSlowWindow() const {
    return enabled_ && counter_ == nextWindowEnd_ && counter_ != warmup_;
}

void WindowSchedule::advance(bool windowEnded) {
    if (windowEnded) computeNextWindow();
    ++counter_;
}

void WindowSchedule::computeNextWindow() {
    const int lastSlow = warmup_ - termBuffer_ - 1;
    if (nextWindowEnd_ == lastSlow) return;
    windowSize_ *= 2;
    nextWindowEnd_ = counter_ + windowSize_;
    if (nextWindowEnd_ == lastSlow) return;
    // Stretch this window to the end when the one after it would not fit.
    if (nextWindowEnd_ + 2 * windowSize_ >= warmup_ - termBuffer_) nextWindowEnd_ = lastSlow;
}

std::vector<std::pair<int, int>> WindowSchedule::slowWindows() const {
    std::vector<std::pair<int, int>> windows;
    if (!enabled_) return windows;
    WindowSchedule walk(*this);
    walk.counter_ = 0;
    walk.windowSize_ = baseWindow_;
    walk.nextWindowEnd_ = initBuffer_ + baseWindow_ - 1;
    int first = initBuffer_;
    while (walk.counter_ < warmup_) {
        const bool ends = walk.endsSlowWindow();
        if (ends) {
            windows.emplace_back(first, walk.counter_);
            first = walk.counter_ + 1;
        }
        walk.advance(ends);
    }
    return windows;
}

}  // namespace couplinglab

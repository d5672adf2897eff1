#include "app/cli/progress_line.h"

#include <chrono>
#include <vector>

namespace couplinglab::cli {

void ProgressLine::status(const std::string& text) {
    if (!enabled_) return;
    draw(text);
}

void ProgressLine::follow(RunOptions& options, int chains, std::int64_t iterationsPerChain) {
    if (!enabled_) return;
    total_ = iterationsPerChain;
    done_ = std::make_unique<std::atomic<std::int64_t>[]>(static_cast<std::size_t>(chains));
    chains_ = chains;
    for (int k = 0; k < chains; ++k)
        done_[static_cast<std::size_t>(k)] = 0;
    // Drawn once before the thread starts, so that even a run too short for the thread's first
    // turn shows that it sampled.
    std::string first = samplingText();
    draw(first);
    thread_ =
        std::jthread([this, first = std::move(first)](std::stop_token stop) { loop(stop, first); });
    options.progress = [this](int chain, std::int64_t done) { update(chain, done); };
}

void ProgressLine::update(int chain, std::int64_t iterations) {
    if (done_) done_[static_cast<std::size_t>(chain)].store(iterations, std::memory_order_relaxed);
}

void ProgressLine::stop() {
    if (thread_.joinable()) {
        thread_.request_stop();
        wake_.notify_all();
        thread_.join();
    }
    if (enabled_ && drawn_) {
        err_ << "\r\033[K" << std::flush;
        drawn_ = false;
    }
}

void ProgressLine::draw(const std::string& text) {
    std::lock_guard lock(outputMutex_);
    err_ << "\r\033[K" << text << std::flush;
    drawn_ = true;
}

std::string ProgressLine::samplingText() const {
    std::int64_t sum = 0;
    std::vector<int> percents;
    int finished = 0;
    for (int k = 0; k < chains_; ++k) {
        const std::int64_t done =
            done_[static_cast<std::size_t>(k)].load(std::memory_order_relaxed);
        sum += done;
        percents.push_back(total_ > 0 ? static_cast<int>(100 * done / total_) : 100);
        finished += done >= total_ ? 1 : 0;
    }
    const double whole = static_cast<double>(total_) * chains_;
    std::string text =
        "sampling: " + std::to_string(whole > 0 ? static_cast<int>(100.0 * sum / whole) : 100) +
        "% (";
    if (chains_ <= 8) {
        for (int k = 0; k < chains_; ++k) {
            text += (k == 0 ? "chain " : ", ") + std::to_string(k + 1) + ": " +
                    std::to_string(percents[static_cast<std::size_t>(k)]) + "%";
        }
    } else {
        text += std::to_string(finished) + " of " + std::to_string(chains_) + " chains done";
    }
    return text + ")";
}

void ProgressLine::loop(std::stop_token stop, std::string last) {
    std::mutex mutex;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
        const std::string text = samplingText();
        if (text != last) {
            draw(text);
            last = text;
        }
        wake_.wait_for(lock, stop, std::chrono::milliseconds(200), [] { return false; });
    }
}

}  // namespace couplinglab::cli

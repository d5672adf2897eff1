#pragma once

// Progress on a terminal, for every kind of run: one line on stderr, redrawn by a thread of its
// own a few times a second while the chains sample, and a fixed message before (the data being
// generated or read). Off a terminal, or with --quiet, it draws nothing.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <stop_token>
#include <string>
#include <thread>

#include "core/chain_runner.h"

namespace couplinglab::cli {

class ProgressLine {
  public:
    ProgressLine(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;
    ~ProgressLine() { stop(); }

    bool enabled() const { return enabled_; }

    // A fixed message, e.g. while the data are generated.
    void status(const std::string& text);

    // Starts drawing the chains' progress and makes `options.progress` report to it; does
    // nothing when the line is disabled.
    void follow(RunOptions& options, int chains, std::int64_t iterationsPerChain);

    // Thread-safe; called by the chains.
    void update(int chain, std::int64_t iterations);

    // Stops the drawing thread and clears the line.
    void stop();

  private:
    void draw(const std::string& text);
    std::string samplingText() const;
    void loop(std::stop_token stop, std::string last);  // `last`: the text drawn now

    std::ostream& err_;
    bool enabled_;
    bool drawn_ = false;
    int chains_ = 0;
    std::int64_t total_ = 0;
    std::unique_ptr<std::atomic<std::int64_t>[]> done_;
    std::mutex outputMutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;
};

}  // namespace couplinglab::cli

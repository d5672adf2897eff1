#pragma once

// SIGINT and SIGTERM as a request to stop. The handler only stores the signal's number in a
// lock-free atomic; the sampling loop (RunOptions::cancel) and the file writers
// (OutputTransaction) check it between steps, clean up and let the program exit with
// 128 + the signal's number (130, 143). A second signal of the same kind ends the process at
// once with the default action, for a user who really wants it gone.

#include <atomic>

namespace couplinglab {

// Installs the handler for SIGINT and SIGTERM, and ignores SIGPIPE (a closed pipe then fails
// the write with EPIPE, handled as any other write error). Safe to call more than once.
void installInterruptHandlers();

// Set by the handler; suitable for RunOptions::cancel.
const std::atomic<bool>& interruptRequested();

// The number of the signal that asked to stop, or 0.
int interruptSignal();

// What a process interrupted by `signal` exits with: 128 + signal.
constexpr int interruptedExitStatus(int signal) {
    return 128 + signal;
}

// Forgets a request (tests; a program that handled one and carries on).
void clearInterrupt();

}  // namespace couplinglab

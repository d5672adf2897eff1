#include "core/interrupt.h"

#include <csignal>

namespace couplinglab {
namespace {

// Lock-free atomics are the only shared state a signal handler may touch.
std::atomic<bool> requested{false};
std::atomic<int> signalNumber{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void onInterrupt(int signal) {
    signalNumber.store(signal, std::memory_order_relaxed);
    requested.store(true, std::memory_order_release);
}

}  // namespace

void installInterruptHandlers() {
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the second signal takes the default action and ends the process at once.
    // No SA_RESTART: a blocking write returns EINTR, and the writer then sees the request.
    action.sa_flags = static_cast<int>(SA_RESETHAND);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // A reader that went away (`| head`) is a failed write like a full disk: reported, with
    // the temporary files removed, instead of ending the process where it stands.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
}

const std::atomic<bool>& interruptRequested() {
    return requested;
}

int interruptSignal() {
    return requested.load(std::memory_order_acquire) ? signalNumber.load(std::memory_order_relaxed)
                                                     : 0;
}

void clearInterrupt() {
    requested.store(false);
    signalNumber.store(0);
}

}  // namespace couplinglab

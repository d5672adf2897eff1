#pragma once

// Qt as distributed is not built with ThreadSanitizer, so TSan cannot see the synchronisation
// inside it: the queue that carries a queued signal's event to the receiving thread, or the one
// that gives a runnable to a QThreadPool thread. These helpers describe such hand-overs to TSan
// in a TSan build (the tsan preset) and are empty in every other build.

#if defined(__SANITIZE_THREAD__)
#define COUPLINGLAB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define COUPLINGLAB_TSAN 1
#endif
#endif

#ifdef COUPLINGLAB_TSAN
#include <sanitizer/tsan_interface.h>
extern "C" {
void __tsan_ignore_thread_begin();
void __tsan_ignore_thread_end();
}
#endif

namespace couplinglab::ui::tsan {

// What this thread did before release(token) happens before what another thread does after
// acquire(token).
inline void release([[maybe_unused]] void* token) {
#ifdef COUPLINGLAB_TSAN
    __tsan_release(token);
#endif
}

inline void acquire([[maybe_unused]] void* token) {
#ifdef COUPLINGLAB_TSAN
    __tsan_acquire(token);
#endif
}

// Wraps the emission of a signal that is queued to another thread. Qt copies the arguments into
// the event on this thread and the receiver reads that copy after Qt's queue has handed the event
// over; while this lives, TSan ignores this thread's memory accesses (not its locks), so it does
// not mistake the copy for a write that races with the receiver. Nothing else may run in it.
class QueuedEmission {
  public:
    // Not "= default": under TSan these bodies are the point of the class.
    QueuedEmission() {  // NOLINT(modernize-use-equals-default)
#ifdef COUPLINGLAB_TSAN
        __tsan_ignore_thread_begin();
#endif
    }
    ~QueuedEmission() {  // NOLINT(modernize-use-equals-default)
#ifdef COUPLINGLAB_TSAN
        __tsan_ignore_thread_end();
#endif
    }
    QueuedEmission(const QueuedEmission&) = delete;
    QueuedEmission& operator=(const QueuedEmission&) = delete;
    QueuedEmission(QueuedEmission&&) = delete;
    QueuedEmission& operator=(QueuedEmission&&) = delete;
};

}  // namespace couplinglab::ui::tsan

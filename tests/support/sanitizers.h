#pragma once

#include <cstddef>

// Whether this build is instrumented by AddressSanitizer or ThreadSanitizer (GCC or Clang): the
// sanitizer presets build the suites and the programs they start with the same flags.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define COUPLINGLAB_SANITIZED_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define COUPLINGLAB_SANITIZED_BUILD 1
#endif
#endif

#ifdef COUPLINGLAB_SANITIZED_BUILD
// Both runtimes define it; declared here because GCC ships no sanitizer/allocator_interface.h.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();  // NOLINT
#endif

namespace couplinglab::testing {

#ifdef COUPLINGLAB_SANITIZED_BUILD
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// Under a sanitizer, the kB its allocator has handed out and not had back (what its quarantine
// and caches keep is not counted): the heap in use, where resident memory is not a measure of
// it. -1 in a plain build.
inline long sanitizerHeapInUseKb() {
#ifdef COUPLINGLAB_SANITIZED_BUILD
    return static_cast<long>(__sanitizer_get_current_allocated_bytes() / 1024);
#else
    return -1;
#endif
}

}  // namespace couplinglab::testing

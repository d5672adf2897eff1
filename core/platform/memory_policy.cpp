#include "core/platform/memory_policy.h"

#include <cstddef>  // on glibc, defines __GLIBC__

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace couplinglab {

void returnLargeArraysToTheSystem() {
#if defined(__GLIBC__)
    // Fixing the threshold also turns off its adaptation, which is what raises it; the
    // adaptation may already have raised the trim threshold, which keeps freed memory at the
    // top of a heap, so that goes back to glibc's default.
    constexpr int kLargeArrayBytes = 1 << 20;
    constexpr int kDefaultTrimBytes = 128 << 10;
    mallopt(M_MMAP_THRESHOLD, kLargeArrayBytes);
    mallopt(M_TRIM_THRESHOLD, kDefaultTrimBytes);
#endif
}

}  // namespace couplinglab

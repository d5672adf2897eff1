#include "core/platform/compute_thread.h"

#include "core/platform/vector_state.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace couplinglab {

namespace {

int niceness(ComputePriority priority) {
    switch (priority) {
        case ComputePriority::Normal:
            return 0;
        case ComputePriority::Sampler:
            return 5;
        case ComputePriority::Diagnostics:
            return 10;
    }
    return 0;
}

}  // namespace

void prepareComputeThread(ComputePriority priority) {
#if defined(__linux__)
    // Linux gives each thread its own nice value (POSIX would apply it to the whole process).
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), niceness(priority));
#else
    (void)niceness(priority);
#endif
    clearUpperVectorState();
}

}  // namespace couplinglab

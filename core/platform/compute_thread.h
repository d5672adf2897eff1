#pragma once

namespace couplinglab {

// How much a background computation yields to the window when the cores are short.
enum class ComputePriority {
    Normal,       // as the caller's: a test's or a batch job's, where nothing waits on a window
    Sampler,      // the window's sampling thread: just below the GUI thread
    Diagnostics,  // summaries of the history: below the sampler, whose draws they describe
};

// Prepares the calling thread for a long numerical computation: a lower scheduling priority
// (where the system lets a thread have its own, on Linux) and a clean upper vector state (see
// vector_state.h), since the thread may have run Qt's code just before. Draws and results do
// not depend on either; only how fast the computation runs and how responsive the window stays.
void prepareComputeThread(ComputePriority priority);

}  // namespace couplinglab

#pragma once

#include <optional>

namespace couplinglab {

// Zeroes the upper halves of the AVX registers (VZEROUPPER) when the CPU has AVX; elsewhere it
// does nothing. Why: this project is built for plain x86-64, so its arithmetic and libm's are SSE
// instructions, and on recent Intel CPUs every SSE instruction runs many times slower while those
// upper halves hold data ("dirty upper state", which only VZEROUPPER or VZEROALL clears). Some
// libraries return with them dirty: Qt 6.4's string hashing does on CPUs with VAES, and a thread
// started afterwards inherits the state of the thread that started it. On a Sapphire Rapids core
// that made the window's sampler 4.5 times and the sweep 9 times slower. The sampling loops call
// this where they start and after each call into code they do not own; it costs a cycle or two.
void clearUpperVectorState() noexcept;

// Whether the upper halves are dirty now (XINUSE, read with XGETBV ECX = 1); nullopt when the CPU
// cannot tell. For tests and benchmarks.
std::optional<bool> upperVectorStateDirty() noexcept;

// Makes the upper halves dirty, as Qt's hashing leaves them, when the CPU has AVX; returns
// whether it could. For tests and benchmarks.
bool dirtyUpperVectorState() noexcept;

}  // namespace couplinglab

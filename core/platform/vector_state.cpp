#include "core/platform/vector_state.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define COUPLINGLAB_X86_64 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace couplinglab {

#ifdef COUPLINGLAB_X86_64

namespace {

// libgcc's and compiler-rt's check covers the operating system too: AVX counts only when it
// saves the YMM registers (XCR0), so VZEROUPPER cannot fault where this says yes.
bool cpuHasAvx() noexcept {
    static const bool hasAvx = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx") != 0;
    }();
    return hasAvx;
}

// A function of its own, compiled for AVX, so that the rest of the project stays plain x86-64
// and the instruction only runs where cpuHasAvx() allowed it.
__attribute__((target("avx"))) void zeroUpperHalves() noexcept {
    _mm256_zeroupper();
}

bool cpuReportsStateInUse() noexcept {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0 || (ecx & bit_OSXSAVE) == 0) return false;
    if (__get_cpuid_max(0, nullptr) < 0xD) return false;
    __cpuid_count(0xD, 1, eax, ebx, ecx, edx);
    return (eax & (1U << 2)) != 0;  // XGETBV with ECX = 1 reads XINUSE
}

}  // namespace

void clearUpperVectorState() noexcept {
    if (cpuHasAvx()) zeroUpperHalves();
}

std::optional<bool> upperVectorStateDirty() noexcept {
    static const bool canTell = cpuHasAvx() && cpuReportsStateInUse();
    if (!canTell) return std::nullopt;
    unsigned low = 0, high = 0;
    asm volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(1));
    constexpr unsigned kUpperHalvesOfYmm = 1U << 2;  // XINUSE bit 2: YMM bits 128-255
    return (low & kUpperHalvesOfYmm) != 0;
}

bool dirtyUpperVectorState() noexcept {
    if (!cpuHasAvx()) return false;
    // Through asm, so that the compiler neither sees the YMM register nor adds the VZEROUPPER it
    // would put at the end of a function that uses one.
    asm volatile("vcmpps $0x0f, %%ymm15, %%ymm15, %%ymm15" ::: "xmm15");  // all ones
    return true;
}

#else

void clearUpperVectorState() noexcept {}

std::optional<bool> upperVectorStateDirty() noexcept {
    return std::nullopt;
}

bool dirtyUpperVectorState() noexcept {
    return false;
}

#endif

}  // namespace couplinglab

#pragma once

#include <string_view>

#include "core/phase_point.h"

namespace couplinglab {

// Why a transition's trajectory stopped growing.
enum class Termination {
    UTurn,        // the no-U-turn criterion fired
    MaxDepth,     // NUTS reached its maximum tree depth
    Divergence,   // the energy error passed the threshold (or became non-finite)
    FixedLength,  // static HMC ran its L steps
};

std::string_view toString(Termination termination);

// Stan's per-iteration sampler diagnostics, under Stan's names in the CSV:
// accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__.
struct TransitionInfo {
    double acceptStat = 0.0;
    double stepSize = 0.0;
    int treeDepth = 0;
    int nLeapfrog = 0;
    bool divergent = false;
    double energy = 0.0;
    Termination termination = Termination::UTurn;
};

template <int Dim>
struct Transition {
    HmcState<Dim> state;
    TransitionInfo info;
};

inline std::string_view toString(Termination termination) {
    switch (termination) {
        case Termination::UTurn:
            return "U-turn";
        case Termination::MaxDepth:
            return "max depth";
        case Termination::Divergence:
            return "divergence";
        case Termination::FixedLength:
            return "fixed length";
    }
    return "unknown";
}

}  // namespace couplinglab

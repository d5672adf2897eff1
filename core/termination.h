#pragma once

#include "core/phase_point.h"

namespace couplinglab {

// The generalised no-U-turn criterion (Betancourt 2017) between the two ends of a span of a
// trajectory: the summed momentum rho must still point "outwards" at both ends.
template <int Dim>
bool isUTurnFree(const Vector<Dim>& velocityBegin, const Vector<Dim>& velocityEnd,
                 const Vector<Dim>& rho) {
    return velocityEnd.dot(rho) > 0 && velocityBegin.dot(rho) > 0;
}

}  // namespace couplinglab

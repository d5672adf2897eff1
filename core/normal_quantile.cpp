#include "core/normal_quantile.h"

#include <array>
#include <cmath>
#include <limits>

namespace couplinglab {
namespace {

// ---------------------------------------------------------------------------------------------
// Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37, 477-484: rational
// approximations to the normal quantile on three ranges, accurate to about 1 part in 1e16.
// Coefficients are listed from the constant term up; each denominator's constant term is 1.

using Coefficients = std::array<double, 8>;

// |p - 0.5| <= 0.425, in r = 0.180625 - (p - 0.5)^2.
constexpr Coefficients kCentralNumerator = {3.3871328727963666080e+0, 1.3314166789178437745e+2,
                                            1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                            4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                            3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr Coefficients kCentralDenominator = {1.0000000000000000000e+0, 4.2313330701600911252e+1,
                                              6.8718700749205790830e+2, 5.3941960214247511077e+3,
                                              2.1213794301586595867e+4, 3.9307895800092710610e+4,
                                              2.8729085735721942674e+4, 5.2264952788528545610e+3};

// sqrt(-log(tail)) <= 5, in r - 1.6.
constexpr Coefficients kIntermediateNumerator = {
    1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0,
    3.64784832476320460504e+0, 1.27045825245236838258e+0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr Coefficients kIntermediateDenominator = {
    1.0000000000000000000e+0,  2.05319162663775882187e+0, 1.67638483018380384940e+0,
    6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2,
    5.47593808499534494600e-4, 1.05075007164441684324e-9};

// sqrt(-log(tail)) > 5 (tail area below about 1.4e-11), in r - 5.
constexpr Coefficients kFarNumerator = {6.65790464350110377720e+0, 5.46378491116411436990e+0,
                                        1.78482653991729133580e+0, 2.96560571828504891230e-1,
                                        2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                        2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr Coefficients kFarDenominator = {1.0000000000000000000e+0,  5.99832206555887937690e-1,
                                          1.36929880922735805310e-1, 1.48753612908506148525e-2,
                                          7.86869131145613259100e-4, 1.84631831751005468180e-5,
                                          1.42151175831644588870e-7, 2.04426310338993978564e-15};

// Horner's rule from the highest power down, the evaluation order of the published algorithm.
double polynomial(const Coefficients& c, double x) {
    double sum = c.back();
    for (auto it = c.rbegin() + 1; it != c.rend(); ++it)
        sum = sum * x + *it;
    return sum;
}

double ratio(const Coefficients& numerator, const Coefficients& denominator, double x) {
    return polynomial(numerator, x) / polynomial(denominator, x);
}

}  // namespace

double inverseNormalCdf(double p) {
    if (std::isnan(p) || p < 0.0 || p > 1.0) return std::numeric_limits<double>::quiet_NaN();
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();

    const double q = p - 0.5;
    if (std::abs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q * ratio(kCentralNumerator, kCentralDenominator, r);
    }
    // In the tails the approximation is in r = sqrt(-log(tail area)), which grows only slowly
    // as the tail area shrinks towards the smallest double.
    const double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
    const double z = r <= 5.0 ? ratio(kIntermediateNumerator, kIntermediateDenominator, r - 1.6)
                              : ratio(kFarNumerator, kFarDenominator, r - 5.0);
    return q < 0.0 ? -z : z;
}

}  // namespace couplinglab

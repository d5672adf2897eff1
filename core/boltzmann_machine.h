#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/coupling_model.h"
#include "core/log_partition.h"
#include "core/phase_point.h"

namespace couplinglab {

inline constexpr int kMinUnits = 2;
inline constexpr int kMaxUnits = 8;
inline constexpr int kMaxPatterns = 1 << kMaxUnits;
static_assert(kMaxPatterns <= PatternFeatures<Eigen::Dynamic>::kMaxPatterns &&
              kMaxUnits * (kMaxUnits + 1) / 2 <= PatternFeatures<Eigen::Dynamic>::kMaxDimension);

// A fully visible Boltzmann machine's shape (DESIGN.md §5): K units, couplings w_jk for j < k
// in row-major order (w_12, w_13, ..., w_23, ...), then, with biases, b_1 ... b_K.
struct MachineShape {
    int units = 2;
    bool biases = false;

    int couplings() const { return units * (units - 1) / 2; }
    int dimension() const { return couplings() + (biases ? units : 0); }
    int patterns() const { return 1 << units; }
    // K = 2 without biases is the one-coupling model of DESIGN.md §1.
    bool isOneCoupling() const { return units == 2 && !biases; }
    bool operator==(const MachineShape&) const = default;
};

std::optional<std::string> validate(const MachineShape& shape);

// Stan-style names: "w" for the one-coupling model, else "w.j.k" and "b.k", 1-based.
std::vector<std::string> parameterNames(const MachineShape& shape);

// Spin of unit k (0-based) in pattern s: bit k of s set means +1. Unit 1 varies fastest, as in
// R's expand.grid.
inline int spinOf(int pattern, int unit) {
    return ((pattern >> unit) & 1) != 0 ? 1 : -1;
}

// phi(s) for every pattern s: a patterns x dimension matrix of +-1.
Eigen::MatrixXd featureMatrix(const MachineShape& shape);

// How many of the N observations show each of the 2^K patterns: all the model needs.
struct PatternCounts {
    MachineShape shape;
    std::vector<std::uint64_t> counts;  // 2^K entries

    std::uint64_t observations() const;
    // T = sum_n phi(s_n), the sufficient statistic.
    Eigen::VectorXd featureSums() const;
    bool operator==(const PatternCounts&) const = default;
};

// The log density the sampler sees for D = Dim parameters, log prior + s*L(theta) up to a
// constant, from the pattern counts: a gradient costs O(2^K * D) and never touches the N
// observations. Exact Boltzmann: L = theta.T - N log Z, log Z by log-sum-exp over the 2^K
// patterns with the maximum taken out, in one pass with its gradient T - N E_theta[phi]
// (PatternFeatures). Fixed-size vectors and stack buffers: an evaluation allocates nothing.
template <int Dim>
class BoltzmannTarget {
  public:
    static constexpr int dimension = Dim;

    BoltzmannTarget(const ModelSpec& model, const PatternCounts& data)
        : model_(model),
          data_(data),
          features_(featureMatrix(data.shape)),
          precision_(1.0 / (model.priorSd * model.priorSd)),
          scale_(model.divideByN ? 1.0 / static_cast<double>(data.observations()) : 1.0),
          scaledSums_(scale_ * data.featureSums()),
          scaledN_(scale_ * static_cast<double>(data.observations())),
          boltzmann_(model.likelihood == Likelihood::ExactBoltzmann) {}

    double logDensityAndGradient(const Vector<Dim>& q, Vector<Dim>& gradient) const {
        const Vector<Dim> centred = q.array() - model_.priorMean;
        double logDensity = -0.5 * precision_ * centred.squaredNorm() + scaledSums_.dot(q);
        gradient = scaledSums_ - precision_ * centred;
        if (boltzmann_) {
            Vector<Dim> mean = defaultVector<Dim>();
            if constexpr (Dim == Eigen::Dynamic) mean.resize(q.size());
            logDensity -= scaledN_ * features_.logPartitionAndMean(q, mean);
            gradient -= scaledN_ * mean;
        }
        return logDensity;
    }
    double logDensity(const Vector<Dim>& q) const {
        Vector<Dim> unused = defaultVector<Dim>();
        return logDensityAndGradient(q, unused);
    }

    // E_theta[phi] and Cov_theta[phi] under the model's own distribution over the patterns
    // (for the reference posterior, not the sampler: dynamic sizes are fine here).
    void featureMoments(const Vector<Dim>& q, Vector<Dim>& mean,
                        Eigen::Matrix<double, Dim, Dim>& covariance) const {
        const Eigen::MatrixXd features = featureMatrix(data_.shape);
        const Eigen::VectorXd energies = features * Eigen::VectorXd(q);
        const Eigen::VectorXd weights = (energies.array() - energies.maxCoeff()).exp().matrix();
        const Eigen::VectorXd p = weights / weights.sum();
        const Eigen::VectorXd m = features.transpose() * p;
        const Eigen::MatrixXd centred = features.rowwise() - m.transpose();
        mean = m;
        covariance = centred.transpose() * p.asDiagonal() * centred;
    }
    // Hessian of log p: -I/sd^2 - s*N*Cov_theta[phi] for exact Boltzmann, -I/sd^2 otherwise.
    Eigen::Matrix<double, Dim, Dim> hessian(const Vector<Dim>& q) const {
        const Eigen::Index d = q.size();
        Eigen::Matrix<double, Dim, Dim> h =
            -precision_ * Eigen::Matrix<double, Dim, Dim>::Identity(d, d);
        if (boltzmann_) {
            Vector<Dim> mean(d);
            Eigen::Matrix<double, Dim, Dim> covariance(d, d);
            featureMoments(q, mean, covariance);
            h -= scaledN_ * covariance;
        }
        return h;
    }

    const ModelSpec& model() const { return model_; }
    const PatternCounts& data() const { return data_; }
    double likelihoodScale() const { return scale_; }
    int dimensionAtRunTime() const { return data_.shape.dimension(); }

  private:
    ModelSpec model_;
    PatternCounts data_;
    PatternFeatures<Dim> features_;
    double precision_;
    double scale_;
    Vector<Dim> scaledSums_;  // s*T
    double scaledN_;
    bool boltzmann_;
};

}  // namespace couplinglab

#pragma once

// A slow, plainly recursive NUTS written the way Stan's base_nuts reads (the reference the fast,
// iterative sampler in core/nuts.h is checked against). Dynamic Eigen vectors, recursion,
// allocation everywhere: clarity over speed. It shares nothing with core/ but the Rng, so
// that both can be fed the same random numbers.

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cmath>
#include <functional>
#include <limits>

#include "core/random.h"

// GCC 12 at -O3 reports a use-after-free inside the destructors of Eigen's dynamic temporaries in
// buildTree that does not exist (a known false positive of -Wuse-after-free, GCC bug 104215).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuse-after-free"
#endif

namespace couplinglab::testing {

using VectorXd = Eigen::VectorXd;
using LogDensityFunction = std::function<double(const VectorXd& q, VectorXd& gradient)>;

struct ReferencePoint {
    VectorXd q;
    VectorXd p;
    double logDensity = 0.0;
    VectorXd gradient;
};

struct ReferenceTransition {
    ReferencePoint next;
    double acceptStat = 0.0;
    int treeDepth = 0;
    int nLeapfrog = 0;
    bool divergent = false;
    double energy = 0.0;
};

struct DenseInverseMetric {
    Eigen::MatrixXd matrix;
};

class ReferenceNuts {
  public:
    ReferenceNuts(LogDensityFunction density, VectorXd inverseMetric, double stepSize, int maxDepth,
                  double maxDeltaH = 1000.0)
        : density_(std::move(density)),
          inverseMetric_(std::move(inverseMetric)),
          stepSize_(stepSize),
          maxDepth_(maxDepth),
          maxDeltaH_(maxDeltaH) {}

    // A dense metric (Stan's dense_e): velocity M^-1 p, momentum U^-1 z with U'U = M^-1.
    ReferenceNuts(LogDensityFunction density, DenseInverseMetric denseInverseMetric,
                  double stepSize, int maxDepth, double maxDeltaH = 1000.0)
        : density_(std::move(density)),
          inverseMetric_(denseInverseMetric.matrix.diagonal()),
          denseInverse_(std::move(denseInverseMetric.matrix)),
          stepSize_(stepSize),
          maxDepth_(maxDepth),
          maxDeltaH_(maxDeltaH) {}

    ReferenceTransition transition(const VectorXd& q, Rng& rng) {
        rng_ = &rng;
        z_.q = q;
        z_.gradient = VectorXd::Zero(q.size());
        z_.logDensity = density_(z_.q, z_.gradient);
        z_.p = VectorXd(q.size());
        for (Eigen::Index i = 0; i < q.size(); ++i)
            z_.p[i] = denseInverse_.size() > 0 ? rng.normal()
                                               : rng.normal() / std::sqrt(inverseMetric_[i]);
        if (denseInverse_.size() > 0) z_.p = denseInverse_.llt().matrixU().solve(z_.p);

        ReferencePoint zForward = z_, zBackward = z_, zSample = z_, zPropose = z_;
        VectorXd pForwardForward = z_.p, pSharpForwardForward = sharp(z_.p);
        VectorXd pForwardBackward = z_.p, pSharpForwardBackward = pSharpForwardForward;
        VectorXd pBackwardForward = z_.p, pSharpBackwardForward = pSharpForwardForward;
        VectorXd pBackwardBackward = z_.p, pSharpBackwardBackward = pSharpForwardForward;
        VectorXd rho = z_.p;
        double logSumWeight = 0.0;
        const double h0 = hamiltonian(z_);
        int nLeapfrog = 0;
        double sumMetroProb = 0.0;
        depth_ = 0;
        divergent_ = false;

        while (depth_ < maxDepth_) {
            VectorXd rhoForward = VectorXd::Zero(rho.size());
            VectorXd rhoBackward = VectorXd::Zero(rho.size());
            bool valid = false;
            double logSumWeightSubtree = -std::numeric_limits<double>::infinity();
            if (rng.uniform() > 0.5) {
                z_ = zForward;
                rhoBackward = rho;
                pBackwardForward = pForwardForward;
                pSharpBackwardForward = pSharpForwardForward;
                valid = buildTree(depth_, zPropose, pSharpForwardBackward, pSharpForwardForward,
                                  rhoForward, pForwardBackward, pForwardForward, h0, 1.0, nLeapfrog,
                                  logSumWeightSubtree, sumMetroProb);
                zForward = z_;
            } else {
                z_ = zBackward;
                rhoForward = rho;
                pForwardBackward = pBackwardBackward;
                pSharpForwardBackward = pSharpBackwardBackward;
                valid = buildTree(depth_, zPropose, pSharpBackwardForward, pSharpBackwardBackward,
                                  rhoBackward, pBackwardForward, pBackwardBackward, h0, -1.0,
                                  nLeapfrog, logSumWeightSubtree, sumMetroProb);
                zBackward = z_;
            }
            if (!valid) break;
            ++depth_;
            if (logSumWeightSubtree > logSumWeight) {
                zSample = zPropose;
            } else if (rng.uniform() < std::exp(logSumWeightSubtree - logSumWeight)) {
                zSample = zPropose;
            }
            logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree);
            rho = rhoBackward + rhoForward;
            bool persist = criterion(pSharpBackwardBackward, pSharpForwardForward, rho);
            VectorXd rhoExtended = rhoBackward + pForwardBackward;
            persist &= criterion(pSharpBackwardBackward, pSharpForwardBackward, rhoExtended);
            rhoExtended = rhoForward + pBackwardForward;
            persist &= criterion(pSharpBackwardForward, pSharpForwardForward, rhoExtended);
            if (!persist) break;
        }
        ReferenceTransition result;
        result.next = zSample;
        result.acceptStat = sumMetroProb / nLeapfrog;
        result.treeDepth = depth_;
        result.nLeapfrog = nLeapfrog;
        result.divergent = divergent_;
        result.energy = hamiltonian(zSample);
        return result;
    }

  private:
    bool buildTree(int depth, ReferencePoint& zPropose, VectorXd& pSharpBegin, VectorXd& pSharpEnd,
                   VectorXd& rho, VectorXd& pBegin, VectorXd& pEnd, double h0, double sign,
                   int& nLeapfrog, double& logSumWeight, double& sumMetroProb) {
        if (depth == 0) {
            leapfrog(sign * stepSize_);
            ++nLeapfrog;
            double h = hamiltonian(z_);
            if (std::isnan(h)) h = std::numeric_limits<double>::infinity();
            if (h - h0 > maxDeltaH_) divergent_ = true;
            logSumWeight = logSumExp(logSumWeight, h0 - h);
            sumMetroProb += h0 - h > 0 ? 1.0 : std::exp(h0 - h);
            zPropose = z_;
            pSharpBegin = sharp(z_.p);
            pSharpEnd = pSharpBegin;
            rho += z_.p;
            pBegin = z_.p;
            pEnd = pBegin;
            return !divergent_;
        }
        const Eigen::Index n = z_.p.size();
        double logSumWeightInit = -std::numeric_limits<double>::infinity();
        VectorXd pInitEnd(n), pSharpInitEnd(n), rhoInit = VectorXd::Zero(n);
        if (!buildTree(depth - 1, zPropose, pSharpBegin, pSharpInitEnd, rhoInit, pBegin, pInitEnd,
                       h0, sign, nLeapfrog, logSumWeightInit, sumMetroProb)) {
            return false;
        }
        ReferencePoint zProposeFinal = z_;
        double logSumWeightFinal = -std::numeric_limits<double>::infinity();
        VectorXd pFinalBegin(n), pSharpFinalBegin(n), rhoFinal = VectorXd::Zero(n);
        if (!buildTree(depth - 1, zProposeFinal, pSharpFinalBegin, pSharpEnd, rhoFinal, pFinalBegin,
                       pEnd, h0, sign, nLeapfrog, logSumWeightFinal, sumMetroProb)) {
            return false;
        }
        const double logSumWeightSubtree = logSumExp(logSumWeightInit, logSumWeightFinal);
        logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree);
        if (logSumWeightFinal > logSumWeightSubtree) {
            zPropose = zProposeFinal;
        } else if (rng_->uniform() < std::exp(logSumWeightFinal - logSumWeightSubtree)) {
            zPropose = zProposeFinal;
        }
        const VectorXd rhoSubtree = rhoInit + rhoFinal;
        rho += rhoSubtree;
        bool persist = criterion(pSharpBegin, pSharpEnd, rhoSubtree);
        VectorXd rhoExtended = rhoInit + pFinalBegin;
        persist &= criterion(pSharpBegin, pSharpFinalBegin, rhoExtended);
        rhoExtended = rhoFinal + pInitEnd;
        persist &= criterion(pSharpInitEnd, pSharpEnd, rhoExtended);
        return persist;
    }

    void leapfrog(double epsilon) {
        z_.p += (0.5 * epsilon) * z_.gradient;
        z_.q += epsilon * sharp(z_.p);
        z_.logDensity = density_(z_.q, z_.gradient);
        z_.p += (0.5 * epsilon) * z_.gradient;
    }

    VectorXd sharp(const VectorXd& p) const {
        VectorXd result = inverseMetric_.cwiseProduct(p);
        if (denseInverse_.size() > 0) denseProduct(p, result);
        return result;
    }
    // M^-1 p for a dense metric, as plain sums.
    void denseProduct(const VectorXd& p, VectorXd& result) const {
        for (Eigen::Index i = 0; i < p.size(); ++i) {
            result[i] = 0.0;
            for (Eigen::Index j = 0; j < p.size(); ++j)
                result[i] += denseInverse_(i, j) * p[j];
        }
    }
    double hamiltonian(const ReferencePoint& z) const {
        return -z.logDensity + 0.5 * z.p.dot(sharp(z.p));
    }
    static bool criterion(const VectorXd& minus, const VectorXd& plus, const VectorXd& rho) {
        return plus.dot(rho) > 0 && minus.dot(rho) > 0;
    }
    static double logSumExp(double a, double b) {
        if (a == -std::numeric_limits<double>::infinity()) return b;
        return a > b ? a + std::log1p(std::exp(b - a)) : b + std::log1p(std::exp(a - b));
    }

    LogDensityFunction density_;
    VectorXd inverseMetric_;
    Eigen::MatrixXd denseInverse_;  // empty for a diagonal metric
    double stepSize_;
    int maxDepth_;
    double maxDeltaH_;
    Rng* rng_ = nullptr;
    ReferencePoint z_;
    int depth_ = 0;
    bool divergent_ = false;
};

}  // namespace couplinglab::testing

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic pop
#endif

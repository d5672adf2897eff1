#pragma once

#include <atomic>
#include <span>
#include <vector>

#include "core/normal_quantile.h"  // inverseNormalCdf, also exposed for tests

namespace couplinglab {

// Convergence and efficiency diagnostics for one scalar quantity, as defined by Vehtari,
// Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding, and
// localization: an improved R-hat", and as computed by R's `posterior` package.
//
// Every function takes the draws of K >= 1 chains of equal length S (post-warmup draws only).
// A result that is undefined (fewer than 4 draws per chain, constant draws, non-finite draws)
// is NaN, never an exception; so is a rank-based one past 2^32 - 1 draws in total.

using ChainSpans = std::vector<std::span<const double>>;

struct Summary {
    double mean;
    double sd;        // sample sd of all draws pooled (n - 1 denominator)
    double mcseMean;  // sd / sqrt(essMean)
    double essBulk;   // ESS of the rank-normalised split chains
    double essTail;   // min of the ESS of I(x <= q05) and I(x <= q95), split chains
    double rhat;      // max of bulk and tail (folded) rank-normalised split R-hat
    std::size_t draws;
    bool cancelled = false;  // summarize() was asked to stop; the diagnostics are NaN
};

Summary summarize(const ChainSpans& chains);
// The same, checking `cancel` between its stages (each O(n log n)), so that a window closing
// while it summarises millions of draws waits at most one stage.
Summary summarize(const ChainSpans& chains, const std::atomic<bool>* cancel);

double rhat(const ChainSpans& chains);      // rank-normalised split R-hat (max of bulk, tail)
double essBulk(const ChainSpans& chains);   // rank-normalised split ESS
double essTail(const ChainSpans& chains);   // tail ESS
double essMean(const ChainSpans& chains);   // split ESS of the raw values ("ess_basic")
double mcseMean(const ChainSpans& chains);  // Monte Carlo standard error of the mean

// Building blocks, exposed for tests.
double basicRhat(const ChainSpans& chains);  // classic R-hat of the given chains, no splitting
double basicEss(const ChainSpans& chains);   // Geyer initial-monotone ESS, no splitting
std::vector<std::vector<double>> splitChains(const ChainSpans& chains);
std::vector<std::vector<double>> rankNormalize(const std::vector<std::vector<double>>& chains);
std::vector<double> autocovariance(std::span<const double> draws);  // biased, lags 0..S-1
double quantile(std::span<const double> draws, double prob);        // R's type 7

}  // namespace couplinglab

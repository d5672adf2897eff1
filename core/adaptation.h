#pragma once

#include <cmath>
#include <utility>
#include <vector>

#include "core/dense_metric.h"
#include "core/phase_point.h"

namespace couplinglab {

// Nesterov dual averaging of log(step size) towards a target mean acceptance statistic
// (Hoffman & Gelman 2014, as in Stan's stepsize_adaptation).
struct DualAveragingSettings {
    double targetAccept = 0.8;  // delta
    double gamma = 0.05;
    double kappa = 0.75;
    double t0 = 10.0;
};

class DualAveraging {
  public:
    explicit DualAveraging(DualAveragingSettings settings = {}) : settings_(settings) {}

    void restart();
    void setMu(double mu) { mu_ = mu; }
    // Feeds one iteration's accept_stat; returns the step size for the next iteration.
    double learn(double acceptStat);
    // The averaged iterate, used once warmup ends.
    double finalStepSize() const { return std::exp(xBar_); }
    double mu() const { return mu_; }

  private:
    DualAveragingSettings settings_;
    double counter_ = 0.0;
    double sBar_ = 0.0;
    double xBar_ = 0.0;
    double mu_ = 0.5;
};

struct WindowSettings {
    int initBuffer = 75;  // initial fast window
    int termBuffer = 50;  // terminal fast window
    int baseWindow = 25;  // first slow window; each following one doubles
};

// Stan's windowed warmup schedule: a fast initial buffer, slow windows that double in length
// (the last stretched to the terminal buffer), and a fast terminal buffer.
class WindowSchedule {
  public:
    WindowSchedule() = default;
    WindowSchedule(int warmup, WindowSettings settings);

    // False when warmup < 20: no metric is estimated then, as in Stan.
    bool enabled() const { return enabled_; }
    int initBuffer() const { return initBuffer_; }
    int termBuffer() const { return termBuffer_; }
    int baseWindow() const { return baseWindow_; }
    // The slow windows as [first, last] warmup iterations (0-based), for display.
    std::vector<std::pair<int, int>> slowWindows() const;

    // Per-iteration queries for the iteration `counter()` about to be learned from.
    bool inSlowWindow() const;
    bool endsSlowWindow() const;
    void advance(bool windowEnded);
    int counter() const { return counter_; }

  private:
    void computeNextWindow();

    bool enabled_ = false;
    int warmup_ = 0;
    int initBuffer_ = 0;
    int termBuffer_ = 0;
    int baseWindow_ = 0;
    int counter_ = 0;
    int windowSize_ = 0;
    int nextWindowEnd_ = 0;
};

// Welford's running mean and variance, per coordinate.
template <int Dim>
class WelfordVariance {
  public:
    void restart() {
        count_ = 0;
        mean_.setZero();
        m2_.setZero();
    }
    void add(const Vector<Dim>& x) {
        if (count_ == 0) {
            mean_ = Vector<Dim>::Zero(x.size());
            m2_ = Vector<Dim>::Zero(x.size());
        }
        ++count_;
        const Vector<Dim> delta = x - mean_;
        mean_ += delta / static_cast<double>(count_);
        m2_ += delta.cwiseProduct(x - mean_);
    }
    long count() const { return count_; }
    Vector<Dim> variance() const { return m2_ / static_cast<double>(count_ - 1); }

  private:
    long count_ = 0;
    Vector<Dim> mean_ = defaultVector<Dim>();
    Vector<Dim> m2_ = defaultVector<Dim>();
};

// Welford's running mean and covariance matrix (Stan's welford_covar_estimator).
template <int Dim>
class WelfordCovariance {
  public:
    void restart() {
        count_ = 0;
        mean_.setZero();
        m2_.setZero();
    }
    void add(const Vector<Dim>& x) {
        if (count_ == 0) {
            mean_ = Vector<Dim>::Zero(x.size());
            m2_ = Matrix<Dim>::Zero(x.size(), x.size());
        }
        ++count_;
        const Vector<Dim> delta = x - mean_;
        mean_ += delta / static_cast<double>(count_);
        m2_ += (x - mean_) * delta.transpose();
    }
    long count() const { return count_; }
    Matrix<Dim> covariance() const { return m2_ / static_cast<double>(count_ - 1); }

  private:
    long count_ = 0;
    Vector<Dim> mean_ = defaultVector<Dim>();
    Matrix<Dim> m2_ =
        Matrix<Dim>::Zero(Dim == Eigen::Dynamic ? 0 : Dim, Dim == Eigen::Dynamic ? 0 : Dim);
};

// The estimator each metric learns from, and the metric it makes from a window's draws with
// Stan's regularisation towards 1e-3: (n/(n+5))*estimate + 1e-3*(5/(n+5)).
template <class Metric>
struct MetricEstimator;

template <int Dim>
struct MetricEstimator<DiagonalMetric<Dim>> {
    using Type = WelfordVariance<Dim>;
    static void update(const Type& estimator, DiagonalMetric<Dim>& metric) {
        const double n = static_cast<double>(estimator.count());
        metric.inverse = (n / (n + 5.0)) * estimator.variance() +
                         Vector<Dim>::Constant(metric.inverse.size(), 1e-3 * (5.0 / (n + 5.0)));
    }
};

template <int Dim>
struct MetricEstimator<DenseMetric<Dim>> {
    using Type = WelfordCovariance<Dim>;
    static void update(const Type& estimator, DenseMetric<Dim>& metric) {
        const double n = static_cast<double>(estimator.count());
        const Eigen::Index size = metric.inverse.rows();
        metric = DenseMetric<Dim>::fromInverse((n / (n + 5.0)) * estimator.covariance() +
                                               1e-3 * (5.0 / (n + 5.0)) *
                                                   Matrix<Dim>::Identity(size, size));
    }
};

// Metric adaptation from the slow windows of Stan's schedule, for a diagonal or dense metric.
template <class Metric>
class WindowedMetricAdaptation {
  public:
    WindowedMetricAdaptation() = default;
    WindowedMetricAdaptation(int warmup, WindowSettings settings) : schedule_(warmup, settings) {}

    // Learns from the position after one warmup iteration. Returns true, with the metric
    // replaced, at the end of a slow window.
    template <int Dim>
    bool learn(const Vector<Dim>& q, Metric& metric) {
        if (!schedule_.enabled()) return false;
        if (schedule_.inSlowWindow()) estimator_.add(q);
        if (!schedule_.endsSlowWindow()) {
            schedule_.advance(false);
            return false;
        }
        MetricEstimator<Metric>::update(estimator_, metric);
        estimator_.restart();
        schedule_.advance(true);
        return true;
    }

    const WindowSchedule& schedule() const { return schedule_; }

  private:
    WindowSchedule schedule_;
    typename MetricEstimator<Metric>::Type estimator_;
};

// The diagonal adaptation, learning into a bare inverse-metric vector.
template <int Dim>
class MetricAdaptation : public WindowedMetricAdaptation<DiagonalMetric<Dim>> {
  public:
    using WindowedMetricAdaptation<DiagonalMetric<Dim>>::WindowedMetricAdaptation;
    using WindowedMetricAdaptation<DiagonalMetric<Dim>>::learn;
    bool learn(const Vector<Dim>& q, Vector<Dim>& inverseMetric) {
        DiagonalMetric<Dim> metric{inverseMetric};
        const bool updated = learn(q, metric);
        inverseMetric = metric.inverse;
        return updated;
    }
};

}  // namespace couplinglab

#include "core/boltzmann_machine.h"

namespace couplinglab {

std::optional<std::string> validate(const MachineShape& shape) {
    if (shape.units < kMinUnits || shape.units > kMaxUnits) {
        return "the number of units K must be between " + std::to_string(kMinUnits) + " and " +
               std::to_string(kMaxUnits);
    }
    return std::nullopt;
}

std::vector<std::string> parameterNames(const MachineShape& shape) {
    if (shape.isOneCoupling()) return {"w"};
    std::vector<std::string> names;
    for (int j = 1; j <= shape.units; ++j) {
        for (int k = j + 1; k <= shape.units; ++k)
            names.push_back("w." + std::to_string(j) + "." + std::to_string(k));
    }
    if (shape.biases) {
        for (int k = 1; k <= shape.units; ++k)
            names.push_back("b." + std::to_string(k));
    }
    return names;
}

Eigen::MatrixXd featureMatrix(const MachineShape& shape) {
    Eigen::MatrixXd features(shape.patterns(), shape.dimension());
    for (int s = 0; s < shape.patterns(); ++s) {
        int column = 0;
        for (int j = 0; j < shape.units; ++j) {
            for (int k = j + 1; k < shape.units; ++k)
                features(s, column++) = spinOf(s, j) * spinOf(s, k);
        }
        if (shape.biases) {
            for (int k = 0; k < shape.units; ++k)
                features(s, column++) = spinOf(s, k);
        }
    }
    return features;
}

std::uint64_t PatternCounts::observations() const {
    std::uint64_t total = 0;
    for (const std::uint64_t c : counts)
        total += c;
    return total;
}

Eigen::VectorXd PatternCounts::featureSums() const {
    const Eigen::MatrixXd features = featureMatrix(shape);
    Eigen::VectorXd sums = Eigen::VectorXd::Zero(shape.dimension());
    for (int s = 0; s < shape.patterns(); ++s) {
        // Counts up to 2e9 times +-1: exact in a double.
        sums +=
            static_cast<double>(counts[static_cast<std::size_t>(s)]) * features.row(s).transpose();
    }
    return sums;
}

}  // namespace couplinglab

#pragma once
// Small statistics helpers (frame-time percentiles for the run report).
#include <vector>

namespace ns::core {

// Nearest-rank percentile, p in [0, 100]; 0 for an empty sample.
double percentile(std::vector<double> values, double p);

}  // namespace ns::core

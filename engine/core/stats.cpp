#include "core/stats.h"

#include <algorithm>
#include <cmath>

namespace ns::core {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  double rank = std::ceil(p / 100.0 * double(values.size()));
  size_t index = rank < 1 ? 0 : std::min(values.size() - 1, size_t(rank) - 1);
  return values[index];
}

}  // namespace ns::core

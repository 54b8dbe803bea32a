#include "core/stats.h"

#include <algorithm>
#include <cmath>

namespace ns::core {
namespace {

constexpr double kBinLow = 1e-3, kBinRatio = 1.01;  // bin i: [1e-3 * 1.01^i, 1e-3 * 1.01^(i+1))
const double kLogRatio = std::log(kBinRatio);
const size_t kBins = size_t(std::ceil(std::log(1e6 / kBinLow) / std::log(kBinRatio))) + 1;

size_t binOf(double value) {
  if (!(value > kBinLow)) return 0;
  return std::min(kBins - 1, size_t(std::log(value / kBinLow) / kLogRatio));
}

// The ring's values, oldest first.
std::vector<double> ringInOrder(const TimeSeries& s) {
  std::vector<double> values(s.ring.begin() + long(s.ringNext), s.ring.end());
  values.insert(values.end(), s.ring.begin(), s.ring.begin() + long(s.ringNext));
  return values;
}

bool nothingDropped(const TimeSeries& s) { return s.count == s.first.size() + s.ring.size(); }

}  // namespace

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  double rank = std::ceil(p / 100.0 * double(values.size()));
  size_t index = rank < 1 ? 0 : std::min(values.size() - 1, size_t(rank) - 1);
  return values[index];
}

void addValue(TimeSeries& s, double value) {
  if (s.bins.empty()) s.bins.assign(kBins, 0);
  s.bins[binOf(value)]++;
  s.min = s.count == 0 ? value : std::min(s.min, value);
  s.max = s.count == 0 ? value : std::max(s.max, value);
  s.count++;
  if (s.first.size() < TimeSeries::kKept) {
    s.first.push_back(value);
  } else if (s.ring.size() < TimeSeries::kKept) {
    s.ring.push_back(value);
  } else {
    s.ring[s.ringNext] = value;
    s.ringNext = (s.ringNext + 1) % TimeSeries::kKept;
  }
}

double seriesPercentile(const TimeSeries& s, double p) {
  if (s.count == 0) return 0.0;
  if (nothingDropped(s)) {
    std::vector<double> all = s.first;
    all.insert(all.end(), s.ring.begin(), s.ring.end());
    return percentile(std::move(all), p);
  }
  double rank = std::max(1.0, std::ceil(p / 100.0 * double(s.count)));
  if (rank >= double(s.count)) return s.max;
  unsigned long long seen = 0;
  for (size_t i = 0; i < s.bins.size(); ++i) {
    seen += s.bins[i];
    if (double(seen) >= rank) return std::clamp(kBinLow * std::pow(kBinRatio, double(i) + 0.5), s.min, s.max);
  }
  return s.max;
}

std::vector<double> firstValues(const TimeSeries& s, size_t n) {
  std::vector<double> values(s.first.begin(), s.first.begin() + long(std::min(n, s.first.size())));
  if (values.size() < n && nothingDropped(s))
    values.insert(values.end(), s.ring.begin(), s.ring.begin() + long(std::min(n - values.size(), s.ring.size())));
  return values;
}

std::vector<double> lastValues(const TimeSeries& s, size_t n) {
  std::vector<double> values = ringInOrder(s);
  if (nothingDropped(s)) values.insert(values.begin(), s.first.begin(), s.first.end());
  if (values.size() > n) values.erase(values.begin(), values.end() - long(n));
  return values;
}

}  // namespace ns::core

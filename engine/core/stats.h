#pragma once
// Small statistics helpers (frame-time percentiles for the run report).
#include <cstddef>
#include <vector>

namespace ns::core {

// Nearest-rank percentile, p in [0, 100]; 0 for an empty sample.
double percentile(std::vector<double> values, double p);

// A run's per-frame times in memory that does not grow with the run: the first
// kKept values and a ring of the last kKept as they came (a run's first and last
// minute at 60 frames a second), and every value counted in bins 1 % wide (1 us to
// 1000 s). Percentiles are exact while nothing was dropped (up to 2 kKept values),
// then read from the bins: within 1 % of the exact value, clamped to the extremes.
struct TimeSeries {
  static constexpr size_t kKept = 3600;
  std::vector<double> first;              // the first kKept values
  std::vector<double> ring;               // the last kKept after those
  size_t ringNext = 0;                    // where the next value goes once the ring is full
  unsigned long long count = 0;
  std::vector<unsigned long long> bins;   // every value (made at the first)
  double min = 0, max = 0;
};

void addValue(TimeSeries& series, double value);
double seriesPercentile(const TimeSeries& series, double p);
// The first n values (fewer if fewer came), and the last n, in the order they came;
// only what is kept (at most kKept, or every value while nothing was dropped).
std::vector<double> firstValues(const TimeSeries& series, size_t n);
std::vector<double> lastValues(const TimeSeries& series, size_t n);

}  // namespace ns::core

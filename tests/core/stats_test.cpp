#include <gtest/gtest.h>

#include "core/stats.h"

TEST(Stats, NearestRankPercentiles) {
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  EXPECT_EQ(ns::core::percentile(v, 50), 50);
  EXPECT_EQ(ns::core::percentile(v, 95), 95);
  EXPECT_EQ(ns::core::percentile(v, 99), 99);
  EXPECT_EQ(ns::core::percentile(v, 100), 100);
  EXPECT_EQ(ns::core::percentile({}, 50), 0);
  EXPECT_EQ(ns::core::percentile({7}, 99), 7);
}

// A run's frame times in bounded memory: exact while everything is kept, within the
// 1 % bins once the middle of a long run was dropped, the first and last minute as
// they came.
TEST(Stats, TimeSeriesKeepsMemoryBoundedAndPercentilesClose) {
  using ns::core::TimeSeries;
  TimeSeries small;
  for (int i = 1; i <= 100; ++i) ns::core::addValue(small, i);
  EXPECT_EQ(ns::core::seriesPercentile(small, 50), 50);
  EXPECT_EQ(ns::core::seriesPercentile(small, 99), 99);
  EXPECT_EQ(ns::core::lastValues(small, 3), (std::vector<double>{98, 99, 100}));
  EXPECT_EQ(ns::core::seriesPercentile(TimeSeries{}, 50), 0);

  TimeSeries long_;
  std::vector<double> all;
  const size_t n = 10 * TimeSeries::kKept + 7;
  for (size_t i = 0; i < n; ++i) {
    double v = 5.0 + double((i * 7919) % 1000) / 10.0;  // 5 .. 104.9 ms, shuffled
    ns::core::addValue(long_, v);
    all.push_back(v);
  }
  EXPECT_EQ(long_.count, n);
  EXPECT_EQ(long_.first.size() + long_.ring.size(), 2 * TimeSeries::kKept) << "nothing more is kept";
  for (double p : {50.0, 95.0, 99.0})
    EXPECT_NEAR(ns::core::seriesPercentile(long_, p), ns::core::percentile(all, p), 0.01 * ns::core::percentile(all, p)) << p;
  EXPECT_EQ(ns::core::seriesPercentile(long_, 100), 104.9);
  EXPECT_EQ(ns::core::firstValues(long_, TimeSeries::kKept),
            std::vector<double>(all.begin(), all.begin() + TimeSeries::kKept));
  EXPECT_EQ(ns::core::lastValues(long_, TimeSeries::kKept), std::vector<double>(all.end() - TimeSeries::kKept, all.end()));
  EXPECT_EQ(ns::core::lastValues(long_, 2), std::vector<double>(all.end() - 2, all.end()));
}

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

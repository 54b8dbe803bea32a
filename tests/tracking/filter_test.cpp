// The One Euro filter and the contact decision: smooth at rest, no smear of a 2 Hz
// tap, no chatter at the surface, and a lost pen is off the skin.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tracking/filter.h"
#include "tracking/tracker.h"

using namespace ns::tracking;

TEST(Filter, SmoothsAPenAtRest) {
  OneEuro3 f;
  f.params = TrackerConfig{}.position;
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0.0, 0.3);
  double rawVar = 0, outVar = 0;
  for (int i = 0; i < 300; ++i) {
    glm::dvec3 raw(noise(rng), noise(rng), 5 + noise(rng));
    glm::dvec3 out = filterSample(f, raw, i / 30.0);
    if (i < 30) continue;
    rawVar += std::pow(raw.z - 5, 2), outVar += std::pow(out.z - 5, 2);
  }
  EXPECT_LT(outVar, 0.45 * rawVar);  // σ down by a third at least, with the tracker's own settings
}

// Three 2 Hz taps (6 mm up, down in 0.12 s, 0.15 s on the skin) seen at 30 fps with
// 0.2 mm of noise: contact, decided on the raw height as the tracker does, gives one
// contact per tap starting and ending within a frame of the true ones; the filtered
// tip, what the trainee sees, still reaches the skin on every tap.
TEST(Filter, ATwoHertzTapIsNotSmeared) {
  OneEuro3 f;
  f.params = TrackerConfig{}.position;
  ContactState c;
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0.0, 0.2);
  auto height = [](double t) {
    double p = std::fmod(t, 0.5);
    if (t >= 1.5) return 6.0;
    if (p < 0.12) return 6.0 * (1 - p / 0.12);
    if (p < 0.27) return 0.0;
    if (p < 0.39) return 6.0 * (p - 0.27) / 0.12;
    return 6.0;
  };
  std::vector<int> starts, ends, trueStarts, trueEnds;
  std::vector<double> lowest(3, 1e9);
  bool was = false, wasTrue = false;
  for (int i = 0; i < 60; ++i) {
    double t = i / 30.0, z = height(t), raw = z + noise(rng);
    glm::dvec3 out = filterSample(f, {0, 0, raw}, t);
    if (t < 1.5) lowest[static_cast<int>(t / 0.5)] = std::min(lowest[static_cast<int>(t / 0.5)], out.z);
    bool now = updateContact(c, true, raw, out.z), truth = z <= 0.0;
    if (now && !was) starts.push_back(i);
    if (!now && was) ends.push_back(i);
    if (truth && !wasTrue) trueStarts.push_back(i);
    if (!truth && wasTrue) trueEnds.push_back(i);
    was = now, wasTrue = truth;
  }
  ASSERT_EQ(trueStarts.size(), 3u);
  ASSERT_EQ(starts.size(), 3u);
  ASSERT_EQ(ends.size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_LE(std::abs(starts[k] - trueStarts[k]), 1) << k;
    EXPECT_LE(std::abs(ends[k] - trueEnds[k]), 1) << k;
    EXPECT_LT(lowest[k], 0.5) << k;
  }
}

TEST(Filter, ContactHysteresisAndLoss) {
  ContactState c;
  EXPECT_FALSE(updateContact(c, true, 0.7, 0.7));  // not yet below 0.5
  EXPECT_TRUE(updateContact(c, true, 0.3, 0.6));   // the raw height decides a landing
  for (double z : {0.9, 0.2, 1.0, 0.6}) EXPECT_TRUE(updateContact(c, true, 1.3, z)) << z;  // the filtered one a lift
  EXPECT_FALSE(updateContact(c, true, 0.9, 1.1));
  EXPECT_FALSE(updateContact(c, true, 0.6, 0.6));
  EXPECT_TRUE(updateContact(c, true, 0.0, 0.4));
  EXPECT_FALSE(updateContact(c, false, 0.0, 0.0));  // lost: off the skin, whatever the last height
  EXPECT_FALSE(updateContact(c, true, NAN, 0.0));
}

TEST(Filter, StartsAfreshAfterAGap) {
  OneEuro3 f;
  filterSample(f, {0, 0, 0}, 0.0);
  filterSample(f, {0, 0, 0}, 1 / 30.0);
  // Back after a second away at another place: no glide in from the stale pose.
  EXPECT_EQ(filterSample(f, {10, 0, 0}, 1.5).x, 10.0);
}

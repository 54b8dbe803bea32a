// Dynamic resolution's controller (render/render_scale.h) fed frame costs: it moves
// down over budget, back up when well under, settles instead of flickering near the
// budget, and a pinned scale never moves.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "render/render_scale.h"

using namespace ns::render;

namespace {

// Feeds `frames` frames whose cost follows the scale: fixed_ms + perPixel_ms × scale².
float run(RenderScaleController& c, int frames, double fixed_ms, double full_ms, std::vector<float>* seen = nullptr) {
  float k = currentRenderScale(c);
  for (int i = 0; i < frames; ++i) {
    k = updateRenderScale(c, fixed_ms + full_ms * k * k);
    if (seen) seen->push_back(k);
  }
  return k;
}

}  // namespace

TEST(RenderScale, StartsAtTheStepAtOrBelowTheAskedScale) {
  EXPECT_EQ(currentRenderScale(makeRenderScaleController(33, 1.0f)), 1.0f);
  EXPECT_EQ(currentRenderScale(makeRenderScaleController(33, 0.5f)), 0.5f);
  EXPECT_EQ(currentRenderScale(makeRenderScaleController(33, 0.55f)), 0.5f);
  EXPECT_EQ(currentRenderScale(makeRenderScaleController(33, 0.1f)), kRenderScales[kRenderScaleSteps - 1]);
}

TEST(RenderScale, OverBudgetLowersTheScaleUntilFramesFit) {
  // 10 ms of panels and simulation, 80 ms of view at full scale: fits from 0.5 down
  // (10 + 80 × 0.25 = 30 ms), not at 0.6 (38.8 ms).
  RenderScaleController c = makeRenderScaleController(33.3, 1.0f);
  float k = run(c, 400, 10, 80);
  EXPECT_FLOAT_EQ(k, 0.5f);
  EXPECT_EQ(c.changes, 4) << "1 → 0.85 → 0.71 → 0.6 → 0.5, no oscillation";
  EXPECT_FLOAT_EQ(c.minSeen, 0.5f);
  EXPECT_FLOAT_EQ(c.maxSeen, 1.0f);
}

TEST(RenderScale, WellUnderBudgetRaisesItBackToFull) {
  RenderScaleController c = makeRenderScaleController(33.3, 0.5f);
  float k = run(c, 400, 5, 15);  // 20 ms at full scale
  EXPECT_FLOAT_EQ(k, 1.0f);
  EXPECT_EQ(c.reason, "within budget at full scale");
}

TEST(RenderScale, NearTheBudgetItSettlesInsteadOfFlickering) {
  // At 0.6: 8 + 60 × 0.36 = 29.6 ms (under 33.3 but not under 0.7 × budget):
  // it holds there; one step up (0.71: 38.2 ms) would be over.
  RenderScaleController c = makeRenderScaleController(33.3, 0.6f);
  std::vector<float> seen;
  run(c, 2000, 8, 60, &seen);
  EXPECT_EQ(c.changes, 0);
  EXPECT_FLOAT_EQ(seen.back(), 0.6f);
}

TEST(RenderScale, AStepUpThatDoesNotHoldIsRetriedRarely) {
  // 5 ms + 40 ms × k²: 0.85 costs 33.9 ms (over) → 0.71 costs 25.2 ms, under the
  // budget but not under 0.7 × 33.3 = 23.3 ms: it holds there.
  RenderScaleController c = makeRenderScaleController(33.3, 0.85f);
  run(c, 1000, 5, 40);
  EXPECT_FLOAT_EQ(currentRenderScale(c), 0.71f);
  EXPECT_EQ(c.changes, 1);

  // A cost with a cliff: 15 ms below 0.85, 40 ms at 0.85 and above. Each step up
  // lands over budget and is undone; the wait before the next doubles (8, 16, 32 …
  // windows of 8 frames): 6 tries in 3000 frames, where retrying at once would
  // make ~80.
  RenderScaleController cliff = makeRenderScaleController(33.3, 0.71f);
  float k = currentRenderScale(cliff);
  int ups = 0;
  for (int i = 0; i < 3000; ++i) {
    float next = updateRenderScale(cliff, k >= 0.85f ? 40.0 : 15.0);
    if (next > k) ups++;
    k = next;
  }
  EXPECT_GE(ups, 3);
  EXPECT_LE(ups, 6) << "each failed step up doubles the wait";
  EXPECT_FLOAT_EQ(k, 0.71f);
}

TEST(RenderScale, SingleSlowFramesMoveNothing) {
  RenderScaleController c = makeRenderScaleController(33.3, 0.5f);
  for (int i = 0; i < 800; ++i) updateRenderScale(c, i % 60 == 0 ? 120.0 : 28.0);  // a readback every second
  EXPECT_FLOAT_EQ(currentRenderScale(c), 0.5f);
  EXPECT_EQ(c.changes, 0);
}

TEST(RenderScale, APinnedScaleNeverMovesAndIsClamped) {
  RenderScaleController c = makeRenderScaleController(33.3, 1.0f);
  pinRenderScale(c, 0.8f, "pinned by --render-scale");
  run(c, 500, 10, 200);
  EXPECT_FLOAT_EQ(currentRenderScale(c), 0.8f);
  EXPECT_EQ(c.changes, 0);
  EXPECT_EQ(c.reason, "pinned by --render-scale");
  pinRenderScale(c, 0.05f, "x");
  EXPECT_FLOAT_EQ(currentRenderScale(c), kMinPinnedScale);
}

TEST(RenderScale, OverBudgetAtTheLowestScaleSaysSo) {
  RenderScaleController c = makeRenderScaleController(33.3, 0.35f);
  run(c, 200, 50, 10);
  EXPECT_FLOAT_EQ(currentRenderScale(c), kRenderScales[kRenderScaleSteps - 1]);
  EXPECT_EQ(c.reason, "over budget at the lowest scale");
}

TEST(RenderScale, NonsenseCostsAreIgnored) {
  RenderScaleController c = makeRenderScaleController(33.3, 0.5f);
  for (int i = 0; i < 100; ++i) updateRenderScale(c, i % 2 ? -1.0 : std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(c.changes, 0);
}

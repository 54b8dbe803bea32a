// A block placed late on the face: its intact history as one column equals the
// whole block stepped from t = 0 the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/intact_history.h"

using namespace ns::sim;

namespace {

// The block stepped from 0 to `until` in the batch's chunks, the way a block used to catch up.
std::vector<float> steppedWhole(const ns::scene::Scene& scene, double until, double minChunk) {
  DiffusionSolver block;
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, {}, block);
  while (until - block.time_s > 1e-9 * until)
    advanceSolver(nullptr, VK_NULL_HANDLE, block, nextChunk_s(block, -1.0, minChunk, block.time_s, until));
  std::vector<float> out = block.activity;
  destroyDiffusionSolver(nullptr, block);
  return out;
}

void expectSameHistory(const ns::scene::Scene& scene, double until) {
  DiffusionSolver fresh;
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, {}, fresh);
  std::vector<float> column = intactActivity(fresh, until, 5.0);
  std::vector<float> whole = steppedWhole(scene, until, 5.0);
  ASSERT_EQ(column.size(), whole.size());
  float peak = *std::max_element(whole.begin(), whole.end());
  ASSERT_GT(peak, 0.0f);
  double worst = 0;
  for (size_t i = 0; i < whole.size(); ++i) worst = std::max(worst, double(std::fabs(column[i] - whole[i])));
  EXPECT_LT(worst, 1e-5 * peak) << "at t = " << until << " s";
  // Laterally uniform: the first and last columns agree in every cell.
  const GridShape& g = fresh.shape;
  for (int z = 0; z < g.nz; ++z) EXPECT_EQ(column[g.index(0, 0, z)], column[g.index(g.nx - 1, g.ny - 1, z)]);
  destroyDiffusionSolver(nullptr, fresh);
}

}  // namespace

TEST(IntactHistory, OneColumnEqualsTheWholeBlockSteppedFromZero) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {8, 6, 48};
  expectSameHistory(scene, 37.0);    // explicit sub-steps only
  expectSameHistory(scene, 1800.0);  // then implicit chunks growing 10 %
}

TEST(IntactHistory, FollowsTheSerumOnAndOffAndASinkBelow) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {4, 4, 40};
  scene.domain.bottom = ns::scene::BottomBoundary::Sink;
  scene.serum.applied_at_s = 20;
  scene.serum.removed_after_s = 600;
  expectSameHistory(scene, 3000.0);
}

TEST(IntactHistory, ChunksGrowWithTheTimeSinceTheLastChangeAndEndAtSerumChanges) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.serum.applied_at_s = 100;
  scene.serum.removed_after_s = 1000;
  DiffusionSolver s;
  s.serum = scene.serum;
  EXPECT_DOUBLE_EQ(nextChunk_s(s, -1.0, 5.0, 0.0, 1e6), 5.0);      // the minimum
  EXPECT_DOUBLE_EQ(nextChunk_s(s, -1.0, 5.0, 97.0, 1e6), 5.0);     // no more (the solver splits at the serum going on)
  EXPECT_DOUBLE_EQ(nextChunk_s(s, -1.0, 5.0, 1050.0, 1e6), 50.0);  // not across its removal at 1100 s
  EXPECT_DOUBLE_EQ(nextChunk_s(s, -1.0, 5.0, 700.0, 1e6), 60.0);   // 10 % of 600 s since it went on
  EXPECT_DOUBLE_EQ(nextChunk_s(s, 650.0, 5.0, 700.0, 1e6), 5.0);   // a puncture at 650 s
  EXPECT_DOUBLE_EQ(nextChunk_s(s, -1.0, 5.0, 5000.0, 5010.0), 10.0);  // nor past the end
}

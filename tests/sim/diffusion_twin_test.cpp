// The C++ twin on its own: conservation, positivity, partitioning, threading.
#include <gtest/gtest.h>

#include "sim_test_util.h"

using namespace ns::sim;
using namespace ns::test;

namespace {

TissueFields mixedFields(const GridShape& s) {
  TissueFields f{std::vector<float>(s.cellCount()), std::vector<float>(s.cellCount())};
  for (size_t i = 0; i < f.capacity.size(); ++i) {
    f.capacity[i] = (i % 5 == 0) ? 2.0f : (i % 5 == 1 ? 0.3f : 1.0f);
    f.conductance[i] = ((i % 7 == 0) ? 300.0f : 5.0f) * f.capacity[i];
  }
  return f;
}

double mass(const GridShape& s, const std::vector<float>& u, const TissueFields& f) {
  return totalMass(s, concentrationFromActivity(u, f));
}

}  // namespace

TEST(DiffusionTwin, ClosedBoxConservesMassBothSchemes) {
  GridShape s{12, 10, 9, 10, 10, 10};
  TissueFields f = mixedFields(s);
  std::vector<float> u(s.cellCount(), 0.0f);
  u[s.index(5, 5, 4)] = 1000.0f;
  double before = mass(s, u, f);
  BoundaryConditions closed{};
  std::vector<float> a = u, b = u;
  runExplicit(s, closed, explicitStableDt(s, closed, f), 200, a, f);
  runLod(s, closed, 50 * explicitStableDt(s, closed, f), 50, b, f);
  // float sums over ~1000 cells: relative rounding ~1e-6.
  EXPECT_NEAR(mass(s, a, f) / before, 1.0, 2e-5);
  EXPECT_NEAR(mass(s, b, f) / before, 1.0, 2e-5);
  for (float v : a) EXPECT_GE(v, 0.0f);
  for (float v : b) EXPECT_GE(v, 0.0f);
}

TEST(DiffusionTwin, StiffChannelContrastStaysBoundedAndPositive) {
  // Channel D 1e4 × the stratum corneum's, surface held at 1: every value in [0, 1],
  // explicit at its stable step and LOD at a step 1000× larger.
  GridShape s{8, 8, 8, 10, 10, 10};
  std::vector<float> d(s.cellCount(), 0.05f);
  for (int z = 0; z < 6; ++z) d[s.index(4, 4, z)] = 500.0f;
  TissueFields f{d, std::vector<float>(s.cellCount(), 1.0f)};
  BoundaryConditions bc{true, 1.0, false};
  double dt = explicitStableDt(s, bc, f);
  std::vector<float> a(s.cellCount(), 0.0f), b = a;
  runExplicit(s, bc, dt, 500, a, f);
  runLod(s, bc, 1000 * dt, 50, b, f);
  for (auto* field : {&a, &b})
    for (float v : *field) {
      EXPECT_GE(v, 0.0f);
      EXPECT_LE(v, 1.0f + 1e-5f);
    }
  EXPECT_GT(a[s.index(4, 4, 5)], a[s.index(0, 0, 5)]) << "the channel carries serum down";
  EXPECT_GT(b[s.index(4, 4, 5)], b[s.index(0, 0, 5)]);
}

TEST(DiffusionTwin, PartitionEquilibriumJumpsConcentrationNotActivity) {
  // Two layers, K = 2 over K = 0.5, surface held at Cs = 1: at equilibrium the
  // activity is 1 everywhere and the concentration is K × Cs in each layer.
  GridShape s{1, 1, 20, 10, 10, 5};
  TissueFields f = layeredFields(s, {{10, 20.0f, 2.0f}, {10, 5.0f, 0.5f}});
  std::vector<float> u(s.cellCount(), 0.0f);
  runLod(s, {true, 1.0, false}, 1e4, 200, u, f);
  auto c = concentrationFromActivity(u, f);
  EXPECT_NEAR(c[2], 2.0f, 1e-4);
  EXPECT_NEAR(c[15], 0.5f, 1e-4);
  for (float v : u) EXPECT_NEAR(v, 1.0f, 1e-4);
}

TEST(DiffusionTwin, ThreadCountDoesNotChangeTheResult) {
  GridShape s{9, 7, 13, 10, 10, 10};
  TissueFields f = mixedFields(s);
  std::vector<float> u(s.cellCount());
  for (size_t i = 0; i < u.size(); ++i) u[i] = float(i % 11) / 11.0f;
  BoundaryConditions bc{true, 0.7, true};
  double dt = explicitStableDt(s, bc, f);
  std::vector<float> one(u.size()), three(u.size());
  explicitStepCpu(s, bc, dt, u.data(), f, one.data(), 1);
  explicitStepCpu(s, bc, dt, u.data(), f, three.data(), 3);
  EXPECT_EQ(one, three);
  std::vector<float> lodOne = u, lodThree = u;
  lodStepCpu(s, bc, 20 * dt, lodOne, f, 1);
  lodStepCpu(s, bc, 20 * dt, lodThree, f, 3);
  EXPECT_EQ(lodOne, lodThree);
}

TEST(DiffusionTwin, StableStepAccountsForHeldSurfaceAndSink) {
  GridShape s{1, 1, 4, 1, 1, 1};
  TissueFields f = uniformFields(s, 1.0f);
  double closed = explicitStableDt(s, {}, f);          // interior: 2 faces
  double held = explicitStableDt(s, {true, 1.0, false}, f);  // top cell: 1 + 2 faces
  EXPECT_NEAR(closed, 0.98 / 2.0, 1e-12);
  EXPECT_NEAR(held, 0.98 / 3.0, 1e-12);
}

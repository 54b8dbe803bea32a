// The C++ twin on its own: conservation, symmetry and a steady state it must reach.
#include <gtest/gtest.h>

#include <numeric>

#include "sim/diffusion_cpu.h"

using namespace ns::sim;

namespace {

GridShape smallGrid(int nx, int ny, int nz, double h = 10.0) {
  return GridShape{nx, ny, nz, h, h, h};
}

std::vector<float> run(const GridShape& s, const BoundaryConditions& bc, std::vector<float> c,
                       const std::vector<float>& d, double dt, int steps) {
  std::vector<float> next(c.size());
  for (int i = 0; i < steps; ++i) {
    diffusionStepCpu(s, bc, dt, c.data(), d.data(), next.data(), 2);
    c.swap(next);
  }
  return c;
}

}  // namespace

TEST(DiffusionTwin, ClosedBoxConservesMassToRounding) {
  GridShape s = smallGrid(12, 10, 9);
  std::vector<float> c(s.cellCount(), 0.0f), d(s.cellCount());
  for (size_t i = 0; i < d.size(); ++i) d[i] = (i % 7 == 0) ? 300.0f : 5.0f;  // wildly mixed D
  c[s.index(5, 5, 4)] = 1000.0f;
  double before = totalMass(s, c.data());
  double dt = explicitStableDt(s, 300.0);
  auto after = run(s, BoundaryConditions{}, c, d, dt, 200);
  // float accumulation over 1080 cells: relative error ~1e-6 per step at most.
  EXPECT_NEAR(totalMass(s, after.data()) / before, 1.0, 1e-5);
  for (float v : after) EXPECT_GE(v, 0.0f);
}

TEST(DiffusionTwin, SteadyStateThroughUniformSlabIsLinear) {
  // Surface held at 1, sink at the bottom: C(z) = 1 - z/L exactly at cell centres.
  GridShape s = smallGrid(4, 4, 10);
  std::vector<float> c(s.cellCount(), 0.0f), d(s.cellCount(), 10.0f);
  BoundaryConditions bc{true, 1.0, true};
  auto result = run(s, bc, c, d, explicitStableDt(s, 10.0), 4000);
  double length = s.nz * s.hz_um;
  for (int z = 0; z < s.nz; ++z) {
    double expected = 1.0 - (z + 0.5) * s.hz_um / length;
    EXPECT_NEAR(result[s.index(1, 2, z)], expected, 1e-4) << "z = " << z;
  }
}

TEST(DiffusionTwin, StableStepIsPositiveForStiffContrast) {
  // Channel D 1e4× the stratum corneum's; the stable dt keeps every value in [0, 1].
  GridShape s = smallGrid(8, 8, 8);
  std::vector<float> c(s.cellCount(), 0.0f), d(s.cellCount(), 0.05f);
  for (int z = 0; z < 6; ++z) d[s.index(4, 4, z)] = 500.0f;
  BoundaryConditions bc{true, 1.0, false};
  auto result = run(s, bc, c, d, explicitStableDt(s, 500.0), 500);
  for (float v : result) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f + 1e-6f);
  }
  EXPECT_GT(result[s.index(4, 4, 5)], result[s.index(0, 0, 5)]) << "the channel carries serum down";
}

TEST(DiffusionTwin, ThreadCountDoesNotChangeTheResult) {
  GridShape s = smallGrid(9, 7, 13);
  std::vector<float> c(s.cellCount()), d(s.cellCount()), a(s.cellCount()), b(s.cellCount());
  for (size_t i = 0; i < c.size(); ++i) {
    c[i] = float(i % 11) / 11.0f;
    d[i] = 1.0f + float(i % 5);
  }
  BoundaryConditions bc{true, 0.7, true};
  double dt = explicitStableDt(s, 5.0);
  diffusionStepCpu(s, bc, dt, c.data(), d.data(), a.data(), 1);
  diffusionStepCpu(s, bc, dt, c.data(), d.data(), b.data(), 3);
  EXPECT_EQ(a, b);
}

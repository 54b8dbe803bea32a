// The diffusion compute shaders against their C++ twin on small grids, and against
// analytic solutions, under validation and synchronization validation.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytic_cases.h"
#include "sim/diffusion_gpu.h"
#include "sim_test_util.h"
#include "support/gpu_test.h"
#include "vk/commands.h"

using namespace ns::sim;
using namespace ns::test;

namespace {

enum class Which { Explicit, Lod };

Stepper gpuStepper(ns::vk::Context& ctx, Which which) {
  return [&ctx, which](const GridShape& s, const BoundaryConditions& bc, double dt, int steps,
                       std::vector<float>& u, const TissueFields& f) {
    DiffusionGpu gpu = createDiffusionGpu(ctx, VK_NULL_HANDLE, s);
    uploadTissue(ctx, gpu, f);
    uploadActivity(ctx, gpu, u);
    ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) {
      if (which == Which::Explicit)
        recordExplicitSteps(ctx, cmd, gpu, steps, dt, bc);
      else
        recordLodSteps(ctx, cmd, gpu, steps, dt, bc);
    });
    u = readActivity(ctx, gpu);
    destroyDiffusionGpu(ctx, gpu);
  };
}

double maxRelativeDifference(const std::vector<float>& a, const std::vector<float>& b) {
  double scale = 1e-6, worst = 0;
  for (float v : a) scale = std::max(scale, double(std::fabs(v)));
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(double(a[i]) - b[i]) / scale);
  return worst;
}

// Random activity in stiff, partitioned tissue with channels; GPU vs twin.
void compareWithTwin(ns::vk::Context& ctx, Which which, GridShape s, BoundaryConditions bc, int steps) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> value(0.0f, 1.0f);
  std::vector<float> u(s.cellCount());
  TissueFields f{std::vector<float>(s.cellCount()), std::vector<float>(s.cellCount())};
  for (size_t i = 0; i < u.size(); ++i) {
    u[i] = value(rng);
    f.capacity[i] = (i % 4 == 0) ? 0.5f : 1.0f;
    f.conductance[i] = ((i % 13 == 0) ? 300.0f : (i % 3 == 0 ? 0.05f : 10.0f)) * f.capacity[i];
  }
  double dt = explicitStableDt(s, bc, f) * (which == Which::Lod ? 40.0 : 1.0);
  std::vector<float> cpu = u, gpu = u;
  (which == Which::Explicit ? Stepper(runExplicit) : Stepper(runLod))(s, bc, dt, steps, cpu, f);
  gpuStepper(ctx, which)(s, bc, dt, steps, gpu, f);
  // Same operations per cell in the same order; the GPU may fuse multiply-adds and
  // divide differently: a few float ulps per step.
  EXPECT_LT(maxRelativeDifference(cpu, gpu), 1e-5 * steps)
      << (which == Which::Lod ? "lod " : "explicit ") << s.nx << "x" << s.ny << "x" << s.nz;
}

}  // namespace

TEST_F(GpuTest, ExplicitStepMatchesTwin) {
  compareWithTwin(ctx(), Which::Explicit, {16, 8, 6, 10, 10, 5}, {false, 1.0, false}, 20);
  compareWithTwin(ctx(), Which::Explicit, {8, 8, 16, 20, 20, 4}, {true, 1.0, true}, 25);
  // 7 and 13 cells in x exercise the zero-conductance padding of the last texel.
  compareWithTwin(ctx(), Which::Explicit, {7, 5, 9, 10, 12, 6}, {true, 0.5, false}, 15);
  compareWithTwin(ctx(), Which::Explicit, {13, 3, 4, 10, 10, 10}, {false, 1.0, true}, 15);
}

TEST_F(GpuTest, LodStepMatchesTwin) {
  compareWithTwin(ctx(), Which::Lod, {16, 8, 6, 10, 10, 5}, {false, 1.0, false}, 5);
  compareWithTwin(ctx(), Which::Lod, {8, 12, 16, 20, 20, 4}, {true, 1.0, true}, 5);
  compareWithTwin(ctx(), Which::Lod, {7, 5, 9, 10, 12, 6}, {true, 0.5, false}, 5);
  compareWithTwin(ctx(), Which::Lod, {13, 3, 4, 10, 10, 10}, {false, 1.0, true}, 5);
}

TEST_F(GpuTest, GpuConservesMassInClosedBox) {
  GridShape s{12, 12, 12, 10, 10, 10};
  auto f = uniformFields(s, 10.0f);
  for (Which which : {Which::Explicit, Which::Lod}) {
    std::vector<float> u(s.cellCount(), 0.0f);
    u[s.index(6, 6, 6)] = 1000.0f;
    double dt = explicitStableDt(s, {}, f) * (which == Which::Lod ? 100 : 1);
    gpuStepper(ctx(), which)(s, {}, dt, 50, u, f);
    // float rounding over 1728 cells and 50 steps: ~1e-5 relative.
    EXPECT_NEAR(totalMass(s, u) / (1000.0 * s.cellVolume_um3()), 1.0, 1e-4);
  }
}

TEST_F(GpuTest, GpuMatchesAnalyticSolutions) {
  Stepper gpuExplicit = gpuStepper(ctx(), Which::Explicit);
  Stepper gpuLod = gpuStepper(ctx(), Which::Lod);
  EXPECT_LT(erfcCaseError(gpuExplicit, 1.0), 2e-3);
  EXPECT_LT(erfcCaseError(gpuLod, 12.0), 1.5e-2);
  EXPECT_LT(layeredSlabFluxError(gpuLod, 1e5, 40), 1e-4);
  EXPECT_LT(slowestModeError(gpuExplicit, 1.0), 1e-3);
  EXPECT_LT(slowestModeError(gpuLod, 30.0), 1e-2);
  PointSourceErrors e = pointSourceCaseErrors(gpuExplicit, 0.5);
  EXPECT_LT(e.secondMoment, 1e-4);
  EXPECT_LT(e.centre, 0.04);
}

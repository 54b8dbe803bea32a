// The diffusion compute shader against its C++ twin on small grids, under
// validation and synchronization validation (the GpuTest fixture).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sim/diffusion_cpu.h"
#include "sim/diffusion_gpu.h"
#include "support/gpu_test.h"
#include "vk/commands.h"

using namespace ns::sim;
using ns::test::GpuTest;

namespace {

struct Case {
  GridShape shape;
  BoundaryConditions bc;
  int steps;
};

double maxRelativeDifference(const std::vector<float>& a, const std::vector<float>& b) {
  double scale = 1e-6, worst = 0;
  for (float v : a) scale = std::max(scale, double(std::fabs(v)));
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(double(a[i]) - b[i]) / scale);
  return worst;
}

void compareWithTwin(ns::vk::Context& ctx, const Case& k) {
  const GridShape& s = k.shape;
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> conc(0.0f, 1.0f);
  std::vector<float> c(s.cellCount()), d(s.cellCount());
  for (size_t i = 0; i < c.size(); ++i) {
    c[i] = conc(rng);
    d[i] = (i % 13 == 0) ? 300.0f : (i % 3 == 0 ? 0.05f : 10.0f);  // channels in stiff tissue
  }
  double dt = explicitStableDt(s, 300.0);

  std::vector<float> cpu = c, next(c.size());
  for (int i = 0; i < k.steps; ++i) {
    diffusionStepCpu(s, k.bc, dt, cpu.data(), d.data(), next.data());
    cpu.swap(next);
  }

  DiffusionGpu gpu = createDiffusionGpu(ctx, VK_NULL_HANDLE, s);
  uploadDiffusionFields(ctx, gpu, c, d);
  ns::vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { recordDiffusionSteps(ctx, cmd, gpu, k.steps, dt, k.bc); });
  std::vector<float> result = readConcentration(ctx, gpu);
  destroyDiffusionGpu(ctx, gpu);

  // Same float operations in the same order per cell, but the GPU may fuse
  // multiply-adds: agreement to a few float ulps per step.
  EXPECT_LT(maxRelativeDifference(cpu, result), 1e-5 * k.steps)
      << s.nx << "x" << s.ny << "x" << s.nz << " steps " << k.steps;
}

}  // namespace

TEST_F(GpuTest, DiffusionStepMatchesTwinClosedBox) {
  compareWithTwin(ctx(), {{16, 8, 6, 10, 10, 5}, {false, 1.0, false}, 20});
}

TEST_F(GpuTest, DiffusionStepMatchesTwinSurfaceAndSink) {
  compareWithTwin(ctx(), {{8, 8, 16, 20, 20, 4}, {true, 1.0, true}, 25});
}

TEST_F(GpuTest, DiffusionStepMatchesTwinWhenWidthIsNotAMultipleOfFour) {
  // 7 and 13 cells in x exercise the zero-diffusivity padding of the last texel.
  compareWithTwin(ctx(), {{7, 5, 9, 10, 12, 6}, {true, 0.5, false}, 15});
  compareWithTwin(ctx(), {{13, 3, 4, 10, 10, 10}, {false, 1.0, true}, 15});
}

TEST_F(GpuTest, DiffusionGpuConservesMassInClosedBox) {
  GridShape s{12, 12, 12, 10, 10, 10};
  std::vector<float> c(s.cellCount(), 0.0f), d(s.cellCount(), 10.0f);
  c[s.index(6, 6, 6)] = 1000.0f;
  DiffusionGpu gpu = createDiffusionGpu(ctx(), VK_NULL_HANDLE, s);
  uploadDiffusionFields(ctx(), gpu, c, d);
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    recordDiffusionSteps(ctx(), cmd, gpu, 100, explicitStableDt(s, 10.0), {});
  });
  auto result = readConcentration(ctx(), gpu);
  destroyDiffusionGpu(ctx(), gpu);
  EXPECT_NEAR(totalMass(s, result.data()) / totalMass(s, c.data()), 1.0, 1e-5);
}

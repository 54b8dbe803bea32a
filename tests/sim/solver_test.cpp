// The solver front end: scheme choice, serum timing, backends agreeing, channels.
#include <gtest/gtest.h>

#include "sim/channel_stamp.h"
#include "sim/diffusion_solver.h"
#include "support/gpu_test.h"
#include "vk/commands.h"

using namespace ns::sim;

TEST(SolverPlan, ExplicitWhileCheapThenLod) {
  SolverSettings settings;  // auto, 8 explicit sub-steps, LOD ≤ 25× the limit
  StepPlan small = planInterval(0.5, 0.2, settings);
  EXPECT_EQ(small.scheme, Scheme::Explicit);
  EXPECT_EQ(small.substeps, 3);
  EXPECT_NEAR(small.dt_s, 0.5 / 3, 1e-12);
  StepPlan hour = planInterval(3600, 0.2, settings);
  EXPECT_EQ(hour.scheme, Scheme::Lod);
  EXPECT_EQ(hour.substeps, 720);  // 3600 / (25 × 0.2)
  settings.maxLodSubsteps = 4;  // live frames: bounded work, larger implicit steps
  EXPECT_EQ(planInterval(3600, 0.2, settings).substeps, 4);
  EXPECT_NEAR(planInterval(3600, 0.2, settings).dt_s, 900, 1e-9);
  settings.scheme = Scheme::Explicit;
  EXPECT_EQ(planInterval(3600, 0.2, settings).substeps, 18000);
  settings.scheme = Scheme::Lod;
  EXPECT_EQ(planInterval(0.5, 0.2, settings).scheme, Scheme::Lod);
}

TEST(ChannelStamp, VerticalChannelCoverageAndDepth) {
  GridShape s{40, 40, 40, 10, 10, 10};  // 400 µm box centred on the origin
  std::vector<float> open(s.cellCount(), 0.0f);
  stampChannelsCpu(s, {channelStamp(s, {0.0, 0.0, 0.0}, {0, 0, -1}, 205.0, 100.0, {0, 0, 0})}, open);
  double area = 0;
  for (int y = 0; y < s.ny; ++y)
    for (int x = 0; x < s.nx; ++x) area += open[s.index(x, y, 2)] * s.hx_um * s.hy_um;
  // π r² to the 2×2 sub-sampling of 10 µm cells (a few %).
  EXPECT_NEAR(area, 3.14159 * 50 * 50, 0.06 * 3.14159 * 50 * 50);
  EXPECT_FLOAT_EQ(open[s.index(20, 20, 19)], 1.0f);
  EXPECT_FLOAT_EQ(open[s.index(20, 20, 20)], 0.5f);  // 205 µm ends half-way into cell 20
  EXPECT_FLOAT_EQ(open[s.index(20, 20, 21)], 0.0f);
  EXPECT_FLOAT_EQ(open[s.index(0, 0, 0)], 0.0f);
}

TEST(ChannelStamp, SlantedDraggedChannelIsLongerOnTheSurface) {
  GridShape s{60, 20, 40, 10, 10, 10};
  std::vector<float> round(s.cellCount(), 0.0f), torn(s.cellCount(), 0.0f);
  stampChannelsCpu(s, {channelStamp(s, {0, 0, 0}, {0, 0, -1}, 300, 60, {0, 0, 0})}, round);
  glm::dvec3 tilted = glm::normalize(glm::dvec3(0.5, 0, -0.866));
  stampChannelsCpu(s, {channelStamp(s, {0, 0, 0}, tilted, 300, 60, {0.1, 0, 0})}, torn);
  auto surfaceCells = [&](const std::vector<float>& f) {
    int n = 0;
    for (int y = 0; y < s.ny; ++y)
      for (int x = 0; x < s.nx; ++x) n += f[s.index(x, y, 0)] > 0;
    return n;
  };
  EXPECT_GT(surfaceCells(torn), 2 * surfaceCells(round));
}

TEST(Solver, SerumAppliedMidwayStartsUptakeThen) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.domain.cells = {8, 8, 32};
  scene.serum.applied_at_s = 10;
  DiffusionSolver solver;
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, {}, solver);
  advanceSolver(nullptr, VK_NULL_HANDLE, solver, 9.0);
  EXPECT_EQ(totalMass(solver.shape, solverConcentration(solver)), 0.0);
  advanceSolver(nullptr, VK_NULL_HANDLE, solver, 2.0);
  EXPECT_GT(totalMass(solver.shape, solverConcentration(solver)), 0.0);
  EXPECT_DOUBLE_EQ(solver.time_s, 11.0);
  destroyDiffusionSolver(nullptr, solver);
}

using ns::test::GpuTest;

TEST_F(GpuTest, GpuAndCpuBackendsAgreeThroughTheSolver) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.domain.cells = {20, 16, 48};
  DiffusionSolver gpu, cpu;
  createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, Backend::Gpu, {}, gpu);
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, {}, cpu);
  for (double interval : {0.05, 0.5, 600.0}) {  // explicit, explicit sub-steps, LOD
    ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) { advanceSolver(&ctx(), cmd, gpu, interval); });
    advanceSolver(nullptr, VK_NULL_HANDLE, cpu, interval);
    EXPECT_EQ(gpu.lastScheme, cpu.lastScheme);
    EXPECT_EQ(gpu.steps, cpu.steps);
  }
  EXPECT_EQ(cpu.lastScheme, Scheme::Lod);
  syncActivity(&ctx(), gpu);
  double massGpu = totalMass(gpu.shape, solverConcentration(gpu));
  double massCpu = totalMass(cpu.shape, solverConcentration(cpu));
  EXPECT_GT(massCpu, 0);
  EXPECT_NEAR(massGpu / massCpu, 1.0, 1e-4);
  destroyDiffusionSolver(&ctx(), gpu);
  destroyDiffusionSolver(nullptr, cpu);
}

// Channel stamping and the tissue rebuild on the GPU against their C++ twins.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sim/channel_gpu.h"
#include "sim/channel_stamp.h"
#include "sim/diffusion_solver.h"
#include "support/gpu_test.h"
#include "vk/commands.h"

using namespace ns::sim;
using ns::test::GpuTest;

namespace {

std::vector<ns::gpu::ChannelStampGpu> randomChannels(const GridShape& s, int count) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> lateral(-0.45, 0.45), tilt(-0.5, 0.5), unit(0.0, 1.0);
  std::vector<ns::gpu::ChannelStampGpu> stamps;
  for (int i = 0; i < count; ++i) {
    glm::dvec3 axis = glm::normalize(glm::dvec3(tilt(rng), tilt(rng), -1.0));
    glm::dvec3 drag = unit(rng) < 0.5 ? glm::dvec3(0.0) : glm::dvec3(0.05 * tilt(rng), 0.05 * tilt(rng), 0.0);
    stamps.push_back(channelStamp(s, {lateral(rng), lateral(rng), 0.0}, axis, 100 + 300 * unit(rng), 40 + 60 * unit(rng), drag));
  }
  return stamps;
}

}  // namespace

TEST_F(GpuTest, ChannelStampingMatchesTwin) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain = {1.0, 0.6, {37, 40, 48}, ns::scene::BottomBoundary::NoFlux};  // 37: exercises the x padding
  DiffusionSolver solver;
  createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, Backend::Gpu, {}, solver);
  auto stamps = randomChannels(solver.shape, 60);
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) { addChannels(&ctx(), cmd, solver, stamps); });
  std::vector<float> gpu = solverOpenness(&ctx(), solver);
  std::vector<float> cpu(solver.shape.cellCount(), 0.0f);
  stampChannelsCpu(solver.shape, stamps, cpu);
  // Same float steps; the GPU may fuse multiply-adds, which can move a sub-sample
  // point across a channel's edge: at most one of 8 sub-samples in a few cells.
  int differing = 0, opened = 0;
  for (size_t i = 0; i < cpu.size(); ++i) {
    opened += cpu[i] > 0;
    if (gpu[i] != cpu[i]) {
      differing++;
      EXPECT_LE(std::fabs(gpu[i] - cpu[i]), 0.125f + 1e-6f) << "cell " << i;
    }
  }
  EXPECT_GT(opened, 500);
  EXPECT_LE(differing, opened / 100) << "almost every opened cell agrees exactly";

  // The tissue rebuild: K (and so C = K u) from the GPU openness matches the twin's.
  syncActivity(&ctx(), solver);
  TissueFields expected = tissueFields(solver.shape, scene.tissue, scene.serum.channel_diffusivity_um2_s, gpu);
  for (size_t i = 0; i < expected.capacity.size(); ++i) ASSERT_NEAR(solver.fields.capacity[i], expected.capacity[i], 1e-6);
  destroyDiffusionSolver(&ctx(), solver);
}

TEST_F(GpuTest, StampedChannelsCarrySerumOnBothBackends) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {24, 24, 48};
  DiffusionSolver gpu, cpu;
  createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, Backend::Gpu, {}, gpu);
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, {}, cpu);
  auto stamps = std::vector<ns::gpu::ChannelStampGpu>{
      channelStamp(gpu.shape, {0.0, 0.0, 0.0}, {0, 0, -1}, 600, 200, {0, 0, 0})};
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    addChannels(&ctx(), cmd, gpu, stamps);
    advanceSolver(&ctx(), cmd, gpu, 120.0);
  });
  addChannels(nullptr, VK_NULL_HANDLE, cpu, stamps);
  advanceSolver(nullptr, VK_NULL_HANDLE, cpu, 120.0);
  syncActivity(&ctx(), gpu);
  double massGpu = totalMass(gpu.shape, solverConcentration(gpu));
  double massCpu = totalMass(cpu.shape, solverConcentration(cpu));
  EXPECT_NEAR(massGpu / massCpu, 1.0, 1e-3);
  // Serum reached 250 µm down the channel in 2 min (erfc(250/2√(Dt)) ≈ 0.35 for
  // D = 300 µm²/s), and not the tissue beside it.
  auto c = solverConcentration(gpu);
  int z = int(250 / gpu.shape.hz_um);
  EXPECT_GT(c[gpu.shape.index(12, 12, z)], 0.05f);
  EXPECT_LT(c[gpu.shape.index(2, 2, z)], 1e-3f);
  destroyDiffusionSolver(&ctx(), gpu);
  destroyDiffusionSolver(nullptr, cpu);
}

// More stamps in one command buffer than one dispatch takes (three dispatches):
// each dispatch must stamp its own channels. With the old pair of alternating host
// buffers the third batch overwrote the first before the GPU had read it.
TEST_F(GpuTest, ManyStampsInOneFrameAllLand) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain = {1.0, 0.6, {24, 24, 24}, ns::scene::BottomBoundary::NoFlux};
  DiffusionSolver solver;
  createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, Backend::Gpu, {}, solver);
  // Each batch hits a different spot so a lost batch shows as unopened cells.
  auto stamps = std::vector<ns::gpu::ChannelStampGpu>{};
  size_t perBatch = kMaxStampsPerRecord;
  const double spots[3][2] = {{-0.3, -0.3}, {0.3, 0.3}, {-0.3, 0.3}};
  for (int batch = 0; batch < 3; ++batch)
    for (size_t i = 0; i < perBatch; ++i)
      stamps.push_back(channelStamp(solver.shape, {spots[batch][0], spots[batch][1], 0.0}, {0.0, 0.0, -1.0},
                                    150.0 + double(i % 7), 60.0, glm::dvec3(0.0)));
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) { addChannels(&ctx(), cmd, solver, stamps); });
  std::vector<float> gpu = solverOpenness(&ctx(), solver);
  std::vector<float> cpu(solver.shape.cellCount(), 0.0f);
  stampChannelsCpu(solver.shape, stamps, cpu);
  int opened = 0, missing = 0;
  for (size_t i = 0; i < cpu.size(); ++i) {
    opened += cpu[i] > 0;
    missing += cpu[i] > 0.5f && gpu[i] == 0.0f;
    EXPECT_LE(std::fabs(gpu[i] - cpu[i]), 0.125f + 1e-6f) << "cell " << i;
  }
  EXPECT_GT(opened, 30);
  EXPECT_EQ(missing, 0) << "every batch's channels are stamped";
  destroyDiffusionSolver(&ctx(), solver);
}

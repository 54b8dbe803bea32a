// The diffusion compute shaders against their C++ twin on small grids, and against
// analytic solutions, under validation and synchronization validation.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <type_traits>

#include "analytic_cases.h"
#include "shared.h"
#include "sim/diffusion_gpu.h"
#include "sim/field_view.h"
#include "sim/healing_gpu.h"
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

// A spreading tail decays through the floats' denormal range, which x86 computes ~100x
// slower (lavapipe has no flush-to-zero mode): every step stores |u| below
// sim::activityFloor (1e-30 of the serum's concentration) as 0, the GPU and the twin
// alike, and no stored value is denormal. The mass lost to it is nothing.
TEST_F(GpuTest, NoStepLeavesDenormalsBehind) {
  GridShape s{48, 4, 4, 10, 10, 10};
  auto f = uniformFields(s, 10.0f);
  BoundaryConditions bc;
  ASSERT_FLOAT_EQ(activityFloor(bc), 1e-30f);
  Stepper gpuExplicit = gpuStepper(ctx(), Which::Explicit), gpuLod = gpuStepper(ctx(), Which::Lod);
  for (Which which : {Which::Explicit, Which::Lod}) {
    double dt = explicitStableDt(s, bc, f) * (which == Which::Lod ? 0.5 : 1);  // (the implicit tail: ~0.1 a cell)
    std::vector<float> cpu(s.cellCount(), 0.0f);
    for (int y = 0; y < s.ny; ++y)
      for (int z = 0; z < s.nz; ++z) cpu[s.index(0, y, z)] = 1.0f;  // a plane at x = 0: the tail runs along x
    std::vector<float> gpu = cpu;
    (which == Which::Explicit ? Stepper(runExplicit) : Stepper(runLod))(s, bc, dt, 12, cpu, f);
    (which == Which::Explicit ? gpuExplicit : gpuLod)(s, bc, dt, 12, gpu, f);
    for (const std::vector<float>* u : {&cpu, &gpu}) {
      int zeros = 0;
      for (float v : *u) {
        EXPECT_FALSE(std::fpclassify(v) == FP_SUBNORMAL) << v;
        EXPECT_TRUE(v == 0.0f || std::fabs(v) >= 1e-30f) << v;
        zeros += v == 0.0f;
      }
      // The explicit front moves a cell a step, so the far cells hold exactly 0; the
      // implicit tail reaches every cell, its far end cut at the floor.
      EXPECT_GT(zeros, 0) << (which == Which::Lod ? "lod" : "explicit");
      EXPECT_NEAR(totalMass(s, *u) / (s.ny * s.nz * s.cellVolume_um3()), 1.0, 1e-5);
    }
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

TEST_F(GpuTest, PublishedFieldHandsOutTheSimulationsHandles) {
  ns::scene::Scene scene = ns::scene::defaultScene();
  GridShape s{13, 6, 5, 10, 10, 10};  // 13: x padded to 16, 4 texels per row
  DiffusionGpu gpu = createDiffusionGpu(ctx(), VK_NULL_HANDLE, s);
  HealingState block = createHealing(scene, s), atlas = createAtlasHealing(scene, 32, 16);
  ChannelGpu noChannels;  // no GPU openness: the healing passes only keep the surface
  HealingGpu blockHealing = createHealingGpu(ctx(), VK_NULL_HANDLE, block, noChannels, gpu);
  HealingGpu atlasHealing = createHealingGpu(ctx(), VK_NULL_HANDLE, atlas, noChannels, gpu);

  FieldView view = publishedField(gpu, blockHealing, block);
  EXPECT_TRUE(view.present());
  EXPECT_EQ(view.shape.nx, 13);
  EXPECT_EQ(view.shape.ny, 6);
  EXPECT_EQ(view.shape.nz, 5);
  EXPECT_EQ(view.texelsPerRow, 4);
  EXPECT_EQ(view.activity[0], gpu.activityView[0]);
  EXPECT_EQ(view.activity[1], gpu.activityView[1]);
  EXPECT_EQ(view.current, gpu.current);
  EXPECT_EQ(view.capacity, gpu.capacityView);
  EXPECT_EQ(view.healingSurface, blockHealing.surfaceView);
  EXPECT_EQ(view.atlas, glm::ivec2(0, 0)) << "the block's columns";

  // One explicit step leaves the latest activity in the other buffer.
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) { recordExplicitSteps(ctx(), cmd, gpu, 1, 0.01, {}); });
  EXPECT_EQ(publishedField(gpu, blockHealing, block).current, 1 - view.current);

  FieldView onMesh = publishedField(gpu, atlasHealing, atlas);
  EXPECT_EQ(onMesh.healingSurface, atlasHealing.surfaceView);
  EXPECT_EQ(onMesh.atlas, glm::ivec2(32, 16));
  destroyHealingGpu(ctx(), atlasHealing);
  destroyHealingGpu(ctx(), blockHealing);
  destroyDiffusionGpu(ctx(), gpu);
}

namespace {

// A member of a push-constant struct: its offset and whether it is an int (else a float).
struct PushMember {
  uint32_t offset = 0;
  bool isInt = false;
  bool operator==(const PushMember&) const = default;
};
std::ostream& operator<<(std::ostream& out, const PushMember& m) {
  return out << (m.isInt ? "int@" : "float@") << m.offset;
}
// The same of C++ members, given in order.
template <class S, class... T>
std::vector<PushMember> cppPushMembers(T S::*... members) {
  static const S s{};
  auto offset = [](const auto& member) {
    return uint32_t(reinterpret_cast<const char*>(&member) - reinterpret_cast<const char*>(&s));
  };
  return {PushMember{offset(s.*members), std::is_same_v<T, int>}...};
}

// The members of the struct inside the shader's push-constant block, as glslc laid
// them out (from the embedded SPIR-V; -O strips names, so by order).
std::vector<PushMember> glslPushMembers(const std::string& shader) {
  std::ifstream in(std::string(NS_BINARY_DIR) + "/generated/shaders/" + shader + ".spv.inc");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::vector<uint32_t> words;
  for (const char* p = text.c_str(); *p;) {
    if (!std::isdigit(static_cast<unsigned char>(*p))) {
      ++p;
      continue;
    }
    char* end = nullptr;
    words.push_back(uint32_t(std::strtoul(p, &end, 0)));
    p = end;
  }
  if (words.size() < 5 || words[0] != 0x07230203u) return {};
  enum : uint32_t { kInt = 21, kStruct = 30, kPointer = 32, kVariable = 59, kMemberDecorate = 72 };
  std::map<uint32_t, std::vector<uint32_t>> structs;          // id: member type ids
  std::map<uint32_t, uint32_t> pointee;                       // pointer type id: pointee
  std::map<uint32_t, std::map<uint32_t, uint32_t>> offsets;   // struct id: member: offset
  std::map<uint32_t, bool> ints;
  uint32_t pushPointer = 0;
  for (size_t i = 5; i < words.size() && words[i] >> 16;) {
    uint32_t op = words[i] & 0xFFFF, count = words[i] >> 16;
    const uint32_t* w = &words[i];
    if (op == kInt) ints[w[1]] = true;
    if (op == kStruct) structs[w[1]].assign(w + 2, w + count);
    if (op == kPointer) pointee[w[1]] = w[3];
    if (op == kVariable && w[3] == 9 /* PushConstant */) pushPointer = w[1];
    if (op == kMemberDecorate && w[3] == 35 /* Offset */) offsets[w[1]][w[2]] = w[4];
    i += count;
  }
  uint32_t block = pointee[pushPointer];         // uniform Push { SomePush p; }
  if (!structs.count(block) || structs[block].empty()) return {};
  uint32_t inner = structs[block][0];
  std::vector<PushMember> members;
  for (uint32_t m = 0; m < structs[inner].size(); ++m) members.push_back({offsets[inner][m], ints[structs[inner][m]]});
  return members;
}

}  // namespace

TEST(PushLayout, EverySimShaderReadsItsPushConstantsWhereCppWritesThem) {
  using D = ns::gpu::DiffusionPush;
  using C = ns::gpu::ChannelStampPush;
  using T = ns::gpu::TissueUpdatePush;
  using H = ns::gpu::HealingPush;
  auto diffusion = cppPushMembers(&D::texelsPerRow, &D::cellsY, &D::cellsZ, &D::invHx2, &D::invHy2, &D::invHz2,
                                  &D::dt_s, &D::surfaceConcentration, &D::surfaceHeld, &D::bottomSink, &D::activityFloor);
  for (const char* shader : {"diffusion_step.comp", "lod_x.comp", "lod_yz.comp"})
    EXPECT_EQ(glslPushMembers(shader), diffusion) << shader;
  EXPECT_EQ(glslPushMembers("channel_stamp.comp"),
            cppPushMembers(&C::cellsX, &C::cellsY, &C::cellsZ, &C::paddedCellsX, &C::hx_um, &C::hy_um, &C::hz_um,
                           &C::boxX, &C::boxY, &C::boxZ, &C::stampCount));
  EXPECT_EQ(glslPushMembers("tissue_update.comp"),
            cppPushMembers(&T::texelsPerRow, &T::cellsY, &T::cellsZ, &T::cellsX, &T::channelDiffusivity_um2_s));
  EXPECT_EQ(glslPushMembers("healing.comp"),
            cppPushMembers(&H::steppedColumns, &H::opennessCells, &H::columnsPerRow, &H::depositsFresh, &H::touchedX0,
                           &H::touchedY0, &H::touchedWidth, &H::touchedHeight, &H::pendingX0, &H::pendingY0,
                           &H::pendingX1, &H::pendingY1, &H::dt_s, &H::opennessDecay, &H::onsetTau_s,
                           &H::resolveTauBase_s, &H::resolveTauPerUm_s, &H::oedemaRiseTau_s, &H::oedemaTauBase_s,
                           &H::oedemaTauPerUm_s, &H::oedemaPerStimulus));
}

#include "sim/healing_gpu.h"

#include <cstring>

#include "vk/commands.h"
#include "vk/readback.h"

namespace ns::sim {
namespace {

const uint32_t kHealingSpirv[] = {
#include "healing.comp.spv.inc"
};

constexpr VkDescriptorType kStorage = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
static_assert(kSurfaceStride == NS_HEALING_STRIDE, "the twin and the kernels lay out a column alike");

}  // namespace

HealingGpu createHealingGpu(vk::Context& ctx, VkPipelineCache cache, const HealingState& state,
                            const ChannelGpu& channels, const DiffusionGpu&) {
  HealingGpu g;
  g.columns = state.surface.size() / kSurfaceStride;
  VkDeviceSize bytes = state.surface.size() * sizeof(glm::vec4);
  g.surface = vk::createBuffer(ctx, bytes,
                               VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                                   VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                               vk::MemoryUse::DeviceOnly);
  g.surfaceView = vk::createTexelView(ctx, g.surface, VK_FORMAT_R32G32B32A32_SFLOAT);
  for (auto& d : g.deposits) d = vk::createBuffer(ctx, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, vk::MemoryUse::Upload);

  vk::ComputePipelineDesc desc;
  desc.spirv = kHealingSpirv;
  desc.bindings = {kStorage, kStorage, kStorage};
  desc.pushConstantBytes = sizeof(gpu::HealingPush);
  desc.localSize = {64, 1, 1};
  desc.extraSpecialization = {0};
  g.surfacePass = vk::createComputePipeline(ctx, cache, desc);
  desc.extraSpecialization = {1};
  g.decayPass = vk::createComputePipeline(ctx, cache, desc);
  g.pool = vk::createDescriptorPool(ctx, 2);
  for (int i = 0; i < 2; ++i) {
    g.sets[i] = vk::allocateDescriptorSet(ctx, g.pool, g.surfacePass.setLayout);
    vk::writeBufferDescriptor(ctx, g.sets[i], 0, kStorage, g.surface.buffer);
    vk::writeBufferDescriptor(ctx, g.sets[i], 1, kStorage, g.deposits[i].buffer);
    // The CPU backend has no GPU openness: it only uses the surface buffer for display.
    VkBuffer openness = channels.openness.buffer ? channels.openness.buffer : g.surface.buffer;
    vk::writeBufferDescriptor(ctx, g.sets[i], 2, kStorage, openness);
  }
  // The initial state, no redness and no injury yet: one column's pattern over the whole
  // atlas (uploading the CPU twin's 100 MB for it paged through two more copies at
  // start-up), then the rows any deposit reached already (a patch's pretreatment).
  const glm::vec4 untouched[kSurfaceStride] = {glm::vec4(0.0f), glm::vec4(-1.0f, -1.0f, 0.0f, 0.0f), glm::vec4(0.0f)};
  vk::fillBufferWithPattern(ctx, g.surface, untouched, sizeof(untouched), bytes);
  if (!state.touched.empty()) {
    size_t first = size_t(state.touched.y0) * state.shape.nx * kSurfaceStride;
    size_t count = size_t(state.touched.y1 - state.touched.y0) * state.shape.nx * kSurfaceStride;
    vk::uploadBufferRanges(ctx, g.surface, {{first * sizeof(glm::vec4), count * sizeof(glm::vec4)}},
                           state.surface.data() + first);
  }
  return g;
}

void destroyHealingGpu(vk::Context& ctx, HealingGpu& g) {
  if (!g.pool) return;
  vk::destroyDescriptorPool(ctx, g.pool);
  vk::destroyComputePipeline(ctx, g.surfacePass);
  vk::destroyComputePipeline(ctx, g.decayPass);
  vk::destroyTexelView(ctx, g.surfaceView);
  for (auto* b : {&g.surface, &g.deposits[0], &g.deposits[1]}) vk::destroyBuffer(ctx, *b);
  g = {};
}

void recordHealingStep(vk::Context& ctx, VkCommandBuffer cmd, HealingGpu& g, HealingState& state,
                       ChannelGpu& channels, DiffusionGpu& diffusion, double dt) {
  int slot = g.nextDeposit;
  g.nextDeposit = 1 - slot;
  // Only the rows of the new deposits travel (an atlas is large and mostly untouched).
  const ColumnRect pending = state.pending, touched = state.touched;
  for (int y = pending.y0; y < pending.y1; ++y) {
    size_t first = kSurfaceStride * (size_t(y) * state.shape.nx + pending.x0), count = kSurfaceStride * size_t(pending.x1 - pending.x0);
    std::memcpy(static_cast<glm::vec4*>(g.deposits[slot].mapped) + first, state.deposits.data() + first,
                count * sizeof(glm::vec4));
  }
  vk::flushBuffer(ctx, g.deposits[slot]);
  clearDeposits(state);

  gpu::HealingPush push{};
  size_t cells = channels.openness.buffer ? diffusion.layout.paddedCellCount() : 0;
  int stepped = touched.empty() ? 0 : (touched.x1 - touched.x0) * (touched.y1 - touched.y0);
  push.steppedColumns = stepped;
  push.opennessCells = int(cells);
  push.columnsPerRow = state.shape.nx;
  push.depositsFresh = pending.empty() ? 0 : 1;
  push.touchedX0 = touched.x0;
  push.touchedY0 = touched.y0;
  push.touchedWidth = std::max(1, touched.x1 - touched.x0);
  push.touchedHeight = touched.y1 - touched.y0;
  push.pendingX0 = pending.x0;
  push.pendingY0 = pending.y0;
  push.pendingX1 = pending.x1;
  push.pendingY1 = pending.y1;
  push.dt_s = float(dt);
  push.opennessDecay = opennessDecay(state.params, dt);
  push.onsetTau_s = float(state.params.erythema_onset_s);
  push.resolveTauBase_s = float(state.params.erythema_resolve_base_s);
  push.resolveTauPerUm_s = float(state.params.erythema_resolve_per_mm_s / 1000.0);
  push.oedemaRiseTau_s = float(state.params.oedema_rise_s);
  push.oedemaTauBase_s = float(state.params.oedema_resolve_base_s);
  push.oedemaTauPerUm_s = float(state.params.oedema_resolve_per_mm_s / 1000.0);
  push.oedemaPerStimulus = float(oedemaPerStimulus(state.params));
  // Earlier passes and the renderer use the surface and the openness.
  vk::computeBarrier(ctx, cmd, vk::PriorUsers::ComputeAndFragment);
  for (auto* pass : {&g.surfacePass, &g.decayPass}) {
    uint32_t count = pass == &g.surfacePass ? uint32_t(stepped) : uint32_t(cells);
    if (count == 0) continue;
    vk::dispatch(ctx, cmd, *pass, g.sets[slot], push, {count, 1, 1});
  }
  if (cells > 0) recordTissueUpdate(ctx, cmd, channels, diffusion);  // closed channels carry less serum
}

ClosureSet createClosureSet(vk::Context& ctx, const HealingGpu& g, const ChannelGpu& channels) {
  ClosureSet c;
  if (!channels.openness.buffer) return c;  // the CPU backend closes on the twin
  c.pool = vk::createDescriptorPool(ctx, 1);
  c.set = vk::allocateDescriptorSet(ctx, c.pool, g.decayPass.setLayout);
  vk::writeBufferDescriptor(ctx, c.set, 0, kStorage, g.surface.buffer);      // (not read by the decay pass)
  vk::writeBufferDescriptor(ctx, c.set, 1, kStorage, g.deposits[0].buffer);  // (not read by the decay pass)
  vk::writeBufferDescriptor(ctx, c.set, 2, kStorage, channels.openness.buffer);
  return c;
}

void destroyClosureSet(vk::Context& ctx, ClosureSet& c) {
  if (c.pool) vkDestroyDescriptorPool(ctx.device, c.pool, nullptr);
  c = {};
}

void recordChannelClosure(vk::Context& ctx, VkCommandBuffer cmd, HealingGpu& g, const ClosureSet& c,
                          const HealingState& state, ChannelGpu& channels, DiffusionGpu& diffusion, double dt) {
  if (!c.set || dt <= 0) return;
  gpu::HealingPush push{};
  size_t cells = diffusion.layout.paddedCellCount();
  push.opennessCells = int(cells);
  push.columnsPerRow = state.shape.nx;
  push.touchedWidth = 1;
  push.dt_s = float(dt);
  push.opennessDecay = opennessDecay(state.params, dt);
  vk::computeBarrier(ctx, cmd, vk::PriorUsers::ComputeAndFragment);  // stamping and the renderer use the openness
  vk::dispatch(ctx, cmd, g.decayPass, c.set, push, {uint32_t(cells), 1, 1});
  recordTissueUpdate(ctx, cmd, channels, diffusion);  // closed channels carry less serum
}

namespace {

// The byte ranges of the touched rectangle's rows in the surface buffer.
std::vector<vk::BufferRange> touchedRows(const HealingState& state) {
  std::vector<vk::BufferRange> rows;
  const ColumnRect& r = state.touched;
  constexpr VkDeviceSize kColumn = kSurfaceStride * sizeof(glm::vec4);
  for (int y = r.y0; y < r.y1 && !r.empty(); ++y)
    rows.push_back({(VkDeviceSize(y) * state.shape.nx + r.x0) * kColumn, VkDeviceSize(r.x1 - r.x0) * kColumn});
  return rows;
}

}  // namespace

void uploadHealingSurface(vk::Context& ctx, HealingGpu& g, const HealingState& state) {
  // Outside the touched rectangle the state never changes from its initial value.
  std::vector<vk::BufferRange> rows = touchedRows(state);
  std::vector<glm::vec4> packed;
  for (const vk::BufferRange& row : rows) {
    const glm::vec4* first = state.surface.data() + row.offset / sizeof(glm::vec4);
    packed.insert(packed.end(), first, first + row.size / sizeof(glm::vec4));
  }
  vk::uploadBufferRanges(ctx, g.surface, rows, packed.data());
}

void readHealingSurface(vk::Context& ctx, const HealingGpu& g, HealingState& state) {
  std::vector<vk::BufferRange> rows = touchedRows(state);
  std::vector<uint8_t> bytes = vk::readbackBufferRanges(ctx, g.surface, rows);
  size_t at = 0;
  for (const vk::BufferRange& row : rows) {
    std::memcpy(reinterpret_cast<uint8_t*>(state.surface.data()) + row.offset, bytes.data() + at, row.size);
    at += row.size;
  }
}

}  // namespace ns::sim

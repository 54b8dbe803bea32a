#include "sim/diffusion_gpu.h"

#include "shared.h"
#include "vk/commands.h"
#include "vk/readback.h"

namespace ns::sim {
namespace {

const uint32_t kExplicitSpirv[] = {
#include "diffusion_step.comp.spv.inc"
};
const uint32_t kLodXSpirv[] = {
#include "lod_x.comp.spv.inc"
};
const uint32_t kLodYZSpirv[] = {
#include "lod_yz.comp.spv.inc"
};

constexpr VkDescriptorType kTexel = VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER;
constexpr VkDescriptorType kStorage = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
constexpr VkFormat kTexelFormat = VK_FORMAT_R32G32B32A32_SFLOAT;
constexpr uint32_t kLineGroup = 64;  // line solves: one invocation per line (or 4 lines)
// z slices per invocation of the explicit step: each slice's fetches serve two cells'
// z faces and the per-invocation cost of lavapipe's compute loop is shared. Two
// measured best on lavapipe at 128×128×64 (about 12 % faster than one; four and
// eight were slower).
constexpr uint32_t kExplicitZCells = 2;

void uploadFloats(vk::Context& ctx, const vk::Buffer& target, const std::vector<float>& data) {
  vk::uploadBuffer(ctx, target, data.data(), target.size);
}

gpu::DiffusionPush makePush(const DiffusionGpu& gpu, double dt, const BoundaryConditions& bc) {
  const GridShape& s = gpu.shape;
  gpu::DiffusionPush push{};
  push.texelsPerRow = gpu.layout.texelsPerRow();
  push.cellsY = s.ny;
  push.cellsZ = s.nz;
  push.invHx2 = float(1.0 / (s.hx_um * s.hx_um));
  push.invHy2 = float(1.0 / (s.hy_um * s.hy_um));
  push.invHz2 = float(1.0 / (s.hz_um * s.hz_um));
  push.dt_s = float(dt);
  push.surfaceConcentration = float(bc.surfaceConcentration);
  push.surfaceHeld = bc.surfaceHeld ? 1 : 0;
  push.bottomSink = bc.bottomSink ? 1 : 0;
  push.activityFloor = activityFloor(bc);
  return push;
}

// Before each pass: the first of a sequence waits for earlier compute writes and the
// renderer's fragment reads of the field (write-after-read); later ones read what
// the last wrote and may overwrite what it read.
void barrierBeforePass(vk::Context& ctx, VkCommandBuffer cmd, bool firstOfSequence) {
  vk::computeBarrier(ctx, cmd, firstOfSequence ? vk::PriorUsers::ComputeAndFragment : vk::PriorUsers::Compute);
}

// Set i reads activity i (with G and K) and writes activity 1 - i.
VkDescriptorSet makeSet(vk::Context& ctx, DiffusionGpu& gpu, int i) {
  VkDescriptorSet set = vk::allocateDescriptorSet(ctx, gpu.pool, gpu.explicitStep.setLayout);
  vk::writeTexelBufferDescriptor(ctx, set, 0, kTexel, gpu.activityView[i]);
  vk::writeTexelBufferDescriptor(ctx, set, 1, kTexel, gpu.conductanceView);
  vk::writeTexelBufferDescriptor(ctx, set, 2, kTexel, gpu.capacityView);
  vk::writeBufferDescriptor(ctx, set, 3, kStorage, gpu.activity[1 - i].buffer);
  return set;
}

}  // namespace

DiffusionGpu createDiffusionGpu(vk::Context& ctx, VkPipelineCache cache, const GridShape& shape,
                                std::array<uint32_t, 3> stencilGroup) {
  DiffusionGpu gpu;
  gpu.shape = shape;
  gpu.layout = paddedLayout(shape);
  if (stencilGroup[0] == 0) {
    // The default group's invocations, with x no wider than a row: a 64-cell row is
    // 16 texels, and a 32-wide group would leave half its invocations idle (each still
    // costs lavapipe its share of the group's loop).
    uint32_t x = NS_DIFFUSION_GROUP_X, invocations = NS_DIFFUSION_GROUP_X * NS_DIFFUSION_GROUP_Y;
    while (x > 4 && x / 2 >= uint32_t(gpu.layout.texelsPerRow())) x /= 2;
    stencilGroup = {x, invocations / x, NS_DIFFUSION_GROUP_Z};
  }
  VkDeviceSize bytes = VkDeviceSize(gpu.layout.paddedCellCount()) * sizeof(float);
  VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                             VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                             VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  for (int i = 0; i < 2; ++i) {
    gpu.activity[i] = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
    gpu.activityView[i] = vk::createTexelView(ctx, gpu.activity[i], kTexelFormat);
  }
  gpu.conductance = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
  gpu.capacity = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
  gpu.conductanceView = vk::createTexelView(ctx, gpu.conductance, kTexelFormat);
  gpu.capacityView = vk::createTexelView(ctx, gpu.capacity, kTexelFormat);

  vk::ComputePipelineDesc desc;
  desc.bindings = {kTexel, kTexel, kTexel, kStorage};
  desc.pushConstantBytes = sizeof(gpu::DiffusionPush);
  desc.spirv = kExplicitSpirv;
  desc.localSize = stencilGroup;
  gpu.explicitZCells = kExplicitZCells;
  desc.extraSpecialization = {gpu.explicitZCells};
  gpu.explicitStep = vk::createComputePipeline(ctx, cache, desc);
  desc.extraSpecialization = {};
  desc.localSize = {kLineGroup, 1, 1};
  desc.spirv = kLodXSpirv;
  desc.extraSpecialization = {uint32_t(gpu.layout.texelsPerRow())};  // TEXELS
  gpu.lodX = vk::createComputePipeline(ctx, cache, desc);
  desc.spirv = kLodYZSpirv;
  desc.extraSpecialization = {1, uint32_t(shape.ny)};  // AXIS = y, LINE
  gpu.lodY = vk::createComputePipeline(ctx, cache, desc);
  desc.extraSpecialization = {2, uint32_t(shape.nz)};  // AXIS = z, LINE
  gpu.lodZ = vk::createComputePipeline(ctx, cache, desc);

  gpu.pool = vk::createDescriptorPool(ctx, 2);
  for (int i = 0; i < 2; ++i) gpu.sets[i] = makeSet(ctx, gpu, i);
  // Start from defined contents: zero activity, no conductance, unit capacity.
  std::vector<float> zeros(shape.cellCount(), 0.0f), ones(shape.cellCount(), 1.0f);
  uploadTissue(ctx, gpu, TissueFields{zeros, ones});
  uploadActivity(ctx, gpu, zeros);
  return gpu;
}

void destroyDiffusionGpu(vk::Context& ctx, DiffusionGpu& gpu) {
  vk::destroyDescriptorPool(ctx, gpu.pool);
  for (auto* p : {&gpu.explicitStep, &gpu.lodX, &gpu.lodY, &gpu.lodZ}) vk::destroyComputePipeline(ctx, *p);
  for (VkBufferView view : {gpu.activityView[0], gpu.activityView[1], gpu.conductanceView, gpu.capacityView})
    vk::destroyTexelView(ctx, view);
  for (auto* b : {&gpu.activity[0], &gpu.activity[1], &gpu.conductance, &gpu.capacity})
    vk::destroyBuffer(ctx, *b);
  gpu = {};
}

void uploadTissue(vk::Context& ctx, DiffusionGpu& gpu, const TissueFields& fields) {
  uploadFloats(ctx, gpu.conductance, padRows(gpu.layout, fields.conductance, 0.0f));
  uploadFloats(ctx, gpu.capacity, padRows(gpu.layout, fields.capacity, 1.0f));
}

void uploadActivity(vk::Context& ctx, DiffusionGpu& gpu, const std::vector<float>& activity) {
  uploadFloats(ctx, gpu.activity[gpu.current], padRows(gpu.layout, activity, 0.0f));
}

namespace {

std::vector<float> readField(vk::Context& ctx, const DiffusionGpu& gpu, const vk::Buffer& field) {
  std::vector<uint8_t> bytes = vk::readbackBuffer(ctx, field);
  return unpadRows(gpu.layout, reinterpret_cast<const float*>(bytes.data()));
}

}  // namespace

std::vector<float> readActivity(vk::Context& ctx, const DiffusionGpu& gpu) {
  return readField(ctx, gpu, gpu.activity[gpu.current]);
}

std::vector<float> readCapacity(vk::Context& ctx, const DiffusionGpu& gpu) { return readField(ctx, gpu, gpu.capacity); }

void recordExplicitSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps, double dt_s,
                         const BoundaryConditions& bc) {
  gpu::DiffusionPush push = makePush(gpu, dt_s, bc);
  const GridShape& s = gpu.shape;
  for (int step = 0; step < steps; ++step) {
    barrierBeforePass(ctx, cmd, step == 0);
    vk::dispatch(ctx, cmd, gpu.explicitStep, gpu.sets[gpu.current], push,
                 {uint32_t(gpu.layout.texelsPerRow()), uint32_t(s.ny),
                  (uint32_t(s.nz) + gpu.explicitZCells - 1) / gpu.explicitZCells});
    gpu.current = 1 - gpu.current;
  }
}

void recordLodSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps, double dt_s,
                    const BoundaryConditions& bc) {
  gpu::DiffusionPush push = makePush(gpu, dt_s, bc);
  const GridShape& s = gpu.shape;
  uint32_t texels = uint32_t(gpu.layout.texelsPerRow());
  // Each line pass reads one activity buffer and writes the other.
  auto pass = [&](const vk::ComputePipeline& pipeline, uint32_t lines, bool first) {
    barrierBeforePass(ctx, cmd, first);
    vk::dispatch(ctx, cmd, pipeline, gpu.sets[gpu.current], push, {lines, 1, 1});
    gpu.current = 1 - gpu.current;
  };
  for (int step = 0; step < steps; ++step) {
    pass(gpu.lodX, uint32_t(s.ny * s.nz), step == 0);
    pass(gpu.lodY, texels * uint32_t(s.nz), false);
    pass(gpu.lodZ, texels * uint32_t(s.ny), false);
  }
}

void recordFieldToFragmentBarrier(vk::Context& ctx, VkCommandBuffer cmd) {
  vk::computeResultBarrier(ctx, cmd, vk::LaterReaders::Fragment);
}

}  // namespace ns::sim

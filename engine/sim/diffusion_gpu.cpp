#include "sim/diffusion_gpu.h"

#include <cstring>

#include "shared.h"
#include "vk/check.h"
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
constexpr uint32_t kLineGroup = 64;  // line solves: one invocation per line (or 4 lines)

VkBufferView createView(vk::Context& ctx, const vk::Buffer& buffer) {
  VkBufferViewCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
  info.buffer = buffer.buffer;
  info.format = VK_FORMAT_R32G32B32A32_SFLOAT;
  info.range = VK_WHOLE_SIZE;
  VkBufferView view = VK_NULL_HANDLE;
  VK_CHECK(vkCreateBufferView(ctx.device, &info, nullptr, &view));
  return view;
}

std::vector<float> padRows(const GridShape& s, int paddedNx, const std::vector<float>& src, float fill) {
  std::vector<float> dst(size_t(paddedNx) * s.ny * s.nz, fill);
  for (size_t row = 0; row < size_t(s.ny) * s.nz; ++row)
    std::memcpy(&dst[row * paddedNx], &src[row * s.nx], sizeof(float) * s.nx);
  return dst;
}

void uploadFloats(vk::Context& ctx, const vk::Buffer& target, const std::vector<float>& data) {
  vk::uploadBuffer(ctx, target, data.data(), target.size);
}

gpu::DiffusionPush makePush(const DiffusionGpu& gpu, double dt, const BoundaryConditions& bc) {
  const GridShape& s = gpu.shape;
  gpu::DiffusionPush push{};
  push.cells = {gpu.paddedNx, s.ny, s.nz, gpu.paddedNx / 4};
  push.invSpacing2 = {float(1.0 / (s.hx_um * s.hx_um)), float(1.0 / (s.hy_um * s.hy_um)),
                      float(1.0 / (s.hz_um * s.hz_um)), float(dt)};
  push.boundary = {float(bc.surfaceConcentration), bc.surfaceHeld ? 1.0f : 0.0f, bc.bottomSink ? 1.0f : 0.0f, 0.0f};
  return push;
}

// Between passes: the next reads what the last wrote and may overwrite what it read.
void computeToCompute(vk::Context& ctx, VkCommandBuffer cmd) {
  vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
}

// Before the first pass of a sequence: earlier compute writes and the renderer's
// fragment reads of the field (write-after-read) must be done.
void priorUsersToCompute(vk::Context& ctx, VkCommandBuffer cmd) {
  vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
}

void bindAndPush(VkCommandBuffer cmd, const vk::ComputePipeline& pipeline, VkDescriptorSet set,
                 const gpu::DiffusionPush& push) {
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout, 0, 1, &set, 0, nullptr);
  vkCmdPushConstants(cmd, pipeline.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
}

VkDescriptorSet makeSet(vk::Context& ctx, DiffusionGpu& gpu, VkBufferView field, VkBufferView fourth) {
  VkDescriptorSet set = vk::allocateDescriptorSet(ctx, gpu.pool, gpu.explicitStep.setLayout);
  vk::writeTexelBufferDescriptor(ctx, set, 0, kTexel, field);
  vk::writeTexelBufferDescriptor(ctx, set, 1, kTexel, gpu.conductanceView);
  vk::writeTexelBufferDescriptor(ctx, set, 2, kTexel, gpu.capacityView);
  vk::writeTexelBufferDescriptor(ctx, set, 3, kTexel, fourth);
  return set;
}

}  // namespace

DiffusionGpu createDiffusionGpu(vk::Context& ctx, VkPipelineCache cache, const GridShape& shape,
                                std::array<uint32_t, 3> stencilGroup) {
  if (stencilGroup[0] == 0) stencilGroup = {NS_DIFFUSION_GROUP_X, NS_DIFFUSION_GROUP_Y, NS_DIFFUSION_GROUP_Z};
  DiffusionGpu gpu;
  gpu.shape = shape;
  gpu.paddedNx = (shape.nx + 3) / 4 * 4;
  VkDeviceSize bytes = VkDeviceSize(gpu.paddedNx) * shape.ny * shape.nz * sizeof(float);
  VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                             VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  for (int i = 0; i < 2; ++i) {
    gpu.activity[i] = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
    gpu.activityView[i] = createView(ctx, gpu.activity[i]);
  }
  gpu.conductance = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
  gpu.capacity = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
  gpu.scratch = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
  gpu.conductanceView = createView(ctx, gpu.conductance);
  gpu.capacityView = createView(ctx, gpu.capacity);
  gpu.scratchView = createView(ctx, gpu.scratch);

  vk::ComputePipelineDesc desc;
  desc.bindings = {kTexel, kTexel, kTexel, kTexel};
  desc.pushConstantBytes = sizeof(gpu::DiffusionPush);
  desc.spirv = kExplicitSpirv;
  desc.localSize = stencilGroup;
  gpu.explicitStep = vk::createComputePipeline(ctx, cache, desc);
  desc.localSize = {kLineGroup, 1, 1};
  desc.spirv = kLodXSpirv;
  gpu.lodX = vk::createComputePipeline(ctx, cache, desc);
  desc.spirv = kLodYZSpirv;
  desc.extraSpecialization = {1};  // AXIS = y
  gpu.lodY = vk::createComputePipeline(ctx, cache, desc);
  desc.extraSpecialization = {2};  // AXIS = z
  gpu.lodZ = vk::createComputePipeline(ctx, cache, desc);

  gpu.pool = vk::createDescriptorPool(ctx, 4);
  for (int i = 0; i < 2; ++i) {
    gpu.explicitSets[i] = makeSet(ctx, gpu, gpu.activityView[i], gpu.activityView[1 - i]);
    gpu.lodSets[i] = makeSet(ctx, gpu, gpu.activityView[i], gpu.scratchView);
  }
  // Start from defined contents: zero activity, no conductance, unit capacity.
  std::vector<float> zeros(shape.cellCount(), 0.0f), ones(shape.cellCount(), 1.0f);
  uploadTissue(ctx, gpu, TissueFields{zeros, ones});
  uploadActivity(ctx, gpu, zeros);
  return gpu;
}

void destroyDiffusionGpu(vk::Context& ctx, DiffusionGpu& gpu) {
  vkDestroyDescriptorPool(ctx.device, gpu.pool, nullptr);
  for (auto* p : {&gpu.explicitStep, &gpu.lodX, &gpu.lodY, &gpu.lodZ}) vk::destroyComputePipeline(ctx, *p);
  for (VkBufferView view : {gpu.activityView[0], gpu.activityView[1], gpu.conductanceView, gpu.capacityView,
                            gpu.scratchView})
    vkDestroyBufferView(ctx.device, view, nullptr);
  for (auto* b : {&gpu.activity[0], &gpu.activity[1], &gpu.conductance, &gpu.capacity, &gpu.scratch})
    vk::destroyBuffer(ctx, *b);
  gpu = {};
}

void uploadTissue(vk::Context& ctx, DiffusionGpu& gpu, const TissueFields& fields) {
  uploadFloats(ctx, gpu.conductance, padRows(gpu.shape, gpu.paddedNx, fields.conductance, 0.0f));
  uploadFloats(ctx, gpu.capacity, padRows(gpu.shape, gpu.paddedNx, fields.capacity, 1.0f));
}

void uploadActivity(vk::Context& ctx, DiffusionGpu& gpu, const std::vector<float>& activity) {
  uploadFloats(ctx, gpu.activity[gpu.current], padRows(gpu.shape, gpu.paddedNx, activity, 0.0f));
}

namespace {

std::vector<float> readField(vk::Context& ctx, const DiffusionGpu& gpu, const vk::Buffer& field) {
  std::vector<uint8_t> bytes = vk::readbackBuffer(ctx, field);
  const float* padded = reinterpret_cast<const float*>(bytes.data());
  const GridShape& s = gpu.shape;
  std::vector<float> out(s.cellCount());
  for (size_t row = 0; row < size_t(s.ny) * s.nz; ++row)
    std::memcpy(&out[row * s.nx], &padded[row * gpu.paddedNx], sizeof(float) * s.nx);
  return out;
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
    step == 0 ? priorUsersToCompute(ctx, cmd) : computeToCompute(ctx, cmd);
    bindAndPush(cmd, gpu.explicitStep, gpu.explicitSets[gpu.current], push);
    vk::dispatch(cmd, gpu.explicitStep, {uint32_t(gpu.paddedNx / 4), uint32_t(s.ny), uint32_t(s.nz)});
    gpu.current = 1 - gpu.current;
  }
}

void recordLodSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps, double dt_s,
                    const BoundaryConditions& bc) {
  gpu::DiffusionPush push = makePush(gpu, dt_s, bc);
  const GridShape& s = gpu.shape;
  uint32_t texels = uint32_t(gpu.paddedNx / 4);
  VkDescriptorSet set = gpu.lodSets[gpu.current];
  for (int step = 0; step < steps; ++step) {
    step == 0 ? priorUsersToCompute(ctx, cmd) : computeToCompute(ctx, cmd);
    bindAndPush(cmd, gpu.lodX, set, push);
    vk::dispatch(cmd, gpu.lodX, {uint32_t(s.ny * s.nz), 1, 1});
    computeToCompute(ctx, cmd);
    bindAndPush(cmd, gpu.lodY, set, push);
    vk::dispatch(cmd, gpu.lodY, {texels * uint32_t(s.nz), 1, 1});
    computeToCompute(ctx, cmd);
    bindAndPush(cmd, gpu.lodZ, set, push);
    vk::dispatch(cmd, gpu.lodZ, {texels * uint32_t(s.ny), 1, 1});
  }
}

void recordFieldToFragmentBarrier(vk::Context& ctx, VkCommandBuffer cmd) {
  vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

}  // namespace ns::sim

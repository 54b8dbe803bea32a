#include "sim/diffusion_gpu.h"

#include <cstring>

#include "shared.h"
#include "vk/check.h"
#include "vk/commands.h"
#include "vk/readback.h"

namespace ns::sim {
namespace {

const uint32_t kDiffusionSpirv[] = {
#include "diffusion_step.comp.spv.inc"
};

VkBufferView createView(vk::Context& ctx, const vk::Buffer& buffer) {
  VkBufferViewCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
  info.buffer = buffer.buffer;
  info.format = VK_FORMAT_R32G32B32A32_SFLOAT;
  info.range = VK_WHOLE_SIZE;
  VkBufferView view = VK_NULL_HANDLE;
  VK_CHECK(vkCreateBufferView(ctx.device, &info, nullptr, &view));
  return view;
}

// Copies unpadded rows into x-padded rows; padding keeps `fill`.
std::vector<float> padRows(const GridShape& s, int paddedNx, const std::vector<float>& src, float fill) {
  std::vector<float> dst(size_t(paddedNx) * s.ny * s.nz, fill);
  for (size_t row = 0; row < size_t(s.ny) * s.nz; ++row)
    std::memcpy(&dst[row * paddedNx], &src[row * s.nx], sizeof(float) * s.nx);
  return dst;
}

void uploadBuffer(vk::Context& ctx, const vk::Buffer& target, const std::vector<float>& data) {
  vk::Buffer staging = vk::createBuffer(ctx, target.size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                        vk::MemoryUse::Upload);
  std::memcpy(staging.mapped, data.data(), target.size);
  vk::flushBuffer(ctx, staging);
  vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    // The previous steps may still be reading or writing this field.
    vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                      VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                      VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferCopy region{0, 0, target.size};
    vkCmdCopyBuffer(cmd, staging.buffer, target.buffer, 1, &region);
    vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                      VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
  });
  vk::destroyBuffer(ctx, staging);
}

}  // namespace

DiffusionGpu createDiffusionGpu(vk::Context& ctx, VkPipelineCache cache, const GridShape& shape,
                                std::array<uint32_t, 3> localSize) {
  if (localSize[0] == 0)
    localSize = {NS_DIFFUSION_GROUP_X, NS_DIFFUSION_GROUP_Y, NS_DIFFUSION_GROUP_Z};
  DiffusionGpu gpu;
  gpu.shape = shape;
  gpu.paddedNx = (shape.nx + 3) / 4 * 4;
  VkDeviceSize bytes = VkDeviceSize(gpu.paddedNx) * shape.ny * shape.nz * sizeof(float);
  VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT |
                             VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  for (int i = 0; i < 2; ++i) {
    gpu.concentration[i] = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
    gpu.concentrationView[i] = createView(ctx, gpu.concentration[i]);
  }
  gpu.diffusivity = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::DeviceOnly);
  gpu.diffusivityView = createView(ctx, gpu.diffusivity);

  vk::ComputePipelineDesc desc;
  desc.spirv = kDiffusionSpirv;
  desc.bindings = {VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER, VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER,
                   VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER};
  desc.pushConstantBytes = sizeof(gpu::DiffusionPush);
  desc.localSize = localSize;
  gpu.pipeline = vk::createComputePipeline(ctx, cache, desc);

  gpu.pool = vk::createDescriptorPool(ctx, 2);
  for (int i = 0; i < 2; ++i) {
    gpu.sets[i] = vk::allocateDescriptorSet(ctx, gpu.pool, gpu.pipeline.setLayout);
    auto type = VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER;
    vk::writeTexelBufferDescriptor(ctx, gpu.sets[i], 0, type, gpu.concentrationView[i]);
    vk::writeTexelBufferDescriptor(ctx, gpu.sets[i], 1, type, gpu.diffusivityView);
    vk::writeTexelBufferDescriptor(ctx, gpu.sets[i], 2, type, gpu.concentrationView[1 - i]);
  }
  return gpu;
}

void destroyDiffusionGpu(vk::Context& ctx, DiffusionGpu& gpu) {
  vkDestroyDescriptorPool(ctx.device, gpu.pool, nullptr);
  vk::destroyComputePipeline(ctx, gpu.pipeline);
  for (int i = 0; i < 2; ++i) {
    vkDestroyBufferView(ctx.device, gpu.concentrationView[i], nullptr);
    vk::destroyBuffer(ctx, gpu.concentration[i]);
  }
  vkDestroyBufferView(ctx.device, gpu.diffusivityView, nullptr);
  vk::destroyBuffer(ctx, gpu.diffusivity);
  gpu = {};
}

void uploadDiffusionFields(vk::Context& ctx, DiffusionGpu& gpu, const std::vector<float>& concentration,
                           const std::vector<float>& diffusivity) {
  uploadBuffer(ctx, gpu.concentration[gpu.current], padRows(gpu.shape, gpu.paddedNx, concentration, 0.0f));
  // Zero diffusivity in the padding makes every face to it flux-free.
  uploadBuffer(ctx, gpu.diffusivity, padRows(gpu.shape, gpu.paddedNx, diffusivity, 0.0f));
}

void recordDiffusionSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps,
                          double dt_s, const BoundaryConditions& bc) {
  const GridShape& s = gpu.shape;
  gpu::DiffusionPush push{};
  push.cells = {gpu.paddedNx, s.ny, s.nz, gpu.paddedNx / 4};
  push.invSpacing2 = {float(1.0 / (s.hx_um * s.hx_um)), float(1.0 / (s.hy_um * s.hy_um)),
                      float(1.0 / (s.hz_um * s.hz_um)), float(dt_s)};
  push.boundary = {float(bc.surfaceConcentration), bc.surfaceHeld ? 1.0f : 0.0f,
                   bc.bottomSink ? 1.0f : 0.0f, 0.0f};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, gpu.pipeline.pipeline);
  vkCmdPushConstants(cmd, gpu.pipeline.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
  for (int step = 0; step < steps; ++step) {
    if (step > 0)  // this step reads what the last wrote, and overwrites what it read
      vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, gpu.pipeline.layout, 0, 1,
                            &gpu.sets[gpu.current], 0, nullptr);
    vk::dispatch(cmd, gpu.pipeline, {uint32_t(gpu.paddedNx / 4), uint32_t(s.ny), uint32_t(s.nz)});
    gpu.current = 1 - gpu.current;
  }
}

std::vector<float> readConcentration(vk::Context& ctx, const DiffusionGpu& gpu) {
  std::vector<uint8_t> bytes = vk::readbackBuffer(ctx, gpu.concentration[gpu.current]);
  const float* padded = reinterpret_cast<const float*>(bytes.data());
  const GridShape& s = gpu.shape;
  std::vector<float> out(s.cellCount());
  for (size_t row = 0; row < size_t(s.ny) * s.nz; ++row)
    std::memcpy(&out[row * s.nx], &padded[row * gpu.paddedNx], sizeof(float) * s.nx);
  return out;
}

}  // namespace ns::sim

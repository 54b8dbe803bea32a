#include "sim/channel_gpu.h"

#include <cstring>

#include "sim/channel_stamp.h"
#include "vk/commands.h"
#include "vk/readback.h"

namespace ns::sim {
namespace {

const uint32_t kStampSpirv[] = {
#include "channel_stamp.comp.spv.inc"
};
const uint32_t kUpdateSpirv[] = {
#include "tissue_update.comp.spv.inc"
};

constexpr VkDescriptorType kStorage = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
constexpr VkDescriptorType kTexel = VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER;

}  // namespace

void recordTissueUpdate(vk::Context& ctx, VkCommandBuffer cmd, ChannelGpu& ch, DiffusionGpu& d) {
  // Earlier diffusion passes and the renderer read G and K: finish them first.
  vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
  gpu::TissueUpdatePush push{};
  push.cells = {d.paddedNx, d.shape.ny, d.shape.nz, d.paddedNx / 4};
  push.channel = {ch.channelDiffusivity, float(d.shape.nx), 0.0f, 0.0f};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ch.update.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ch.update.layout, 0, 1, &ch.updateSet, 0, nullptr);
  vkCmdPushConstants(cmd, ch.update.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
  vk::dispatch(cmd, ch.update, {uint32_t(d.paddedNx / 4), uint32_t(d.shape.ny), uint32_t(d.shape.nz)});
  // The next diffusion pass (and the renderer) read the new fields.
  vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

std::vector<glm::vec2> layerTable(const GridShape& shape, const scene::Tissue& tissue) {
  std::vector<glm::vec2> table(shape.nz);
  for (int z = 0; z < shape.nz; ++z) {
    const scene::Layer& layer = tissue.layers.at(tissue.layerAtDepth((z + 0.5) * shape.hz_um));
    table[z] = {float(layer.diffusivity_um2_s), float(layer.partition)};
  }
  return table;
}

ChannelGpu createChannelGpu(vk::Context& ctx, VkPipelineCache cache, const DiffusionGpu& d,
                            const std::vector<glm::vec2>& layers, double channelDiffusivity_um2_s) {
  ChannelGpu ch;
  ch.channelDiffusivity = float(channelDiffusivity_um2_s);
  VkDeviceSize cells = VkDeviceSize(d.paddedNx) * d.shape.ny * d.shape.nz;
  ch.openness = vk::createBuffer(ctx, cells * 4,
                                 VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT |
                                     VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                 vk::MemoryUse::DeviceOnly);
  ch.layerTable = vk::createBuffer(ctx, layers.size() * sizeof(glm::vec2), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                   vk::MemoryUse::Upload);
  std::memcpy(ch.layerTable.mapped, layers.data(), layers.size() * sizeof(glm::vec2));
  vk::flushBuffer(ctx, ch.layerTable);
  for (auto& b : ch.stampBuffers)
    b = vk::createBuffer(ctx, kMaxStampsPerRecord * sizeof(gpu::ChannelStampGpu), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                         vk::MemoryUse::Upload);

  vk::ComputePipelineDesc desc;
  desc.pushConstantBytes = sizeof(gpu::ChannelStampPush);
  desc.bindings = {kStorage, kStorage};
  desc.spirv = kStampSpirv;
  desc.localSize = {64, 1, 1};
  ch.stamp = vk::createComputePipeline(ctx, cache, desc);
  desc.pushConstantBytes = sizeof(gpu::TissueUpdatePush);
  desc.bindings = {kStorage, kStorage, kTexel, kTexel};
  desc.spirv = kUpdateSpirv;
  desc.localSize = {NS_DIFFUSION_GROUP_X, NS_DIFFUSION_GROUP_Y, NS_DIFFUSION_GROUP_Z};
  ch.update = vk::createComputePipeline(ctx, cache, desc);

  ch.pool = vk::createDescriptorPool(ctx, 3);
  for (int i = 0; i < 2; ++i) {
    ch.stampSets[i] = vk::allocateDescriptorSet(ctx, ch.pool, ch.stamp.setLayout);
    vk::writeBufferDescriptor(ctx, ch.stampSets[i], 0, kStorage, ch.stampBuffers[i].buffer);
    vk::writeBufferDescriptor(ctx, ch.stampSets[i], 1, kStorage, ch.openness.buffer);
  }
  ch.updateSet = vk::allocateDescriptorSet(ctx, ch.pool, ch.update.setLayout);
  vk::writeBufferDescriptor(ctx, ch.updateSet, 0, kStorage, ch.openness.buffer);
  vk::writeBufferDescriptor(ctx, ch.updateSet, 1, kStorage, ch.layerTable.buffer);
  vk::writeTexelBufferDescriptor(ctx, ch.updateSet, 2, kTexel, d.conductanceView);
  vk::writeTexelBufferDescriptor(ctx, ch.updateSet, 3, kTexel, d.capacityView);
  return ch;
}

void destroyChannelGpu(vk::Context& ctx, ChannelGpu& ch) {
  if (!ch.pool) return;
  vkDestroyDescriptorPool(ctx.device, ch.pool, nullptr);
  vk::destroyComputePipeline(ctx, ch.stamp);
  vk::destroyComputePipeline(ctx, ch.update);
  for (auto* b : {&ch.openness, &ch.layerTable, &ch.stampBuffers[0], &ch.stampBuffers[1]}) vk::destroyBuffer(ctx, *b);
  ch = {};
}

void uploadOpenness(vk::Context& ctx, ChannelGpu& ch, DiffusionGpu& d, const std::vector<float>& openness) {
  std::vector<float> padded(size_t(d.paddedNx) * d.shape.ny * d.shape.nz, 0.0f);
  for (size_t row = 0; row < size_t(d.shape.ny) * d.shape.nz; ++row)
    std::memcpy(&padded[row * d.paddedNx], &openness[row * d.shape.nx], sizeof(float) * d.shape.nx);
  vk::uploadBuffer(ctx, ch.openness, padded.data(), ch.openness.size);
  vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { recordTissueUpdate(ctx, cmd, ch, d); });
}

std::vector<float> readOpenness(vk::Context& ctx, const ChannelGpu& ch, const DiffusionGpu& d) {
  std::vector<uint8_t> bytes = vk::readbackBuffer(ctx, ch.openness);
  const float* padded = reinterpret_cast<const float*>(bytes.data());
  std::vector<float> out(d.shape.cellCount());
  for (size_t row = 0; row < size_t(d.shape.ny) * d.shape.nz; ++row)
    std::memcpy(&out[row * d.shape.nx], &padded[row * d.paddedNx], sizeof(float) * d.shape.nx);
  return out;
}

void recordChannelStamps(vk::Context& ctx, VkCommandBuffer cmd, ChannelGpu& ch, DiffusionGpu& d,
                         const std::vector<gpu::ChannelStampGpu>& stamps) {
  if (stamps.empty()) return;
  size_t count = std::min(stamps.size(), kMaxStampsPerRecord);
  int slot = ch.nextStampBuffer;
  ch.nextStampBuffer = 1 - slot;
  std::memcpy(ch.stampBuffers[slot].mapped, stamps.data(), count * sizeof(gpu::ChannelStampGpu));
  vk::flushBuffer(ctx, ch.stampBuffers[slot]);
  std::vector<gpu::ChannelStampGpu> used(stamps.begin(), stamps.begin() + long(count));
  glm::ivec3 box = stampBox(d.shape, used);
  gpu::ChannelStampPush push{};
  push.cells = {d.shape.nx, d.shape.ny, d.shape.nz, d.paddedNx};
  push.spacing_um = {float(d.shape.hx_um), float(d.shape.hy_um), float(d.shape.hz_um), 0.0f};
  push.box = {box.x, box.y, box.z, int(count)};
  // Earlier tissue updates read the openness (write-after-read) and earlier stamps wrote it.
  vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ch.stamp.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ch.stamp.layout, 0, 1, &ch.stampSets[slot], 0, nullptr);
  vkCmdPushConstants(cmd, ch.stamp.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
  vk::dispatch(cmd, ch.stamp, {uint32_t(box.x * box.y * box.z), uint32_t(count), 1});
  recordTissueUpdate(ctx, cmd, ch, d);
}

}  // namespace ns::sim

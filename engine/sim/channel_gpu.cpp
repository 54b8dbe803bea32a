#include "sim/channel_gpu.h"

#include <algorithm>
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

}  // namespace

void recordTissueUpdate(vk::Context& ctx, VkCommandBuffer cmd, ChannelGpu& ch, DiffusionGpu& d) {
  // Earlier diffusion passes and the renderer read G and K: finish them first.
  vk::computeBarrier(ctx, cmd, vk::PriorUsers::ComputeAndFragment);
  gpu::TissueUpdatePush push{};
  push.texelsPerRow = d.layout.texelsPerRow();
  push.cellsY = d.shape.ny;
  push.cellsZ = d.shape.nz;
  push.cellsX = d.shape.nx;
  push.channelDiffusivity_um2_s = ch.channelDiffusivity;
  vk::dispatch(ctx, cmd, ch.update, ch.updateSet, push,
               {uint32_t(d.layout.texelsPerRow()), uint32_t(d.shape.ny), uint32_t(d.shape.nz)});
  // The next diffusion pass (and the renderer) read the new fields.
  vk::computeResultBarrier(ctx, cmd, vk::LaterReaders::ComputeAndFragment);
}

std::vector<glm::vec2> layerTable(const GridShape& shape, const scene::Tissue& tissue) {
  std::vector<glm::vec2> table(shape.nz);
  for (int z = 0; z < shape.nz; ++z) {
    const scene::Layer& layer = tissue.layers.at(tissue.layerAtDepth((z + 0.5) * shape.hz_um));
    table[z] = {float(layer.diffusivity_um2_s), float(layer.partition)};
  }
  return table;
}

void setChannelLayers(vk::Context& ctx, ChannelGpu& ch, const std::vector<glm::vec2>& layers, double dCh) {
  ch.channelDiffusivity = float(dCh);
  std::memcpy(ch.layerTable.mapped, layers.data(), layers.size() * sizeof(glm::vec2));
  vk::flushBuffer(ctx, ch.layerTable);
}

ChannelGpu createChannelGpu(vk::Context& ctx, VkPipelineCache cache, const DiffusionGpu& d,
                            const std::vector<glm::vec2>& layers, double channelDiffusivity_um2_s) {
  ChannelGpu ch;
  ch.channelDiffusivity = float(channelDiffusivity_um2_s);
  ch.openness = vk::createBuffer(ctx, VkDeviceSize(d.layout.paddedCellCount()) * sizeof(float),
                                 VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT |
                                     VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                 vk::MemoryUse::DeviceOnly);
  ch.layerTable = vk::createBuffer(ctx, layers.size() * sizeof(glm::vec2), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                   vk::MemoryUse::Upload);
  std::memcpy(ch.layerTable.mapped, layers.data(), layers.size() * sizeof(glm::vec2));
  vk::flushBuffer(ctx, ch.layerTable);
  ch.stampBuffer = vk::createBuffer(ctx, kMaxStampsPerRecord * sizeof(gpu::ChannelStampGpu),
                                    VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                    vk::MemoryUse::DeviceOnly);

  vk::ComputePipelineDesc desc;
  desc.pushConstantBytes = sizeof(gpu::ChannelStampPush);
  desc.bindings = {kStorage, kStorage};
  desc.spirv = kStampSpirv;
  desc.localSize = {64, 1, 1};
  ch.stamp = vk::createComputePipeline(ctx, cache, desc);
  desc.pushConstantBytes = sizeof(gpu::TissueUpdatePush);
  desc.bindings = {kStorage, kStorage, kStorage, kStorage};
  desc.spirv = kUpdateSpirv;
  desc.localSize = {NS_DIFFUSION_GROUP_X, NS_DIFFUSION_GROUP_Y, NS_DIFFUSION_GROUP_Z};
  ch.update = vk::createComputePipeline(ctx, cache, desc);

  ch.pool = vk::createDescriptorPool(ctx, 2);
  ch.stampSet = vk::allocateDescriptorSet(ctx, ch.pool, ch.stamp.setLayout);
  vk::writeBufferDescriptor(ctx, ch.stampSet, 0, kStorage, ch.stampBuffer.buffer);
  vk::writeBufferDescriptor(ctx, ch.stampSet, 1, kStorage, ch.openness.buffer);
  ch.updateSet = vk::allocateDescriptorSet(ctx, ch.pool, ch.update.setLayout);
  vk::writeBufferDescriptor(ctx, ch.updateSet, 0, kStorage, ch.openness.buffer);
  vk::writeBufferDescriptor(ctx, ch.updateSet, 1, kStorage, ch.layerTable.buffer);
  vk::writeBufferDescriptor(ctx, ch.updateSet, 2, kStorage, d.conductance.buffer);
  vk::writeBufferDescriptor(ctx, ch.updateSet, 3, kStorage, d.capacity.buffer);
  return ch;
}

void destroyChannelGpu(vk::Context& ctx, ChannelGpu& ch) {
  if (!ch.pool) return;
  vk::destroyDescriptorPool(ctx, ch.pool);
  vk::destroyComputePipeline(ctx, ch.stamp);
  vk::destroyComputePipeline(ctx, ch.update);
  for (auto* b : {&ch.openness, &ch.layerTable, &ch.stampBuffer}) vk::destroyBuffer(ctx, *b);
  ch = {};
}

void uploadOpenness(vk::Context& ctx, ChannelGpu& ch, DiffusionGpu& d, const std::vector<float>& openness) {
  std::vector<float> padded = padRows(d.layout, openness, 0.0f);
  vk::uploadBuffer(ctx, ch.openness, padded.data(), ch.openness.size);
  vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) { recordTissueUpdate(ctx, cmd, ch, d); });
}

std::vector<float> readOpenness(vk::Context& ctx, const ChannelGpu& ch, const DiffusionGpu& d) {
  std::vector<uint8_t> bytes = vk::readbackBuffer(ctx, ch.openness);
  return unpadRows(d.layout, reinterpret_cast<const float*>(bytes.data()));
}

void recordChannelStamps(vk::Context& ctx, VkCommandBuffer cmd, ChannelGpu& ch, DiffusionGpu& d,
                         const std::vector<gpu::ChannelStampGpu>& stamps) {
  if (stamps.empty()) return;
  for (size_t begin = 0; begin < stamps.size(); begin += kMaxStampsPerRecord) {
    size_t count = std::min(stamps.size() - begin, kMaxStampsPerRecord);
    std::vector<gpu::ChannelStampGpu> part(stamps.begin() + long(begin), stamps.begin() + long(begin + count));
    // The previous dispatch (this frame's or an earlier one's) has read the stamps
    // before they are replaced; the copy is in the command buffer, so nothing on the
    // host can change under a frame in flight.
    vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_READ_BIT,
                      VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    constexpr size_t kUpdateBytes = 65536;  // vkCmdUpdateBuffer's limit per call
    const auto* bytes = reinterpret_cast<const uint8_t*>(part.data());
    size_t total = count * sizeof(gpu::ChannelStampGpu);
    for (size_t offset = 0; offset < total; offset += kUpdateBytes)
      vkCmdUpdateBuffer(cmd, ch.stampBuffer.buffer, offset, std::min(kUpdateBytes, total - offset), bytes + offset);
    vk::memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    glm::ivec3 box = stampBox(d.shape, part);
    gpu::ChannelStampPush push{};
    push.cellsX = d.shape.nx;
    push.cellsY = d.shape.ny;
    push.cellsZ = d.shape.nz;
    push.paddedCellsX = d.layout.paddedNx;
    push.hx_um = float(d.shape.hx_um);
    push.hy_um = float(d.shape.hy_um);
    push.hz_um = float(d.shape.hz_um);
    push.boxX = box.x;
    push.boxY = box.y;
    push.boxZ = box.z;
    push.stampCount = int(count);
    // Earlier tissue updates read the openness (write-after-read) and earlier stamps wrote it.
    vk::computeBarrier(ctx, cmd, vk::PriorUsers::Compute);
    vk::dispatch(ctx, cmd, ch.stamp, ch.stampSet, push, {uint32_t(box.x * box.y * box.z), uint32_t(count), 1});
  }
  recordTissueUpdate(ctx, cmd, ch, d);
}

}  // namespace ns::sim

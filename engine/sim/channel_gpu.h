#pragma once
// Channels on the GPU: the openness field (one uint per cell holding a float, in
// the padded row layout of the diffusion fields), the stamp pass that writes it and
// the tissue pass that rebuilds the diffusion fields' G and K from it.
//
//   ChannelGpu channels = createChannelGpu(ctx, cache, diffusion, layerTable, D_channel);
//   recordChannelStamps(ctx, cmd, channels, diffusion, stamps);  // stamp + rebuild G, K
#include <vulkan/vulkan.h>

#include <vector>

#include "shared.h"
#include "sim/diffusion_gpu.h"

namespace ns::sim {

// Stamps per dispatch; any number may be recorded, in dispatches of this many.
constexpr size_t kMaxStampsPerRecord = 4096;

struct ChannelGpu {
  vk::Buffer openness;
  vk::Buffer layerTable;         // per z cell: (D, K) of its layer
  // Device-local, filled by vkCmdUpdateBuffer: the stamps travel inside the command
  // buffer, so no host memory is shared between dispatches or frames in flight (the
  // old pair of alternating host buffers was overwritten by a third record).
  vk::Buffer stampBuffer;
  float channelDiffusivity = 0;
  vk::ComputePipeline stamp, update;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet stampSet = VK_NULL_HANDLE;
  VkDescriptorSet updateSet = VK_NULL_HANDLE;
};

// Per z cell of `shape`, the diffusivity and partition of the layer there.
std::vector<glm::vec2> layerTable(const GridShape& shape, const scene::Tissue& tissue);

ChannelGpu createChannelGpu(vk::Context& ctx, VkPipelineCache cache, const DiffusionGpu& diffusion,
                            const std::vector<glm::vec2>& layers, double channelDiffusivity_um2_s);
// New layer values and channel diffusivity (another serum); the next tissue update
// uses them. The device must not be using the table (wait idle first).
void setChannelLayers(vk::Context& ctx, ChannelGpu& channels, const std::vector<glm::vec2>& layers,
                      double channelDiffusivity_um2_s);
void destroyChannelGpu(vk::Context& ctx, ChannelGpu& channels);

// Replaces the openness (unpadded, cellCount floats) and rebuilds G and K.
void uploadOpenness(vk::Context& ctx, ChannelGpu& channels, DiffusionGpu& diffusion, const std::vector<float>& openness);
std::vector<float> readOpenness(vk::Context& ctx, const ChannelGpu& channels, const DiffusionGpu& diffusion);

// Stamps every channel (in dispatches of kMaxStampsPerRecord), then rebuilds G and
// K, with the barriers that order both against earlier diffusion passes and later readers.
void recordChannelStamps(vk::Context& ctx, VkCommandBuffer cmd, ChannelGpu& channels, DiffusionGpu& diffusion,
                         const std::vector<gpu::ChannelStampGpu>& stamps);

// Rebuilds G and K from the openness (after stamping or closure), with barriers.
void recordTissueUpdate(vk::Context& ctx, VkCommandBuffer cmd, ChannelGpu& channels, DiffusionGpu& diffusion);

}  // namespace ns::sim

#pragma once
// Healing on the GPU (shaders/healing.comp): the surface state per column and the
// closure of every channel, followed by the tissue rebuild so serum uptake slows
// as channels close. Twin: sim/healing.cpp (and the solver's CPU openness).
#include <vulkan/vulkan.h>

#include "sim/channel_gpu.h"
#include "sim/diffusion_gpu.h"
#include "sim/healing.h"

namespace ns::sim {

struct HealingGpu {
  vk::Buffer surface;          // kSurfaceStride (3) vec4 per column; also a uniform texel buffer for the renderer
  VkBufferView surfaceView = VK_NULL_HANDLE;
  vk::Buffer deposits[2];      // host-visible, alternating per record
  int nextDeposit = 0;
  vk::ComputePipeline surfacePass, decayPass;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet sets[2] = {};
  size_t columns = 0;
};

HealingGpu createHealingGpu(vk::Context& ctx, VkPipelineCache cache, const HealingState& state,
                            const ChannelGpu& channels, const DiffusionGpu& diffusion);
void destroyHealingGpu(vk::Context& ctx, HealingGpu& gpu);

// Takes the pending deposits, advances the surface by dt and closes the channels
// (openness × decay), then rebuilds G and K. `channels` may be unused (no decay)
// when it has no openness buffer.
void recordHealingStep(vk::Context& ctx, VkCommandBuffer cmd, HealingGpu& gpu, HealingState& state,
                       ChannelGpu& channels, DiffusionGpu& diffusion, double dt_s);
// The closure of one tissue block's channels (a face has a block per treated region,
// each closing its own openness): a descriptor set of the decay pass on that block's
// openness buffer. recordHealingStep with an empty ChannelGpu then steps only the
// surface, and each block closes by its own interval (a block not stepped every
// frame closes by all the time it was left, in one factor: closure is exponential).
struct ClosureSet {
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
};
ClosureSet createClosureSet(vk::Context& ctx, const HealingGpu& gpu, const ChannelGpu& channels);
void destroyClosureSet(vk::Context& ctx, ClosureSet& set);
// Openness × the closure factor over dt_s, then the tissue rebuild (G and K).
void recordChannelClosure(vk::Context& ctx, VkCommandBuffer cmd, HealingGpu& gpu, const ClosureSet& set,
                          const HealingState& state, ChannelGpu& channels, DiffusionGpu& diffusion, double dt_s);
// CPU backend: shows the twin's surface state (blocking upload).
void uploadHealingSurface(vk::Context& ctx, HealingGpu& gpu, const HealingState& state);
// Reads the surface state into state.surface (blocking).
void readHealingSurface(vk::Context& ctx, const HealingGpu& gpu, HealingState& state);

}  // namespace ns::sim

#pragma once
// The diffusion step on the GPU: ping-pong concentration fields in rgba32f storage
// texel buffers (4 x-cells per texel; x is padded to a multiple of 4 with cells of
// zero diffusivity, which carry no flux), one dispatch per step, exact barriers.
//
//   DiffusionGpu gpu = createDiffusionGpu(ctx, cache, shape);
//   uploadDiffusionFields(ctx, gpu, concentration, diffusivity);
//   submitAndWait(ctx, [&](VkCommandBuffer cmd) { recordDiffusionSteps(ctx, cmd, gpu, 10, dt, bc); });
//   std::vector<float> c = readConcentration(ctx, gpu);
//   destroyDiffusionGpu(ctx, gpu);
#include <vulkan/vulkan.h>

#include <array>
#include <vector>

#include "sim/grid.h"
#include "vk/pipelines.h"
#include "vk/resources.h"

namespace ns::sim {

struct DiffusionGpu {
  GridShape shape;
  int paddedNx = 0;
  vk::Buffer concentration[2];
  vk::Buffer diffusivity;
  VkBufferView concentrationView[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  VkBufferView diffusivityView = VK_NULL_HANDLE;
  vk::ComputePipeline pipeline;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet sets[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};  // sets[i] reads field i
  int current = 0;  // which field holds the latest concentration
};

DiffusionGpu createDiffusionGpu(vk::Context& ctx, VkPipelineCache cache, const GridShape& shape,
                                std::array<uint32_t, 3> localSize = {0, 0, 0});
void destroyDiffusionGpu(vk::Context& ctx, DiffusionGpu& gpu);

// Uploads unpadded fields (shape.cellCount() floats each).
void uploadDiffusionFields(vk::Context& ctx, DiffusionGpu& gpu, const std::vector<float>& concentration,
                           const std::vector<float>& diffusivity);
// Records `steps` explicit steps with barriers between them and none after the last:
// whoever reads the result adds the barrier it needs.
void recordDiffusionSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps,
                          double dt_s, const BoundaryConditions& bc);
std::vector<float> readConcentration(vk::Context& ctx, const DiffusionGpu& gpu);

}  // namespace ns::sim

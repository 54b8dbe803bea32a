#pragma once
// The diffusion passes on the GPU. Fields live in buffers read as rgba32f storage
// texel buffers and written as vec4 storage buffers, 4 x-cells per texel; x is padded to a multiple of 4 (`layout`) with cells of zero
// conductance (they carry no flux) and unit capacity.
//
//   DiffusionGpu gpu = createDiffusionGpu(ctx, cache, shape);
//   uploadTissue(ctx, gpu, fields);  uploadActivity(ctx, gpu, u);
//   submitAndWait(ctx, [&](VkCommandBuffer cmd) {
//     recordExplicitSteps(ctx, cmd, gpu, 10, dt, bc);   // or recordLodSteps
//   });
//   std::vector<float> u = readActivity(ctx, gpu);
//   destroyDiffusionGpu(ctx, gpu);
//
// Every pass ping-pongs between activity[0] and activity[1] (an explicit step is one
// pass, an LOD step three). `current` names the buffer holding the latest activity. Each recorded
// sequence starts with a barrier against earlier compute writes and fragment reads
// (the renderer samples the field) and ends without one: the reader adds its own.
#include <vulkan/vulkan.h>

#include <array>
#include <vector>

#include "sim/grid.h"
#include "vk/pipelines.h"
#include "vk/resources.h"

namespace ns::sim {

struct DiffusionGpu {
  GridShape shape;
  PaddedLayout layout;  // every field's rows, x padded to a multiple of 4
  vk::Buffer activity[2];
  vk::Buffer conductance, capacity;
  VkBufferView activityView[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  VkBufferView conductanceView = VK_NULL_HANDLE, capacityView = VK_NULL_HANDLE;
  vk::ComputePipeline explicitStep, lodX, lodY, lodZ;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet sets[2] = {};  // [i]: every pass reads activity i, writes 1 - i
  int current = 0;
  uint32_t explicitZCells = 2;  // z slices per invocation of the explicit step
};

DiffusionGpu createDiffusionGpu(vk::Context& ctx, VkPipelineCache cache, const GridShape& shape,
                                std::array<uint32_t, 3> stencilGroup = {0, 0, 0});
void destroyDiffusionGpu(vk::Context& ctx, DiffusionGpu& gpu);

// Unpadded fields, shape.cellCount() floats each.
void uploadTissue(vk::Context& ctx, DiffusionGpu& gpu, const TissueFields& fields);
void uploadActivity(vk::Context& ctx, DiffusionGpu& gpu, const std::vector<float>& activity);
std::vector<float> readActivity(vk::Context& ctx, const DiffusionGpu& gpu);
std::vector<float> readCapacity(vk::Context& ctx, const DiffusionGpu& gpu);

void recordExplicitSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps, double dt_s,
                         const BoundaryConditions& bc);
void recordLodSteps(vk::Context& ctx, VkCommandBuffer cmd, DiffusionGpu& gpu, int steps, double dt_s,
                    const BoundaryConditions& bc);

// Makes the latest activity visible to fragment shaders (the renderer's field view).
void recordFieldToFragmentBarrier(vk::Context& ctx, VkCommandBuffer cmd);

}  // namespace ns::sim

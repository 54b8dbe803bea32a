#pragma once
// Pipelines from embedded SPIR-V, descriptor helpers, and one checked dispatch().
//
//   static const uint32_t kSpirv[] = {
//   #include "diffusion_step.comp.spv.inc"
//   };
//   ComputePipelineDesc desc{kSpirv, {bindings...}, sizeof(Push), {32, 4, 1}};
//   ComputePipeline pipe = createComputePipeline(ctx, cache, desc);
//   dispatch(ctx, cmd, pipe, set, push, {cellsX / 4, cellsY, cellsZ});  // invocations; groups derived here
//
// Workgroup sizes are specialization constants 0,1,2 (local_size_x_id = 0, ...), so
// one shader can be shaped for lavapipe or a discrete GPU at pipeline creation.
#include <vulkan/vulkan.h>

#include <array>
#include <source_location>
#include <span>
#include <vector>

#include "vk/context.h"

namespace ns::vk {

VkShaderModule createShaderModule(Context& ctx, std::span<const uint32_t> spirv);

struct ComputePipelineDesc {
  std::span<const uint32_t> spirv;
  std::vector<VkDescriptorType> bindings;  // binding i has type bindings[i]
  uint32_t pushConstantBytes = 0;
  std::array<uint32_t, 3> localSize{64, 1, 1};
  std::vector<uint32_t> extraSpecialization;  // constant ids 3, 4, ...
};

struct ComputePipeline {
  VkPipeline pipeline = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  std::array<uint32_t, 3> localSize{1, 1, 1};
  uint32_t pushConstantBytes = 0;
};

ComputePipeline createComputePipeline(Context& ctx, VkPipelineCache cache,
                                      const ComputePipelineDesc& desc);
void destroyComputePipeline(Context& ctx, ComputePipeline& pipeline);

// Workgroups that cover `invocations` with groups of `localSize` (rounded up per axis).
std::array<uint32_t, 3> groupCounts(std::array<uint32_t, 3> localSize, std::array<uint32_t, 3> invocations);

// Binds the pipeline and `set`, pushes `pushBytes` of constants and dispatches enough
// workgroups to cover `invocations`. Fatal (like VK_CHECK, naming the caller) when
// pushBytes is not the pipeline's pushConstantBytes, or when a group count exceeds
// the device's maxComputeWorkGroupCount.
void dispatch(const Context& ctx, VkCommandBuffer cmd, const ComputePipeline& pipeline, VkDescriptorSet set,
              const void* push, uint32_t pushBytes, std::array<uint32_t, 3> invocations,
              std::source_location caller = std::source_location::current());
template <class Push>
void dispatch(const Context& ctx, VkCommandBuffer cmd, const ComputePipeline& pipeline, VkDescriptorSet set,
              const Push& push, std::array<uint32_t, 3> invocations,
              std::source_location caller = std::source_location::current()) {
  dispatch(ctx, cmd, pipeline, set, &push, uint32_t(sizeof(Push)), invocations, caller);
}

struct GraphicsPipelineDesc {
  std::span<const uint32_t> vertexSpirv;
  std::span<const uint32_t> fragmentSpirv;
  std::vector<VkVertexInputBindingDescription> vertexBindings;
  std::vector<VkVertexInputAttributeDescription> vertexAttributes;
  std::vector<VkDescriptorSetLayout> setLayouts;
  uint32_t pushConstantBytes = 0;
  VkRenderPass renderPass = VK_NULL_HANDLE;
  VkCullModeFlags cullMode = VK_CULL_MODE_BACK_BIT;
  bool depthTest = true;
  bool depthWrite = true;
  bool alphaBlend = false;
  // Specialization constants 0, 1, ... (int) for both stages: a variant's dead branches
  // are compiled out (a CPU rasteriser runs every branch of an `if` under a mask).
  std::vector<int32_t> specConstants;
};

struct GraphicsPipeline {
  VkPipeline pipeline = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
};

GraphicsPipeline createGraphicsPipeline(Context& ctx, VkPipelineCache cache,
                                        const GraphicsPipelineDesc& desc);
void destroyGraphicsPipeline(Context& ctx, GraphicsPipeline& pipeline);

// Descriptors: a pool sized for a handful of sets, and direct writes.
VkDescriptorPool createDescriptorPool(Context& ctx, uint32_t maxSets);
VkDescriptorSet allocateDescriptorSet(Context& ctx, VkDescriptorPool pool,
                                      VkDescriptorSetLayout layout);
void writeBufferDescriptor(Context& ctx, VkDescriptorSet set, uint32_t binding,
                           VkDescriptorType type, VkBuffer buffer);
// A combined image sampler whose image is read in SHADER_READ_ONLY_OPTIMAL.
void writeSampledImageDescriptor(Context& ctx, VkDescriptorSet set, uint32_t binding, VkSampler sampler,
                                 VkImageView view);
void writeTexelBufferDescriptor(Context& ctx, VkDescriptorSet set, uint32_t binding,
                                VkDescriptorType type, VkBufferView view);

}  // namespace ns::vk

#include "vk/pipelines.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "vk/check.h"

namespace ns::vk {

VkShaderModule createShaderModule(Context& ctx, std::span<const uint32_t> spirv) {
  VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = spirv.size_bytes();
  info.pCode = spirv.data();
  VkShaderModule module = VK_NULL_HANDLE;
  VK_CHECK(vkCreateShaderModule(ctx.device, &info, nullptr, &module));
  return module;
}

ComputePipeline createComputePipeline(Context& ctx, VkPipelineCache cache,
                                      const ComputePipelineDesc& desc) {
  ComputePipeline result;
  result.localSize = desc.localSize;
  result.pushConstantBytes = desc.pushConstantBytes;

  std::vector<VkDescriptorSetLayoutBinding> bindings;
  for (uint32_t i = 0; i < desc.bindings.size(); ++i)
    bindings.push_back({i, desc.bindings[i], 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr});
  VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  setInfo.bindingCount = static_cast<uint32_t>(bindings.size());
  setInfo.pBindings = bindings.data();
  VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &setInfo, nullptr, &result.setLayout));

  VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, desc.pushConstantBytes};
  VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &result.setLayout;
  layoutInfo.pushConstantRangeCount = desc.pushConstantBytes ? 1 : 0;
  layoutInfo.pPushConstantRanges = &push;
  VK_CHECK(vkCreatePipelineLayout(ctx.device, &layoutInfo, nullptr, &result.layout));

  std::vector<uint32_t> values(desc.localSize.begin(), desc.localSize.end());
  values.insert(values.end(), desc.extraSpecialization.begin(), desc.extraSpecialization.end());
  std::vector<VkSpecializationMapEntry> entries;
  for (uint32_t i = 0; i < values.size(); ++i)
    entries.push_back({i, i * 4u, 4u});
  VkSpecializationInfo spec{static_cast<uint32_t>(entries.size()), entries.data(),
                            values.size() * 4u, values.data()};

  VkShaderModule module = createShaderModule(ctx, desc.spirv);
  VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = module;
  info.stage.pName = "main";
  info.stage.pSpecializationInfo = &spec;
  info.layout = result.layout;
  VK_CHECK(vkCreateComputePipelines(ctx.device, cache, 1, &info, nullptr, &result.pipeline));
  countCreated(ctx, Object::Pipeline);
  vkDestroyShaderModule(ctx.device, module, nullptr);
  return result;
}

void destroyComputePipeline(Context& ctx, ComputePipeline& pipeline) {
  if (pipeline.pipeline) vkDestroyPipeline(ctx.device, pipeline.pipeline, nullptr), countDestroyed(ctx, Object::Pipeline);
  if (pipeline.layout) vkDestroyPipelineLayout(ctx.device, pipeline.layout, nullptr);
  if (pipeline.setLayout) vkDestroyDescriptorSetLayout(ctx.device, pipeline.setLayout, nullptr);
  pipeline = {};
}

std::array<uint32_t, 3> groupCounts(std::array<uint32_t, 3> localSize, std::array<uint32_t, 3> invocations) {
  std::array<uint32_t, 3> groups{};
  for (int axis = 0; axis < 3; ++axis)
    groups[axis] = uint32_t((uint64_t(invocations[axis]) + localSize[axis] - 1) / localSize[axis]);
  return groups;
}

namespace {

[[noreturn]] void failDispatch(const std::string& what, const std::source_location& caller) {
  std::fprintf(stderr, "needlesim: fatal dispatch: %s at %s:%u\n", what.c_str(), caller.file_name(),
               unsigned(caller.line()));
  std::fflush(stderr);
  std::abort();
}

}  // namespace

void dispatch(const Context& ctx, VkCommandBuffer cmd, const ComputePipeline& pipeline, VkDescriptorSet set,
              const void* push, uint32_t pushBytes, std::array<uint32_t, 3> invocations,
              std::source_location caller) {
  if (pushBytes != pipeline.pushConstantBytes)
    failDispatch(std::to_string(pushBytes) + " bytes of push constants for a pipeline laid out for " +
                     std::to_string(pipeline.pushConstantBytes),
                 caller);
  std::array<uint32_t, 3> groups = groupCounts(pipeline.localSize, invocations);
  for (int axis = 0; axis < 3; ++axis)
    if (groups[axis] > ctx.properties.limits.maxComputeWorkGroupCount[axis])
      failDispatch(std::to_string(groups[axis]) + " workgroups along axis " + std::to_string(axis) +
                       " exceed the device's " + std::to_string(ctx.properties.limits.maxComputeWorkGroupCount[axis]),
                   caller);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout, 0, 1, &set, 0, nullptr);
  if (pushBytes) vkCmdPushConstants(cmd, pipeline.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, pushBytes, push);
  vkCmdDispatch(cmd, groups[0], groups[1], groups[2]);
}

GraphicsPipeline createGraphicsPipeline(Context& ctx, VkPipelineCache cache,
                                        const GraphicsPipelineDesc& desc) {
  GraphicsPipeline result;
  VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           desc.pushConstantBytes};
  VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = static_cast<uint32_t>(desc.setLayouts.size());
  layoutInfo.pSetLayouts = desc.setLayouts.data();
  layoutInfo.pushConstantRangeCount = desc.pushConstantBytes ? 1 : 0;
  layoutInfo.pPushConstantRanges = &push;
  VK_CHECK(vkCreatePipelineLayout(ctx.device, &layoutInfo, nullptr, &result.layout));

  VkShaderModule vert = createShaderModule(ctx, desc.vertexSpirv);
  VkShaderModule frag = createShaderModule(ctx, desc.fragmentSpirv);
  std::vector<VkSpecializationMapEntry> entries;
  for (uint32_t i = 0; i < desc.specConstants.size(); ++i)
    entries.push_back({i, uint32_t(i * sizeof(int32_t)), sizeof(int32_t)});
  VkSpecializationInfo spec{uint32_t(entries.size()), entries.data(), desc.specConstants.size() * sizeof(int32_t),
                            desc.specConstants.data()};
  const VkSpecializationInfo* specInfo = entries.empty() ? nullptr : &spec;
  VkPipelineShaderStageCreateInfo stages[2] = {
      {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0,
       VK_SHADER_STAGE_VERTEX_BIT, vert, "main", specInfo},
      {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0,
       VK_SHADER_STAGE_FRAGMENT_BIT, frag, "main", specInfo}};

  VkPipelineVertexInputStateCreateInfo vertexInput{
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  vertexInput.vertexBindingDescriptionCount = static_cast<uint32_t>(desc.vertexBindings.size());
  vertexInput.pVertexBindingDescriptions = desc.vertexBindings.data();
  vertexInput.vertexAttributeDescriptionCount =
      static_cast<uint32_t>(desc.vertexAttributes.size());
  vertexInput.pVertexAttributeDescriptions = desc.vertexAttributes.data();
  VkPipelineInputAssemblyStateCreateInfo assembly{
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{
      VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = desc.cullMode;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineDepthStencilStateCreateInfo depth{
      VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  depth.depthTestEnable = desc.depthTest;
  depth.depthWriteEnable = desc.depthWrite;
  depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
  VkPipelineColorBlendAttachmentState blendAttachment{};
  blendAttachment.colorWriteMask = 0xF;
  if (desc.alphaBlend) {
    blendAttachment.blendEnable = VK_TRUE;
    blendAttachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blendAttachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blendAttachment.colorBlendOp = VK_BLEND_OP_ADD;
    blendAttachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blendAttachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blendAttachment.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo blend{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  blend.attachmentCount = 1;
  blend.pAttachments = &blendAttachment;
  VkDynamicState dynamicStates[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamicStates;

  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.stageCount = 2;
  info.pStages = stages;
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = result.layout;
  info.renderPass = desc.renderPass;
  VK_CHECK(vkCreateGraphicsPipelines(ctx.device, cache, 1, &info, nullptr, &result.pipeline));
  countCreated(ctx, Object::Pipeline);
  vkDestroyShaderModule(ctx.device, vert, nullptr);
  vkDestroyShaderModule(ctx.device, frag, nullptr);
  return result;
}

void destroyGraphicsPipeline(Context& ctx, GraphicsPipeline& pipeline) {
  if (pipeline.pipeline) vkDestroyPipeline(ctx.device, pipeline.pipeline, nullptr), countDestroyed(ctx, Object::Pipeline);
  if (pipeline.layout) vkDestroyPipelineLayout(ctx.device, pipeline.layout, nullptr);
  pipeline = {};
}

VkDescriptorPool createDescriptorPool(Context& ctx, uint32_t maxSets) {
  VkDescriptorPoolSize sizes[] = {
      {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, maxSets * 4},
      {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, maxSets * 2},
      {VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER, maxSets * 4},
      {VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, maxSets * 4},
      {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, maxSets * 4},
      {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, maxSets * 2},
  };
  VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  info.maxSets = maxSets;
  info.poolSizeCount = static_cast<uint32_t>(std::size(sizes));
  info.pPoolSizes = sizes;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorPool(ctx.device, &info, nullptr, &pool));
  countCreated(ctx, Object::DescriptorPool);
  return pool;
}

VkDescriptorSet allocateDescriptorSet(Context& ctx, VkDescriptorPool pool,
                                      VkDescriptorSetLayout layout) {
  VkDescriptorSetAllocateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  info.descriptorPool = pool;
  info.descriptorSetCount = 1;
  info.pSetLayouts = &layout;
  VkDescriptorSet set = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateDescriptorSets(ctx.device, &info, &set));
  countFromPool(ctx, Object::DescriptorSet, uint64_t(pool));
  return set;
}

void writeBufferDescriptor(Context& ctx, VkDescriptorSet set, uint32_t binding,
                           VkDescriptorType type, VkBuffer buffer) {
  VkDescriptorBufferInfo bufferInfo{buffer, 0, VK_WHOLE_SIZE};
  VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstSet = set;
  write.dstBinding = binding;
  write.descriptorCount = 1;
  write.descriptorType = type;
  write.pBufferInfo = &bufferInfo;
  vkUpdateDescriptorSets(ctx.device, 1, &write, 0, nullptr);
}

void writeSampledImageDescriptor(Context& ctx, VkDescriptorSet set, uint32_t binding, VkSampler sampler,
                                 VkImageView view) {
  VkDescriptorImageInfo info{sampler, view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstSet = set;
  write.dstBinding = binding;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &info;
  vkUpdateDescriptorSets(ctx.device, 1, &write, 0, nullptr);
}

void writeTexelBufferDescriptor(Context& ctx, VkDescriptorSet set, uint32_t binding,
                                VkDescriptorType type, VkBufferView view) {
  VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstSet = set;
  write.dstBinding = binding;
  write.descriptorCount = 1;
  write.descriptorType = type;
  write.pTexelBufferView = &view;
  vkUpdateDescriptorSets(ctx.device, 1, &write, 0, nullptr);
}

}  // namespace ns::vk

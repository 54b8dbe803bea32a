#include "render/upscale_pass.h"

#include "render/geometry.h"
#include "vk/check.h"
#include "vk/object_counts.h"
#include "vk/pipelines.h"

namespace ns::render {
namespace {

const uint32_t kUpscaleVert[] = {
#include "upscale.vert.spv.inc"
};
const uint32_t kUpscaleFrag[] = {
#include "upscale.frag.spv.inc"
};

struct UpscalePush {  // shaders/upscale.frag's Push
  float drawn[2];
  float unused[2];
  float sharpness;
};

}  // namespace

void createUpscalePass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, UpscalePass& pass) {
  VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                                       nullptr};
  VkDescriptorSetLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  layoutInfo.bindingCount = 1;
  layoutInfo.pBindings = &binding;
  VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &layoutInfo, nullptr, &pass.setLayout));
  pass.pool = vk::createDescriptorPool(ctx, 1);
  VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  alloc.descriptorPool = pass.pool;
  alloc.descriptorSetCount = 1;
  alloc.pSetLayouts = &pass.setLayout;
  VK_CHECK(vkAllocateDescriptorSets(ctx.device, &alloc, &pass.set));
  VkSamplerCreateInfo sampler{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  sampler.magFilter = sampler.minFilter = VK_FILTER_LINEAR;
  sampler.addressModeU = sampler.addressModeV = sampler.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  VK_CHECK(vkCreateSampler(ctx.device, &sampler, nullptr, &pass.sampler));
  vk::GraphicsPipelineDesc desc = fullViewportPipelineDesc(kUpscaleVert, kUpscaleFrag, sizeof(UpscalePush), renderPass);
  desc.setLayouts = {pass.setLayout};
  pass.pipeline = vk::createGraphicsPipeline(ctx, cache, desc);
}

void destroyUpscalePass(vk::Context& ctx, UpscalePass& pass) {
  if (!pass.setLayout) return;
  vk::destroyGraphicsPipeline(ctx, pass.pipeline);
  vkDestroySampler(ctx.device, pass.sampler, nullptr);
  vk::destroyDescriptorPool(ctx, pass.pool);
  vkDestroyDescriptorSetLayout(ctx.device, pass.setLayout, nullptr);
  pass = {};
}

void bindUpscaleSource(vk::Context& ctx, UpscalePass& pass, VkImageView source) {
  vk::writeSampledImageDescriptor(ctx, pass.set, 0, pass.sampler, source);
}

void recordUpscalePass(VkCommandBuffer cmd, const UpscalePass& pass, VkExtent2D drawn, float sharpness) {
  UpscalePush push{{float(drawn.width), float(drawn.height)}, {0.0f, 0.0f}, sharpness};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.pipeline.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.pipeline.layout, 0, 1, &pass.set, 0, nullptr);
  vkCmdPushConstants(cmd, pass.pipeline.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(push), &push);
  vkCmdDraw(cmd, 3, 1, 0, 0);
}

}  // namespace ns::render

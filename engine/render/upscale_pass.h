#pragma once
// Dynamic resolution's second half: the 3D view, drawn into the top-left corner of a
// full-size image at a lower scale, brought up over the whole of the full-resolution
// target (bilinear and sharpened: shaders/upscale.frag) as the first draw of the pass
// the panels are then drawn in, at full resolution.
//
//   UpscalePass u; createUpscalePass(ctx, cache, target.renderPass, u);
//   bindUpscaleSource(ctx, u, scene.color.view);       // again after a resize (GPU idle)
//   ... scene drawn, its colour image in SHADER_READ_ONLY_OPTIMAL ...
//   (target's pass) recordUpscalePass(cmd, u, drawnExtent, sharpness);
#include <vulkan/vulkan.h>

#include "vk/context.h"
#include "vk/pipelines.h"

namespace ns::render {

struct UpscalePass {
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
  VkSampler sampler = VK_NULL_HANDLE;
  vk::GraphicsPipeline pipeline;
};

void createUpscalePass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, UpscalePass& pass);
void destroyUpscalePass(vk::Context& ctx, UpscalePass& pass);
// The image the pass reads (no frame using the set may be in flight).
void bindUpscaleSource(vk::Context& ctx, UpscalePass& pass, VkImageView source);
// Draws the source's top-left `drawn` pixels over the viewport; sharpness 0 is plain
// bilinear.
void recordUpscalePass(VkCommandBuffer cmd, const UpscalePass& pass, VkExtent2D drawn, float sharpness);

}  // namespace ns::render

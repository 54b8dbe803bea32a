#pragma once
// The background: a vertical gradient over the whole target, drawn first with no
// depth test (the skin and the pen draw over it).
#include <vulkan/vulkan.h>

#include "vk/context.h"
#include "vk/pipelines.h"

namespace ns::render {

struct BackgroundPass {
  vk::GraphicsPipeline pipeline;
};

void createBackgroundPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, BackgroundPass& pass);
void destroyBackgroundPass(vk::Context& ctx, BackgroundPass& pass);

// Inside the render pass, with the full target as viewport.
void recordBackgroundPass(VkCommandBuffer cmd, const BackgroundPass& pass);

}  // namespace ns::render

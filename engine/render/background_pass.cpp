#include "render/background_pass.h"

#include "render/geometry.h"
#include "shared.h"

namespace ns::render {
namespace {

const uint32_t kBackgroundVert[] = {
#include "background.vert.spv.inc"
};
const uint32_t kBackgroundFrag[] = {
#include "background.frag.spv.inc"
};

}  // namespace

void createBackgroundPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, BackgroundPass& pass) {
  pass.pipeline = vk::createGraphicsPipeline(
      ctx, cache, fullViewportPipelineDesc(kBackgroundVert, kBackgroundFrag, sizeof(gpu::BackgroundPush), renderPass));
}

void destroyBackgroundPass(vk::Context& ctx, BackgroundPass& pass) { vk::destroyGraphicsPipeline(ctx, pass.pipeline); }

void recordBackgroundPass(VkCommandBuffer cmd, const BackgroundPass& pass) {
  gpu::BackgroundPush push{{0.16f, 0.19f, 0.24f, 1.0f}, {0.05f, 0.06f, 0.08f, 1.0f}};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.pipeline.pipeline);
  vkCmdPushConstants(cmd, pass.pipeline.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(push), &push);
  vkCmdDraw(cmd, 3, 1, 0, 0);
}

}  // namespace ns::render

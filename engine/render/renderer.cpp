#include "render/renderer.h"

#include <algorithm>

namespace ns::render {

Renderer createRenderer(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, const scene::Scene& scene,
                        const scene::SkinSurface& skin, const sim::FieldView& field) {
  Renderer r;
  createBackgroundPass(ctx, cache, renderPass, r.background);
  createSkinPass(ctx, cache, renderPass, scene, skin, field, r.skin);
  createPenPass(ctx, cache, renderPass, scene.pen, r.pen);
  createMicroViewPass(ctx, cache, renderPass, r.skin.fields.setLayout, r.skin.layerCount, r.micro);
  return r;
}

void destroyRenderer(vk::Context& ctx, Renderer& r) {
  destroyMicroViewPass(ctx, r.micro);
  destroyPenPass(ctx, r.pen);
  destroySkinPass(ctx, r.skin);
  destroyBackgroundPass(ctx, r.background);
}

void recordFrame(vk::Context& ctx, VkCommandBuffer cmd, Renderer& r, const OffscreenTarget& target,
                 const FrameView& view, const OverlayCallback& drawOverlay) {
  VkClearValue clears[2];
  clears[0].color = {{0.0f, 0.0f, 0.0f, 1.0f}};
  clears[1].depthStencil = {1.0f, 0};
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = target.renderPass;
  begin.framebuffer = target.framebuffer;
  begin.renderArea = {{0, 0}, target.extent};
  begin.clearValueCount = 2;
  begin.pClearValues = clears;
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  VkViewport viewport{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
  VkRect2D scissor{{0, 0}, target.extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);

  float aspect = float(target.extent.width) / float(std::max(1u, target.extent.height));
  recordBackgroundPass(cmd, r.background);
  recordSkinPass(cmd, r.skin, view, aspect);
  if (view.settings.penVisible) recordPenPass(ctx, cmd, r.pen, viewProjection(view.camera, aspect), view.settings);
  recordMicroViewPass(cmd, r.micro, fieldSet(r.skin.fields, view.field), target.extent, view);
  if (drawOverlay) drawOverlay(cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace ns::render

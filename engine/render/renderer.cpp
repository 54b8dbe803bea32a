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

namespace {

void beginPass(VkCommandBuffer cmd, const OffscreenTarget& target) {
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
}

void setArea(VkCommandBuffer cmd, VkRect2D area) {
  VkViewport viewport{float(area.offset.x), float(area.offset.y), float(area.extent.width), float(area.extent.height), 0, 1};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &area);
}

// The skin, the pen and the micro view of one view, drawn into `area` of the target.
void recordView(vk::Context& ctx, VkCommandBuffer cmd, Renderer& r, const OffscreenTarget& target, const FrameView& view,
                VkRect2D area, const PartDone& done) {
  setArea(cmd, area);
  float aspect = float(area.extent.width) / float(std::max(1u, area.extent.height));
  recordSkinPass(cmd, r.skin, view, aspect);
  if (done) done(cmd, FramePart::Skin);
  if (view.settings.penVisible) recordPenPass(ctx, cmd, r.pen, viewProjection(view.camera, aspect), view.settings);
  if (done) done(cmd, FramePart::Pen);
  recordMicroViewPass(cmd, r.micro, fieldSet(r.skin.fields, view.field), target.extent, view);
  if (done) done(cmd, FramePart::MicroView);
}

}  // namespace

void recordFrame(vk::Context& ctx, VkCommandBuffer cmd, Renderer& r, const OffscreenTarget& target,
                 const FrameView& view, const OverlayCallback& drawOverlay, const PartDone& done) {
  beginPass(cmd, target);
  setArea(cmd, {{0, 0}, target.extent});
  recordBackgroundPass(cmd, r.background);
  if (done) done(cmd, FramePart::Background);
  recordView(ctx, cmd, r, target, view, {{0, 0}, target.extent}, done);
  setArea(cmd, {{0, 0}, target.extent});
  if (drawOverlay) drawOverlay(cmd);
  vkCmdEndRenderPass(cmd);
}

void recordSplitFrame(vk::Context& ctx, VkCommandBuffer cmd, Renderer& r, const OffscreenTarget& target,
                      const FrameView& left, const FrameView& right, const OverlayCallback& drawOverlay,
                      const PartDone& done) {
  beginPass(cmd, target);
  setArea(cmd, {{0, 0}, target.extent});
  recordBackgroundPass(cmd, r.background);
  if (done) done(cmd, FramePart::Background);
  uint32_t half = std::max(1u, target.extent.width / 2);
  recordView(ctx, cmd, r, target, left, {{0, 0}, {half, target.extent.height}}, done);
  recordView(ctx, cmd, r, target, right, {{int32_t(half), 0}, {std::max(1u, target.extent.width - half), target.extent.height}},
             done);
  setArea(cmd, {{0, 0}, target.extent});
  if (drawOverlay) drawOverlay(cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace ns::render

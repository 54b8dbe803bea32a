#include "render/micro_view_pass.h"

#include <algorithm>
#include <cmath>

#include "render/geometry.h"
#include "shared.h"

namespace ns::render {
namespace {

const uint32_t kMicroVert[] = {
#include "micro_view.vert.spv.inc"
};
const uint32_t kMicroFrag[] = {
#include "micro_view.frag.spv.inc"
};

void setViewport(VkCommandBuffer cmd, VkRect2D rect) {
  VkViewport viewport{float(rect.offset.x), float(rect.offset.y), float(rect.extent.width), float(rect.extent.height), 0, 1};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &rect);
}

}  // namespace

void createMicroViewPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                         VkDescriptorSetLayout fieldLayout, int layerCount, MicroViewPass& pass) {
  pass.layerCount = layerCount;
  vk::GraphicsPipelineDesc desc = fullViewportPipelineDesc(kMicroVert, kMicroFrag, sizeof(gpu::MicroPush), renderPass);
  desc.setLayouts = {fieldLayout};
  pass.pipeline = vk::createGraphicsPipeline(ctx, cache, desc);
}

void destroyMicroViewPass(vk::Context& ctx, MicroViewPass& pass) { vk::destroyGraphicsPipeline(ctx, pass.pipeline); }

VkRect2D microViewRect(VkExtent2D extent) {
  uint32_t width = std::max(160u, extent.width * 3 / 10), height = width / 2;
  int32_t x = int32_t(extent.width / 2) - int32_t(width / 2) + int32_t(extent.width / 12);
  int32_t y = int32_t(extent.height) - int32_t(height) - 16;
  return {{std::max(0, x), std::max(0, y)}, {width, height}};
}

void recordMicroViewPass(VkCommandBuffer cmd, const MicroViewPass& pass, VkDescriptorSet fieldSet,
                         VkExtent2D extent, const FrameView& view) {
  const RenderSettings& s = view.settings;
  if (!s.showMicroView || !s.blockPlaced || !view.field.present()) return;
  const sim::GridShape& shape = view.field.shape;
  gpu::MicroPush push{};
  float half = s.microWidth_mm / 2;
  push.left_mm = s.microCentre_mm.x - half;
  push.right_mm = s.microCentre_mm.x + half;
  push.top_um = std::min(0.0f, s.microTop_um);
  push.bottom_um = s.microDepth_um;
  int cellY = int(std::floor((s.microCentre_mm.y * 1000.0f + shape.ny * shape.hy_um / 2) / shape.hy_um));
  push.sliceY = std::clamp(cellY, 0, shape.ny - 1);
  push.fieldScaleMax = s.fieldScaleMax;
  push.layerCount = pass.layerCount;
  push.channelDepth_um = s.microChannelDepth_um;
  VkRect2D rect = microViewRect(extent);
  if (s.microRect.z > 0 && s.microRect.w > 0)
    rect = {{std::max(0, s.microRect.x), std::max(0, s.microRect.y)}, {uint32_t(s.microRect.z), uint32_t(s.microRect.w)}};
  setViewport(cmd, rect);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.pipeline.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.pipeline.layout, 0, 1, &fieldSet, 0, nullptr);
  vkCmdPushConstants(cmd, pass.pipeline.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(push), &push);
  vkCmdDraw(cmd, 3, 1, 0, 0);
  setViewport(cmd, {{0, 0}, extent});
}

}  // namespace ns::render

#include "render/scene_renderer.h"

#include <cstring>

#include "shared.h"

namespace ns::render {
namespace {

const uint32_t kBackgroundVert[] = {
#include "background.vert.spv.inc"
};
const uint32_t kBackgroundFrag[] = {
#include "background.frag.spv.inc"
};
const uint32_t kSkinVert[] = {
#include "skin_patch.vert.spv.inc"
};
const uint32_t kSkinFrag[] = {
#include "skin_patch.frag.spv.inc"
};

vk::Buffer uploadStatic(vk::Context& ctx, const void* data, size_t bytes, VkBufferUsageFlags usage) {
  // Small, written once: host-visible memory is fine on every device.
  vk::Buffer buffer = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::Upload);
  std::memcpy(buffer.mapped, data, bytes);
  vk::flushBuffer(ctx, buffer);
  return buffer;
}

gpu::SkinPush skinPush(const SceneRenderer& r, float aspect) {
  gpu::SkinPush push{};
  push.viewProj = viewProjection(r.camera, aspect);
  glm::vec3 l = glm::normalize(r.settings.lightDirection);
  push.lightDirAndWrap = {l.x, l.y, l.z, r.settings.wrapLighting};
  float bottoms[8] = {};
  double depth = 0;
  size_t count = std::min<size_t>(r.tissue.layers.size(), 8);
  for (size_t i = 0; i < count; ++i) bottoms[i] = float(depth += r.tissue.layers[i].thickness_um);
  push.layerBottom0_um = {bottoms[0], bottoms[1], bottoms[2], bottoms[3]};
  push.layerBottom1_um = {bottoms[4], bottoms[5], bottoms[6], bottoms[7]};
  push.params = {float(count), r.mesh.halfWidth_mm, 1.0f, r.settings.skinTone};
  return push;
}

}  // namespace

void createSceneRenderer(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                         const scene::Scene& scene, SceneRenderer& r) {
  r.tissue = scene.tissue;
  r.mesh = buildPatchMesh(scene.tissue, r.settings.patchWidth_mm, 96);
  r.camera.target = {0.0f, 0.0f, -r.mesh.thickness_mm * 0.5f};
  r.vertexBuffer = uploadStatic(ctx, r.mesh.vertices.data(), r.mesh.vertices.size() * sizeof(PatchVertex),
                                VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  r.indexBuffer = uploadStatic(ctx, r.mesh.indices.data(), r.mesh.indices.size() * sizeof(uint32_t),
                               VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
  r.indexCount = static_cast<uint32_t>(r.mesh.indices.size());

  vk::GraphicsPipelineDesc bg;
  bg.vertexSpirv = kBackgroundVert;
  bg.fragmentSpirv = kBackgroundFrag;
  bg.pushConstantBytes = sizeof(gpu::BackgroundPush);
  bg.renderPass = renderPass;
  bg.cullMode = VK_CULL_MODE_NONE;
  bg.depthTest = false;
  bg.depthWrite = false;
  r.background = vk::createGraphicsPipeline(ctx, cache, bg);

  vk::GraphicsPipelineDesc skin;
  skin.vertexSpirv = kSkinVert;
  skin.fragmentSpirv = kSkinFrag;
  skin.vertexBindings = {{0, sizeof(PatchVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  skin.vertexAttributes = {
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PatchVertex, position_mm)},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PatchVertex, normal)},
      {2, 0, VK_FORMAT_R32_SFLOAT, offsetof(PatchVertex, depth_um)}};
  skin.pushConstantBytes = sizeof(gpu::SkinPush);
  skin.renderPass = renderPass;
  r.skinPatch = vk::createGraphicsPipeline(ctx, cache, skin);
}

void destroySceneRenderer(vk::Context& ctx, SceneRenderer& r) {
  vk::destroyGraphicsPipeline(ctx, r.background);
  vk::destroyGraphicsPipeline(ctx, r.skinPatch);
  vk::destroyBuffer(ctx, r.vertexBuffer);
  vk::destroyBuffer(ctx, r.indexBuffer);
}

void recordScene(vk::Context&, VkCommandBuffer cmd, SceneRenderer& r, const OffscreenTarget& target,
                 const std::function<void(VkCommandBuffer)>& drawOverlay) {
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

  gpu::BackgroundPush bg{{0.16f, 0.19f, 0.24f, 1.0f}, {0.05f, 0.06f, 0.08f, 1.0f}};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.background.pipeline);
  vkCmdPushConstants(cmd, r.background.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                     0, sizeof(bg), &bg);
  vkCmdDraw(cmd, 3, 1, 0, 0);

  float aspect = float(target.extent.width) / float(std::max(1u, target.extent.height));
  gpu::SkinPush push = skinPush(r, aspect);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.skinPatch.pipeline);
  vkCmdPushConstants(cmd, r.skinPatch.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                     0, sizeof(push), &push);
  VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &r.vertexBuffer.buffer, &offset);
  vkCmdBindIndexBuffer(cmd, r.indexBuffer.buffer, 0, VK_INDEX_TYPE_UINT32);
  vkCmdDrawIndexed(cmd, r.indexCount, 1, 0, 0, 0);

  if (drawOverlay) drawOverlay(cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace ns::render

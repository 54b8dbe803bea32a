#include "render/scene_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "scene/surface_query.h"
#include "shared.h"
#include "vk/check.h"

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
const uint32_t kSolidVert[] = {
#include "solid.vert.spv.inc"
};
const uint32_t kSolidFrag[] = {
#include "solid.frag.spv.inc"
};
const uint32_t kMicroVert[] = {
#include "micro_view.vert.spv.inc"
};
const uint32_t kMicroFrag[] = {
#include "micro_view.frag.spv.inc"
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
  float layers = float(std::min<size_t>(r.tissue.layers.size(), 8));
  push.params = {layers, r.mesh.halfWidth_mm, 0.0f, r.settings.skinTone};
  int slice = r.field ? (r.settings.fieldSliceY >= 0 ? std::min(r.settings.fieldSliceY, r.field->shape.ny - 1)
                                                     : r.field->shape.ny / 2)
                      : 0;
  push.field = {r.field && r.settings.showField ? 1.0f : 0.0f, r.settings.fieldScaleMax, float(slice),
                r.settings.simTime_s};
  push.params.z = !r.healing ? 0.0f : r.settings.showCoverage ? 2.0f : r.settings.showHealing ? 1.0f : 0.0f;
  push.lightDirAndWrap.w = r.settings.wrapLighting;
  return push;
}

gpu::SkinStatic skinStatic(const scene::Scene& scene, const sim::DiffusionGpu* field) {
  gpu::SkinStatic st{};
  float bottoms[8] = {};
  double depth = 0;
  for (size_t i = 0; i < std::min<size_t>(scene.tissue.layers.size(), 8); ++i)
    bottoms[i] = float(depth += scene.tissue.layers[i].thickness_um);
  st.layerBottom0_um = {bottoms[0], bottoms[1], bottoms[2], bottoms[3]};
  st.layerBottom1_um = {bottoms[4], bottoms[5], bottoms[6], bottoms[7]};
  if (field) {
    st.fieldCells = {field->paddedNx / 4, field->shape.ny, field->shape.nz, field->shape.nx};
    st.fieldExtent_mm = {float(field->shape.nx * field->shape.hx_um / 1000.0),
                         float(field->shape.nz * field->shape.hz_um / 1000.0),
                         float(scene.healing.optimal_dermal_dose_um), float(sim::closureHalfLife_s(scene.healing))};
  }
  return st;
}

void createFieldBindings(vk::Context& ctx, const scene::Scene& scene, SceneRenderer& r) {
  VkDescriptorSetLayoutBinding bindings[4] = {
      {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
      {1, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
      {2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
      {3, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}};
  VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  info.bindingCount = 4;
  info.pBindings = bindings;
  VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &info, nullptr, &r.setLayout));
  gpu::SkinStatic st = skinStatic(scene, r.field);
  r.staticUniforms = uploadStatic(ctx, &st, sizeof(st), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT);
  float zeros[4] = {0, 0, 0, 0};
  r.placeholder = uploadStatic(ctx, zeros, sizeof(zeros), VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT);
  VkBufferViewCreateInfo view{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
  view.buffer = r.placeholder.buffer;
  view.format = VK_FORMAT_R32G32B32A32_SFLOAT;
  view.range = VK_WHOLE_SIZE;
  VK_CHECK(vkCreateBufferView(ctx.device, &view, nullptr, &r.placeholderView));
  r.pool = vk::createDescriptorPool(ctx, 2);
  for (int i = 0; i < 2; ++i) {
    r.fieldSets[i] = vk::allocateDescriptorSet(ctx, r.pool, r.setLayout);
    vk::writeBufferDescriptor(ctx, r.fieldSets[i], 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, r.staticUniforms.buffer);
    VkBufferView activity = r.field ? r.field->activityView[i] : r.placeholderView;
    VkBufferView capacity = r.field ? r.field->capacityView : r.placeholderView;
    vk::writeTexelBufferDescriptor(ctx, r.fieldSets[i], 1, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, activity);
    vk::writeTexelBufferDescriptor(ctx, r.fieldSets[i], 2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, capacity);
    VkBufferView healing = r.healing ? r.healing->surfaceView : r.placeholderView;
    vk::writeTexelBufferDescriptor(ctx, r.fieldSets[i], 3, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, healing);
  }
}

// The skin shading pipeline over PatchVertex geometry (the patch, or a --mesh surface).
vk::GraphicsPipelineDesc skinPipelineDesc(const SceneRenderer& r, VkRenderPass renderPass, VkCullModeFlags cull) {
  vk::GraphicsPipelineDesc desc;
  desc.vertexSpirv = kSkinVert;
  desc.fragmentSpirv = kSkinFrag;
  desc.vertexBindings = {{0, sizeof(PatchVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  desc.vertexAttributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PatchVertex, position_mm)},
                           {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PatchVertex, normal)},
                           {2, 0, VK_FORMAT_R32_SFLOAT, offsetof(PatchVertex, depth_um)},
                           {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(PatchVertex, uv)}};
  desc.pushConstantBytes = sizeof(gpu::SkinPush);
  desc.setLayouts = {r.setLayout};
  desc.renderPass = renderPass;
  desc.cullMode = cull;
  return desc;
}

// The pen's geometry for its current dial and state, built on first use and kept.
const SceneRenderer::PenMeshBuffers& penMesh(vk::Context& ctx, SceneRenderer& r) {
  const RenderSettings& s = r.settings;
  int step = int(std::lround(s.penDial_mm / std::max(0.05, r.pen.dial_step_mm)));
  bool tilted = glm::degrees(std::acos(std::clamp(-glm::normalize(s.penAxis).z, -1.0f, 1.0f))) > 10.0f;
  int key = step * 4 + (s.penContact ? 2 : 0) + (tilted ? 1 : 0);
  auto found = r.penMeshes.find(key);
  if (found != r.penMeshes.end()) return found->second;
  SolidMesh mesh = buildPenMesh(r.pen, s.penDial_mm, s.penContact ? s.penDial_mm : 0.0, tilted);
  SceneRenderer::PenMeshBuffers buffers;
  buffers.vertices = uploadStatic(ctx, mesh.vertices.data(), mesh.vertices.size() * sizeof(SolidVertex),
                                  VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  buffers.indices = uploadStatic(ctx, mesh.indices.data(), mesh.indices.size() * sizeof(uint32_t),
                                 VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
  buffers.indexCount = uint32_t(mesh.indices.size());
  return r.penMeshes[key] = buffers;
}

void drawPen(vk::Context& ctx, VkCommandBuffer cmd, SceneRenderer& r, float aspect) {
  const SceneRenderer::PenMeshBuffers& mesh = penMesh(ctx, r);
  glm::vec3 up = -glm::normalize(r.settings.penAxis);  // the pen frame's +z: up the body
  glm::vec3 reference = std::fabs(up.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  glm::vec3 ex = glm::normalize(reference - up * glm::dot(up, reference)), ey = glm::cross(up, ex);
  glm::mat4 matrices[2] = {viewProjection(r.camera, aspect),
                           glm::mat4(glm::vec4(ex, 0), glm::vec4(ey, 0), glm::vec4(up, 0), glm::vec4(r.settings.penTip_mm, 1))};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.solid.pipeline);
  vkCmdPushConstants(cmd, r.solid.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(matrices), matrices);
  VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &mesh.vertices.buffer, &offset);
  vkCmdBindIndexBuffer(cmd, mesh.indices.buffer, 0, VK_INDEX_TYPE_UINT32);
  vkCmdDrawIndexed(cmd, mesh.indexCount, 1, 0, 0, 0);
}

}  // namespace

void createSceneRenderer(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                         const scene::Scene& scene, SceneRenderer& r, const sim::DiffusionGpu* field,
                         const sim::HealingGpu* healing) {
  r.tissue = scene.tissue;
  r.field = field;
  r.healing = healing;
  r.settings.fieldScaleMax = float(scene.serum.surface_concentration);
  createFieldBindings(ctx, scene, r);
  r.mesh = buildPatchMesh(scene.tissue, r.settings.patchWidth_mm, 96);
  // Aim between the centre and the front cut face, which shows the cross-section.
  r.camera.target = {0.0f, -r.mesh.halfWidth_mm * 0.45f, -r.mesh.thickness_mm * 0.5f};
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

  r.skinPatch = vk::createGraphicsPipeline(ctx, cache, skinPipelineDesc(r, renderPass, VK_CULL_MODE_BACK_BIT));

  vk::GraphicsPipelineDesc micro;
  micro.vertexSpirv = kMicroVert;
  micro.fragmentSpirv = kMicroFrag;
  micro.pushConstantBytes = sizeof(gpu::MicroPush);
  micro.setLayouts = {r.setLayout};
  micro.renderPass = renderPass;
  micro.cullMode = VK_CULL_MODE_NONE;
  micro.depthTest = false;
  micro.depthWrite = false;
  r.microView = vk::createGraphicsPipeline(ctx, cache, micro);

  vk::GraphicsPipelineDesc solid;
  solid.vertexSpirv = kSolidVert;
  solid.fragmentSpirv = kSolidFrag;
  solid.vertexBindings = {{0, sizeof(SolidVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  solid.vertexAttributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(SolidVertex, position)},
                            {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(SolidVertex, normal)},
                            {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(SolidVertex, color)}};
  solid.pushConstantBytes = 2 * sizeof(glm::mat4);
  solid.renderPass = renderPass;
  solid.cullMode = VK_CULL_MODE_NONE;
  solid.alphaBlend = true;
  r.solid = vk::createGraphicsPipeline(ctx, cache, solid);
  r.pen = scene.pen;
}

void setSurfaceMesh(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, SceneRenderer& r,
                    const scene::SurfaceMesh& mesh, glm::ivec2 atlas) {
  std::vector<PatchVertex> vertices(mesh.positions.size());
  for (size_t i = 0; i < vertices.size(); ++i) {
    glm::vec3 p = mesh.positions[i], n = mesh.normals[i];
    glm::vec2 uv = mesh.uvs.empty() ? glm::vec2(-1.0f) : mesh.uvs[i];
    vertices[i] = {{p.x, p.y, p.z}, {n.x, n.y, n.z}, -1.0f, {uv.x, uv.y}};  // depth −1: all skin
  }
  r.meshVertices = uploadStatic(ctx, vertices.data(), vertices.size() * sizeof(PatchVertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  r.meshIndices = uploadStatic(ctx, mesh.indices.data(), mesh.indices.size() * sizeof(uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
  r.meshIndexCount = uint32_t(mesh.indices.size());
  // A consistently wound mesh (ours) loses its back faces, half the shading on a
  // software rasteriser; any other is drawn two-sided, the shader lighting both sides.
  bool wound = scene::windingAgreement(mesh) > 0.98;
  r.surfaceMesh = vk::createGraphicsPipeline(ctx, cache, skinPipelineDesc(r, renderPass, wound ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE));
  // The healing surface is the mesh's UV atlas (set before any frame uses the uniforms).
  auto* st = static_cast<gpu::SkinStatic*>(r.staticUniforms.mapped);
  st->atlasCells = {atlas.x, atlas.y, atlas.x > 0 && atlas.y > 0 ? 1 : 0, 0};
  glm::dvec2 stretch = scene::uvStretch_mm(mesh);
  st->chart_mm = {float(stretch.x), float(stretch.y), 0.0f, 0.0f};
  vk::flushBuffer(ctx, r.staticUniforms);
  glm::vec3 centre = 0.5f * (mesh.boundsMin + mesh.boundsMax);
  float radius = 0.5f * glm::length(mesh.boundsMax - mesh.boundsMin);
  // The light keeps its place relative to the camera: turned about z as the view is.
  float turn = glm::radians(155.0f - r.camera.yaw_deg);
  glm::vec3 l = r.settings.lightDirection;
  r.settings.lightDirection = {l.x * std::cos(turn) - l.y * std::sin(turn), l.x * std::sin(turn) + l.y * std::cos(turn), l.z};
  r.camera.target = centre;
  r.camera.yaw_deg = 155.0f;  // from +y, where our face looks (and from the front-right for others)
  r.camera.pitch_deg = 12.0f;
  r.camera.distance_mm = std::max(3.0f, radius * 2.6f);
  r.camera.far_mm = std::max(500.0f, r.camera.distance_mm + radius * 4.0f);
  r.settings.showField = false;
  r.settings.showHealing = st->atlasCells.z == 1;
}

VkRect2D microViewRect(VkExtent2D extent) {
  uint32_t width = std::max(160u, extent.width * 3 / 10), height = width / 2;
  int32_t x = int32_t(extent.width / 2) - int32_t(width / 2) + int32_t(extent.width / 12);
  int32_t y = int32_t(extent.height) - int32_t(height) - 16;
  return {{std::max(0, x), std::max(0, y)}, {width, height}};
}

void destroySceneRenderer(vk::Context& ctx, SceneRenderer& r) {
  vk::destroyGraphicsPipeline(ctx, r.microView);
  vk::destroyGraphicsPipeline(ctx, r.solid);
  for (auto& [key, mesh] : r.penMeshes) {
    vk::destroyBuffer(ctx, mesh.vertices);
    vk::destroyBuffer(ctx, mesh.indices);
  }
  r.penMeshes.clear();
  vk::destroyGraphicsPipeline(ctx, r.surfaceMesh);
  vk::destroyBuffer(ctx, r.meshVertices);
  vk::destroyBuffer(ctx, r.meshIndices);
  vk::destroyGraphicsPipeline(ctx, r.background);
  vk::destroyGraphicsPipeline(ctx, r.skinPatch);
  vkDestroyDescriptorPool(ctx.device, r.pool, nullptr);
  vkDestroyDescriptorSetLayout(ctx.device, r.setLayout, nullptr);
  vkDestroyBufferView(ctx.device, r.placeholderView, nullptr);
  vk::destroyBuffer(ctx, r.placeholder);
  vk::destroyBuffer(ctx, r.staticUniforms);
  vk::destroyBuffer(ctx, r.vertexBuffer);
  vk::destroyBuffer(ctx, r.indexBuffer);
}

void recordScene(vk::Context& ctx, VkCommandBuffer cmd, SceneRenderer& r, const OffscreenTarget& target,
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
  VkDescriptorSet fieldSet = r.fieldSets[r.field ? r.field->current : 0];
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.skinPatch.layout, 0, 1, &fieldSet, 0, nullptr);
  vkCmdPushConstants(cmd, r.skinPatch.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                     0, sizeof(push), &push);
  VkDeviceSize offset = 0;
  if (r.meshIndexCount > 0) {  // --mesh replaces the patch
    if (!r.settings.showHealing) push.params.z = 0.0f;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.surfaceMesh.pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.surfaceMesh.layout, 0, 1, &fieldSet, 0, nullptr);
    vkCmdPushConstants(cmd, r.surfaceMesh.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(push), &push);
    vkCmdBindVertexBuffers(cmd, 0, 1, &r.meshVertices.buffer, &offset);
    vkCmdBindIndexBuffer(cmd, r.meshIndices.buffer, 0, VK_INDEX_TYPE_UINT32);
    vkCmdDrawIndexed(cmd, r.meshIndexCount, 1, 0, 0, 0);
  } else {
    vkCmdBindVertexBuffers(cmd, 0, 1, &r.vertexBuffer.buffer, &offset);
    vkCmdBindIndexBuffer(cmd, r.indexBuffer.buffer, 0, VK_INDEX_TYPE_UINT32);
    vkCmdDrawIndexed(cmd, r.indexCount, 1, 0, 0, 0);
  }

  if (r.settings.penVisible) drawPen(ctx, cmd, r, aspect);
  if (r.settings.showMicroView && r.settings.blockPlaced && r.field) {
    VkRect2D rect = microViewRect(target.extent);
    VkViewport inset{float(rect.offset.x), float(rect.offset.y), float(rect.extent.width), float(rect.extent.height), 0, 1};
    vkCmdSetViewport(cmd, 0, 1, &inset);
    vkCmdSetScissor(cmd, 0, 1, &rect);
    gpu::MicroPush micro{};
    float half = r.settings.microWidth_mm / 2;
    micro.window = {r.settings.microCentre_mm.x - half, r.settings.microCentre_mm.x + half, 0.0f, r.settings.microDepth_um};
    int cellY = int(std::floor((r.settings.microCentre_mm.y * 1000.0f + r.field->shape.ny * r.field->shape.hy_um / 2) /
                               r.field->shape.hy_um));
    micro.slice = {float(std::clamp(cellY, 0, r.field->shape.ny - 1)), r.settings.fieldScaleMax, push.params.x, 0.0f};
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.microView.pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.microView.layout, 0, 1, &fieldSet, 0, nullptr);
    vkCmdPushConstants(cmd, r.microView.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof(micro), &micro);
    vkCmdDraw(cmd, 3, 1, 0, 0);
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
  }
  if (drawOverlay) drawOverlay(cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace ns::render

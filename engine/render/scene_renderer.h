#pragma once
// Draws the scene into the offscreen target: a background gradient and the skin
// patch with its layered cut faces. The overlay (ImGui) is drawn by the caller
// inside the same render pass through `drawOverlay`.
//
//   SceneRenderer r; createSceneRenderer(ctx, cache, target.renderPass, scene, r);
//   recordScene(ctx, cmd, r, target, [&](VkCommandBuffer c) { overlay... });
//   destroySceneRenderer(ctx, r);
#include <vulkan/vulkan.h>

#include <functional>

#include "render/camera.h"
#include "render/offscreen_target.h"
#include "render/patch_mesh.h"
#include "scene/scene.h"
#include "vk/pipelines.h"

namespace ns::render {

struct RenderSettings {
  float skinTone = 0.15f;          // 0 light .. 1 deep (tone presets)
  float patchWidth_mm = 12.0f;
  float wrapLighting = 0.45f;      // subsurface approximation
  glm::vec3 lightDirection{-0.35f, -0.55f, 0.75f};
};

struct SceneRenderer {
  vk::GraphicsPipeline background;
  vk::GraphicsPipeline skinPatch;
  vk::Buffer vertexBuffer;
  vk::Buffer indexBuffer;
  uint32_t indexCount = 0;
  PatchMesh mesh;
  scene::Tissue tissue;
  OrbitCamera camera;
  RenderSettings settings;
};

void createSceneRenderer(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                         const scene::Scene& scene, SceneRenderer& renderer);
void destroySceneRenderer(vk::Context& ctx, SceneRenderer& renderer);

void recordScene(vk::Context& ctx, VkCommandBuffer cmd, SceneRenderer& renderer,
                 const OffscreenTarget& target,
                 const std::function<void(VkCommandBuffer)>& drawOverlay = {});

}  // namespace ns::render

#pragma once
// Draws the scene into the offscreen target: a background gradient and the skin
// patch with its layered cut faces, the front one showing the serum field. The overlay (ImGui) is drawn by the caller
// inside the same render pass through `drawOverlay`.
//
//   SceneRenderer r; createSceneRenderer(ctx, cache, target.renderPass, scene, r);
//   recordScene(ctx, cmd, r, target, [&](VkCommandBuffer c) { overlay... });
//   destroySceneRenderer(ctx, r);
#include <vulkan/vulkan.h>

#include <functional>
#include <map>

#include "render/camera.h"
#include "render/offscreen_target.h"
#include "render/patch_mesh.h"
#include "render/pen_mesh.h"
#include "scene/scene.h"
#include "scene/surface_mesh.h"
#include "sim/diffusion_gpu.h"
#include "sim/healing_gpu.h"
#include "vk/pipelines.h"

namespace ns::render {

struct RenderSettings {
  float skinTone = 0.15f;          // 0 light .. 1 deep (tone presets)
  float patchWidth_mm = 10.0f;
  float wrapLighting = 0.45f;      // subsurface approximation
  glm::vec3 lightDirection{-0.35f, -0.55f, 0.75f};
  bool showField = true;         // serum concentration on the front cut face
  float fieldScaleMax = 1.0f;    // concentration at the top of the colour scale
  int fieldSliceY = -1;          // y cell of the cut; -1: the middle
  bool showHealing = true;       // redness and pinpoint bleeding on the skin
  bool showCoverage = false;     // instead: the coverage heat map (dermal dose / optimum)
  bool showMicroView = false;    // the magnified slice under the pen, in an inset
  bool blockPlaced = true;       // the tissue block has a place on the skin (a mesh: after the first touch)
  glm::vec2 microCentre_mm{0.0f};  // where the micro view looks (the pen, or the block's centre)
  bool microOffBlock = false;      // the pen is away from the block: the view stays where it last was
  float microWidth_mm = 2.0f, microDepth_um = 1000.0f;
  // The pen, drawn where it is (pose in scene mm; the axis points into the skin).
  bool penVisible = false;
  glm::vec3 penTip_mm{0.0f}, penAxis{0.0f, 0.0f, -1.0f};
  bool penContact = false;
  float penDial_mm = 0.5f;
  float simTime_s = 0;           // when bleeding spots stop (hemostasis) is judged at this time
};

struct SceneRenderer {
  vk::GraphicsPipeline background;
  vk::GraphicsPipeline skinPatch;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet fieldSets[2] = {};  // [i]: the field's activity buffer i
  vk::Buffer staticUniforms;           // gpu::SkinStatic
  vk::Buffer placeholder;              // bound when there is no field
  VkBufferView placeholderView = VK_NULL_HANDLE;
  const sim::DiffusionGpu* field = nullptr;
  const sim::HealingGpu* healing = nullptr;
  vk::Buffer vertexBuffer;
  vk::Buffer indexBuffer;
  uint32_t indexCount = 0;
  // --mesh: a user's surface drawn instead of the patch (two-sided, skin shading).
  vk::GraphicsPipeline surfaceMesh;
  vk::GraphicsPipeline microView;
  vk::GraphicsPipeline solid;  // the pen
  struct PenMeshBuffers {
    vk::Buffer vertices, indices;
    uint32_t indexCount = 0;
  };
  std::map<int, PenMeshBuffers> penMeshes;  // by (dial step, needles out, tilted): built once each
  scene::Pen pen;
  vk::Buffer meshVertices, meshIndices;
  uint32_t meshIndexCount = 0;
  PatchMesh mesh;
  scene::Tissue tissue;
  OrbitCamera camera;
  RenderSettings settings;
};

// `field` (may be null) is the simulation whose serum field the cut face shows; it
// must outlive the renderer.
void createSceneRenderer(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                         const scene::Scene& scene, SceneRenderer& renderer,
                         const sim::DiffusionGpu* field = nullptr, const sim::HealingGpu* healing = nullptr);
void destroySceneRenderer(vk::Context& ctx, SceneRenderer& renderer);

// Shows `mesh` (in scene mm: see scene::fitToMillimetres) as the skin surface
// instead of the patch and frames the camera on it. `atlas` (texels across u and v)
// when the healing surface lives on its UVs: redness, bleeding and puncture marks
// then show on the mesh. Meshes with UVs get pore detail along them.
void setSurfaceMesh(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, SceneRenderer& renderer,
                    const scene::SurfaceMesh& mesh, glm::ivec2 atlas = {0, 0});

// Where the micro view goes in a frame of this size (pixels: x, y, width, height).
VkRect2D microViewRect(VkExtent2D extent);

void recordScene(vk::Context& ctx, VkCommandBuffer cmd, SceneRenderer& renderer,
                 const OffscreenTarget& target,
                 const std::function<void(VkCommandBuffer)>& drawOverlay = {});

}  // namespace ns::render

#pragma once
// The skin: the patch (a block of tissue whose top is skin, the healing atlas on
// its chart, and whose cut faces show the layers, the front one the serum field) or
// a mesh (every face skin, the healing atlas on its UVs). One pipeline over
// PatchVertex geometry, the field bindings it reads (shared with the micro view),
// and the geometry, all built at creation from the scene, the skin surface and the
// simulation's fields.
#include <vulkan/vulkan.h>

#include <glm/glm.hpp>
#include <vector>

#include "render/field_bindings.h"
#include "render/frame_view.h"
#include "render/geometry.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/field_view.h"
#include "vk/context.h"
#include "vk/pipelines.h"

namespace ns::render {

// A piece of a mesh's skin, by where its triangles lie on the UV atlas: its indices
// and the atlas texels they cover. Only pieces near treated columns need the healing
// variant; the rest of the face is drawn without it.
struct SkinTile {
  uint32_t firstIndex = 0, indexCount = 0;
  glm::vec4 texels{0.0f};  // x0, y0, x1, y1 (x1 < x0: no UVs, never healed)
};

struct SkinPass {
  FieldBindings fields;
  Geometry geometry;             // the patch block, or the mesh (depth −1: all skin): skin first, eyes last
  uint32_t eyeIndices = 0;       // the last indices of `geometry`: the head's eyes (their own draw)
  // Variants of one shader (its specialization constants; shaders/skin_patch.frag):
  // the skin with the healing overlay and without (nothing treated yet, or the overlay
  // off), and the eyes. A CPU rasteriser pays for every branch a variant holds.
  vk::GraphicsPipeline pipeline, plainPipeline, eyePipeline;
  std::vector<SkinTile> tiles;   // a mesh's skin in pieces (in index order); empty: the patch, one draw
  float healingReach = 0;        // texels from a treated column the overlay can show (blur, bilinear, marks)
  bool cutFaces = true;          // the patch (scene::hasCutFaces)
  int layerCount = 0;            // layers the cut faces colour
};

void createSkinPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, const scene::Scene& scene,
                    const scene::SkinSurface& skin, const sim::FieldView& field, SkinPass& pass);
void destroySkinPass(vk::Context& ctx, SkinPass& pass);

// Inside the render pass; `aspect` is the viewport's width / height.
void recordSkinPass(VkCommandBuffer cmd, const SkinPass& pass, const FrameView& view, float aspect);

}  // namespace ns::render

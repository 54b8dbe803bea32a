#pragma once
// Draws a frame into the offscreen target from a plain FrameView: the background,
// the skin (the patch with its cut faces, or a mesh), the pen, the micro view, then
// the caller's overlay (ImGui) inside the same render pass. Each part is a pass that
// owns its pipelines and buffers; the renderer only composes them and keeps no
// per-frame state, so the same FrameView always draws the same picture.
//
//   Renderer r = createRenderer(ctx, cache, target.renderPass, scene, skin, field);
//   FrameView view = initialView(scene, skin);          // then: the runtime's camera, pen, ...
//   view.field = field;                                  // each frame: what the simulation published
//   recordFrame(ctx, cmd, r, target, view, [&](VkCommandBuffer c) { overlay... });
//   destroyRenderer(ctx, r);
#include <vulkan/vulkan.h>

#include <functional>

#include "render/background_pass.h"
#include "render/frame_view.h"
#include "render/micro_view_pass.h"
#include "render/offscreen_target.h"
#include "render/pen_pass.h"
#include "render/skin_pass.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/field_view.h"
#include "vk/context.h"

namespace ns::render {

struct Renderer {
  BackgroundPass background;
  SkinPass skin;
  PenPass pen;
  MicroViewPass micro;
};

// `field` holds the simulation's buffer views (empty without a simulation); they
// must stay valid, and the same in every frame's view, until destroyRenderer.
Renderer createRenderer(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, const scene::Scene& scene,
                        const scene::SkinSurface& skin, const sim::FieldView& field);
void destroyRenderer(vk::Context& ctx, Renderer& renderer);

using OverlayCallback = std::function<void(VkCommandBuffer)>;

// The parts of a view, in the order they are drawn; a PartDone callback hears of
// each right after it was recorded (the host stamps GPU time there: the report's
// gpu_ms.passes). The skin is one draw: its surface, its cut faces (the cross-
// section), the healing marks and the serum are all shaded by skin_patch.frag.
enum class FramePart { Background, Skin, Pen, MicroView };
using PartDone = std::function<void(VkCommandBuffer, FramePart)>;

// Records the whole render pass of `target`. The first frame showing a new pen
// variant uploads its geometry (host-visible, written before the command buffer runs).
void recordFrame(vk::Context& ctx, VkCommandBuffer cmd, Renderer& renderer, const OffscreenTarget& target,
                 const FrameView& view, const OverlayCallback& drawOverlay = {}, const PartDone& partDone = {});

// The same pass with the window split in two side by side, `left` drawn in the left
// half and `right` in the right (each with its own field and micro view inset, the
// aspect of its half); the overlay over the whole window.
void recordSplitFrame(vk::Context& ctx, VkCommandBuffer cmd, Renderer& renderer, const OffscreenTarget& target,
                      const FrameView& left, const FrameView& right, const OverlayCallback& drawOverlay = {},
                      const PartDone& partDone = {});

}  // namespace ns::render

#pragma once
// Everything one frame needs on the GPU, owned in one place: the context, the
// pipeline cache, the offscreen target, the renderer, the overlay, the frames in
// flight and, for windowed runs, the window's swapchain.
//
// A frame: (windowed) acquire → render scene + overlay into the offscreen image →
// (windowed) blit it into the swapchain image → submit → present. Headless runs
// skip the bracketed steps; screenshots read the offscreen image in both.
#include <functional>
#include <string>

#include "core/image.h"
#include "core/stats.h"
#include "render/offscreen_target.h"
#include "render/renderer.h"
#include "runtime/window.h"
#include "scene/scene.h"
#include "ui/overlay.h"
#include "vk/context.h"
#include "vk/frames.h"
#include "vk/swapchain.h"
#include "vk/timestamps.h"

namespace ns::runtime {

struct GpuHostConfig {
  bool validation = false;
  std::string device;
  bool headless = true;
  VkExtent2D extent{1280, 720};
  bool fullscreen = false;
  bool overlay = true;
  bool vsync = true;
  std::string pipelineCachePath;  // empty: no persistence
  // On a software device (lavapipe) live frames may draw the 3D view at half the
  // resolution per axis and scale it up under the full-resolution panels: the
  // fragment work of the view is most of such a frame. Runs that keep an image
  // (screenshots, goldens) leave it off: fixed quality.
  bool adaptiveScene = false;
};

struct GpuHost {
  GpuHostConfig config;
  vk::Context ctx;
  VkPipelineCache pipelineCache = VK_NULL_HANDLE;
  render::OffscreenTarget target;
  // The 3D view at a lower resolution (sceneScale < 1: a software device with
  // adaptiveScene), blitted into `target` before the overlay pass draws the panels.
  float sceneScale = 1.0f;
  render::OffscreenTarget scene;
  VkRenderPass overlayPass = VK_NULL_HANDLE;  // `target`'s pass that keeps the blitted view
  render::Renderer renderer;
  ui::Overlay overlay;
  vk::FrameRing frames;
  Window window;
  vk::Swapchain swapchain;
  bool swapchainStale = true;
  bool windowSystemUp = false;
  bool rendererUp = false;
  // GPU time per pass from timestamps: per frame slot, [start, after compute, after render].
  vk::GpuTimer passTimer;
  core::TimeSeries computeMs, renderMs;  // one entry per finished frame (bounded: core/stats.h)
};

enum class FrameOutcome { Rendered, Skipped };

// Two phases, because the renderer shows fields that live on the device:
// createGpuHost (window, device, targets), then the caller creates its simulation on
// host.ctx, then createHostRenderer hands the renderer the fields it publishes.
bool createGpuHost(const GpuHostConfig& config, GpuHost& host, std::string& error);
void createHostRenderer(GpuHost& host, const scene::Scene& scene, const scene::SkinSurface& skin,
                        const sim::FieldView& field);
void destroyGpuHost(GpuHost& host);

struct FrameCallbacks {
  std::function<void(VkCommandBuffer)> recordCompute;  // simulation passes, before the render pass
  std::function<render::FrameView()> frameView;        // what to draw (asked after recordCompute)
  std::function<render::FrameView()> secondView;       // set: a split view, frameView left and this right
  std::function<void()> buildUi;                       // between ImGui's NewFrame and Render
};

// Renders one frame. Windowed frames are Skipped while the window is minimised
// (0×0) or while the swapchain is being rebuilt; the caller should then wait for
// events. recordCompute is only called for frames that are rendered.
FrameOutcome renderFrame(GpuHost& host, float deltaSeconds, const FrameCallbacks& callbacks = {});

// Waits for all frames and reads the offscreen image (what the window shows).
core::ImageRGBA8 captureFrame(GpuHost& host);

}  // namespace ns::runtime

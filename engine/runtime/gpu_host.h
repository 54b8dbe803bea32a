#pragma once
// Everything one frame needs on the GPU, owned in one place: the context, the
// pipeline cache, the offscreen target, the scene renderer, the overlay, the frames
// in flight and, for windowed runs, the window's swapchain.
//
// A frame: (windowed) acquire → render scene + overlay into the offscreen image →
// (windowed) blit it into the swapchain image → submit → present. Headless runs
// skip the bracketed steps; screenshots read the offscreen image in both.
#include <functional>
#include <string>

#include "core/image.h"
#include "render/offscreen_target.h"
#include "render/scene_renderer.h"
#include "runtime/window.h"
#include "scene/scene.h"
#include "ui/overlay.h"
#include "vk/context.h"
#include "vk/frames.h"
#include "vk/swapchain.h"

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
};

struct GpuHost {
  GpuHostConfig config;
  vk::Context ctx;
  VkPipelineCache pipelineCache = VK_NULL_HANDLE;
  render::OffscreenTarget target;
  render::SceneRenderer scene;
  ui::Overlay overlay;
  vk::FrameRing frames;
  Window window;
  vk::Swapchain swapchain;
  bool swapchainStale = true;
  bool windowSystemUp = false;
  bool sceneViewUp = false;
  // GPU time per pass from timestamps: per frame slot, [start, after compute, after render].
  VkQueryPool passQueries = VK_NULL_HANDLE;
  bool passQueriesWritten[vk::kFramesInFlight] = {};
  double timestampPeriod_ns = 1.0;
  std::vector<double> computeMs, renderMs;  // one entry per finished frame
};

enum class FrameOutcome { Rendered, Skipped };

// Two phases, because the scene view shows fields that live on the device:
// createGpuHost (window, device, targets), then the caller creates its simulation on
// host.ctx, then createSceneView hands the renderer the field to show (may be null).
bool createGpuHost(const GpuHostConfig& config, GpuHost& host, std::string& error);
void createSceneView(GpuHost& host, const scene::Scene& scene, const sim::DiffusionGpu* field,
                     const sim::HealingGpu* healing = nullptr);
void destroyGpuHost(GpuHost& host);

struct FrameCallbacks {
  std::function<void()> buildUi;                   // between ImGui's NewFrame and Render
  std::function<void(VkCommandBuffer)> recordCompute;  // simulation passes, before the render pass
};

// Renders one frame. Windowed frames are Skipped while the window is minimised
// (0×0) or while the swapchain is being rebuilt; the caller should then wait for
// events. recordCompute is only called for frames that are rendered.
FrameOutcome renderFrame(GpuHost& host, float deltaSeconds, const FrameCallbacks& callbacks = {});

// Waits for all frames and reads the offscreen image (what the window shows).
core::ImageRGBA8 captureFrame(GpuHost& host);

}  // namespace ns::runtime

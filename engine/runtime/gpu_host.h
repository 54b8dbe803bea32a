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
};

enum class FrameOutcome { Rendered, Skipped };

bool createGpuHost(const GpuHostConfig& config, const scene::Scene& scene, GpuHost& host,
                   std::string& error);
void destroyGpuHost(GpuHost& host);

// Renders one frame. `buildUi` is called between ImGui's NewFrame and Render.
// Windowed frames are Skipped while the window is minimised (0×0) or while the
// swapchain is being rebuilt; the caller should then wait for events.
FrameOutcome renderFrame(GpuHost& host, float deltaSeconds, const std::function<void()>& buildUi);

// Waits for all frames and reads the offscreen image (what the window shows).
core::ImageRGBA8 captureFrame(GpuHost& host);

}  // namespace ns::runtime

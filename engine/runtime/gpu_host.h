#pragma once
// Everything one frame needs on the GPU, owned in one place: the context, the
// pipeline cache, the offscreen target, the renderer, the overlay, the frames in
// flight and, for windowed runs, the window's swapchain.
//
// A frame: (windowed) acquire → render scene + overlay into the offscreen image →
// (windowed) blit it into the swapchain image → submit → present. Headless runs
// skip the bracketed steps; screenshots read the offscreen image in both.
//
// Dynamic resolution (render/render_scale.h): the 3D view may be drawn at a lower
// scale into the top-left corner of `scene` and brought up over the offscreen image
// (bilinear, sharpened: render/upscale_pass.h) before the panels are drawn on it at
// full resolution. The scale follows what frames cost (a budget of 30 fps on a CPU
// device, 60 on a GPU) unless pinned; a frame the caller keeps (a --screenshot) is
// drawn whole.
//
// Every frame is timed pass by pass (GPU timestamps between the passes: the
// report's gpu_ms.passes.<name>, the F3 frame panel).
#include <array>
#include <chrono>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/image.h"
#include "core/stats.h"
#include "render/offscreen_target.h"
#include "render/render_scale.h"
#include "render/renderer.h"
#include "render/upscale_pass.h"
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
  // Dynamic resolution for the 3D view (the panels stay at full resolution): the
  // fragment work of the view is most of a frame on a software device (lavapipe).
  // Off: every frame whole (tests that read any frame they like).
  bool adaptiveScene = false;
  float pinnedScale = 0;  // > 0: the view always at this scale (--render-scale), adaptive or not
};

// The passes a frame is timed by, in the report's and the frame panel's order.
// simulation: the compute passes; background, skin (surface, cross-section, marks,
// serum: one draw), pen, micro_view: the 3D view's parts; upscale: the scaled view
// brought up to full resolution; ui: the ImGui panels; present: the blit into the
// window's swapchain image (windowed only).
enum class HostPass : uint8_t { Simulation, Background, Skin, Pen, MicroView, Upscale, Ui, Present, Count };
constexpr size_t kHostPassCount = size_t(HostPass::Count);
const char* hostPassName(HostPass pass);

struct GpuHost {
  GpuHostConfig config;
  vk::Context ctx;
  VkPipelineCache pipelineCache = VK_NULL_HANDLE;
  render::OffscreenTarget target;
  // The 3D view at a lower scale: drawn into the top-left of `scene` (as large as
  // `target`, made when the scale may go below 1), brought up by `upscale`.
  render::RenderScaleController scaleControl;
  bool scalable = false;          // scene and upscale exist
  float lastScale = 1.0f;         // the scale the last frame was drawn at
  unsigned long long framesScaled = 0, framesWhole = 0;
  render::OffscreenTarget scene;
  render::UpscalePass upscale;
  VkRenderPass compositePass = VK_NULL_HANDLE;  // target's pass for an upscaled view: nothing cleared
  std::chrono::steady_clock::time_point lastFrameAt{};  // a CPU device's frame cost: wall time between frames
  render::Renderer renderer;
  ui::Overlay overlay;
  vk::FrameRing frames;
  Window window;
  vk::Swapchain swapchain;
  bool swapchainStale = true;
  bool windowSystemUp = false;
  bool rendererUp = false;
  // GPU time per pass from timestamps: per frame slot, a stamp at the start and one
  // after each pass; stampPass[slot][i] is the pass stamp i closed.
  static constexpr uint32_t kMaxStamps = 24;
  vk::GpuTimer passTimer;
  std::array<std::array<HostPass, kMaxStamps>, vk::kFramesInFlight> stampPass{};
  std::array<uint32_t, vk::kFramesInFlight> stampCount{};
  std::array<bool, vk::kFramesInFlight> slotTimedByPass{};  // the slot's frame was stamped pass by pass
  core::TimeSeries computeMs, renderMs;  // one entry per finished frame (bounded: core/stats.h)
  std::array<core::TimeSeries, kHostPassCount> passMs;  // each pass, per frame timed pass by pass (0: not drawn)
  std::array<double, kHostPassCount> smoothPassMs{};    // smoothed over ~3 timed frames (the frame panel)
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
  std::function<bool()> keepFrame;                     // true: the caller keeps this frame (drawn whole)
};

// Renders one frame. Windowed frames are Skipped while the window is minimised
// (0×0) or while the swapchain is being rebuilt; the caller should then wait for
// events. recordCompute is only called for frames that are rendered.
FrameOutcome renderFrame(GpuHost& host, float deltaSeconds, const FrameCallbacks& callbacks = {});

// Waits for all frames and reads the offscreen image (what the window shows).
core::ImageRGBA8 captureFrame(GpuHost& host);

// Pins the 3D view's scale (0.25 … 1) from now on; `why` is the report's reason.
void pinSceneScale(GpuHost& host, float scale, const std::string& why);
// render.*: the scale the view was drawn at last (a kept frame aside), why, and the
// range and changes of the run.
nlohmann::json renderScaleReport(const GpuHost& host);

}  // namespace ns::runtime

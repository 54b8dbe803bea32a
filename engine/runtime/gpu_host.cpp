#include "runtime/gpu_host.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "sim/diffusion_gpu.h"
#include "vk/check.h"
#include "vk/commands.h"
#include "vk/faults.h"
#include "vk/pipeline_cache.h"
#include "vk/readback.h"
#include "vk/timestamps.h"

namespace ns::runtime {
namespace {

// Where the view's scale starts: a quarter of the pixels on a software device (at
// 1280x720 the view's fragment work was ~70 % of lavapipe's frame), whole on a GPU.
// The budgets the controller holds frames to: 30 fps on a CPU, 60 on a GPU.
constexpr float kSoftwareStartScale = 0.5f;
constexpr double kSoftwareBudget_ms = 1000.0 / 30.0, kGpuBudget_ms = 1000.0 / 60.0;
// Frames timed pass by pass: one in kPassTimingEvery (each stamp inside the frame
// costs lavapipe a flush of its rasteriser); the others only at the start, after the
// simulation and at the end, as gpu_ms.simulation and gpu_ms.render always were.
constexpr unsigned long long kPassTimingEvery = 4;
// Sharpening of a view brought up from a lower scale (shaders/upscale.frag).
constexpr float kUpscaleSharpness = 0.8f;

bool softwareDevice(const GpuHost& host) { return host.ctx.deviceType == "cpu"; }

// Waits for the GPU, then rebuilds the swapchain and the offscreen target to the
// window's current framebuffer size. Returns false while the window is 0×0.
bool rebuildSwapchain(GpuHost& host) {
  VkExtent2D extent = framebufferExtent(host.window);
  if (extent.width == 0 || extent.height == 0) return false;
  vk::waitAllFrames(host.ctx, host.frames);
  VK_CHECK(vkQueueWaitIdle(host.ctx.queue));
  if (vk::createOrResizeSwapchain(host.ctx, host.swapchain, extent, host.config.vsync) ==
      vk::SwapchainStatus::ZeroExtent)
    return false;
  if (host.target.extent.width != host.swapchain.extent.width ||
      host.target.extent.height != host.swapchain.extent.height)
  {
    render::resizeOffscreenTarget(host.ctx, host.target, host.swapchain.extent);
    if (host.scalable) {
      render::resizeOffscreenTarget(host.ctx, host.scene, host.swapchain.extent);
      render::bindUpscaleSource(host.ctx, host.upscale, host.scene.color.view);
    }
  }
  host.swapchainStale = false;
  host.window.framebufferResized = false;
  return true;
}

void recordBlitToSwapchain(GpuHost& host, VkCommandBuffer cmd, uint32_t imageIndex) {
  VkImage image = host.swapchain.images[imageIndex];
  // srcStage BLIT chains with the acquire semaphore, which is waited at BLIT.
  vk::imageBarrier(host.ctx, cmd,
                   {image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_BLIT_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT});
  VkImageBlit region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.srcOffsets[1] = {int32_t(host.target.extent.width), int32_t(host.target.extent.height), 1};
  region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.dstOffsets[1] = {int32_t(host.swapchain.extent.width), int32_t(host.swapchain.extent.height), 1};
  vkCmdBlitImage(cmd, host.target.color.image, render::kColorRestingLayout, image,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, VK_FILTER_LINEAR);
  vk::imageBarrier(host.ctx, cmd,
                   {image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                    VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE});
}

// The slot the frame just begun uses (beginFrame advanced the counter).
uint32_t currentSlot(const GpuHost& host) { return uint32_t((host.frames.frameNumber - 1) % vk::kFramesInFlight); }

// A stamp closing `pass` (the first of a frame closes nothing: HostPass::Count).
// Each is written twice. On lavapipe a stamp (not at the top of the pipe) first
// rasterises everything recorded before it, but the stamp itself is only taken when
// the *next* batch of work is rasterised: alone, it would read as the end of the
// next pass. The second write (never read) is that next batch, holding only the
// first, so the first reads when its pass ended. On a GPU the extra stamp costs
// nothing that matters.
void stamp(GpuHost& host, VkCommandBuffer cmd, uint32_t slot, HostPass pass) {
  bool framePoint = pass == HostPass::Count || pass == HostPass::Simulation || pass == HostPass::Ui ||
                    pass == HostPass::Present;
  if (!framePoint && !host.slotTimedByPass[slot]) return;
  uint32_t& n = host.stampCount[slot];
  if (n >= GpuHost::kMaxStamps) return;  // (a frame has at most 14: a split view, upscaled, windowed)
  vk::recordStamp(host.ctx, cmd, host.passTimer, slot, 2 * n);
  vk::recordStamp(host.ctx, cmd, host.passTimer, slot, 2 * n + 1);
  host.stampPass[slot][n++] = pass;
}

HostPass hostPassOf(render::FramePart part) {
  switch (part) {
    case render::FramePart::Background: return HostPass::Background;
    case render::FramePart::Skin: return HostPass::Skin;
    case render::FramePart::Pen: return HostPass::Pen;
    case render::FramePart::MicroView: return HostPass::MicroView;
  }
  return HostPass::Count;
}

// The slot's last frame has finished (beginFrame waited for it): its times, pass by
// pass, into the series. gpu_ms.render stays what it was: from the end of the
// simulation's passes to the end of the panels (present not included).
void readFinishedFrame(GpuHost& host, uint32_t slot) {
  uint32_t n = host.stampCount[slot];
  if (n < 2) return;
  std::vector<double> at = vk::readTimerStamps_ms(host.ctx, host.passTimer, slot, 2 * n);
  if (at.empty()) return;
  std::array<double, kHostPassCount> pass{};
  for (uint32_t i = 1; i < n; ++i) pass[size_t(host.stampPass[slot][i])] += at[2 * i] - at[2 * (i - 1)];
  double render = 0;
  for (size_t p = 0; p < kHostPassCount; ++p)
    if (p != size_t(HostPass::Simulation) && p != size_t(HostPass::Present)) render += pass[p];
  if (host.slotTimedByPass[slot]) {  // (else the whole render reads as the ui's)
    for (size_t p = 0; p < kHostPassCount; ++p) {
      core::addValue(host.passMs[p], pass[p]);
      host.smoothPassMs[p] += 0.3 * (pass[p] - host.smoothPassMs[p]);
    }
  }
  core::addValue(host.computeMs, pass[size_t(HostPass::Simulation)]);
  core::addValue(host.renderMs, render);
  // A GPU's frame cost for the scale: its own time (a window's wall time waits for vsync).
  if (host.scalable && !softwareDevice(host))
    render::updateRenderScale(host.scaleControl, render + pass[size_t(HostPass::Simulation)]);
}

// The scaled 3D view: drawn into the top-left of host.scene, then the full image's
// pass brings it up (sharpened) and draws the micro view and the panels over it.
void recordScaledFrame(GpuHost& host, VkCommandBuffer cmd, uint32_t slot, float k, render::FrameView view,
                       std::optional<render::FrameView> second) {
  // The micro view is a flat inset over the view: drawn after the upscale, whole
  // (a few hundred pixels square; brought up from 0.35 it was blocks).
  std::array<render::FrameView, 2> insets;
  int insetCount = 0;
  for (render::FrameView* v : {&view, second ? &*second : nullptr}) {
    if (!v) continue;
    insets[insetCount++] = *v;
    v->settings.showMicroView = false;
  }
  render::OffscreenTarget drawn = host.scene;  // (the render area: the scaled corner of the framebuffer)
  drawn.extent = {std::max(1u, uint32_t(float(host.target.extent.width) * k + 0.5f)),
                  std::max(1u, uint32_t(float(host.target.extent.height) * k + 0.5f))};
  auto done = [&](VkCommandBuffer c, render::FramePart part) { stamp(host, c, slot, hostPassOf(part)); };
  if (second)
    render::recordSplitFrame(host.ctx, cmd, host.renderer, drawn, view, *second, {}, done);
  else
    render::recordFrame(host.ctx, cmd, host.renderer, drawn, view, {}, done);
  // The view's pass left host.scene's colour ready for transfer; the upscale samples it.
  VkImage sceneImage = host.scene.color.image;
  vk::imageBarrier(host.ctx, cmd,
                   {sceneImage, render::kColorRestingLayout, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT});
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = host.compositePass;  // (the upscale covers every pixel: nothing cleared)
  begin.framebuffer = host.target.framebuffer;
  begin.renderArea = {{0, 0}, host.target.extent};
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  VkViewport viewport{0, 0, float(host.target.extent.width), float(host.target.extent.height), 0, 1};
  VkRect2D all{{0, 0}, host.target.extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &all);
  render::recordUpscalePass(cmd, host.upscale, drawn.extent, kUpscaleSharpness);
  stamp(host, cmd, slot, HostPass::Upscale);
  for (int i = 0; i < insetCount; ++i)
    render::recordMicroViewPass(cmd, host.renderer.micro, render::fieldSet(host.renderer.skin.fields, insets[i].field),
                                host.target.extent, insets[i]);
  stamp(host, cmd, slot, HostPass::MicroView);
  if (host.overlay.active) ui::overlayRecord(host.overlay, cmd);
  stamp(host, cmd, slot, HostPass::Ui);
  vkCmdEndRenderPass(cmd);
  // Back to its resting layout, after the upscale's reads (the next frame's view pass
  // writes it again).
  vk::imageBarrier(host.ctx, cmd,
                   {sceneImage, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, render::kColorRestingLayout,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_NONE,
                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_2_NONE});
}

// The scale of the frame being recorded: whole for a frame the caller keeps and
// without a scene target; else the controller's. (The first frame too: drawn whole
// to spare it the upscale shader's compile, it cost a CPU device three scaled frames,
// which the frame waiting for it showed as the run's worst.)
float frameScale(GpuHost& host, const FrameCallbacks& callbacks) {
  if (!host.scalable) return 1.0f;
  if (callbacks.keepFrame && callbacks.keepFrame()) return 1.0f;
  return render::currentRenderScale(host.scaleControl);
}

void recordOffscreen(GpuHost& host, VkCommandBuffer cmd, float dt, const FrameCallbacks& callbacks) {
  uint32_t slot = currentSlot(host);
  readFinishedFrame(host, slot);
  vk::resetTimerSlot(host.ctx, cmd, host.passTimer, slot);
  host.stampCount[slot] = 0;
  host.slotTimedByPass[slot] = host.frames.frameNumber % kPassTimingEvery == 0;
  stamp(host, cmd, slot, HostPass::Count);
  if (callbacks.recordCompute) {
    callbacks.recordCompute(cmd);
    sim::recordFieldToFragmentBarrier(host.ctx, cmd);
  }
  stamp(host, cmd, slot, HostPass::Simulation);
  if (host.overlay.active) {
    ui::overlayNewFrame(host.overlay, host.target.extent, dt);
    if (callbacks.buildUi) callbacks.buildUi();
    ui::overlayRecordUploads(host.ctx, host.overlay, cmd, slot);  // (outside the render pass)
  }
  std::optional<render::FrameView> second;
  if (callbacks.secondView) second = callbacks.secondView();  // a split compare's right half
  float k = frameScale(host, callbacks);
  host.lastScale = k;
  if (k < 1.0f) {
    host.framesScaled++;
    recordScaledFrame(host, cmd, slot, k, callbacks.frameView(), second);
    return;
  }
  host.framesWhole++;
  auto overlay = [&](VkCommandBuffer c) {
    if (host.overlay.active) ui::overlayRecord(host.overlay, c);
    stamp(host, c, slot, HostPass::Ui);
  };
  auto done = [&](VkCommandBuffer c, render::FramePart part) { stamp(host, c, slot, hostPassOf(part)); };
  if (second)
    render::recordSplitFrame(host.ctx, cmd, host.renderer, host.target, callbacks.frameView(), *second, overlay, done);
  else
    render::recordFrame(host.ctx, cmd, host.renderer, host.target, callbacks.frameView(), overlay, done);
}

// A CPU device's frame cost for the scale: the wall time from one rendered frame to
// the next (what the user waits; its GPU work is the CPU's).
void noteFrameWall(GpuHost& host) {
  auto now = std::chrono::steady_clock::now();
  bool timed = host.lastFrameAt != std::chrono::steady_clock::time_point{};
  double ms = std::chrono::duration<double, std::milli>(now - host.lastFrameAt).count();
  host.lastFrameAt = now;
  if (timed && host.scalable && softwareDevice(host) && host.frames.frameNumber > 2)
    render::updateRenderScale(host.scaleControl, ms);
}

bool createWindowed(GpuHost& host, std::vector<const char*>& extensions, std::string& error) {
  if (!initWindowSystem(extensions, error)) return false;
  host.windowSystemUp = true;
  return createWindow(host.window, int(host.config.extent.width), int(host.config.extent.height),
                      "NeedleSim", host.config.fullscreen, error);
}

}  // namespace

bool createGpuHost(const GpuHostConfig& config, GpuHost& host, std::string& error) {
  host.config = config;
  vk::ContextOptions options;
  options.validation = config.validation;
  options.devicePreference = config.device;
  options.enableSwapchain = !config.headless;
  if (!config.headless && !createWindowed(host, options.instanceExtensions, error)) {
    destroyGpuHost(host);
    return false;
  }
  if (!vk::createContext(options, host.ctx, error)) {
    destroyGpuHost(host);
    return false;
  }
  if (!config.headless) {
    if (!createWindowSurface(host.window, host.ctx.instance, error)) {
      destroyGpuHost(host);
      return false;
    }
    host.swapchain.surface = host.window.surface;
  }
  host.pipelineCache = vk::loadPipelineCache(host.ctx, config.pipelineCachePath);
  VkExtent2D extent = config.headless ? config.extent : framebufferExtent(host.window);
  if (extent.width == 0 || extent.height == 0) extent = config.extent;
  render::createOffscreenTarget(host.ctx, host.target, extent);
  bool software = softwareDevice(host);
  host.scaleControl = render::makeRenderScaleController(software ? kSoftwareBudget_ms : kGpuBudget_ms,
                                                        software ? kSoftwareStartScale : 1.0f);
  if (config.pinnedScale > 0) pinSceneScale(host, config.pinnedScale, "pinned by --render-scale");
  host.scalable = config.adaptiveScene || config.pinnedScale > 0;
  if (host.scalable) {
    render::createOffscreenTarget(host.ctx, host.scene, extent);
    render::createUpscalePass(host.ctx, host.pipelineCache, host.target.renderPass, host.upscale);
    host.compositePass = render::createOverwritingRenderPass(host.ctx);
    render::bindUpscaleSource(host.ctx, host.upscale, host.scene.color.view);
  }
  if (config.overlay)
    ui::createOverlay(host.ctx, host.pipelineCache, host.target.renderPass,
                      config.headless ? nullptr : host.window.handle, host.overlay);
  host.frames = vk::createFrameRing(host.ctx);
  host.passTimer = vk::createGpuTimer(host.ctx, 2 * GpuHost::kMaxStamps, vk::kFramesInFlight);
  return true;
}

void createHostRenderer(GpuHost& host, const scene::Scene& scene, const scene::SkinSurface& skin,
                        const sim::FieldView& field) {
  host.renderer = render::createRenderer(host.ctx, host.pipelineCache, host.target.renderPass, scene, skin, field);
  host.rendererUp = true;
}

void destroyGpuHost(GpuHost& host) {
  if (host.ctx.device) {
    vk::destroyFrameRing(host.ctx, host.frames);
    vk::destroyGpuTimer(host.ctx, host.passTimer);
    VK_CHECK(vkDeviceWaitIdle(host.ctx.device));
    ui::destroyOverlay(host.ctx, host.overlay);
    if (host.rendererUp) render::destroyRenderer(host.ctx, host.renderer);
    render::destroyOffscreenTarget(host.ctx, host.target);
    if (host.scene.renderPass) render::destroyOffscreenTarget(host.ctx, host.scene);
    render::destroyUpscalePass(host.ctx, host.upscale);
    if (host.compositePass) vkDestroyRenderPass(host.ctx.device, host.compositePass, nullptr);
    vk::destroySwapchain(host.ctx, host.swapchain);
    if (host.pipelineCache) {
      vk::savePipelineCache(host.ctx, host.pipelineCache, host.config.pipelineCachePath);
      vkDestroyPipelineCache(host.ctx.device, host.pipelineCache, nullptr);
    }
  }
  destroyWindow(host.window, host.ctx.instance);
  vk::destroyContext(host.ctx);
  if (host.windowSystemUp) shutdownWindowSystem();
  host = {};
}

FrameOutcome renderFrame(GpuHost& host, float dt, const FrameCallbacks& callbacks) {
  if (host.config.headless) {
    vk::FrameData& frame = vk::beginFrame(host.ctx, host.frames);
    recordOffscreen(host, frame.cmd, dt, callbacks);
    vk::submitFrame(host.ctx, host.frames, frame, VK_NULL_HANDLE, VK_NULL_HANDLE);
    noteFrameWall(host);
    return FrameOutcome::Rendered;
  }
  VkExtent2D extent = framebufferExtent(host.window);
  if (extent.width == 0 || extent.height == 0) return FrameOutcome::Skipped;  // minimised
  if (host.swapchainStale || host.window.framebufferResized ||
      extent.width != host.swapchain.extent.width || extent.height != host.swapchain.extent.height)
    if (!rebuildSwapchain(host)) return FrameOutcome::Skipped;

  vk::FrameData& frame = vk::beginFrame(host.ctx, host.frames);
  uint32_t imageIndex = 0;
  // A forced OUT_OF_DATE (vk/faults.h) replaces the call: nothing is acquired.
  VkResult acquired = vk::faultDue(vk::FaultPoint::Acquire)
                          ? VK_ERROR_OUT_OF_DATE_KHR
                          : VK_CHECK_SWAPCHAIN(vkAcquireNextImageKHR(host.ctx.device, host.swapchain.swapchain,
                                                                     UINT64_MAX, frame.acquireSemaphore,
                                                                     VK_NULL_HANDLE, &imageIndex));
  if (acquired == VK_ERROR_OUT_OF_DATE_KHR) {
    // Nothing was acquired: submit the empty frame so the ring's bookkeeping stays
    // consistent, and rebuild before the next one.
    vk::submitFrame(host.ctx, host.frames, frame, VK_NULL_HANDLE, VK_NULL_HANDLE);
    host.swapchainStale = true;
    return FrameOutcome::Skipped;
  }
  // Forced (vk/faults.h): the close button pressed mid-frame. The frame goes on (its
  // image is acquired, its semaphores are promised); the loop sees the close next.
  if (vk::faultDue(vk::FaultPoint::WindowClose)) requestWindowClose(host.window);
  recordOffscreen(host, frame.cmd, dt, callbacks);
  recordBlitToSwapchain(host, frame.cmd, imageIndex);
  stamp(host, frame.cmd, currentSlot(host), HostPass::Present);
  VkSemaphore presentReady = host.swapchain.presentSemaphores[imageIndex];
  vk::submitFrame(host.ctx, host.frames, frame, frame.acquireSemaphore, presentReady);

  VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &presentReady;
  present.swapchainCount = 1;
  present.pSwapchains = &host.swapchain.swapchain;
  present.pImageIndices = &imageIndex;
  VkResult presented =
      vk::injectFault(vk::FaultPoint::Present, VK_CHECK_SWAPCHAIN(vkQueuePresentKHR(host.ctx.queue, &present)));
  if (presented != VK_SUCCESS || acquired == VK_SUBOPTIMAL_KHR) host.swapchainStale = true;
  noteFrameWall(host);
  return FrameOutcome::Rendered;
}

core::ImageRGBA8 captureFrame(GpuHost& host) {
  vk::waitAllFrames(host.ctx, host.frames);
  core::ImageRGBA8 image;
  image.width = host.target.extent.width;
  image.height = host.target.extent.height;
  image.pixels = vk::readbackRGBA8(host.ctx, host.target.color, render::kColorRestingLayout);
  for (size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;  // opaque PNG
  return image;
}

const char* hostPassName(HostPass pass) {
  static const char* const kNames[] = {"simulation", "background", "skin", "pen", "micro_view", "upscale", "ui", "present"};
  static_assert(std::size(kNames) == kHostPassCount);
  return pass < HostPass::Count ? kNames[size_t(pass)] : "";
}

void pinSceneScale(GpuHost& host, float scale, const std::string& why) {
  render::pinRenderScale(host.scaleControl, scale, why);
}

nlohmann::json renderScaleReport(const GpuHost& host) {
  const render::RenderScaleController& c = host.scaleControl;
  bool scaled = host.scalable;
  float scale = scaled ? render::currentRenderScale(c) : 1.0f;
  nlohmann::json r = {{"scale", scale},
                      {"scale_reason", scaled ? c.reason : std::string("dynamic resolution off")},
                      {"budget_ms", c.budget_ms},
                      {"scale_changes", c.changes},
                      {"frames_scaled", host.framesScaled},
                      {"frames_whole", host.framesWhole}};
  if (host.framesScaled > 0) {
    r["scale_min"] = c.minSeen;
    r["scale_max"] = c.maxSeen;
  }
  return r;
}

}  // namespace ns::runtime

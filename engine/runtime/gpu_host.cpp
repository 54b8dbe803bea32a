#include "runtime/gpu_host.h"

#include <algorithm>
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

// The 3D view's resolution per axis on a software device (a quarter of the pixels):
// at 1280x720 the view's fragment work was ~70 % of lavapipe's frame.
constexpr float kSoftwareSceneScale = 0.5f;

VkExtent2D sceneExtent(const GpuHost& host) {
  return {std::max(1u, uint32_t(float(host.target.extent.width) * host.sceneScale)),
          std::max(1u, uint32_t(float(host.target.extent.height) * host.sceneScale))};
}

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
    if (host.scene.renderPass) render::resizeOffscreenTarget(host.ctx, host.scene, sceneExtent(host));
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

// The scaled 3D view: drawn into host.scene, blitted (linear) over the whole of the
// full-resolution image, which the overlay pass then keeps and draws the panels on.
void recordScaledFrame(GpuHost& host, VkCommandBuffer cmd, render::FrameView view,
                       std::optional<render::FrameView> second) {
  float k = host.sceneScale;
  for (render::FrameView* v : {&view, second ? &*second : nullptr}) {
    if (!v) continue;
    glm::ivec4& micro = v->settings.microRect;  // (in the full image's pixels)
    micro = glm::ivec4(glm::vec4(micro) * k);
  }
  if (second)
    render::recordSplitFrame(host.ctx, cmd, host.renderer, host.scene, view, *second, {});
  else
    render::recordFrame(host.ctx, cmd, host.renderer, host.scene, view, {});
  // The full image: last frame's blit or readback read it (write-after-read); the
  // view's pass made host.scene ready for transfer (its outgoing dependency).
  VkImage full = host.target.color.image;
  vk::imageBarrier(host.ctx, cmd,
                   {full, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT | VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                    VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT});
  VkImageBlit region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.srcOffsets[1] = {int32_t(host.scene.extent.width), int32_t(host.scene.extent.height), 1};
  region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.dstOffsets[1] = {int32_t(host.target.extent.width), int32_t(host.target.extent.height), 1};
  vkCmdBlitImage(cmd, host.scene.color.image, render::kColorRestingLayout, full, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 1, &region, VK_FILTER_LINEAR);
  vk::imageBarrier(host.ctx, cmd,
                   {full, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                    VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT});
  VkClearValue clears[2];
  clears[0].color = {{0.0f, 0.0f, 0.0f, 1.0f}};
  clears[1].depthStencil = {1.0f, 0};
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = host.overlayPass;
  begin.framebuffer = host.target.framebuffer;  // (compatible: same attachments)
  begin.renderArea = {{0, 0}, host.target.extent};
  begin.clearValueCount = 2;
  begin.pClearValues = clears;
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  if (host.overlay.active) ui::overlayRecord(host.overlay, cmd);
  vkCmdEndRenderPass(cmd);
}

// The slot the frame just begun uses (beginFrame advanced the counter).
uint32_t currentSlot(const GpuHost& host) { return uint32_t((host.frames.frameNumber - 1) % vk::kFramesInFlight); }

// Stamps per frame slot: start, after the simulation's passes, after the render pass.
enum PassStamp : uint32_t { kFrameStart, kAfterCompute, kAfterRender, kPassStamps };

void recordOffscreen(GpuHost& host, VkCommandBuffer cmd, float dt, const FrameCallbacks& callbacks) {
  uint32_t slot = currentSlot(host);
  // The slot's previous frame has finished (beginFrame waited for it): its times are ready.
  std::vector<double> passMs = vk::readTimerIntervals_ms(host.ctx, host.passTimer, slot);
  if (passMs.size() == 2) {
    core::addValue(host.computeMs, passMs[0]);
    core::addValue(host.renderMs, passMs[1]);
  }
  vk::resetTimerSlot(host.ctx, cmd, host.passTimer, slot);
  vk::recordStamp(host.ctx, cmd, host.passTimer, slot, kFrameStart);
  if (callbacks.recordCompute) {
    callbacks.recordCompute(cmd);
    sim::recordFieldToFragmentBarrier(host.ctx, cmd);
  }
  vk::recordStamp(host.ctx, cmd, host.passTimer, slot, kAfterCompute);
  if (host.overlay.active) {
    ui::overlayNewFrame(host.overlay, host.target.extent, dt);
    if (callbacks.buildUi) callbacks.buildUi();
    ui::overlayRecordUploads(host.ctx, host.overlay, cmd, slot);  // (outside the render pass)
  }
  // The first frame is drawn whole: lavapipe compiles its blit shader on first use,
  // which start-up to the first frame need not wait for.
  std::optional<render::FrameView> second;
  if (callbacks.secondView) second = callbacks.secondView();  // a split compare's right half
  if (host.sceneScale < 1.0f && host.frames.frameNumber > 1) {
    recordScaledFrame(host, cmd, callbacks.frameView(), second);
  } else {
    auto overlay = [&](VkCommandBuffer c) {
      if (host.overlay.active) ui::overlayRecord(host.overlay, c);
    };
    if (second)
      render::recordSplitFrame(host.ctx, cmd, host.renderer, host.target, callbacks.frameView(), *second, overlay);
    else
      render::recordFrame(host.ctx, cmd, host.renderer, host.target, callbacks.frameView(), overlay);
  }
  vk::recordStamp(host.ctx, cmd, host.passTimer, slot, kAfterRender);
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
  if (config.adaptiveScene && host.ctx.deviceType == "cpu") {
    host.sceneScale = kSoftwareSceneScale;
    render::createOffscreenTarget(host.ctx, host.scene, sceneExtent(host));
    host.overlayPass = render::createKeepingRenderPass(host.ctx);
  }
  if (config.overlay)
    ui::createOverlay(host.ctx, host.pipelineCache, host.target.renderPass,
                      config.headless ? nullptr : host.window.handle, host.overlay);
  host.frames = vk::createFrameRing(host.ctx);
  host.passTimer = vk::createGpuTimer(host.ctx, kPassStamps, vk::kFramesInFlight);
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
    if (host.overlayPass) vkDestroyRenderPass(host.ctx.device, host.overlayPass, nullptr);
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

}  // namespace ns::runtime

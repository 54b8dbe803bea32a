// A real window under Xvfb (ctest starts it through xvfb-run): open, render, resize,
// minimise and restore, close — with validation on and zero errors at the end.
#include <gtest/gtest.h>

#include <GLFW/glfw3.h>

#include "runtime/gpu_host.h"

using namespace ns::runtime;

namespace {

FrameCallbacks stillFrame;  // what each test frame draws

// Renders until `done` holds or `maxFrames` were tried; events are pumped each time.
int renderUntil(GpuHost& host, int maxFrames, const std::function<bool()>& done) {
  int rendered = 0;
  for (int i = 0; i < maxFrames && !done(); ++i) {
    glfwPollEvents();
    if (renderFrame(host, 1.0f / 60.0f, stillFrame) == FrameOutcome::Rendered) rendered++;
  }
  return rendered;
}

}  // namespace

TEST(Window, OpenRenderResizeMinimiseRestoreClose) {
  GpuHostConfig config;
  config.validation = true;
  config.headless = false;
  config.extent = {640, 400};
  GpuHost host;
  std::string error;
  ASSERT_TRUE(createGpuHost(config, host, error)) << error;
  ns::scene::Scene scene = ns::scene::defaultScene();
  ns::scene::SkinSurface skin = ns::scene::patchSurface(scene);
  createHostRenderer(host, scene, skin, {});  // no simulation: the layers only
  stillFrame.frameView = [&] { return ns::render::initialView(scene, skin); };

  EXPECT_EQ(renderUntil(host, 5, [] { return false; }), 5);
  EXPECT_EQ(host.swapchain.extent.width, 640u);
  EXPECT_EQ(host.swapchain.extent.height, 400u);

  // Resize: the swapchain and the offscreen target follow the framebuffer.
  glfwSetWindowSize(host.window.handle, 800, 520);
  renderUntil(host, 60, [&] { return host.swapchain.extent.width == 800u; });
  EXPECT_EQ(host.swapchain.extent.width, 800u);
  EXPECT_EQ(host.swapchain.extent.height, 520u);
  EXPECT_EQ(host.target.extent.width, 800u);
  EXPECT_EQ(renderUntil(host, 3, [] { return false; }), 3);

  // Minimise and restore: frames may be skipped, nothing may fail.
  glfwIconifyWindow(host.window.handle);
  renderUntil(host, 10, [] { return false; });
  glfwRestoreWindow(host.window.handle);
  EXPECT_GT(renderUntil(host, 10, [] { return false; }), 0);

  // A 0×0 framebuffer (what minimising gives on some platforms) never builds a swapchain.
  ns::vk::Swapchain probe;
  probe.surface = host.window.surface;
  EXPECT_EQ(ns::vk::createOrResizeSwapchain(host.ctx, probe, {0, 0}, true), ns::vk::SwapchainStatus::ZeroExtent);
  EXPECT_EQ(probe.swapchain, VK_NULL_HANDLE);

  // Shrink a lot, then grow: repeated rebuilds stay clean.
  glfwSetWindowSize(host.window.handle, 200, 120);
  renderUntil(host, 60, [&] { return host.swapchain.extent.width == 200u; });
  EXPECT_EQ(host.swapchain.extent.width, 200u);
  glfwSetWindowSize(host.window.handle, 1024, 700);
  renderUntil(host, 60, [&] { return host.swapchain.extent.width == 1024u; });
  EXPECT_EQ(host.swapchain.extent.width, 1024u);

  auto image = captureFrame(host);
  EXPECT_EQ(image.width, 1024u);

  glfwSetWindowShouldClose(host.window.handle, GLFW_TRUE);
  EXPECT_TRUE(windowShouldClose(host.window));
  uint32_t errors = host.ctx.validation->errors.load();
  std::string messages;
  for (auto& m : host.ctx.validation->errorMessages) messages += "\n  " + m;
  destroyGpuHost(host);
  EXPECT_EQ(errors, 0u) << messages;
}

TEST(Window, ChooseExtentFollowsSurfaceOrClampsFramebuffer) {
  VkSurfaceCapabilitiesKHR caps{};
  caps.currentExtent = {300, 200};
  EXPECT_EQ(ns::vk::chooseSwapchainExtent(caps, {999, 999}).width, 300u);
  caps.currentExtent = {UINT32_MAX, UINT32_MAX};  // the surface lets us choose
  caps.minImageExtent = {1, 1};
  caps.maxImageExtent = {4096, 4096};
  EXPECT_EQ(ns::vk::chooseSwapchainExtent(caps, {5000, 50}).width, 4096u);
  EXPECT_EQ(ns::vk::chooseSwapchainExtent(caps, {5000, 50}).height, 50u);
}

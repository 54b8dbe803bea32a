#pragma once
// The window's swapchain. It is only ever the target of the final blit from our
// offscreen image, so it needs TRANSFER_DST and nothing else.
//
// Present semaphores are per swapchain image (not per frame in flight): an image's
// semaphore is only reused once that same image is acquired again, which is the
// point where the presentation engine is known to be done with it.
#include <vulkan/vulkan.h>

#include <vector>

#include "vk/context.h"

namespace ns::vk {

struct Swapchain {
  VkSurfaceKHR surface = VK_NULL_HANDLE;  // owned by the window, not by us
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkPresentModeKHR presentMode = VK_PRESENT_MODE_FIFO_KHR;
  VkExtent2D extent{0, 0};
  std::vector<VkImage> images;
  std::vector<VkSemaphore> presentSemaphores;
  std::vector<bool> everPresented;  // first use needs an UNDEFINED old layout
};

enum class SwapchainStatus { Ready, ZeroExtent };

// (Re)creates the swapchain for `framebufferExtent`. A 0×0 extent (minimised
// window) is not an error: it returns ZeroExtent and the caller waits.
// The old swapchain is retired: the caller must have waited for the device.
SwapchainStatus createOrResizeSwapchain(Context& ctx, Swapchain& swapchain,
                                        VkExtent2D framebufferExtent, bool vsync);
void destroySwapchain(Context& ctx, Swapchain& swapchain);

// Pure policy, testable without a window: what extent to build for these inputs.
VkExtent2D chooseSwapchainExtent(const VkSurfaceCapabilitiesKHR& caps, VkExtent2D framebuffer);

}  // namespace ns::vk

#include "vk/swapchain.h"

#include <algorithm>

#include "vk/check.h"

namespace ns::vk {
namespace {

VkSurfaceFormatKHR chooseFormat(Context& ctx, VkSurfaceKHR surface) {
  uint32_t count = 0;
  vkGetPhysicalDeviceSurfaceFormatsKHR(ctx.physicalDevice, surface, &count, nullptr);
  std::vector<VkSurfaceFormatKHR> formats(count);
  vkGetPhysicalDeviceSurfaceFormatsKHR(ctx.physicalDevice, surface, &count, formats.data());
  // Our offscreen image already holds display-encoded (sRGB) values, so a UNORM
  // swapchain is the one that shows them unchanged.
  for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM})
    for (auto& f : formats)
      if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
  return formats.at(0);
}

VkPresentModeKHR choosePresentMode(Context& ctx, VkSurfaceKHR surface, bool vsync) {
  if (vsync) return VK_PRESENT_MODE_FIFO_KHR;  // always supported
  uint32_t count = 0;
  vkGetPhysicalDeviceSurfacePresentModesKHR(ctx.physicalDevice, surface, &count, nullptr);
  std::vector<VkPresentModeKHR> modes(count);
  vkGetPhysicalDeviceSurfacePresentModesKHR(ctx.physicalDevice, surface, &count, modes.data());
  for (VkPresentModeKHR wanted : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
    if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) return wanted;
  return VK_PRESENT_MODE_FIFO_KHR;
}

void destroySemaphores(Context& ctx, Swapchain& swapchain) {
  for (VkSemaphore s : swapchain.presentSemaphores) vkDestroySemaphore(ctx.device, s, nullptr), countDestroyed(ctx, Object::Semaphore);
  swapchain.presentSemaphores.clear();
}

}  // namespace

VkExtent2D chooseSwapchainExtent(const VkSurfaceCapabilitiesKHR& caps, VkExtent2D framebuffer) {
  if (caps.currentExtent.width != UINT32_MAX) return caps.currentExtent;
  return {std::clamp(framebuffer.width, caps.minImageExtent.width, caps.maxImageExtent.width),
          std::clamp(framebuffer.height, caps.minImageExtent.height, caps.maxImageExtent.height)};
}

SwapchainStatus createOrResizeSwapchain(Context& ctx, Swapchain& swapchain,
                                        VkExtent2D framebufferExtent, bool vsync) {
  VkSurfaceCapabilitiesKHR caps;
  VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(ctx.physicalDevice, swapchain.surface, &caps));
  VkExtent2D extent = chooseSwapchainExtent(caps, framebufferExtent);
  if (extent.width == 0 || extent.height == 0 || framebufferExtent.width == 0 ||
      framebufferExtent.height == 0)
    return SwapchainStatus::ZeroExtent;

  VkBool32 presentSupported = VK_FALSE;
  VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(ctx.physicalDevice, ctx.queueFamily,
                                                swapchain.surface, &presentSupported));
  if (!presentSupported) failCheck("present support on the universal queue", __FILE__, __LINE__,
                                   VK_ERROR_INCOMPATIBLE_DRIVER);

  VkSurfaceFormatKHR format = chooseFormat(ctx, swapchain.surface);
  uint32_t imageCount = std::max(3u, caps.minImageCount);
  if (caps.maxImageCount) imageCount = std::min(imageCount, caps.maxImageCount);

  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = swapchain.surface;
  info.minImageCount = imageCount;
  info.imageFormat = format.format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = choosePresentMode(ctx, swapchain.surface, vsync);
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain.swapchain;
  VkSwapchainKHR created = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSwapchainKHR(ctx.device, &info, nullptr, &created));
  if (swapchain.swapchain) vkDestroySwapchainKHR(ctx.device, swapchain.swapchain, nullptr);
  destroySemaphores(ctx, swapchain);

  swapchain.swapchain = created;
  swapchain.format = format.format;
  swapchain.presentMode = info.presentMode;
  swapchain.extent = extent;
  uint32_t count = 0;
  vkGetSwapchainImagesKHR(ctx.device, created, &count, nullptr);
  swapchain.images.resize(count);
  vkGetSwapchainImagesKHR(ctx.device, created, &count, swapchain.images.data());
  swapchain.everPresented.assign(count, false);
  VkSemaphoreCreateInfo semInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  swapchain.presentSemaphores.resize(count);
  for (auto& s : swapchain.presentSemaphores) {
    VK_CHECK(vkCreateSemaphore(ctx.device, &semInfo, nullptr, &s));
    countCreated(ctx, Object::Semaphore);
  }
  return SwapchainStatus::Ready;
}

void destroySwapchain(Context& ctx, Swapchain& swapchain) {
  destroySemaphores(ctx, swapchain);
  if (swapchain.swapchain) vkDestroySwapchainKHR(ctx.device, swapchain.swapchain, nullptr);
  VkSurfaceKHR surface = swapchain.surface;
  swapchain = {};
  swapchain.surface = surface;
}

}  // namespace ns::vk

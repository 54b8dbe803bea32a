#pragma once
// The image every frame is rendered into. The swapchain only receives a blit of it,
// so screenshots, headless runs and golden tests read exactly what a window shows.
//
// One colour (RGBA8 UNORM, holding display-encoded sRGB values) and one depth
// attachment, a render pass whose final layout is TRANSFER_SRC (ready for the blit
// or a readback), and its framebuffer. The ImGui overlay draws in the same pass.
#include <vulkan/vulkan.h>

#include "vk/context.h"
#include "vk/resources.h"

namespace ns::render {

constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_UNORM;
constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

struct OffscreenTarget {
  vk::Image color;
  vk::Image depth;
  VkRenderPass renderPass = VK_NULL_HANDLE;  // survives resizes (formats do not change)
  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  VkExtent2D extent{0, 0};
};

void createOffscreenTarget(vk::Context& ctx, OffscreenTarget& target, VkExtent2D extent);
// Rebuilds the images and framebuffer for a new size; the caller waited for the GPU.
void resizeOffscreenTarget(vk::Context& ctx, OffscreenTarget& target, VkExtent2D extent);
void destroyOffscreenTarget(vk::Context& ctx, OffscreenTarget& target);

// A render pass compatible with a target's whose first draw covers every pixel (the
// upscaled 3D view): nothing cleared or loaded, colour or depth; it ends in the
// resting layout like the target's own and is drawn with the target's framebuffer.
VkRenderPass createOverwritingRenderPass(vk::Context& ctx);

// Layout of the colour image between frames.
constexpr VkImageLayout kColorRestingLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;

}  // namespace ns::render

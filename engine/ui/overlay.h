#pragma once
// The ImGui overlay, drawn inside the offscreen render pass so screenshots show it.
// Windowed runs feed it GLFW input; headless runs give it a display size and a
// frame time and nothing else.
#include <vulkan/vulkan.h>

#include "vk/context.h"

struct GLFWwindow;

namespace ns::ui {

struct Overlay {
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  bool usesGlfw = false;
  bool active = false;
};

// `window` may be null (headless). `renderPass` is the offscreen pass.
void createOverlay(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                   GLFWwindow* window, Overlay& overlay);
void destroyOverlay(vk::Context& ctx, Overlay& overlay);

// Starts an ImGui frame; build windows after this, then call overlayRecord.
void overlayNewFrame(Overlay& overlay, VkExtent2D extent, float deltaSeconds);
void overlayRecord(Overlay& overlay, VkCommandBuffer cmd);

}  // namespace ns::ui

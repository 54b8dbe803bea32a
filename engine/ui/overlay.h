#pragma once
// The ImGui overlay, drawn inside the offscreen render pass so screenshots show it.
// Windowed runs feed it GLFW input; headless runs give it a display size and a
// frame time and nothing else.
#include <vulkan/vulkan.h>

#include "ui/live_picture.h"
#include "ui/thumbnails.h"
#include "vk/context.h"

struct GLFWwindow;

namespace ns::ui {

struct Overlay {
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  VkRenderPass renderPass = VK_NULL_HANDLE;  // kept to rebuild the backend at another UI scale
  VkPipelineCache cache = VK_NULL_HANDLE;
  float scale = 1.0f;  // UI scale: font size and spacing (1..2.5)
  bool usesGlfw = false;
  bool active = false;
  Thumbnails thumbnails;  // pictures the panels draw (the Progress panel's sessions)
  LivePicture live;       // a picture that changes every frame (the camera pen's view)
};

constexpr float kMinUiScale = 1.0f, kMaxUiScale = 2.5f;

// `window` may be null (headless). `renderPass` is the offscreen pass.
void createOverlay(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                   GLFWwindow* window, Overlay& overlay);
void destroyOverlay(vk::Context& ctx, Overlay& overlay);

// Sets the UI scale (clamped to 1..2.5): the font atlas is rebuilt at that size, so
// text stays sharp on a projector, and the style's sizes are scaled with it. Call
// between frames (it waits for the device).
void setOverlayScale(vk::Context& ctx, Overlay& overlay, float scale);

// Starts an ImGui frame; build windows after this, then call overlayRecord.
void overlayNewFrame(Overlay& overlay, VkExtent2D extent, float deltaSeconds);
void overlayRecord(Overlay& overlay, VkCommandBuffer cmd);
// After the panels are built and before the overlay's render pass begins: copies
// this frame's new live picture, if any, into its texture. `slot`: the frame's slot.
void overlayRecordUploads(vk::Context& ctx, Overlay& overlay, VkCommandBuffer cmd, uint32_t slot);

}  // namespace ns::ui

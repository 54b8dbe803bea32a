#pragma once
// Pictures in the ImGui overlay: the Progress panel's summary images of the last
// sessions. ImGui 1.86's Vulkan backend binds only its font texture, so a picture is
// drawn by a draw-list callback with a small pipeline of its own (thumbnail.vert/
// .frag), after which the backend's state is restored (ImDrawCallback_ResetRenderState).
// At most kMaxThumbnails textures exist, each scaled down to kThumbnailWidth on the
// CPU; loading a new set frees the old one. A file that is missing or not a PNG gets
// no texture and is drawn as a plain placeholder.
#include <vulkan/vulkan.h>

#include <array>
#include <string>
#include <vector>

#include "core/image.h"
#include "vk/context.h"
#include "vk/pipelines.h"
#include "vk/resources.h"

namespace ns::ui {

constexpr size_t kMaxThumbnails = 5;
constexpr uint32_t kThumbnailWidth = 192;  // texels; a panel shows them at about 120 px

struct Thumbnail {
  std::string path;
  vk::Image image;                          // none when the file could not be read
  VkDescriptorSet set = VK_NULL_HANDLE;
  uint32_t width = 0, height = 0;
  std::string problem;                      // why there is no picture ("" when there is)
  bool loaded() const { return set != VK_NULL_HANDLE; }
};

struct Thumbnails {
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkSampler sampler = VK_NULL_HANDLE;
  vk::GraphicsPipeline pipeline;            // none without a render pass (loading only)
  std::vector<Thumbnail> items;             // at most kMaxThumbnails
  // While the overlay records: its command buffer, and this frame's draws (the
  // callbacks' data lives here until the frame is recorded).
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  struct Draw { Thumbnails* owner = nullptr; VkDescriptorSet set = VK_NULL_HANDLE; float x0 = 0, y0 = 0, x1 = 0, y1 = 0; };
  std::array<Draw, 2 * kMaxThumbnails + 2> draws;  // (+2: live pictures, ui/live_picture.h)
  size_t drawCount = 0;
  bool created = false;
};

// `renderPass`: the overlay's (VK_NULL_HANDLE: textures only, nothing drawn).
void createThumbnails(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, Thumbnails& t);
void destroyThumbnails(vk::Context& ctx, Thumbnails& t);

// Replaces the pictures with `paths` (the first kMaxThumbnails; "" entries stay
// empty). Waits for the device before freeing the old ones: call between frames,
// when the set changes (not every frame).
void loadThumbnails(vk::Context& ctx, Thumbnails& t, const std::vector<std::string>& paths);

// The picture scaled to `maxWidth` (box filter, aspect kept); as is when narrower.
core::ImageRGBA8 shrinkImage(const core::ImageRGBA8& image, uint32_t maxWidth);

// Inside an ImGui window: the picture of `path` at `width` pixels (its height from
// the aspect), or a plain placeholder box when it has none. Returns the size used.
void drawThumbnail(Thumbnails& t, const std::string& path, float width);

// Adds to the current window's draw list the texture `set` stretched over the screen
// rectangle (x0, y0)-(x1, y1) (the caller lays it out). False when it cannot be drawn
// (no pipeline, or this frame's draws are used up): the caller draws a placeholder.
bool addPictureDraw(Thumbnails& t, VkDescriptorSet set, float x0, float y0, float x1, float y1);

// Before ImGui's frame is recorded into `cmd` / after: the callbacks use `cmd`.
void beginThumbnailFrame(Thumbnails& t);
void setThumbnailCommandBuffer(Thumbnails& t, VkCommandBuffer cmd);

}  // namespace ns::ui

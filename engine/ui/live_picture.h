#pragma once
// A picture that changes while it is shown: the camera pen's view of the pad. One
// texture, rewritten inside the frame's own command buffer before the overlay's
// render pass (recordLivePictureUpload) from a staging buffer per frame slot, so a
// new picture never waits for the device and never writes a buffer a frame in
// flight still reads. It is drawn by the thumbnails' pipeline (addPictureDraw).
//
//   panel, while ImGui builds:  setLivePicture(ctx, live, grey, w, h);  drawLivePicture(...)
//   after the UI is built:      recordLivePictureUpload(ctx, live, cmd, slot)
#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <vector>

#include "ui/thumbnails.h"
#include "vk/context.h"
#include "vk/frames.h"
#include "vk/resources.h"

namespace ns::ui {

constexpr uint32_t kMaxLivePictureWidth = 1280, kMaxLivePictureHeight = 1024;  // texels

struct LivePicture {
  vk::Image image;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
  uint32_t width = 0, height = 0;
  std::array<vk::Buffer, vk::kFramesInFlight> staging;
  std::vector<uint8_t> rgba;      // the newest picture, waiting for its upload
  bool waiting = false;           // rgba holds a picture not yet uploaded
  bool uploaded = false;          // the texture holds a picture (drawable)
  uint64_t uploads = 0;
};

void destroyLivePicture(vk::Context& ctx, LivePicture& p);

// Takes a grey picture (`width` × `height` bytes, row after row) to show from the
// next frame on. A new size makes a new texture (waits for the device: once, when
// the camera starts); sizes over the limits or of zero are ignored.
void setLivePicture(vk::Context& ctx, const Thumbnails& t, LivePicture& p, const uint8_t* grey, uint32_t width,
                    uint32_t height);

// Records the waiting picture's copy into the texture (outside any render pass).
void recordLivePictureUpload(vk::Context& ctx, LivePicture& p, VkCommandBuffer cmd, uint32_t slot);

// Inside an ImGui window: the picture over (x0, y0)-(x1, y1); false when there is
// none yet (the caller draws its own placeholder).
bool drawLivePicture(Thumbnails& t, const LivePicture& p, float x0, float y0, float x1, float y1);

}  // namespace ns::ui

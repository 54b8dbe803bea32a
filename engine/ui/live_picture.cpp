#include "ui/live_picture.h"

#include <cstring>

#include "vk/check.h"
#include "vk/commands.h"
#include "vk/object_counts.h"
#include "vk/pipelines.h"

namespace ns::ui {
namespace {

void freeTexture(vk::Context& ctx, LivePicture& p) {
  if (!p.image.image && !p.pool) return;
  vkDeviceWaitIdle(ctx.device);  // frames in flight may still sample it
  if (p.image.image) vk::destroyImage(ctx, p.image);
  for (vk::Buffer& b : p.staging)
    if (b.buffer) vk::destroyBuffer(ctx, b);
  if (p.pool) vk::destroyDescriptorPool(ctx, p.pool);
  p.pool = VK_NULL_HANDLE;
  p.set = VK_NULL_HANDLE;
  p.width = p.height = 0;
  p.uploaded = false;
}

void createTexture(vk::Context& ctx, const Thumbnails& t, LivePicture& p, uint32_t width, uint32_t height) {
  vk::ImageDesc desc;
  desc.extent = {width, height, 1};
  // (TRANSFER_SRC: a test reads the texture back)
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  p.image = vk::createImage(ctx, desc);
  for (vk::Buffer& b : p.staging)
    b = vk::createBuffer(ctx, VkDeviceSize(width) * height * 4, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, vk::MemoryUse::Upload);
  p.pool = vk::createDescriptorPool(ctx, 1);
  p.set = vk::allocateDescriptorSet(ctx, p.pool, t.setLayout);
  vk::writeSampledImageDescriptor(ctx, p.set, 0, t.sampler, p.image.view);
  p.width = width, p.height = height;
}

}  // namespace

void destroyLivePicture(vk::Context& ctx, LivePicture& p) {
  freeTexture(ctx, p);
  p = {};
}

void setLivePicture(vk::Context& ctx, const Thumbnails& t, LivePicture& p, const uint8_t* grey, uint32_t width,
                    uint32_t height) {
  if (!t.created || !grey || width == 0 || height == 0 || width > kMaxLivePictureWidth || height > kMaxLivePictureHeight)
    return;
  if (width != p.width || height != p.height) {
    freeTexture(ctx, p);
    createTexture(ctx, t, p, width, height);
  }
  p.rgba.resize(size_t(width) * height * 4);
  for (size_t i = 0, n = size_t(width) * height; i < n; ++i) {
    uint8_t g = grey[i];
    p.rgba[4 * i] = p.rgba[4 * i + 1] = p.rgba[4 * i + 2] = g;
    p.rgba[4 * i + 3] = 255;
  }
  p.waiting = true;
}

void recordLivePictureUpload(vk::Context& ctx, LivePicture& p, VkCommandBuffer cmd, uint32_t slot) {
  if (!p.waiting || !p.image.image || slot >= p.staging.size()) return;
  // The slot's last frame has finished (the ring waited for it): its buffer is free.
  vk::Buffer& staging = p.staging[slot];
  std::memcpy(staging.mapped, p.rgba.data(), p.rgba.size());
  vk::flushBuffer(ctx, staging);
  // The frame before may still be sampling the texture: this copy waits for its
  // fragment reads (queue order), and this frame's draws wait for the copy.
  vk::imageBarrier(ctx, cmd,
                   {p.image.image, p.uploaded ? VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL : VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_SAMPLED_READ_BIT, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT});
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {p.width, p.height, 1};
  vkCmdCopyBufferToImage(cmd, staging.buffer, p.image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  vk::imageBarrier(ctx, cmd,
                   {p.image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                    VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_SAMPLED_READ_BIT});
  p.waiting = false;
  p.uploaded = true;
  p.uploads++;
}

bool drawLivePicture(Thumbnails& t, const LivePicture& p, float x0, float y0, float x1, float y1) {
  // Drawable once a copy has been recorded, this frame's included (it is recorded
  // after the UI is built and before the overlay's pass).
  if (!(p.uploaded || p.waiting) || !p.set) return false;
  return addPictureDraw(t, p.set, x0, y0, x1, y1);
}

}  // namespace ns::ui

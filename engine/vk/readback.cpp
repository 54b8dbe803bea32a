#include <algorithm>
#include "vk/readback.h"

#include <cstring>

#include "vk/commands.h"

namespace ns::vk {

std::vector<uint8_t> readbackRGBA8(Context& ctx, const Image& image, VkImageLayout layout) {
  VkDeviceSize bytes = VkDeviceSize(image.extent.width) * image.extent.height * 4;
  Buffer staging = createBuffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
  submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    ImageBarrier toSource{image.image, layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                              VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                          VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT,
                          VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT};
    imageBarrier(ctx, cmd, toSource);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {image.extent.width, image.extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, staging.buffer,
                           1, &region);
    if (layout != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL) {
      ImageBarrier back{image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, layout,
                        VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_NONE,
                        VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_NONE};
      imageBarrier(ctx, cmd, back);
    }
    // Make the copy visible to the host read below.
    memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT);
  });
  invalidateBuffer(ctx, staging);
  std::vector<uint8_t> pixels(bytes);
  std::memcpy(pixels.data(), staging.mapped, bytes);
  destroyBuffer(ctx, staging);
  return pixels;
}

std::vector<uint8_t> readbackBuffer(Context& ctx, const Buffer& buffer) {
  return readbackBufferRanges(ctx, buffer, {{0, buffer.size}});
}

std::vector<uint8_t> readbackBufferRanges(Context& ctx, const Buffer& buffer, const std::vector<BufferRange>& ranges) {
  std::vector<VkBufferCopy> regions;
  VkDeviceSize total = 0;
  for (const BufferRange& r : ranges) {
    if (r.size == 0) continue;
    regions.push_back({r.offset, total, r.size});
    total += r.size;
  }
  std::vector<uint8_t> bytes(total);
  if (total == 0) return bytes;
  Buffer staging = createBuffer(ctx, total, VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
  submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                  VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    vkCmdCopyBuffer(cmd, buffer.buffer, staging.buffer, uint32_t(regions.size()), regions.data());
    memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT);
  });
  invalidateBuffer(ctx, staging);
  std::memcpy(bytes.data(), staging.mapped, total);
  destroyBuffer(ctx, staging);
  return bytes;
}

void uploadBuffer(Context& ctx, const Buffer& target, const void* data, size_t bytes) {
  uploadBufferRanges(ctx, target, {{0, bytes}}, data);
}

namespace {

// Copies `regions` of `staging` into `target` between barriers against every shader
// stage that reads or writes it, waits, and frees the staging buffer.
void copyFromStaging(Context& ctx, Buffer& staging, const Buffer& target, const std::vector<VkBufferCopy>& regions) {
  submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    VkPipelineStageFlags2 shaders = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT |
                                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
    memoryBarrier(ctx, cmd, shaders, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                  VK_ACCESS_2_TRANSFER_WRITE_BIT);
    vkCmdCopyBuffer(cmd, staging.buffer, target.buffer, uint32_t(regions.size()), regions.data());
    memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, shaders,
                  VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT |
                      VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
  destroyBuffer(ctx, staging);
}

}  // namespace

void fillBufferWithPattern(Context& ctx, const Buffer& target, const void* pattern, size_t patternBytes, size_t bytes) {
  if (bytes == 0 || patternBytes == 0) return;
  size_t chunk = std::min(bytes, std::max<size_t>(1, (size_t(1) << 20) / patternBytes) * patternBytes);
  Buffer staging = createBuffer(ctx, chunk, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
  for (size_t at = 0; at < chunk; at += patternBytes) std::memcpy(static_cast<char*>(staging.mapped) + at, pattern, patternBytes);
  flushBuffer(ctx, staging);
  std::vector<VkBufferCopy> regions;  // every one from the same bytes
  for (size_t at = 0; at < bytes; at += chunk) regions.push_back({0, at, std::min(chunk, bytes - at)});
  copyFromStaging(ctx, staging, target, regions);
}

void uploadBufferRanges(Context& ctx, const Buffer& target, const std::vector<BufferRange>& ranges, const void* data) {
  std::vector<VkBufferCopy> regions;
  VkDeviceSize total = 0;
  for (const BufferRange& r : ranges) {
    if (r.size == 0) continue;
    regions.push_back({total, r.offset, r.size});
    total += r.size;
  }
  if (total == 0) return;
  Buffer staging = createBuffer(ctx, total, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
  std::memcpy(staging.mapped, data, total);
  flushBuffer(ctx, staging);
  copyFromStaging(ctx, staging, target, regions);
}

}  // namespace ns::vk

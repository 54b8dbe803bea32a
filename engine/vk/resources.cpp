#include "vk/resources.h"

#include <cstdio>
#include <cstdlib>

#include "vk/check.h"
#include "vk/faults.h"

namespace ns::vk {

uint32_t findMemoryType(const Context& ctx, uint32_t typeBits, VkMemoryPropertyFlags required,
                        VkMemoryPropertyFlags preferred) {
  const auto& props = ctx.memoryProperties;
  for (uint32_t pass = 0; pass < 2; ++pass) {
    VkMemoryPropertyFlags want = pass == 0 ? (required | preferred) : required;
    for (uint32_t i = 0; i < props.memoryTypeCount; ++i)
      if ((typeBits & (1u << i)) && (props.memoryTypes[i].propertyFlags & want) == want) return i;
  }
  std::fprintf(stderr, "needlesim: no Vulkan memory type with flags 0x%x\n", required);
  std::abort();
}

namespace {

VkDeviceMemory allocate(Context& ctx, const VkMemoryRequirements& req, MemoryUse use,
                        bool& coherent) {
  VkMemoryPropertyFlags required = 0, preferred = 0;
  switch (use) {
    case MemoryUse::DeviceOnly: preferred = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT; break;
    case MemoryUse::Upload:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
      break;
    case MemoryUse::Readback:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
      break;
  }
  uint32_t type = findMemoryType(ctx, req.memoryTypeBits, required, preferred);
  coherent = ctx.memoryProperties.memoryTypes[type].propertyFlags &
             VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  VkMemoryAllocateInfo info{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  info.allocationSize = req.size;
  info.memoryTypeIndex = type;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VK_CHECK(injectFault(FaultPoint::Allocate, vkAllocateMemory(ctx.device, &info, nullptr, &memory)));
  ctx.liveAllocations++;
  ctx.liveBytes += req.size;
  return memory;
}

void release(Context& ctx, VkDeviceMemory memory, VkDeviceSize size) {
  vkFreeMemory(ctx.device, memory, nullptr);
  ctx.liveAllocations--;
  ctx.liveBytes -= size;
}

}  // namespace

Buffer createBuffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use) {
  Buffer buffer;
  buffer.size = size;
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VK_CHECK(vkCreateBuffer(ctx.device, &info, nullptr, &buffer.buffer));
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx.device, buffer.buffer, &req);
  buffer.memory = allocate(ctx, req, use, buffer.coherent);
  VK_CHECK(vkBindBufferMemory(ctx.device, buffer.buffer, buffer.memory, 0));
  if (use != MemoryUse::DeviceOnly)
    VK_CHECK(vkMapMemory(ctx.device, buffer.memory, 0, VK_WHOLE_SIZE, 0, &buffer.mapped));
  return buffer;
}

void destroyBuffer(Context& ctx, Buffer& buffer) {
  if (!buffer.buffer) return;
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx.device, buffer.buffer, &req);
  vkDestroyBuffer(ctx.device, buffer.buffer, nullptr);
  release(ctx, buffer.memory, req.size);
  buffer = {};
}

void flushBuffer(Context& ctx, const Buffer& buffer) {
  if (buffer.coherent || !buffer.mapped) return;
  VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  range.memory = buffer.memory;
  range.size = VK_WHOLE_SIZE;
  VK_CHECK(vkFlushMappedMemoryRanges(ctx.device, 1, &range));
}

void invalidateBuffer(Context& ctx, const Buffer& buffer) {
  if (buffer.coherent || !buffer.mapped) return;
  VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  range.memory = buffer.memory;
  range.size = VK_WHOLE_SIZE;
  VK_CHECK(vkInvalidateMappedMemoryRanges(ctx.device, 1, &range));
}

VkBufferView createTexelView(Context& ctx, const Buffer& buffer, VkFormat format) {
  VkBufferViewCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
  info.buffer = buffer.buffer;
  info.format = format;
  info.range = VK_WHOLE_SIZE;
  VkBufferView view = VK_NULL_HANDLE;
  VK_CHECK(vkCreateBufferView(ctx.device, &info, nullptr, &view));
  return view;
}

Image createImage(Context& ctx, const ImageDesc& desc) {
  Image image;
  image.format = desc.format;
  image.extent = desc.extent;
  VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  info.imageType = desc.type;
  info.format = desc.format;
  info.extent = desc.extent;
  info.mipLevels = 1;
  info.arrayLayers = 1;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VK_CHECK(vkCreateImage(ctx.device, &info, nullptr, &image.image));
  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(ctx.device, image.image, &req);
  bool coherent = false;
  image.memory = allocate(ctx, req, MemoryUse::DeviceOnly, coherent);
  image.bytes = req.size;
  VK_CHECK(vkBindImageMemory(ctx.device, image.image, image.memory, 0));

  // Only images that shaders or attachments use get a view (transfer-only ones can't).
  VkImageUsageFlags viewable = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_STORAGE_BIT |
                               VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                               VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
                               VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
  if (!(desc.usage & viewable)) return image;
  VkImageViewCreateInfo viewInfo{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  viewInfo.image = image.image;
  viewInfo.viewType = desc.type == VK_IMAGE_TYPE_3D ? VK_IMAGE_VIEW_TYPE_3D : VK_IMAGE_VIEW_TYPE_2D;
  viewInfo.format = desc.format;
  viewInfo.subresourceRange = {desc.aspect, 0, 1, 0, 1};
  VK_CHECK(vkCreateImageView(ctx.device, &viewInfo, nullptr, &image.view));
  return image;
}

void destroyImage(Context& ctx, Image& image) {
  if (!image.image) return;
  if (image.view) vkDestroyImageView(ctx.device, image.view, nullptr);
  vkDestroyImage(ctx.device, image.image, nullptr);
  release(ctx, image.memory, image.bytes);
  image = {};
}

}  // namespace ns::vk

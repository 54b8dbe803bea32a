#pragma once
// Plain-struct GPU resources with explicit create/destroy and one owner.
//
// Our allocator is deliberately small (VMA is not packaged in Debian 12): one
// VkDeviceMemory per resource, memory type picked from the requested properties
// with a fallback (lavapipe has a single host-visible, device-local type), and
// live counts kept in the Context so a leak is reported at shutdown and tests
// can assert there is none. Resource counts here are tens, not thousands, so
// per-resource allocations stay far below maxMemoryAllocationCount.
#include <vulkan/vulkan.h>

#include "vk/context.h"

namespace ns::vk {

enum class MemoryUse {
  DeviceOnly,  // fastest for the GPU; may not be mappable
  Upload,      // host-visible, coherent, written by the CPU
  Readback,    // host-visible, preferably cached, read by the CPU
};

struct Buffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize size = 0;
  void* mapped = nullptr;  // persistent mapping when host-visible
  bool coherent = true;
};

struct Image {
  VkImage image = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent3D extent{};
  VkDeviceSize bytes = 0;
};

Buffer createBuffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use);
void destroyBuffer(Context& ctx, Buffer& buffer);
// Makes CPU writes visible to the device / device writes visible to the CPU for
// non-coherent memory; no-ops on coherent memory.
void flushBuffer(Context& ctx, const Buffer& buffer);
void invalidateBuffer(Context& ctx, const Buffer& buffer);
// A texel view of the whole buffer (uniform or storage texel buffer descriptors);
// the caller destroys it with destroyTexelView (vk/object_counts.h) before the buffer.
VkBufferView createTexelView(Context& ctx, const Buffer& buffer, VkFormat format);

struct ImageDesc {
  VkExtent3D extent{1, 1, 1};
  VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
  VkImageUsageFlags usage = 0;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  VkImageType type = VK_IMAGE_TYPE_2D;
};
Image createImage(Context& ctx, const ImageDesc& desc);
void destroyImage(Context& ctx, Image& image);

uint32_t findMemoryType(const Context& ctx, uint32_t typeBits, VkMemoryPropertyFlags required,
                        VkMemoryPropertyFlags preferred);

}  // namespace ns::vk

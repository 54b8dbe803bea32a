#pragma once
// Live Vulkan objects by kind, counted by the project's own wrappers (resources,
// pipelines, commands, frames, swapchain): what a stand that runs for days must
// hold flat (the kiosk's soak reads them; kiosk.memory.vk_objects). Descriptor sets
// and command buffers die with their pool: each pool remembers how many it gave out.
#include <array>
#include <cstdint>
#include <unordered_map>

#include <vulkan/vulkan.h>

namespace ns::vk {

struct Context;

enum class Object {
  Buffer, Image, ImageView, BufferView, DescriptorPool, DescriptorSet, Pipeline,
  CommandPool, CommandBuffer, Fence, Semaphore, Count
};
constexpr size_t kObjectKinds = size_t(Object::Count);

// The report's name of a kind: "buffers", "images", "image_views", "buffer_views",
// "descriptor_pools", "descriptor_sets", "pipelines", "command_pools",
// "command_buffers", "fences", "semaphores".
const char* objectName(Object kind);

struct ObjectCounts {
  std::array<int64_t, kObjectKinds> live{};
  std::unordered_map<uint64_t, int64_t> children;  // per descriptor or command pool: what it gave out
};

void countCreated(Context& ctx, Object kind);
void countDestroyed(Context& ctx, Object kind);
// A descriptor set or command buffer from `pool`.
void countFromPool(Context& ctx, Object kind, uint64_t pool);

// Destroy through these so the counts stay true (the pool's children go with it).
void destroyDescriptorPool(Context& ctx, VkDescriptorPool pool);
void destroyCommandPool(Context& ctx, VkCommandPool pool);
void destroyTexelView(Context& ctx, VkBufferView view);

}  // namespace ns::vk

#include "vk/object_counts.h"

#include "vk/context.h"

namespace ns::vk {

const char* objectName(Object kind) {
  static const char* names[kObjectKinds] = {"buffers", "images", "image_views", "buffer_views", "descriptor_pools",
                                            "descriptor_sets", "pipelines", "command_pools", "command_buffers",
                                            "fences", "semaphores"};
  return size_t(kind) < kObjectKinds ? names[size_t(kind)] : "?";
}

void countCreated(Context& ctx, Object kind) { ctx.objects.live[size_t(kind)]++; }
void countDestroyed(Context& ctx, Object kind) { ctx.objects.live[size_t(kind)]--; }

void countFromPool(Context& ctx, Object kind, uint64_t pool) {
  countCreated(ctx, kind);
  ctx.objects.children[pool]++;
}

namespace {
void poolGone(Context& ctx, Object poolKind, Object childKind, uint64_t pool) {
  countDestroyed(ctx, poolKind);
  auto it = ctx.objects.children.find(pool);
  if (it == ctx.objects.children.end()) return;
  ctx.objects.live[size_t(childKind)] -= it->second;
  ctx.objects.children.erase(it);
}
}  // namespace

void destroyDescriptorPool(Context& ctx, VkDescriptorPool pool) {
  if (!pool) return;
  vkDestroyDescriptorPool(ctx.device, pool, nullptr);
  poolGone(ctx, Object::DescriptorPool, Object::DescriptorSet, uint64_t(pool));
}

void destroyCommandPool(Context& ctx, VkCommandPool pool) {
  if (!pool) return;
  vkDestroyCommandPool(ctx.device, pool, nullptr);
  poolGone(ctx, Object::CommandPool, Object::CommandBuffer, uint64_t(pool));
}

void destroyTexelView(Context& ctx, VkBufferView view) {
  if (!view) return;
  vkDestroyBufferView(ctx.device, view, nullptr);
  countDestroyed(ctx, Object::BufferView);
}

}  // namespace ns::vk

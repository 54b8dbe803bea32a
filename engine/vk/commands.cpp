#include "vk/commands.h"

#include "vk/check.h"

namespace ns::vk {

VkCommandPool createCommandPool(Context& ctx, VkCommandPoolCreateFlags flags) {
  VkCommandPoolCreateInfo info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  info.flags = flags;
  info.queueFamilyIndex = ctx.queueFamily;
  VkCommandPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(ctx.device, &info, nullptr, &pool));
  countCreated(ctx, Object::CommandPool);
  return pool;
}

VkCommandBuffer allocateCommandBuffer(Context& ctx, VkCommandPool pool) {
  VkCommandBufferAllocateInfo info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  info.commandPool = pool;
  info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  info.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateCommandBuffers(ctx.device, &info, &cmd));
  countFromPool(ctx, Object::CommandBuffer, uint64_t(pool));
  return cmd;
}

void submitAndWait(Context& ctx, const std::function<void(VkCommandBuffer)>& record) {
  VkCommandPool pool = createCommandPool(ctx, VK_COMMAND_POOL_CREATE_TRANSIENT_BIT);
  VkCommandBuffer cmd = allocateCommandBuffer(ctx, pool);
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));

  VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFence(ctx.device, &fenceInfo, nullptr, &fence));
  countCreated(ctx, Object::Fence);
  VkCommandBufferSubmitInfo cmdInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cmdInfo.commandBuffer = cmd;
  VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmdInfo;
  VK_CHECK(ctx.sync2.queueSubmit2(ctx.queue, 1, &submit, fence));
  VK_CHECK(vkWaitForFences(ctx.device, 1, &fence, VK_TRUE, UINT64_MAX));
  vkDestroyFence(ctx.device, fence, nullptr);
  countDestroyed(ctx, Object::Fence);
  destroyCommandPool(ctx, pool);
}

void imageBarrier(const Context& ctx, VkCommandBuffer cmd, const ImageBarrier& b) {
  VkImageMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
  barrier.srcStageMask = b.srcStage;
  barrier.srcAccessMask = b.srcAccess;
  barrier.dstStageMask = b.dstStage;
  barrier.dstAccessMask = b.dstAccess;
  barrier.oldLayout = b.oldLayout;
  barrier.newLayout = b.newLayout;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = b.image;
  barrier.subresourceRange = {b.aspect, 0, 1, 0, 1};
  VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  dep.imageMemoryBarrierCount = 1;
  dep.pImageMemoryBarriers = &barrier;
  ctx.sync2.cmdPipelineBarrier2(cmd, &dep);
}

void memoryBarrier(const Context& ctx, VkCommandBuffer cmd, VkPipelineStageFlags2 srcStage,
                   VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                   VkAccessFlags2 dstAccess) {
  VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
  barrier.srcStageMask = srcStage;
  barrier.srcAccessMask = srcAccess;
  barrier.dstStageMask = dstStage;
  barrier.dstAccessMask = dstAccess;
  VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  dep.memoryBarrierCount = 1;
  dep.pMemoryBarriers = &barrier;
  ctx.sync2.cmdPipelineBarrier2(cmd, &dep);
}

void computeBarrier(const Context& ctx, VkCommandBuffer cmd, PriorUsers prior) {
  VkPipelineStageFlags2 src = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
  // (The skin pass's vertex stage reads the healing surface too: the swelling lifts the skin.)
  if (prior == PriorUsers::ComputeAndFragment) src |= VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
  memoryBarrier(ctx, cmd, src, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
}

void computeResultBarrier(const Context& ctx, VkCommandBuffer cmd, LaterReaders later) {
  VkPipelineStageFlags2 dst = VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
  VkAccessFlags2 access = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT;
  if (later == LaterReaders::ComputeAndFragment) {
    dst |= VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
    access |= VK_ACCESS_2_SHADER_STORAGE_READ_BIT;
  }
  memoryBarrier(ctx, cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, dst, access);
}

}  // namespace ns::vk

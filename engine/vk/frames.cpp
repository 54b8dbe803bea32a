#include "vk/frames.h"

#include "vk/check.h"
#include "vk/faults.h"
#include "vk/commands.h"

namespace ns::vk {
namespace {

void waitTimeline(Context& ctx, VkSemaphore timeline, uint64_t value) {
  if (value == 0) return;
  VkSemaphoreWaitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO};
  wait.semaphoreCount = 1;
  wait.pSemaphores = &timeline;
  wait.pValues = &value;
  VK_CHECK(vkWaitSemaphores(ctx.device, &wait, UINT64_MAX));
}

}  // namespace

FrameRing createFrameRing(Context& ctx) {
  FrameRing ring;
  VkSemaphoreTypeCreateInfo type{VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO};
  type.semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE;
  type.initialValue = 0;
  VkSemaphoreCreateInfo timelineInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  timelineInfo.pNext = &type;
  VK_CHECK(vkCreateSemaphore(ctx.device, &timelineInfo, nullptr, &ring.timeline));
  VkSemaphoreCreateInfo binaryInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  for (auto& frame : ring.frames) {
    frame.pool = createCommandPool(ctx, VK_COMMAND_POOL_CREATE_TRANSIENT_BIT);
    frame.cmd = allocateCommandBuffer(ctx, frame.pool);
    VK_CHECK(vkCreateSemaphore(ctx.device, &binaryInfo, nullptr, &frame.acquireSemaphore));
  }
  return ring;
}

void destroyFrameRing(Context& ctx, FrameRing& ring) {
  waitAllFrames(ctx, ring);
  for (auto& frame : ring.frames) {
    vkDestroyCommandPool(ctx.device, frame.pool, nullptr);
    vkDestroySemaphore(ctx.device, frame.acquireSemaphore, nullptr);
  }
  vkDestroySemaphore(ctx.device, ring.timeline, nullptr);
  ring = {};
}

FrameData& beginFrame(Context& ctx, FrameRing& ring) {
  FrameData& frame = ring.frames[ring.frameNumber % kFramesInFlight];
  ring.frameNumber++;
  waitTimeline(ctx, ring.timeline, frame.submittedValue);
  VK_CHECK(vkResetCommandPool(ctx.device, frame.pool, 0));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(frame.cmd, &begin));
  return frame;
}

void submitFrame(Context& ctx, FrameRing& ring, FrameData& frame, VkSemaphore waitSemaphore,
                 VkSemaphore signalSemaphore) {
  VK_CHECK(vkEndCommandBuffer(frame.cmd));
  frame.submittedValue = ring.frameNumber;  // frame n (0-based) signals n+1

  VkSemaphoreSubmitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  wait.semaphore = waitSemaphore;
  wait.stageMask = VK_PIPELINE_STAGE_2_BLIT_BIT;
  VkSemaphoreSubmitInfo signals[2] = {{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO},
                                      {VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO}};
  signals[0].semaphore = ring.timeline;
  signals[0].value = frame.submittedValue;
  signals[0].stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;  // whole frame done
  signals[1].semaphore = signalSemaphore;
  signals[1].stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  VkCommandBufferSubmitInfo cmdInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cmdInfo.commandBuffer = frame.cmd;

  VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  submit.waitSemaphoreInfoCount = waitSemaphore ? 1 : 0;
  submit.pWaitSemaphoreInfos = &wait;
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmdInfo;
  submit.signalSemaphoreInfoCount = signalSemaphore ? 2 : 1;
  submit.pSignalSemaphoreInfos = signals;
  VK_CHECK(injectFault(FaultPoint::Submit, ctx.sync2.queueSubmit2(ctx.queue, 1, &submit, VK_NULL_HANDLE)));
}

void waitAllFrames(Context& ctx, FrameRing& ring) {
  if (!ring.timeline) return;
  for (auto& frame : ring.frames) waitTimeline(ctx, ring.timeline, frame.submittedValue);
}

}  // namespace ns::vk

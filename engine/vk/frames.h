#pragma once
// Frames in flight, paced by one timeline semaphore (the nvpro_core2 pattern).
//
//   FrameRing ring = createFrameRing(ctx);
//   loop:
//     FrameData& frame = beginFrame(ctx, ring);     // waits until this slot's last use is done
//     ... record into frame.cmd ...
//     submitFrame(ctx, ring, frame, waitAcquire, signalPresent);
//
// Frame n signals the timeline with value n+1; slot n % 2 is reused only after the
// timeline has reached the value its previous submission signalled. Nothing is
// deleted per slot: what frames use is destroyed only after waitAllFrames (or a
// device wait), so no deferred deletion is needed.
#include <vulkan/vulkan.h>

#include <array>

#include "vk/context.h"

namespace ns::vk {

constexpr uint32_t kFramesInFlight = 2;

struct FrameData {
  VkCommandPool pool = VK_NULL_HANDLE;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkSemaphore acquireSemaphore = VK_NULL_HANDLE;  // binary: swapchain acquire
  uint64_t submittedValue = 0;                    // timeline value this slot last signalled
};

struct FrameRing {
  std::array<FrameData, kFramesInFlight> frames;
  VkSemaphore timeline = VK_NULL_HANDLE;
  uint64_t frameNumber = 0;  // frames begun so far
};

FrameRing createFrameRing(Context& ctx);
void destroyFrameRing(Context& ctx, FrameRing& ring);

FrameData& beginFrame(Context& ctx, FrameRing& ring);
// Submits the frame's command buffer. `waitSemaphore` (binary, may be null) is waited
// at the transfer stage (the blit into the swapchain image); `signalSemaphore`
// (binary, may be null) is signalled for present.
void submitFrame(Context& ctx, FrameRing& ring, FrameData& frame, VkSemaphore waitSemaphore,
                 VkSemaphore signalSemaphore);
// Waits for every submitted frame to finish.
void waitAllFrames(Context& ctx, FrameRing& ring);

}  // namespace ns::vk

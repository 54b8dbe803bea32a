#pragma once
// GPU time between points of a command buffer, from timestamp queries
// (vkCmdWriteTimestamp2 at ALL_COMMANDS: a stamp is taken once every earlier command
// has completed). For benchmarks and per-pass timings.
//
// The timer has `slots` groups of `stampsPerSlot` stamps: one slot per frame in
// flight (or a single slot for a blocking submission), each reset and rewritten
// every time its command buffer is recorded:
//
//   GpuTimer timer = createGpuTimer(ctx, 3, kFramesInFlight);
//   frame (slot = this frame's slot, after beginFrame waited for its last use):
//     std::vector<double> ms = readTimerIntervals_ms(ctx, timer, slot);  // its last use
//     resetTimerSlot(ctx, cmd, timer, slot);    // outside a render pass, before the stamps
//     recordStamp(ctx, cmd, timer, slot, 0); ... compute ...
//     recordStamp(ctx, cmd, timer, slot, 1); ... render ...
//     recordStamp(ctx, cmd, timer, slot, 2);
//
// Without timestamp support on the queue, nothing is recorded and reads are empty.
#include <vulkan/vulkan.h>

#include <vector>

#include "vk/context.h"

namespace ns::vk {

struct GpuTimer {
  VkQueryPool pool = VK_NULL_HANDLE;  // slots × stampsPerSlot queries; null when unsupported
  double nanosecondsPerTick = 1.0;
  uint64_t validMask = ~uint64_t(0);  // the queue family's timestampValidBits
  bool supported = false;
  uint32_t stampsPerSlot = 0, slots = 0;
  // Per slot, the stamps recorded since its last reset (bit i: stamp i); a slot
  // is read only when all of them were.
  std::vector<uint64_t> recorded;
};

// stampsPerSlot: 2 … 64; slots ≥ 1.
GpuTimer createGpuTimer(Context& ctx, uint32_t stampsPerSlot = 2, uint32_t slots = 1);
void destroyGpuTimer(Context& ctx, GpuTimer& timer);

// Resets the slot's queries; record it before the slot's stamps, outside a render pass.
void resetTimerSlot(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer, uint32_t slot);
// Writes stamp `index` of the slot when every earlier command has completed.
void recordStamp(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer, uint32_t slot, uint32_t index);
// Once the slot's submission has completed (its fence or timeline value): the
// stampsPerSlot − 1 intervals between consecutive stamps, in ms. Empty when
// timestamps are unsupported, when not every stamp of the slot was recorded since
// its reset, or when the slot was read already (each recording is read once).
// Never blocks: results not yet available read as empty too.
std::vector<double> readTimerIntervals_ms(Context& ctx, GpuTimer& timer, uint32_t slot);
// For a slot whose frames record a varying number of stamps: the time of each of its
// first `count` stamps (2 … stampsPerSlot) after stamp 0, in ms, once those were all
// recorded since the reset; empty otherwise, as above.
std::vector<double> readTimerStamps_ms(Context& ctx, GpuTimer& timer, uint32_t slot, uint32_t count);

}  // namespace ns::vk

#pragma once
// GPU time between two points of a command buffer, from timestamp queries
// (vkCmdWriteTimestamp2). For benchmarks and per-pass timings; read the result
// after the command buffer's submission has completed.
#include <vulkan/vulkan.h>

#include "vk/context.h"

namespace ns::vk {

struct GpuTimer {
  VkQueryPool pool = VK_NULL_HANDLE;
  double nanosecondsPerTick = 1.0;
  bool supported = false;
};

GpuTimer createGpuTimer(Context& ctx);
void destroyGpuTimer(Context& ctx, GpuTimer& timer);
// Resets the queries and writes the start stamp; call before the timed work.
void recordTimerStart(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer);
void recordTimerEnd(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer);
// Elapsed GPU time in seconds (0 when timestamps are unsupported).
double readTimerSeconds(Context& ctx, GpuTimer& timer);

}  // namespace ns::vk

#include "vk/timestamps.h"

#include <cstdio>
#include <cstdlib>

#include "vk/check.h"

namespace ns::vk {
namespace {

// Slots and stamps out of range are programming errors: fatal, like VK_CHECK.
void checkRange(const char* where, uint32_t stampsPerSlot, uint32_t slots, uint32_t slot, uint32_t index) {
  if (stampsPerSlot >= 2 && stampsPerSlot <= 64 && slot < slots && index < stampsPerSlot) return;
  std::fprintf(stderr, "needlesim: fatal %s: slot %u, stamp %u of a timer with %u slots of %u stamps (2 ... 64)\n",
               where, slot, index, slots, stampsPerSlot);
  std::fflush(stderr);
  std::abort();
}

}  // namespace

GpuTimer createGpuTimer(Context& ctx, uint32_t stampsPerSlot, uint32_t slots) {
  checkRange("createGpuTimer", stampsPerSlot, slots, 0, 0);
  GpuTimer timer;
  timer.stampsPerSlot = stampsPerSlot;
  timer.slots = slots;
  timer.recorded.assign(slots, 0);
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(ctx.physicalDevice, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(ctx.physicalDevice, &count, families.data());
  uint32_t validBits = families[ctx.queueFamily].timestampValidBits;
  timer.supported = validBits > 0 && ctx.properties.limits.timestampPeriod > 0;
  if (!timer.supported) return timer;
  timer.nanosecondsPerTick = ctx.properties.limits.timestampPeriod;
  timer.validMask = validBits >= 64 ? ~uint64_t(0) : (uint64_t(1) << validBits) - 1;
  VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = stampsPerSlot * slots;
  VK_CHECK(vkCreateQueryPool(ctx.device, &info, nullptr, &timer.pool));
  return timer;
}

void destroyGpuTimer(Context& ctx, GpuTimer& timer) {
  if (timer.pool) vkDestroyQueryPool(ctx.device, timer.pool, nullptr);
  timer = {};
}

void resetTimerSlot(Context&, VkCommandBuffer cmd, GpuTimer& timer, uint32_t slot) {
  checkRange("resetTimerSlot", timer.stampsPerSlot, timer.slots, slot, 0);
  if (!timer.supported) return;
  vkCmdResetQueryPool(cmd, timer.pool, slot * timer.stampsPerSlot, timer.stampsPerSlot);
  timer.recorded[slot] = 0;
}

void recordStamp(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer, uint32_t slot, uint32_t index) {
  checkRange("recordStamp", timer.stampsPerSlot, timer.slots, slot, index);
  if (!timer.supported) return;
  ctx.sync2.cmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, timer.pool,
                               slot * timer.stampsPerSlot + index);
  timer.recorded[slot] |= uint64_t(1) << index;
}

std::vector<double> readTimerIntervals_ms(Context& ctx, GpuTimer& timer, uint32_t slot) {
  checkRange("readTimerIntervals_ms", timer.stampsPerSlot, timer.slots, slot, 0);
  std::vector<double> at = readTimerStamps_ms(ctx, timer, slot, timer.stampsPerSlot);
  std::vector<double> intervals;
  for (size_t i = 1; i < at.size(); ++i) intervals.push_back(at[i] - at[i - 1]);
  return intervals;
}

std::vector<double> readTimerStamps_ms(Context& ctx, GpuTimer& timer, uint32_t slot, uint32_t count) {
  checkRange("readTimerStamps_ms", timer.stampsPerSlot, timer.slots, slot, count >= 2 ? count - 1 : timer.stampsPerSlot);
  uint64_t all = count >= 64 ? ~uint64_t(0) : (uint64_t(1) << count) - 1;
  if (!timer.supported || (timer.recorded[slot] & all) != all) return {};
  std::vector<uint64_t> stamps(count);
  VkResult result = vkGetQueryPoolResults(ctx.device, timer.pool, slot * timer.stampsPerSlot, count,
                                          stamps.size() * sizeof(uint64_t), stamps.data(), sizeof(uint64_t),
                                          VK_QUERY_RESULT_64_BIT);
  if (result == VK_NOT_READY) return {};
  VK_CHECK(result);
  timer.recorded[slot] = 0;
  std::vector<double> at(count);
  for (size_t i = 0; i < count; ++i)
    at[i] = double((stamps[i] - stamps[0]) & timer.validMask) * timer.nanosecondsPerTick * 1e-6;
  return at;
}

}  // namespace ns::vk

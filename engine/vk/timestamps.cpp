#include "vk/timestamps.h"

#include "vk/check.h"

namespace ns::vk {

GpuTimer createGpuTimer(Context& ctx) {
  GpuTimer timer;
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(ctx.physicalDevice, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(ctx.physicalDevice, &count, families.data());
  timer.supported = families[ctx.queueFamily].timestampValidBits > 0 && ctx.properties.limits.timestampPeriod > 0;
  timer.nanosecondsPerTick = ctx.properties.limits.timestampPeriod;
  VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = 2;
  VK_CHECK(vkCreateQueryPool(ctx.device, &info, nullptr, &timer.pool));
  return timer;
}

void destroyGpuTimer(Context& ctx, GpuTimer& timer) {
  if (timer.pool) vkDestroyQueryPool(ctx.device, timer.pool, nullptr);
  timer = {};
}

void recordTimerStart(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer) {
  vkCmdResetQueryPool(cmd, timer.pool, 0, 2);
  ctx.sync2.cmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, timer.pool, 0);
}

void recordTimerEnd(Context& ctx, VkCommandBuffer cmd, GpuTimer& timer) {
  ctx.sync2.cmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, timer.pool, 1);
}

double readTimerSeconds(Context& ctx, GpuTimer& timer) {
  if (!timer.supported) return 0.0;
  uint64_t stamps[2] = {};
  VK_CHECK(vkGetQueryPoolResults(ctx.device, timer.pool, 0, 2, sizeof(stamps), stamps, sizeof(uint64_t),
                                 VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
  return double(stamps[1] - stamps[0]) * timer.nanosecondsPerTick * 1e-9;
}

}  // namespace ns::vk

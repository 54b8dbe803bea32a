#pragma once
// The Vulkan instance, the chosen physical device and one logical device with one
// queue that does graphics, compute, transfer (and present, when asked).
//
//   ContextOptions options;            // validation, device choice, instance extensions
//   Context ctx;
//   std::string error;
//   if (!createContext(options, ctx, error)) { report error; }
//   ... use ctx.device, ctx.queue ...
//   destroyContext(ctx);
//
// With validation on, the Khronos layer runs with synchronization validation and a
// debug messenger counts every message by severity into ctx.validation.
#include <vulkan/vulkan.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "vk/object_counts.h"

namespace ns::vk {

struct ValidationCounters {
  std::atomic<uint32_t> errors{0};
  std::atomic<uint32_t> warnings{0};
  std::mutex mutex;
  std::vector<std::string> errorMessages;  // first few, for test failure output
  bool printWarnings = true;
};

struct ContextOptions {
  bool validation = false;
  // Substring of a device name, or an index into the enumeration order; empty means
  // "best": discrete > integrated > virtual > CPU. NEEDLESIM_DEVICE overrides when empty.
  std::string devicePreference;
  std::vector<const char*> instanceExtensions;  // e.g. from glfwGetRequiredInstanceExtensions
  bool enableSwapchain = false;
};

// Sync2 entry points: core in 1.3, VK_KHR_synchronization2 on 1.2 devices.
struct Sync2Functions {
  PFN_vkCmdPipelineBarrier2 cmdPipelineBarrier2 = nullptr;
  PFN_vkQueueSubmit2 queueSubmit2 = nullptr;
  PFN_vkCmdWriteTimestamp2 cmdWriteTimestamp2 = nullptr;
};

struct Context {
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;
  uint32_t apiVersion = 0;
  VkPhysicalDeviceProperties properties{};
  VkPhysicalDeviceMemoryProperties memoryProperties{};
  std::string deviceName;
  std::string deviceType;  // "discrete", "integrated", "virtual", "cpu", "other"
  bool validationEnabled = false;
  bool swapchainEnabled = false;
  Sync2Functions sync2;
  // Heap-allocated so its address, handed to the debug messenger, never moves.
  ValidationCounters* validation = nullptr;
  // Live-resource accounting (see resources.h): leaks show up at destroyContext.
  uint64_t liveAllocations = 0;
  uint64_t liveBytes = 0;
  ObjectCounts objects;  // live objects by kind (vk/object_counts.h)
};

bool createContext(const ContextOptions& options, Context& ctx, std::string& error);
void destroyContext(Context& ctx);

const char* deviceTypeName(VkPhysicalDeviceType type);
// Ranks device types for automatic choice: higher is preferred.
int deviceTypeRank(VkPhysicalDeviceType type);

}  // namespace ns::vk

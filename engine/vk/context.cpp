#include "vk/context.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "vk/check.h"

namespace ns::vk {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data,
                                              void* user) {
  auto* counters = static_cast<ValidationCounters*>(user);
  const char* message = data && data->pMessage ? data->pMessage : "(no message)";
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    counters->errors++;
    std::lock_guard lock(counters->mutex);
    if (counters->errorMessages.size() < 16) counters->errorMessages.emplace_back(message);
    std::fprintf(stderr, "[vulkan error] %s\n", message);
  } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    counters->warnings++;
    if (counters->printWarnings) std::fprintf(stderr, "[vulkan warning] %s\n", message);
  }
  return VK_FALSE;  // never abort the call: we count, the caller decides
}

bool hasLayer(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (auto& layer : layers)
    if (std::strcmp(layer.layerName, name) == 0) return true;
  return false;
}

bool deviceHasExtension(VkPhysicalDevice device, const char* name) {
  uint32_t count = 0;
  vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
  std::vector<VkExtensionProperties> extensions(count);
  vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data());
  for (auto& extension : extensions)
    if (std::strcmp(extension.extensionName, name) == 0) return true;
  return false;
}

// A queue family that can do graphics and compute (which implies transfer).
int findUniversalQueueFamily(VkPhysicalDevice device) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  for (uint32_t i = 0; i < count; ++i) {
    VkQueueFlags need = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
    if ((families[i].queueFlags & need) == need) return static_cast<int>(i);
  }
  return -1;
}

struct Candidate {
  VkPhysicalDevice device;
  VkPhysicalDeviceProperties properties;
  int queueFamily;
};

// Usable means: Vulkan 1.2+, a universal queue, timeline semaphores and sync2.
bool isUsable(VkPhysicalDevice device, const VkPhysicalDeviceProperties& props, bool swapchain) {
  if (props.apiVersion < VK_API_VERSION_1_2) return false;
  if (findUniversalQueueFamily(device) < 0) return false;
  if (swapchain && !deviceHasExtension(device, VK_KHR_SWAPCHAIN_EXTENSION_NAME)) return false;
  if (props.apiVersion < VK_API_VERSION_1_3 &&
      !deviceHasExtension(device, VK_KHR_SYNCHRONIZATION_2_EXTENSION_NAME))
    return false;
  return true;
}

bool chooseDevice(VkInstance instance, const ContextOptions& options, bool swapchain,
                  Candidate& chosen, std::string& error) {
  uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  std::vector<Candidate> usable;
  for (auto device : devices) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(device, &props);
    if (isUsable(device, props, swapchain))
      usable.push_back({device, props, findUniversalQueueFamily(device)});
  }
  if (usable.empty()) {
    error = "no Vulkan 1.2+ device with graphics+compute, timeline semaphores and "
            "synchronization2 was found (install mesa-vulkan-drivers for lavapipe)";
    return false;
  }
  std::string preference = options.devicePreference;
  if (preference.empty())
    if (const char* env = std::getenv("NEEDLESIM_DEVICE")) preference = env;
  if (!preference.empty()) {
    bool numeric = preference.find_first_not_of("0123456789") == std::string::npos;
    for (size_t i = 0; i < usable.size(); ++i) {
      bool match = numeric ? std::to_string(i) == preference
                           : std::string(usable[i].properties.deviceName).find(preference) !=
                                 std::string::npos;
      if (match) {
        chosen = usable[i];
        return true;
      }
    }
    error = "device preference '" + preference + "' matches no usable device (usable:";
    for (auto& c : usable) error += std::string(" '") + c.properties.deviceName + "'";
    error += ")";
    return false;
  }
  chosen = usable[0];
  for (auto& c : usable)
    if (deviceTypeRank(c.properties.deviceType) > deviceTypeRank(chosen.properties.deviceType))
      chosen = c;
  return true;
}

void loadSync2(Context& ctx) {
  bool core = ctx.apiVersion >= VK_API_VERSION_1_3;
  auto load = [&](const char* coreName, const char* khrName) {
    return vkGetDeviceProcAddr(ctx.device, core ? coreName : khrName);
  };
  ctx.sync2.cmdPipelineBarrier2 = reinterpret_cast<PFN_vkCmdPipelineBarrier2>(
      load("vkCmdPipelineBarrier2", "vkCmdPipelineBarrier2KHR"));
  ctx.sync2.queueSubmit2 =
      reinterpret_cast<PFN_vkQueueSubmit2>(load("vkQueueSubmit2", "vkQueueSubmit2KHR"));
  ctx.sync2.cmdWriteTimestamp2 = reinterpret_cast<PFN_vkCmdWriteTimestamp2>(
      load("vkCmdWriteTimestamp2", "vkCmdWriteTimestamp2KHR"));
}

bool createInstance(const ContextOptions& options, Context& ctx, std::string& error) {
  const char* validationLayer = "VK_LAYER_KHRONOS_validation";
  if (options.validation && !hasLayer(validationLayer)) {
    error = "validation requested but VK_LAYER_KHRONOS_validation is not installed "
            "(apt-get install vulkan-validationlayers)";
    return false;
  }
  std::vector<const char*> extensions = options.instanceExtensions;
  if (options.validation) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "NeedleSim";
  app.pEngineName = "NeedleSim";
  app.apiVersion = VK_API_VERSION_1_3;

  // Synchronization validation is what catches missing barriers between our passes.
  VkValidationFeatureEnableEXT enables[] = {
      VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
  VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = enables;

  VkDebugUtilsMessengerCreateInfoEXT messengerInfo{
      VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messengerInfo.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                  VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messengerInfo.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messengerInfo.pfnUserCallback = onDebugMessage;
  messengerInfo.pUserData = ctx.validation;
  if (options.validation) features.pNext = &messengerInfo;  // also covers create/destroy

  VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  if (options.validation) {
    info.enabledLayerCount = 1;
    info.ppEnabledLayerNames = &validationLayer;
    info.pNext = &features;
  }
  VkResult result = vkCreateInstance(&info, nullptr, &ctx.instance);
  if (result != VK_SUCCESS) {
    error = std::string("vkCreateInstance failed: ") + resultName(result) +
            " (is a Vulkan driver installed? apt-get install mesa-vulkan-drivers)";
    return false;
  }
  if (options.validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(ctx.instance, "vkCreateDebugUtilsMessengerEXT"));
    VK_CHECK(create(ctx.instance, &messengerInfo, nullptr, &ctx.messenger));
  }
  ctx.validationEnabled = options.validation;
  return true;
}

}  // namespace

const char* deviceTypeName(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
    default: return "other";
  }
}

int deviceTypeRank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
  }
}

bool createContext(const ContextOptions& options, Context& ctx, std::string& error) {
  ctx.validation = new ValidationCounters();
  if (!createInstance(options, ctx, error)) {
    destroyContext(ctx);
    return false;
  }
  Candidate chosen{};
  if (!chooseDevice(ctx.instance, options, options.enableSwapchain, chosen, error)) {
    destroyContext(ctx);
    return false;
  }
  ctx.physicalDevice = chosen.device;
  ctx.properties = chosen.properties;
  ctx.queueFamily = static_cast<uint32_t>(chosen.queueFamily);
  ctx.apiVersion = chosen.properties.apiVersion;
  ctx.deviceName = chosen.properties.deviceName;
  ctx.deviceType = deviceTypeName(chosen.properties.deviceType);
  vkGetPhysicalDeviceMemoryProperties(ctx.physicalDevice, &ctx.memoryProperties);

  bool core13 = ctx.apiVersion >= VK_API_VERSION_1_3;
  std::vector<const char*> extensions;
  if (options.enableSwapchain) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  if (!core13) extensions.push_back(VK_KHR_SYNCHRONIZATION_2_EXTENSION_NAME);

  VkPhysicalDeviceSynchronization2Features sync2{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SYNCHRONIZATION_2_FEATURES};
  sync2.synchronization2 = VK_TRUE;
  VkPhysicalDeviceVulkan12Features features12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  features12.timelineSemaphore = VK_TRUE;
  features12.pNext = &sync2;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &features12;

  float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queueInfo.queueFamilyIndex = ctx.queueFamily;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;

  VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.pNext = &features;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queueInfo;
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VkResult result = vkCreateDevice(ctx.physicalDevice, &info, nullptr, &ctx.device);
  if (result != VK_SUCCESS) {
    error = std::string("vkCreateDevice failed on '") + ctx.deviceName + "': " + resultName(result);
    destroyContext(ctx);
    return false;
  }
  ctx.swapchainEnabled = options.enableSwapchain;
  vkGetDeviceQueue(ctx.device, ctx.queueFamily, 0, &ctx.queue);
  loadSync2(ctx);
  return true;
}

void destroyContext(Context& ctx) {
  if (ctx.device) {
    vkDeviceWaitIdle(ctx.device);
    if (ctx.liveAllocations != 0)
      std::fprintf(stderr, "needlesim: %llu GPU allocations (%llu bytes) leaked at shutdown\n",
                   static_cast<unsigned long long>(ctx.liveAllocations),
                   static_cast<unsigned long long>(ctx.liveBytes));
    vkDestroyDevice(ctx.device, nullptr);
  }
  if (ctx.messenger) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(ctx.instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(ctx.instance, ctx.messenger, nullptr);
  }
  if (ctx.instance) vkDestroyInstance(ctx.instance, nullptr);
  delete ctx.validation;
  ctx = {};
}

}  // namespace ns::vk

#pragma once
// VK_CHECK is fatal in every build: a failed Vulkan call means the program can no
// longer trust its GPU state, so we print what failed and where, let the runtime
// save the session (vk/faults.h: setFatalHandler) and exit with status 1.
// VK_CHECK_SWAPCHAIN lets SUBOPTIMAL / OUT_OF_DATE through for the caller to handle.
#include <vulkan/vulkan.h>

namespace ns::vk {

const char* resultName(VkResult result);
[[noreturn]] void failCheck(const char* expression, const char* file, int line, VkResult result);

}  // namespace ns::vk

#define VK_CHECK(expr)                                                        \
  do {                                                                        \
    VkResult ns_vk_result_ = (expr);                                          \
    if (ns_vk_result_ != VK_SUCCESS)                                          \
      ::ns::vk::failCheck(#expr, __FILE__, __LINE__, ns_vk_result_);          \
  } while (0)

// Evaluates to the VkResult so the caller can react to a stale swapchain.
#define VK_CHECK_SWAPCHAIN(expr)                                              \
  [&]() {                                                                     \
    VkResult ns_vk_result_ = (expr);                                          \
    if (ns_vk_result_ != VK_SUCCESS && ns_vk_result_ != VK_SUBOPTIMAL_KHR &&  \
        ns_vk_result_ != VK_ERROR_OUT_OF_DATE_KHR)                            \
      ::ns::vk::failCheck(#expr, __FILE__, __LINE__, ns_vk_result_);          \
    return ns_vk_result_;                                                     \
  }()

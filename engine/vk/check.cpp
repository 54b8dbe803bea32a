#include "vk/check.h"
#include "vk/faults.h"

#include <cstdio>
#include <cstdlib>

#ifdef NEEDLESIM_SANITIZE
// The sanitizer build only: the Vulkan loader unloads the driver and layers before
// LeakSanitizer reports, leaving their leaks at unknown addresses that no
// suppression (tests/sanitizers/lsan.supp) can name. Keeping every library mapped
// lets their leaks be suppressed by name and ours still be reported.
extern "C" int dlclose(void*) { return 0; }
#endif

namespace ns::vk {

const char* resultName(VkResult result) {
  switch (result) {
#define NS_CASE(x) case x: return #x;
    NS_CASE(VK_SUCCESS) NS_CASE(VK_NOT_READY) NS_CASE(VK_TIMEOUT) NS_CASE(VK_EVENT_SET)
    NS_CASE(VK_EVENT_RESET) NS_CASE(VK_INCOMPLETE) NS_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    NS_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY) NS_CASE(VK_ERROR_INITIALIZATION_FAILED)
    NS_CASE(VK_ERROR_DEVICE_LOST) NS_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    NS_CASE(VK_ERROR_LAYER_NOT_PRESENT) NS_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    NS_CASE(VK_ERROR_FEATURE_NOT_PRESENT) NS_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    NS_CASE(VK_ERROR_TOO_MANY_OBJECTS) NS_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    NS_CASE(VK_ERROR_FRAGMENTED_POOL) NS_CASE(VK_ERROR_UNKNOWN)
    NS_CASE(VK_ERROR_OUT_OF_POOL_MEMORY) NS_CASE(VK_ERROR_SURFACE_LOST_KHR)
    NS_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR) NS_CASE(VK_SUBOPTIMAL_KHR)
    NS_CASE(VK_ERROR_OUT_OF_DATE_KHR) NS_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef NS_CASE
    default: return "VK_RESULT_UNKNOWN";
  }
}

void failCheck(const char* expression, const char* file, int line, VkResult result) {
  std::fprintf(stderr, "needlesim: fatal Vulkan error: %s returned %s (%d) at %s:%d\n", expression,
               resultName(result), static_cast<int>(result), file, line);
  std::fflush(stderr);
  // Once: a failure inside the handler (it should touch no GPU) exits directly.
  static bool handling = false;
  if (!handling) {
    handling = true;
    if (FatalHandler handler = fatalHandler()) handler(resultName(result));
  }
  std::fflush(stderr);
  std::_Exit(1);  // not abort(): a clean status 1, what was written stays written
}

}  // namespace ns::vk

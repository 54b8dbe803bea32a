#include "vk/faults.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <string>

namespace ns::vk {
namespace {

struct Plan {
  std::array<unsigned long, 6> at{};     // call number (1-based) that fails; 0: never
  std::array<unsigned long, 6> calls{};
};

Plan readPlan() {
  Plan plan;
  const char* spec = std::getenv("NEEDLESIM_FAULT");
  if (!spec) return plan;
  std::string text = spec;
  const char* names[] = {"device_lost", "alloc", "out_of_date", "suboptimal", "display_sleep", "window_close"};
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    std::string item = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t at = item.find('@');
    for (int i = 0; i < 6; ++i)
      if (at != std::string::npos && item.substr(0, at) == names[i]) plan.at[i] = std::strtoul(item.c_str() + at + 1, nullptr, 10);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return plan;
}

Plan& plan() {
  static Plan p = readPlan();
  return p;
}

FatalHandler g_handler = nullptr;

}  // namespace

bool faultDue(FaultPoint point) {
  Plan& p = plan();
  int i = int(point);
  return p.at[i] != 0 && ++p.calls[i] == p.at[i];
}

VkResult injectFault(FaultPoint point, VkResult actual) {
  if (!faultDue(point)) return actual;
  switch (point) {
    case FaultPoint::Submit: return VK_ERROR_DEVICE_LOST;
    case FaultPoint::Allocate: return VK_ERROR_OUT_OF_DEVICE_MEMORY;
    case FaultPoint::Acquire: return VK_ERROR_OUT_OF_DATE_KHR;
    case FaultPoint::Present: return VK_SUBOPTIMAL_KHR;
    case FaultPoint::DisplaySleep:  // not Vulkan calls
    case FaultPoint::WindowClose: return actual;
  }
  return actual;
}

void setFatalHandler(FatalHandler handler) { g_handler = handler; }
FatalHandler fatalHandler() { return g_handler; }

}  // namespace ns::vk

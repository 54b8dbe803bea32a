#pragma once
// Forced Vulkan faults, for tests of what happens when the GPU fails:
//   NEEDLESIM_FAULT=device_lost@N   the Nth frame submission returns VK_ERROR_DEVICE_LOST
//   NEEDLESIM_FAULT=alloc@N         the Nth device memory allocation returns VK_ERROR_OUT_OF_DEVICE_MEMORY
//   NEEDLESIM_FAULT=out_of_date@N   the Nth swapchain acquire returns VK_ERROR_OUT_OF_DATE_KHR (not called)
//   NEEDLESIM_FAULT=suboptimal@N    the Nth present returns VK_SUBOPTIMAL_KHR
//   NEEDLESIM_FAULT=display_sleep@N from the Nth kiosk frame the display sleeps (the
//                                   window's framebuffer reads 0x0) for kForcedSleepFrames
//   NEEDLESIM_FAULT=window_close@N  the Nth windowed frame, its swapchain image acquired and
//                                   not yet recorded, submitted or presented, has the window
//                                   asked to close, as its close button does (a user's close: status 0)
// Several, comma separated; each fires once. Unset: every call returns its own result.
//
// And what a fatal one does: VK_CHECK's failure prints one line, calls the handler
// set here once (the runtime writes the session's report and records from what it
// has on the CPU), then exits with status 1 — never abort() and a core dump.
#include <vulkan/vulkan.h>

namespace ns::vk {

enum class FaultPoint { Submit, Allocate, Acquire, Present, DisplaySleep, WindowClose };
constexpr int kForcedSleepFrames = 300;  // a forced display sleep: 5 s of frames at 60 Hz

// True when a forced fault is due at this call of `point` (counts every call).
bool faultDue(FaultPoint point);
// `actual`, or the forced result when one is due at this call of `point`.
VkResult injectFault(FaultPoint point, VkResult actual);

using FatalHandler = void (*)(const char* what);
void setFatalHandler(FatalHandler handler);
FatalHandler fatalHandler();

}  // namespace ns::vk

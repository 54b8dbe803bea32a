#include "runtime/window.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <utility>

#include <X11/Xlib.h>  // last: its macros (None, Bool, Status) stay out of the headers above

namespace ns::runtime {
namespace {

std::string lastGlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
}

void (*g_displayLost)() = nullptr;

// Xlib's fatal I/O error handler: its default prints a line and calls exit(1), which
// would lose the session's report and records.
int onDisplayConnectionBroken(Display*) {
  if (auto handler = std::exchange(g_displayLost, nullptr)) handler();
  std::fflush(stderr);
  std::_Exit(1);
}

void onFramebufferSize(GLFWwindow* handle, int, int) {
  if (auto* window = static_cast<Window*>(glfwGetWindowUserPointer(handle)))
    window->framebufferResized = true;
}

}  // namespace

void setDisplayLostHandler(void (*handler)()) {
  g_displayLost = handler;
  XSetIOErrorHandler(onDisplayConnectionBroken);  // process-wide (GLFW sets none)
}

bool initWindowSystem(std::vector<const char*>& instanceExtensions, std::string& error) {
  if (!glfwInit()) {
    error = "cannot open a window: " + lastGlfwError() + " (no display? use --headless)";
    return false;
  }
  if (!glfwVulkanSupported()) {
    error = "cannot open a window: GLFW found no Vulkan loader";
    glfwTerminate();
    return false;
  }
  uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  instanceExtensions.assign(names, names + count);
  return true;
}

bool createWindow(Window& window, int width, int height, const char* title, bool fullscreen,
                  std::string& error) {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  GLFWmonitor* monitor = nullptr;
  if (fullscreen) {
    monitor = glfwGetPrimaryMonitor();
    if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
      width = mode->width;
      height = mode->height;
    }
  }
  window.handle = glfwCreateWindow(width, height, title, monitor, nullptr);
  if (!window.handle) {
    error = "cannot open a window: " + lastGlfwError() + " (no display? use --headless)";
    return false;
  }
  glfwSetWindowUserPointer(window.handle, &window);
  glfwSetFramebufferSizeCallback(window.handle, onFramebufferSize);
  return true;
}

bool createWindowSurface(Window& window, VkInstance instance, std::string& error) {
  VkResult result = glfwCreateWindowSurface(instance, window.handle, nullptr, &window.surface);
  if (result != VK_SUCCESS) {
    error = "cannot create a Vulkan surface for the window: " + lastGlfwError();
    return false;
  }
  return true;
}

VkExtent2D framebufferExtent(const Window& window) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window.handle, &width, &height);
  return {uint32_t(width > 0 ? width : 0), uint32_t(height > 0 ? height : 0)};
}

bool windowShouldClose(const Window& window) { return glfwWindowShouldClose(window.handle); }

void requestWindowClose(Window& window) { glfwSetWindowShouldClose(window.handle, GLFW_TRUE); }

void destroyWindow(Window& window, VkInstance instance) {
  if (window.surface) vkDestroySurfaceKHR(instance, window.surface, nullptr);
  if (window.handle) glfwDestroyWindow(window.handle);
  window = {};
}

void shutdownWindowSystem() { glfwTerminate(); }

}  // namespace ns::runtime

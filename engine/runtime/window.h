#pragma once
// The GLFW window: creation with a clear error when there is no display, the
// Vulkan surface, and a flag set when the framebuffer changes size.
#include <vulkan/vulkan.h>

#include <string>
#include <vector>

struct GLFWwindow;

namespace ns::runtime {

struct Window {
  GLFWwindow* handle = nullptr;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  bool framebufferResized = false;
};

// glfwInit + the instance extensions Vulkan needs for a surface.
bool initWindowSystem(std::vector<const char*>& instanceExtensions, std::string& error);
bool createWindow(Window& window, int width, int height, const char* title, bool fullscreen,
                  std::string& error);
bool createWindowSurface(Window& window, VkInstance instance, std::string& error);
VkExtent2D framebufferExtent(const Window& window);
bool windowShouldClose(const Window& window);
// What the window's close button does: windowShouldClose reads true from now.
void requestWindowClose(Window& window);
void destroyWindow(Window& window, VkInstance instance);
// Called when the connection to the display breaks under the window (the X server
// killed or restarted, `xkill`), from inside the display library: Xlib allows no
// return, so `handler` saves what it can without touching the window or the GPU and
// exits; if it returns, the program exits with status 1.
void setDisplayLostHandler(void (*handler)());
void shutdownWindowSystem();

}  // namespace ns::runtime

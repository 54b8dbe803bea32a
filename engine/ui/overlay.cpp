#include "ui/overlay.h"

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

#include "vk/check.h"
#include "vk/commands.h"
#include "vk/frames.h"
#include "vk/pipelines.h"

namespace ns::ui {
namespace {

void checkImGuiVulkan(VkResult result) {
  if (result != VK_SUCCESS) vk::failCheck("ImGui Vulkan backend call", __FILE__, __LINE__, result);
}

void applyStyle() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.WindowBorderSize = 0.0f;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.08f, 0.09f, 0.11f, 0.86f);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.45f, 0.20f, 0.22f, 1.0f);
  style.Colors[ImGuiCol_TitleBg] = ImVec4(0.30f, 0.14f, 0.16f, 1.0f);
}

}  // namespace

void createOverlay(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                   GLFWwindow* window, Overlay& overlay) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing persisted: kiosks and tests start identical
  io.LogFilename = nullptr;
  applyStyle();
  overlay.descriptorPool = vk::createDescriptorPool(ctx, 8);
  if (window) {
    ImGui_ImplGlfw_InitForVulkan(window, true);
    overlay.usesGlfw = true;
  }
  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = ctx.instance;
  info.PhysicalDevice = ctx.physicalDevice;
  info.Device = ctx.device;
  info.QueueFamily = ctx.queueFamily;
  info.Queue = ctx.queue;
  info.PipelineCache = cache;
  info.DescriptorPool = overlay.descriptorPool;
  info.Subpass = 0;
  info.MinImageCount = vk::kFramesInFlight;
  info.ImageCount = vk::kFramesInFlight;  // ImGui keeps per-frame vertex buffers
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = checkImGuiVulkan;
  ImGui_ImplVulkan_Init(&info, renderPass);
  vk::submitAndWait(ctx, [](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  overlay.active = true;
}

void destroyOverlay(vk::Context& ctx, Overlay& overlay) {
  if (!overlay.active) return;
  vkDeviceWaitIdle(ctx.device);
  ImGui_ImplVulkan_Shutdown();
  if (overlay.usesGlfw) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  vkDestroyDescriptorPool(ctx.device, overlay.descriptorPool, nullptr);
  overlay = {};
}

void overlayNewFrame(Overlay& overlay, VkExtent2D extent, float deltaSeconds) {
  ImGui_ImplVulkan_NewFrame();
  if (overlay.usesGlfw) {
    ImGui_ImplGlfw_NewFrame();
  } else {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(extent.width), float(extent.height));
    io.DeltaTime = deltaSeconds > 0 ? deltaSeconds : 1.0f / 60.0f;
  }
  ImGui::NewFrame();
}

void overlayRecord(Overlay&, VkCommandBuffer cmd) {
  ImGui::Render();
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
}

}  // namespace ns::ui

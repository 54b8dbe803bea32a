#include "ui/overlay.h"

#include <algorithm>
#include <cmath>

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

// The default font (ProggyClean) has Latin-1 only; panels write "—" for a value
// that has no meaning yet, so the font gets an em dash: the hyphen's rows drawn
// across the whole cell. Builds the atlas (the Vulkan backend uploads it as is).
// At a UI scale the font is rasterised at that size (13 px a line at 1x).
void addFontWithEmDash(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  config.SizePixels = std::round(13.0f * scale);
  ImFont* font = io.Fonts->AddFontDefault(&config);
  // ProggyClean is monospaced, 7 px a glyph at 13 px a line.
  const int lineHeight = int(config.SizePixels), advance = int(std::round(7.0f * config.SizePixels / 13.0f));
  int rect = io.Fonts->AddCustomRectFontGlyph(font, 0x2014, advance, lineHeight, float(advance));
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas
  const ImFontGlyph* hyphen = font->FindGlyphNoFallback('-');
  const ImFontAtlasCustomRect* dash = io.Fonts->GetCustomRectByIndex(rect);
  if (!hyphen || !dash || !dash->IsPacked()) return;
  auto* rgba = reinterpret_cast<ImU32*>(pixels);
  int hx = int(hyphen->U0 * float(width) + 0.5f), hy = int(hyphen->V0 * float(height) + 0.5f);
  for (int row = 0; row < int(hyphen->Y1 - hyphen->Y0); ++row) {
    int y = int(hyphen->Y0) + row;  // from the top of the line, as the dash's rect is
    if (y < 0 || y >= int(dash->Height)) continue;
    ImU32 ink = 0;
    for (int col = 0; col < int(hyphen->X1 - hyphen->X0); ++col) ink = std::max(ink, rgba[(hy + row) * width + hx + col]);
    for (int col = 0; col < int(dash->Width); ++col) rgba[(dash->Y + y) * width + dash->X + col] = ink;
  }
}

// The Vulkan backend with the current font atlas uploaded.
void initVulkanBackend(vk::Context& ctx, Overlay& overlay) {
  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = ctx.instance;
  info.PhysicalDevice = ctx.physicalDevice;
  info.Device = ctx.device;
  info.QueueFamily = ctx.queueFamily;
  info.Queue = ctx.queue;
  info.PipelineCache = overlay.cache;
  info.DescriptorPool = overlay.descriptorPool;
  info.Subpass = 0;
  info.MinImageCount = vk::kFramesInFlight;
  info.ImageCount = vk::kFramesInFlight;  // ImGui keeps per-frame vertex buffers
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = checkImGuiVulkan;
  ImGui_ImplVulkan_Init(&info, overlay.renderPass);
  vk::submitAndWait(ctx, [](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
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
  addFontWithEmDash(1.0f);
  overlay.descriptorPool = vk::createDescriptorPool(ctx, 8);
  overlay.renderPass = renderPass;
  overlay.cache = cache;
  if (window) {
    ImGui_ImplGlfw_InitForVulkan(window, true);
    overlay.usesGlfw = true;
  }
  initVulkanBackend(ctx, overlay);
  createThumbnails(ctx, cache, renderPass, overlay.thumbnails);
  overlay.active = true;
}

void destroyOverlay(vk::Context& ctx, Overlay& overlay) {
  if (!overlay.active) return;
  vkDeviceWaitIdle(ctx.device);
  destroyLivePicture(ctx, overlay.live);
  destroyThumbnails(ctx, overlay.thumbnails);
  ImGui_ImplVulkan_Shutdown();
  if (overlay.usesGlfw) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  vk::destroyDescriptorPool(ctx, overlay.descriptorPool);
  overlay = {};
}

void setOverlayScale(vk::Context& ctx, Overlay& overlay, float scale) {
  scale = std::clamp(scale, kMinUiScale, kMaxUiScale);
  if (!overlay.active || std::abs(scale - overlay.scale) < 1e-3f) return;
  vkDeviceWaitIdle(ctx.device);  // the backend's buffers and font image may be in flight
  ImGui_ImplVulkan_Shutdown();
  // The backend leaves its font descriptor set in our pool: the pool is ImGui's alone.
  vkResetDescriptorPool(ctx.device, overlay.descriptorPool, 0);
  ImGui::GetIO().Fonts->Clear();
  ImGui::GetStyle() = ImGuiStyle();
  applyStyle();
  ImGui::GetStyle().ScaleAllSizes(scale);
  addFontWithEmDash(scale);
  initVulkanBackend(ctx, overlay);
  overlay.scale = scale;
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
  beginThumbnailFrame(overlay.thumbnails);
}

void overlayRecord(Overlay& overlay, VkCommandBuffer cmd) {
  ImGui::Render();
  setThumbnailCommandBuffer(overlay.thumbnails, cmd);  // the pictures' draw callbacks record into it
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
  setThumbnailCommandBuffer(overlay.thumbnails, VK_NULL_HANDLE);
}

void overlayRecordUploads(vk::Context& ctx, Overlay& overlay, VkCommandBuffer cmd, uint32_t slot) {
  if (overlay.active) recordLivePictureUpload(ctx, overlay.live, cmd, slot);
}

}  // namespace ns::ui

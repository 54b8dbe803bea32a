#include "ui/thumbnails.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "vk/check.h"
#include "vk/commands.h"

namespace ns::ui {
namespace {

const uint32_t kVertexSpirv[] = {
#include "thumbnail.vert.spv.inc"
};
const uint32_t kFragmentSpirv[] = {
#include "thumbnail.frag.spv.inc"
};

struct Push {
  float rectMin[2], rectMax[2];
};

void freeItems(vk::Context& ctx, Thumbnails& t) {
  if (t.items.empty()) return;
  vkDeviceWaitIdle(ctx.device);  // a frame in flight may still sample them
  for (Thumbnail& item : t.items)
    if (item.image.image) vk::destroyImage(ctx, item.image);
  t.items.clear();
  VK_CHECK(vkResetDescriptorPool(ctx.device, t.pool, 0));
}

// Uploads `image` into a sampled texture of `item` (one-shot copy through a staging buffer).
void upload(vk::Context& ctx, Thumbnails& t, const core::ImageRGBA8& image, Thumbnail& item) {
  vk::ImageDesc desc;
  desc.extent = {image.width, image.height, 1};
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  item.image = vk::createImage(ctx, desc);
  vk::Buffer staging = vk::createBuffer(ctx, image.pixels.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, vk::MemoryUse::Upload);
  std::memcpy(staging.mapped, image.pixels.data(), image.pixels.size());
  vk::flushBuffer(ctx, staging);
  vk::submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    vk::imageBarrier(ctx, cmd, {item.image.image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_COPY_BIT,
                                VK_ACCESS_2_TRANSFER_WRITE_BIT});
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = desc.extent;
    vkCmdCopyBufferToImage(cmd, staging.buffer, item.image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    vk::imageBarrier(ctx, cmd, {item.image.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                                VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                VK_ACCESS_2_SHADER_SAMPLED_READ_BIT});
  });
  vk::destroyBuffer(ctx, staging);
  item.set = vk::allocateDescriptorSet(ctx, t.pool, t.setLayout);
  vk::writeSampledImageDescriptor(ctx, item.set, 0, t.sampler, item.image.view);
  item.width = image.width;
  item.height = image.height;
}

// The draw-list callback: the picture's quad in the rectangle the panel laid out,
// clipped like the window it is in.
void drawCallback(const ImDrawList*, const ImDrawCmd* command) {
  auto* draw = static_cast<const Thumbnails::Draw*>(command->UserCallbackData);
  Thumbnails& t = *draw->owner;
  ImDrawData* data = ImGui::GetDrawData();
  if (!t.cmd || !t.pipeline.pipeline || !draw->set || !data || data->DisplaySize.x <= 0) return;
  ImVec2 origin = data->DisplayPos, size = data->DisplaySize, scale = data->FramebufferScale;
  float fbW = size.x * scale.x, fbH = size.y * scale.y;
  float x0 = std::max(0.0f, (command->ClipRect.x - origin.x) * scale.x), y0 = std::max(0.0f, (command->ClipRect.y - origin.y) * scale.y);
  float x1 = std::min(fbW, (command->ClipRect.z - origin.x) * scale.x), y1 = std::min(fbH, (command->ClipRect.w - origin.y) * scale.y);
  if (x1 <= x0 || y1 <= y0) return;
  VkRect2D scissor{{int32_t(x0), int32_t(y0)}, {uint32_t(x1 - x0), uint32_t(y1 - y0)}};
  vkCmdSetScissor(t.cmd, 0, 1, &scissor);
  auto ndc = [&](float v, float o, float extent) { return (v - o) / extent * 2.0f - 1.0f; };
  Push push{{ndc(draw->x0, origin.x, size.x), ndc(draw->y0, origin.y, size.y)},
            {ndc(draw->x1, origin.x, size.x), ndc(draw->y1, origin.y, size.y)}};
  vkCmdBindPipeline(t.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, t.pipeline.pipeline);
  vkCmdBindDescriptorSets(t.cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, t.pipeline.layout, 0, 1, &draw->set, 0, nullptr);
  vkCmdPushConstants(t.cmd, t.pipeline.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(Push), &push);
  vkCmdDraw(t.cmd, 6, 1, 0, 0);
}

}  // namespace

void createThumbnails(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, Thumbnails& t) {
  VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
  VkDescriptorSetLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  layoutInfo.bindingCount = 1;
  layoutInfo.pBindings = &binding;
  VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &layoutInfo, nullptr, &t.setLayout));
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, uint32_t(kMaxThumbnails)};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.maxSets = uint32_t(kMaxThumbnails);
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = &size;
  VK_CHECK(vkCreateDescriptorPool(ctx.device, &poolInfo, nullptr, &t.pool));
  VkSamplerCreateInfo sampler{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  sampler.magFilter = sampler.minFilter = VK_FILTER_LINEAR;
  sampler.addressModeU = sampler.addressModeV = sampler.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  VK_CHECK(vkCreateSampler(ctx.device, &sampler, nullptr, &t.sampler));
  if (renderPass) {
    vk::GraphicsPipelineDesc desc;
    desc.vertexSpirv = kVertexSpirv;
    desc.fragmentSpirv = kFragmentSpirv;
    desc.setLayouts = {t.setLayout};
    desc.pushConstantBytes = sizeof(Push);
    desc.renderPass = renderPass;
    desc.cullMode = VK_CULL_MODE_NONE;
    desc.depthTest = false;
    desc.depthWrite = false;
    t.pipeline = vk::createGraphicsPipeline(ctx, cache, desc);
  }
  t.created = true;
}

void destroyThumbnails(vk::Context& ctx, Thumbnails& t) {
  if (!t.created) return;
  freeItems(ctx, t);
  if (t.pipeline.pipeline) vk::destroyGraphicsPipeline(ctx, t.pipeline);
  vkDestroySampler(ctx.device, t.sampler, nullptr);
  vkDestroyDescriptorPool(ctx.device, t.pool, nullptr);
  vkDestroyDescriptorSetLayout(ctx.device, t.setLayout, nullptr);
  t = {};
}

core::ImageRGBA8 shrinkImage(const core::ImageRGBA8& image, uint32_t maxWidth) {
  if (image.width <= maxWidth || image.width == 0 || maxWidth == 0) return image;
  core::ImageRGBA8 out;
  out.width = maxWidth;
  out.height = std::max<uint32_t>(1, uint32_t(uint64_t(image.height) * maxWidth / image.width));
  out.pixels.assign(size_t(out.width) * out.height * 4, 0);
  for (uint32_t y = 0; y < out.height; ++y) {
    uint32_t sy0 = uint32_t(uint64_t(y) * image.height / out.height);
    uint32_t sy1 = std::max(sy0 + 1, uint32_t(uint64_t(y + 1) * image.height / out.height));
    for (uint32_t x = 0; x < out.width; ++x) {
      uint32_t sx0 = uint32_t(uint64_t(x) * image.width / out.width);
      uint32_t sx1 = std::max(sx0 + 1, uint32_t(uint64_t(x + 1) * image.width / out.width));
      uint64_t sum[4] = {0, 0, 0, 0}, n = uint64_t(sx1 - sx0) * (sy1 - sy0);
      for (uint32_t sy = sy0; sy < sy1; ++sy)
        for (uint32_t sx = sx0; sx < sx1; ++sx)
          for (int c = 0; c < 4; ++c) sum[c] += image.pixels[(size_t(sy) * image.width + sx) * 4 + c];
      for (int c = 0; c < 4; ++c) out.pixels[(size_t(y) * out.width + x) * 4 + c] = uint8_t((sum[c] + n / 2) / n);
    }
  }
  return out;
}

void loadThumbnails(vk::Context& ctx, Thumbnails& t, const std::vector<std::string>& paths) {
  if (!t.created) return;
  freeItems(ctx, t);
  for (size_t i = 0; i < paths.size() && i < kMaxThumbnails; ++i) {
    Thumbnail& item = t.items.emplace_back();
    item.path = paths[i];
    if (item.path.empty()) continue;
    core::ImageRGBA8 image;
    if (!core::readPng(item.path, image, item.problem)) continue;
    if (image.width == 0 || image.height == 0) {
      item.problem = "empty picture";
      continue;
    }
    upload(ctx, t, shrinkImage(image, kThumbnailWidth), item);
  }
}

void beginThumbnailFrame(Thumbnails& t) { t.drawCount = 0; }

bool addPictureDraw(Thumbnails& t, VkDescriptorSet set, float x0, float y0, float x1, float y1) {
  if (!t.pipeline.pipeline || !set || t.drawCount >= t.draws.size()) return false;
  Thumbnails::Draw& draw = t.draws[t.drawCount++];
  draw = {&t, set, x0, y0, x1, y1};
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddCallback(drawCallback, &draw);
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's pipeline and font again
  return true;
}
void setThumbnailCommandBuffer(Thumbnails& t, VkCommandBuffer cmd) { t.cmd = cmd; }

void drawThumbnail(Thumbnails& t, const std::string& path, float width) {
  size_t index = t.items.size();
  for (size_t i = 0; i < t.items.size(); ++i)
    if (t.items[i].path == path && !path.empty()) index = i;
  bool loaded = index < t.items.size() && t.items[index].loaded();
  float height = loaded ? width * float(t.items[index].height) / float(t.items[index].width) : width * 9.0f / 16.0f;
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* list = ImGui::GetWindowDrawList();
  // A plain box when no picture was written, or it cannot be read or drawn now.
  if (!loaded || !addPictureDraw(t, t.items[index].set, at.x, at.y, at.x + width, at.y + height)) {
    list->AddRectFilled(at, ImVec2(at.x + width, at.y + height), IM_COL32(40, 42, 48, 255));
    list->AddRect(at, ImVec2(at.x + width, at.y + height), IM_COL32(90, 92, 100, 255));
    const char* text = "no picture";
    ImVec2 size = ImGui::CalcTextSize(text);
    list->AddText(ImVec2(at.x + (width - size.x) / 2, at.y + (height - size.y) / 2), IM_COL32(140, 140, 150, 255), text);
  }
  ImGui::Dummy(ImVec2(width, height));
  if (ImGui::IsItemHovered()) {
    if (index < t.items.size() && !t.items[index].problem.empty())
      ImGui::SetTooltip("%s\n%s", path.c_str(), t.items[index].problem.c_str());
    else if (!path.empty())
      ImGui::SetTooltip("%s", path.c_str());
  }
}

}  // namespace ns::ui

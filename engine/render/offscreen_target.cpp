#include "render/offscreen_target.h"

#include "vk/check.h"

namespace ns::render {
namespace {

// `overwrite`: the first draw covers every pixel (an upscaled view), so nothing is
// cleared or loaded, colour or depth (which nothing then tests).
VkRenderPass createRenderPass(vk::Context& ctx, bool overwrite) {
  VkAttachmentDescription attachments[2]{};
  attachments[0].format = kColorFormat;
  attachments[0].samples = VK_SAMPLE_COUNT_1_BIT;
  attachments[0].loadOp = overwrite ? VK_ATTACHMENT_LOAD_OP_DONT_CARE : VK_ATTACHMENT_LOAD_OP_CLEAR;
  attachments[0].storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  attachments[0].stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  attachments[0].stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  attachments[0].initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  attachments[0].finalLayout = kColorRestingLayout;
  attachments[1].format = kDepthFormat;
  attachments[1].samples = VK_SAMPLE_COUNT_1_BIT;
  attachments[1].loadOp = overwrite ? VK_ATTACHMENT_LOAD_OP_DONT_CARE : VK_ATTACHMENT_LOAD_OP_CLEAR;
  attachments[1].storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  attachments[1].stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  attachments[1].stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  attachments[1].initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  attachments[1].finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;

  VkAttachmentReference colorRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkAttachmentReference depthRef{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colorRef;
  subpass.pDepthStencilAttachment = &depthRef;

  VkSubpassDependency deps[2]{};
  // In: the previous frame's blit/readback of the colour image (write-after-read)
  // and its depth writes (write-after-write) finish before this frame writes.
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[0].srcAccessMask = VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
                          VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                          VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
  // Out: colour writes are visible to the blit or the readback copy.
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
  deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;

  VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  info.attachmentCount = 2;
  info.pAttachments = attachments;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 2;
  info.pDependencies = deps;
  VkRenderPass pass = VK_NULL_HANDLE;
  VK_CHECK(vkCreateRenderPass(ctx.device, &info, nullptr, &pass));
  return pass;
}

void createSizedResources(vk::Context& ctx, OffscreenTarget& target, VkExtent2D extent) {
  target.extent = extent;
  vk::ImageDesc color;
  color.extent = {extent.width, extent.height, 1};
  color.format = kColorFormat;
  // (sampled: a view drawn at a lower scale is read by the upscale pass)
  color.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                VK_IMAGE_USAGE_SAMPLED_BIT;
  target.color = vk::createImage(ctx, color);
  vk::ImageDesc depth = color;
  depth.format = kDepthFormat;
  depth.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  depth.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  target.depth = vk::createImage(ctx, depth);
  VkImageView views[2] = {target.color.view, target.depth.view};
  VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
  info.renderPass = target.renderPass;
  info.attachmentCount = 2;
  info.pAttachments = views;
  info.width = extent.width;
  info.height = extent.height;
  info.layers = 1;
  VK_CHECK(vkCreateFramebuffer(ctx.device, &info, nullptr, &target.framebuffer));
}

void destroySizedResources(vk::Context& ctx, OffscreenTarget& target) {
  if (target.framebuffer) vkDestroyFramebuffer(ctx.device, target.framebuffer, nullptr);
  target.framebuffer = VK_NULL_HANDLE;
  vk::destroyImage(ctx, target.color);
  vk::destroyImage(ctx, target.depth);
}

}  // namespace

VkRenderPass createOverwritingRenderPass(vk::Context& ctx) { return createRenderPass(ctx, true); }

void createOffscreenTarget(vk::Context& ctx, OffscreenTarget& target, VkExtent2D extent) {
  target.renderPass = createRenderPass(ctx, false);
  createSizedResources(ctx, target, extent);
}

void resizeOffscreenTarget(vk::Context& ctx, OffscreenTarget& target, VkExtent2D extent) {
  destroySizedResources(ctx, target);
  createSizedResources(ctx, target, extent);
}

void destroyOffscreenTarget(vk::Context& ctx, OffscreenTarget& target) {
  destroySizedResources(ctx, target);
  if (target.renderPass) vkDestroyRenderPass(ctx.device, target.renderPass, nullptr);
  target = {};
}

}  // namespace ns::render

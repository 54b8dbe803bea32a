#pragma once
// The micro view: a magnified vertical slice of the tissue block under the pen
// (serum in viridis over the layer colours, a 100 µm grid, a depth ruler and the
// channels' depth marked to the inset's scale), drawn into an inset viewport of the
// same render pass. It reads the skin pass's field bindings.
#include <vulkan/vulkan.h>

#include "render/frame_view.h"
#include "vk/context.h"
#include "vk/pipelines.h"

namespace ns::render {

struct MicroViewPass {
  vk::GraphicsPipeline pipeline;
  int layerCount = 0;
};

// `fieldLayout`: the set layout of the field bindings (render/field_bindings.h).
void createMicroViewPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass,
                         VkDescriptorSetLayout fieldLayout, int layerCount, MicroViewPass& pass);
void destroyMicroViewPass(vk::Context& ctx, MicroViewPass& pass);

// Where the micro view goes in a frame of this size (pixels: x, y, width, height).
VkRect2D microViewRect(VkExtent2D extent);

// Draws the inset when the settings ask for it, the block has a place and there is
// a field; then restores the viewport and scissor to the whole `extent`.
void recordMicroViewPass(VkCommandBuffer cmd, const MicroViewPass& pass, VkDescriptorSet fieldSet,
                         VkExtent2D extent, const FrameView& view);

}  // namespace ns::render

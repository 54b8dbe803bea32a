#pragma once
// The 3D pen where the frame's settings put it: a translucent body, the cartridge
// with its dial ring, the needles while striking. Its geometry depends on the dial
// step, whether the needles are out and whether the pen is tilted; each variant is
// built on first use and kept (a cache: the picture depends only on the frame).
#include <vulkan/vulkan.h>

#include <glm/glm.hpp>

#include <map>

#include "render/frame_view.h"
#include "render/geometry.h"
#include "scene/scene.h"
#include "vk/context.h"
#include "vk/pipelines.h"

namespace ns::render {

struct PenPass {
  vk::GraphicsPipeline pipeline;
  scene::Pen pen;
  std::map<int, Geometry> meshes;  // by (dial step, needles out, tilted)
};

void createPenPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, const scene::Pen& pen,
                   PenPass& pass);
void destroyPenPass(vk::Context& ctx, PenPass& pass);

// Draws the pen posed by `settings` (penTip_mm, penAxis, penContact, penDial_mm),
// uploading its geometry the first time this variant is seen.
void recordPenPass(vk::Context& ctx, VkCommandBuffer cmd, PenPass& pass, const glm::mat4& viewProj,
                   const RenderSettings& settings);

}  // namespace ns::render

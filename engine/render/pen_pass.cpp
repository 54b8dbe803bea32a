#include "render/pen_pass.h"

#include <algorithm>
#include <cmath>

#include "render/pen_mesh.h"
#include "shared.h"

namespace ns::render {
namespace {

const uint32_t kSolidVert[] = {
#include "solid.vert.spv.inc"
};
const uint32_t kSolidFrag[] = {
#include "solid.frag.spv.inc"
};

const Geometry& penMesh(vk::Context& ctx, PenPass& pass, const RenderSettings& s) {
  int step = int(std::lround(s.penDial_mm / std::max(0.05, pass.pen.dial_step_mm)));
  bool tilted = glm::degrees(std::acos(std::clamp(-glm::normalize(s.penAxis).z, -1.0f, 1.0f))) > 10.0f;
  int key = step * 4 + (s.penContact ? 2 : 0) + (tilted ? 1 : 0);
  auto found = pass.meshes.find(key);
  if (found != pass.meshes.end()) return found->second;
  SolidMesh mesh = buildPenMesh(pass.pen, s.penDial_mm, s.penContact ? s.penDial_mm : 0.0, tilted);
  return pass.meshes[key] = uploadGeometry(ctx, mesh.vertices, mesh.indices);
}

}  // namespace

void createPenPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, const scene::Pen& pen,
                   PenPass& pass) {
  pass.pen = pen;
  vk::GraphicsPipelineDesc desc = geometryPipelineDesc<SolidVertex>(
      kSolidVert, kSolidFrag, sizeof(gpu::SolidPush), renderPass,
      {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(SolidVertex, position)},
       {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(SolidVertex, normal)},
       {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(SolidVertex, color)}});
  desc.cullMode = VK_CULL_MODE_NONE;
  desc.alphaBlend = true;
  pass.pipeline = vk::createGraphicsPipeline(ctx, cache, desc);
}

void destroyPenPass(vk::Context& ctx, PenPass& pass) {
  for (auto& [key, mesh] : pass.meshes) destroyGeometry(ctx, mesh);
  pass.meshes.clear();
  vk::destroyGraphicsPipeline(ctx, pass.pipeline);
}

void recordPenPass(vk::Context& ctx, VkCommandBuffer cmd, PenPass& pass, const glm::mat4& viewProj,
                   const RenderSettings& settings) {
  const Geometry& mesh = penMesh(ctx, pass, settings);
  glm::vec3 up = -glm::normalize(settings.penAxis);  // the pen frame's +z: up the body
  glm::vec3 reference = std::fabs(up.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  glm::vec3 ex = glm::normalize(reference - up * glm::dot(up, reference)), ey = glm::cross(up, ex);
  gpu::SolidPush push{viewProj, glm::mat4(glm::vec4(ex, 0), glm::vec4(ey, 0), glm::vec4(up, 0),
                                          glm::vec4(settings.penTip_mm, 1))};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.pipeline.pipeline);
  vkCmdPushConstants(cmd, pass.pipeline.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                     sizeof(push), &push);
  drawGeometry(cmd, mesh);
}

}  // namespace ns::render

#include "render/geometry.h"

#include <cstring>

namespace ns::render {

vk::Buffer uploadStatic(vk::Context& ctx, const void* data, size_t bytes, VkBufferUsageFlags usage) {
  vk::Buffer buffer = vk::createBuffer(ctx, bytes, usage, vk::MemoryUse::Upload);
  std::memcpy(buffer.mapped, data, bytes);
  vk::flushBuffer(ctx, buffer);
  return buffer;
}

void destroyGeometry(vk::Context& ctx, Geometry& geometry) {
  vk::destroyBuffer(ctx, geometry.vertices);
  vk::destroyBuffer(ctx, geometry.indices);
  geometry.indexCount = 0;
}

void drawGeometry(VkCommandBuffer cmd, const Geometry& geometry) {
  VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &geometry.vertices.buffer, &offset);
  vkCmdBindIndexBuffer(cmd, geometry.indices.buffer, 0, VK_INDEX_TYPE_UINT32);
  vkCmdDrawIndexed(cmd, geometry.indexCount, 1, 0, 0, 0);
}

vk::GraphicsPipelineDesc fullViewportPipelineDesc(std::span<const uint32_t> vertexSpirv,
                                                  std::span<const uint32_t> fragmentSpirv, uint32_t pushBytes,
                                                  VkRenderPass renderPass) {
  return {.vertexSpirv = vertexSpirv, .fragmentSpirv = fragmentSpirv, .pushConstantBytes = pushBytes,
          .renderPass = renderPass, .cullMode = VK_CULL_MODE_NONE, .depthTest = false, .depthWrite = false};
}

}  // namespace ns::render

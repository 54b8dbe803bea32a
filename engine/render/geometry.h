#pragma once
// Indexed geometry in small buffers written once (host-visible memory is fine on
// every device for what is uploaded at creation or on first use and never changes),
// and the descriptions of the pipelines the passes draw with.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "vk/context.h"
#include "vk/pipelines.h"
#include "vk/resources.h"

namespace ns::render {

struct Geometry {
  vk::Buffer vertices, indices;
  uint32_t indexCount = 0;
};

vk::Buffer uploadStatic(vk::Context& ctx, const void* data, size_t bytes, VkBufferUsageFlags usage);

template <class Vertex>
Geometry uploadGeometry(vk::Context& ctx, const std::vector<Vertex>& vertices, const std::vector<uint32_t>& indices) {
  Geometry g;
  g.vertices = uploadStatic(ctx, vertices.data(), vertices.size() * sizeof(Vertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  g.indices = uploadStatic(ctx, indices.data(), indices.size() * sizeof(uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
  g.indexCount = uint32_t(indices.size());
  return g;
}

void destroyGeometry(vk::Context& ctx, Geometry& geometry);

// Binds the buffers (vertex binding 0, 32-bit indices) and draws every index once.
void drawGeometry(VkCommandBuffer cmd, const Geometry& geometry);

// A pipeline drawing Geometry of `Vertex` (interleaved at binding 0, `attributes`
// from it); back faces culled, depth tested and written unless the caller changes it.
template <class Vertex>
vk::GraphicsPipelineDesc geometryPipelineDesc(std::span<const uint32_t> vertexSpirv,
                                              std::span<const uint32_t> fragmentSpirv, uint32_t pushBytes,
                                              VkRenderPass renderPass,
                                              std::vector<VkVertexInputAttributeDescription> attributes) {
  return {.vertexSpirv = vertexSpirv,
          .fragmentSpirv = fragmentSpirv,
          .vertexBindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}},
          .vertexAttributes = std::move(attributes),
          .pushConstantBytes = pushBytes,
          .renderPass = renderPass};
}

// A pipeline drawing one triangle over the viewport, made by its vertex shader (no
// vertex input): painted over what is there, no culling, no depth test or write.
vk::GraphicsPipelineDesc fullViewportPipelineDesc(std::span<const uint32_t> vertexSpirv,
                                                  std::span<const uint32_t> fragmentSpirv, uint32_t pushBytes,
                                                  VkRenderPass renderPass);

}  // namespace ns::render

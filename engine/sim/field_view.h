#pragma once
// What the simulation publishes for the renderer: read-only handles to the fields
// it draws, and the grid shape that places them. The renderer reads these and
// nothing else of the simulation (no solver internals, no backend questions).
//
//   sim::FieldView field = sim::publishedField(diffusionGpu, healingGpu, healingState);  // after each step
//   render::recordFrame(ctx, cmd, renderer, target, view /* holds field */, ...);
#include <vulkan/vulkan.h>

#include <glm/glm.hpp>

#include "sim/grid.h"

namespace ns::sim {

struct DiffusionGpu;
struct HealingGpu;
struct HealingState;

struct FieldView {
  GridShape shape;                 // the tissue block: cells and spacing (µm)
  int texelsPerRow = 0;            // rgba32f texels per x row (4 cells each, x padded)
  // The serum activity u = C/K in two ping-pong buffers; `current` holds the latest.
  VkBufferView activity[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
  int current = 0;
  VkBufferView capacity = VK_NULL_HANDLE;        // K per cell (C = u·K)
  VkBufferView healingSurface = VK_NULL_HANDLE;  // kSurfaceStride (3) vec4 per surface column or atlas texel
  glm::ivec2 atlas{0, 0};          // healing texels across u and v on a mesh; (0, 0): the block's columns
  // The columns a deposit ever reached (x0, y0, x1, y1; x1 <= x0: none): outside it
  // healingSurface is exactly zero.
  glm::ivec4 treated{0};
  bool anyTreated() const { return treated.z > treated.x && treated.w > treated.y; }
  bool present() const { return activity[0] != VK_NULL_HANDLE; }
};

// The view of these fields as they are now (call after the frame's simulation step).
FieldView publishedField(const DiffusionGpu& diffusion, const HealingGpu& healing, const HealingState& state);

}  // namespace ns::sim

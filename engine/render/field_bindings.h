#pragma once
// What the skin and micro-view shaders read besides their push constants, in one
// descriptor set layout: the scene constants (gpu::SkinStatic, binding 0) and the
// simulation's fields as uniform texel buffers: activity u (1), capacity K (2) and
// the healing surface (3). There is one set per activity buffer, written at creation
// from the FieldView given then (its buffer views are stable for the run); a frame
// picks the set holding the latest activity. Without a simulation (an empty
// FieldView) every field binding holds a placeholder texel of zeros. A face has a
// tissue block per treated region: each block's field is added once
// (addFieldBinding, with that block's layers in its constants) and a frame picks the
// sets of the field it shows.
#include <vulkan/vulkan.h>

#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/field_view.h"
#include "vk/context.h"
#include "vk/resources.h"

namespace ns::render {

constexpr int kMaxBoundFields = 12;  // a block per region of the face's map, and room

struct BoundField {
  VkDescriptorSet sets[2] = {};           // [i]: reads the field's activity buffer i
  VkBufferView boundActivity[2] = {};     // what the sets were written with (picked per frame)
  vk::Buffer staticUniforms;              // gpu::SkinStatic (its layers)
};

struct FieldBindings {
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  BoundField fields[kMaxBoundFields];
  int count = 0;
  vk::Buffer placeholder;                 // one texel of zeros: bound where a field is missing
  VkBufferView placeholderView = VK_NULL_HANDLE;
};

void createFieldBindings(vk::Context& ctx, const scene::Scene& scene, const scene::SkinSurface& skin,
                         const sim::FieldView& field, FieldBindings& bindings);
void destroyFieldBindings(vk::Context& ctx, FieldBindings& bindings);

// Another field (a tissue block's; `scene` holds its layers) the renderer may be
// handed; false when there is no room left. Outside a frame's recording.
bool addFieldBinding(vk::Context& ctx, const scene::Scene& scene, const scene::SkinSurface& skin,
                     const sim::FieldView& field, FieldBindings& bindings);
bool hasFieldBinding(const FieldBindings& bindings, const sim::FieldView& field);

// The set for this frame's field (its `current` activity buffer). `field` must be
// one the bindings hold, or an empty view (else the first field's set).
VkDescriptorSet fieldSet(const FieldBindings& bindings, const sim::FieldView& field);

// The tissue layers the shaders tell apart (the first 8).
int shadedLayerCount(const scene::Scene& scene);

}  // namespace ns::render

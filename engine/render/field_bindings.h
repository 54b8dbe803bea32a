#pragma once
// What the skin and micro-view shaders read besides their push constants, in one
// descriptor set layout: the scene constants (gpu::SkinStatic, binding 0) and the
// simulation's fields as uniform texel buffers: activity u (1), capacity K (2) and
// the healing surface (3). There is one set per activity buffer, written at creation
// from the FieldView given then (its buffer views are stable for the run); a frame
// picks the set holding the latest activity. Without a simulation (an empty
// FieldView) every field binding holds a placeholder texel of zeros.
#include <vulkan/vulkan.h>

#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/field_view.h"
#include "vk/context.h"
#include "vk/resources.h"

namespace ns::render {

struct FieldBindings {
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet sets[2] = {};           // [i]: reads the field's activity buffer i
  VkBufferView boundActivity[2] = {};     // what the sets were written with (checked per frame)
  vk::Buffer staticUniforms;              // gpu::SkinStatic
  vk::Buffer placeholder;                 // one texel of zeros: bound where a field is missing
  VkBufferView placeholderView = VK_NULL_HANDLE;
};

void createFieldBindings(vk::Context& ctx, const scene::Scene& scene, const scene::SkinSurface& skin,
                         const sim::FieldView& field, FieldBindings& bindings);
void destroyFieldBindings(vk::Context& ctx, FieldBindings& bindings);

// The set for this frame's field (its `current` activity buffer). `field` must be
// the one the bindings were created with, or an empty view.
VkDescriptorSet fieldSet(const FieldBindings& bindings, const sim::FieldView& field);

// The tissue layers the shaders tell apart (the first 8).
int shadedLayerCount(const scene::Scene& scene);

}  // namespace ns::render

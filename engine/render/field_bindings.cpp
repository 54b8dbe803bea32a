#include "render/field_bindings.h"

#include "pen/cartridge.h"

#include <algorithm>
#include <cassert>

#include "render/geometry.h"
#include "shared.h"
#include "sim/healing.h"
#include "vk/check.h"
#include "vk/pipelines.h"

namespace ns::render {
namespace {

gpu::SkinStatic skinStatic(const scene::Scene& scene, const scene::SkinSurface& skin, const sim::FieldView& field) {
  gpu::SkinStatic st{};
  float bottoms[8] = {};
  double depth = 0;
  for (int i = 0; i < shadedLayerCount(scene); ++i) bottoms[i] = float(depth += scene.tissue.layers[size_t(i)].thickness_um);
  st.layerBottom0_um = {bottoms[0], bottoms[1], bottoms[2], bottoms[3]};
  st.layerBottom1_um = {bottoms[4], bottoms[5], bottoms[6], bottoms[7]};
  if (field.present()) {
    const sim::GridShape& s = field.shape;
    st.texelsPerRow = field.texelsPerRow;
    st.cellsX = s.nx;
    st.cellsY = s.ny;
    st.cellsZ = s.nz;
    st.fieldWidth_mm = float(s.nx * s.hx_um / 1000.0);
    st.fieldDepth_mm = float(s.nz * s.hz_um / 1000.0);
  }
  st.optimalDermalDose_um = float(scene.healing.optimal_dermal_dose_um);
  st.closureHalfLife_s = float(sim::closureHalfLife_s(scene.healing));
  st.overTreatedDensity_per_mm2 = float(pen::overTreatmentDensity_per_mm2(scene.pen));
  st.atlasCells = field.atlas;
  st.swellingFull_mm = float(scene.healing.swelling_full_mm);  // the skin pass's vertex stage lifts the skin by the swelling
  if (scene::hasCutFaces(skin)) st.patchWidth_mm = float(2.0 * skin.patchHalfWidth_mm);
  if (!scene::hasCutFaces(skin)) {  // a mesh: its UV chart
    glm::dvec2 stretch = scene::uvStretch_mm(skin.mesh);
    st.chart_mm = {float(stretch.x), float(stretch.y)};
  }
  return st;
}

}  // namespace

int shadedLayerCount(const scene::Scene& scene) { return int(std::min<size_t>(scene.tissue.layers.size(), 8)); }

void createFieldBindings(vk::Context& ctx, const scene::Scene& scene, const scene::SkinSurface& skin,
                         const sim::FieldView& field, FieldBindings& b) {
  VkDescriptorSetLayoutBinding bindings[4] = {
      {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
      {1, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
      {2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
      {3, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}};
  VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  info.bindingCount = 4;
  info.pBindings = bindings;
  VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &info, nullptr, &b.setLayout));
  float zeros[4] = {0, 0, 0, 0};
  b.placeholder = uploadStatic(ctx, zeros, sizeof(zeros), VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT);
  b.placeholderView = vk::createTexelView(ctx, b.placeholder, VK_FORMAT_R32G32B32A32_SFLOAT);
  b.pool = vk::createDescriptorPool(ctx, 2 * kMaxBoundFields);
  addFieldBinding(ctx, scene, skin, field, b);
}

bool addFieldBinding(vk::Context& ctx, const scene::Scene& scene, const scene::SkinSurface& skin,
                     const sim::FieldView& field, FieldBindings& b) {
  if (b.count >= kMaxBoundFields) return false;
  BoundField& f = b.fields[b.count++];
  gpu::SkinStatic st = skinStatic(scene, skin, field);
  f.staticUniforms = uploadStatic(ctx, &st, sizeof(st), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT);
  auto orPlaceholder = [&](VkBufferView v) { return v != VK_NULL_HANDLE ? v : b.placeholderView; };
  for (int i = 0; i < 2; ++i) {
    f.boundActivity[i] = field.activity[i];
    f.sets[i] = vk::allocateDescriptorSet(ctx, b.pool, b.setLayout);
    vk::writeBufferDescriptor(ctx, f.sets[i], 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, f.staticUniforms.buffer);
    VkBufferView texels[3] = {orPlaceholder(field.activity[i]), orPlaceholder(field.capacity),
                              orPlaceholder(field.healingSurface)};
    for (uint32_t binding = 1; binding <= 3; ++binding)
      vk::writeTexelBufferDescriptor(ctx, f.sets[i], binding, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, texels[binding - 1]);
  }
  return true;
}

bool hasFieldBinding(const FieldBindings& b, const sim::FieldView& field) {
  for (int k = 0; k < b.count; ++k)
    if (b.fields[k].boundActivity[0] == field.activity[0] && b.fields[k].boundActivity[1] == field.activity[1]) return true;
  return false;
}

void destroyFieldBindings(vk::Context& ctx, FieldBindings& b) {
  vk::destroyDescriptorPool(ctx, b.pool);
  vkDestroyDescriptorSetLayout(ctx.device, b.setLayout, nullptr);
  vk::destroyTexelView(ctx, b.placeholderView);
  vk::destroyBuffer(ctx, b.placeholder);
  for (int k = 0; k < b.count; ++k) vk::destroyBuffer(ctx, b.fields[k].staticUniforms);
  b = {};
}

VkDescriptorSet fieldSet(const FieldBindings& b, const sim::FieldView& field) {
  const BoundField* f = &b.fields[0];
  if (field.present())
    for (int k = 0; k < b.count; ++k)
      if (b.fields[k].boundActivity[0] == field.activity[0] && b.fields[k].boundActivity[1] == field.activity[1])
        f = &b.fields[k];
  assert((!field.present() || f->boundActivity[0] == field.activity[0]) && "the renderer was not given this field");
  return f->sets[field.current == 1 ? 1 : 0];
}

}  // namespace ns::render

#include "render/skin_pass.h"

#include <algorithm>
#include <string>
#include <vector>

#include "render/patch_mesh.h"
#include "scene/surface_query.h"
#include "shared.h"

namespace ns::render {
namespace {

const uint32_t kSkinVert[] = {
#include "skin_patch.vert.spv.inc"
};
const uint32_t kSkinFrag[] = {
#include "skin_patch.frag.spv.inc"
};

// A mesh's vertices carry what they are in the depth slot (a mesh has no layers):
// −1 skin, −1.5 the lips' vermilion, −3 the eyes (shaders/skin_patch.frag reads them
// so). Where the mesh has the vermilion's border as a field (the anatomical head), the
// slot carries it, −1 − 0.5 × the field, and the shader draws the border where it
// crosses 0.5, between vertices; else the vermilion's vertices are −1.5.
float meshMaterial(const scene::SurfaceMesh& mesh, size_t vertex) {
  if (vertex >= mesh.regions.size() || mesh.regions[vertex] >= mesh.regionNames.size()) return -1.0f;
  const std::string& region = mesh.regionNames[mesh.regions[vertex]];
  if (region == "eye") return -3.0f;
  if (vertex < mesh.vermilion.size()) return -1.0f - 0.5f * mesh.vermilion[vertex];
  if (region == "upper_lip_vermilion" || region == "lower_lip_vermilion" || region == "lip_vermilion") return -1.5f;
  return -1.0f;
}

// The mesh with its eyes' triangles (all three vertices eye) moved to the end of the
// indices; returns how many indices they take.
uint32_t meshGeometry(vk::Context& ctx, const scene::SurfaceMesh& mesh, Geometry& geometry) {
  std::vector<PatchVertex> vertices(mesh.positions.size());
  for (size_t i = 0; i < vertices.size(); ++i) {
    // The normal's length carries how open the skin is (1 − baked occlusion): the
    // shader normalises the normal and reads its length as the creases' soft shadow,
    // so the vertex layout the patch shares stays as it is.
    float open = mesh.occlusion.size() == mesh.positions.size() ? 1.0f - 0.85f * mesh.occlusion[i] : 1.0f;
    glm::vec3 p = mesh.positions[i], n = mesh.normals[i] * open;
    glm::vec2 uv = mesh.uvs.empty() ? glm::vec2(-1.0f) : mesh.uvs[i];
    vertices[i] = {{p.x, p.y, p.z}, {n.x, n.y, n.z}, meshMaterial(mesh, i), {uv.x, uv.y}};
  }
  std::vector<uint32_t> skin, eyes;
  skin.reserve(mesh.indices.size());
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    const uint32_t* tri = &mesh.indices[t];
    bool eye = vertices[tri[0]].depth_um < -2.5f && vertices[tri[1]].depth_um < -2.5f &&
               vertices[tri[2]].depth_um < -2.5f;
    (eye ? eyes : skin).insert((eye ? eyes : skin).end(), tri, tri + 3);
  }
  uint32_t eyeIndices = uint32_t(eyes.size());
  skin.insert(skin.end(), eyes.begin(), eyes.end());
  geometry = uploadGeometry(ctx, vertices, skin);
  return eyeIndices;
}

// What the skin shows over its colour: redness and bleeding, the coverage map, or nothing.
int surfaceOverlay(const RenderSettings& s, const sim::FieldView& field, bool cutFaces) {
  if (field.healingSurface == VK_NULL_HANDLE) return NS_OVERLAY_NONE;
  // On a mesh the coverage map is a view of the healing atlas: it shows only while healing does.
  if (s.showCoverage && (cutFaces || s.showHealing)) return NS_OVERLAY_COVERAGE;
  return s.showHealing ? NS_OVERLAY_HEALING : NS_OVERLAY_NONE;
}

gpu::SkinPush skinPush(const SkinPass& pass, const FrameView& view, float aspect) {
  const RenderSettings& s = view.settings;
  const sim::FieldView& field = view.field;
  gpu::SkinPush push{};
  push.viewProj = viewProjection(view.camera, aspect);
  push.lightDirection = glm::normalize(s.lightDirection);
  push.wrapLighting = s.wrapLighting;
  push.layerCount = pass.layerCount;
  push.surfaceOverlay = surfaceOverlay(s, field, pass.cutFaces);
  push.skinTone = s.skinTone;
  push.showField = field.present() && s.showField ? 1 : 0;
  push.fieldScaleMax = s.fieldScaleMax;
  int ny = field.shape.ny;
  push.cutSliceY = !field.present() ? 0 : s.fieldSliceY >= 0 ? std::min(s.fieldSliceY, ny - 1) : ny / 2;
  push.simTime_s = s.simTime_s;
  push.serumOnSkin = s.serumOnSkin ? 1 : 0;
  return push;
}

}  // namespace

void createSkinPass(vk::Context& ctx, VkPipelineCache cache, VkRenderPass renderPass, const scene::Scene& scene,
                    const scene::SkinSurface& skin, const sim::FieldView& field, SkinPass& pass) {
  pass.cutFaces = scene::hasCutFaces(skin);
  pass.layerCount = shadedLayerCount(scene);
  createFieldBindings(ctx, scene, skin, field, pass.fields);
  VkCullModeFlags cull = VK_CULL_MODE_BACK_BIT;
  if (pass.cutFaces) {
    PatchMesh patch = buildPatchMesh(scene.tissue, float(2.0 * skin.patchHalfWidth_mm), 96);
    pass.geometry = uploadGeometry(ctx, patch.vertices, patch.indices);
  } else {
    pass.eyeIndices = meshGeometry(ctx, skin.mesh, pass.geometry);
    // A consistently wound mesh (ours) loses its back faces, half the shading on a
    // software rasteriser; any other is drawn two-sided, the shader lighting both sides.
    if (scene::windingAgreement(skin.mesh) <= 0.98) cull = VK_CULL_MODE_NONE;
  }
  vk::GraphicsPipelineDesc desc = geometryPipelineDesc<PatchVertex>(
      kSkinVert, kSkinFrag, sizeof(gpu::SkinPush), renderPass,
      {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PatchVertex, position_mm)},
       {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(PatchVertex, normal)},
       {2, 0, VK_FORMAT_R32_SFLOAT, offsetof(PatchVertex, depth_um)},
       {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(PatchVertex, uv)}});
  desc.setLayouts = {pass.fields.setLayout};
  desc.cullMode = cull;
  int surface = pass.cutFaces ? NS_SKIN_PATCH : NS_SKIN_MESH;
  desc.specConstants = {surface, 1};
  pass.pipeline = vk::createGraphicsPipeline(ctx, cache, desc);
  desc.specConstants = {surface, 0};
  pass.plainPipeline = vk::createGraphicsPipeline(ctx, cache, desc);
  if (pass.eyeIndices > 0) {
    desc.specConstants = {NS_SKIN_EYES, 0};  // (no healing: the eyes' UV islands are never treated)
    pass.eyePipeline = vk::createGraphicsPipeline(ctx, cache, desc);
  }
}

void destroySkinPass(vk::Context& ctx, SkinPass& pass) {
  vk::destroyGraphicsPipeline(ctx, pass.pipeline);
  vk::destroyGraphicsPipeline(ctx, pass.plainPipeline);
  vk::destroyGraphicsPipeline(ctx, pass.eyePipeline);
  destroyGeometry(ctx, pass.geometry);
  destroyFieldBindings(ctx, pass.fields);
}

void recordSkinPass(VkCommandBuffer cmd, const SkinPass& pass, const FrameView& view, float aspect) {
  gpu::SkinPush push = skinPush(pass, view, aspect);
  VkDescriptorSet set = fieldSet(pass.fields, view.field);
  // Until a column is treated the healing fields are all zero: the overlay would add
  // nothing (no redness, marks or swelling) and is left out.
  bool healing = push.surfaceOverlay != NS_OVERLAY_NONE && view.field.treated;
  const vk::GraphicsPipeline& skin = healing ? pass.pipeline : pass.plainPipeline;
  // (The variants share one layout: the set and the push constants bound once hold for all.)
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, skin.pipeline);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, skin.layout, 0, 1, &set, 0, nullptr);
  vkCmdPushConstants(cmd, skin.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push),
                     &push);
  VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &pass.geometry.vertices.buffer, &offset);
  vkCmdBindIndexBuffer(cmd, pass.geometry.indices.buffer, 0, VK_INDEX_TYPE_UINT32);
  uint32_t skinIndices = pass.geometry.indexCount - pass.eyeIndices;
  vkCmdDrawIndexed(cmd, skinIndices, 1, 0, 0, 0);
  if (pass.eyeIndices > 0) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.eyePipeline.pipeline);
    vkCmdDrawIndexed(cmd, pass.eyeIndices, 1, skinIndices, 0, 0);
  }
}

}  // namespace ns::render

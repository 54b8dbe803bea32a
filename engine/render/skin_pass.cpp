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

constexpr int kTilesPerAxis = 16;  // pieces of the atlas a mesh's skin is sorted into

// The mesh's skin triangles sorted into pieces by where their UVs' centre lies on the
// atlas (`atlas` texels; none without UVs), the eyes' triangles (all three vertices
// eye) after them; returns how many indices the eyes take.
uint32_t meshGeometry(vk::Context& ctx, const scene::SurfaceMesh& mesh, glm::ivec2 atlas, Geometry& geometry,
                      std::vector<SkinTile>& tiles) {
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
  const int pieces = kTilesPerAxis * kTilesPerAxis;  // (+1: the triangles without UVs)
  std::vector<std::vector<uint32_t>> byPiece(pieces + 1);
  std::vector<glm::vec4> bounds(pieces + 1, glm::vec4(1e30f, 1e30f, -1e30f, -1e30f));
  std::vector<uint32_t> eyes;
  glm::vec2 texels(atlas);
  for (size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    const uint32_t* tri = &mesh.indices[t];
    const PatchVertex* v[3] = {&vertices[tri[0]], &vertices[tri[1]], &vertices[tri[2]]};
    if (v[0]->depth_um < -2.5f && v[1]->depth_um < -2.5f && v[2]->depth_um < -2.5f) {
      eyes.insert(eyes.end(), tri, tri + 3);
      continue;
    }
    glm::vec2 uv[3], lo(1e30f), hi(-1e30f);
    bool charted = atlas.x > 0 && atlas.y > 0;
    for (int k = 0; k < 3; ++k) {
      uv[k] = {v[k]->uv[0], v[k]->uv[1]};
      charted = charted && uv[k].x >= 0.0f && uv[k].y >= 0.0f;
      lo = glm::min(lo, uv[k] * texels), hi = glm::max(hi, uv[k] * texels);
    }
    int piece = pieces;
    if (charted) {
      glm::ivec2 at = glm::clamp(glm::ivec2((uv[0] + uv[1] + uv[2]) / 3.0f * float(kTilesPerAxis)), 0, kTilesPerAxis - 1);
      piece = at.y * kTilesPerAxis + at.x;
      bounds[piece] = {std::min(bounds[piece].x, lo.x), std::min(bounds[piece].y, lo.y),
                       std::max(bounds[piece].z, hi.x), std::max(bounds[piece].w, hi.y)};
    }
    byPiece[piece].insert(byPiece[piece].end(), tri, tri + 3);
  }
  std::vector<uint32_t> indices;
  indices.reserve(mesh.indices.size());
  for (int piece = 0; piece <= pieces; ++piece) {
    if (byPiece[piece].empty()) continue;
    tiles.push_back({uint32_t(indices.size()), uint32_t(byPiece[piece].size()), bounds[piece]});
    indices.insert(indices.end(), byPiece[piece].begin(), byPiece[piece].end());
  }
  uint32_t eyeIndices = uint32_t(eyes.size());
  indices.insert(indices.end(), eyes.begin(), eyes.end());
  geometry = uploadGeometry(ctx, vertices, indices);
  return eyeIndices;
}

// How far from a treated column (texels) the overlay can change the skin: the redness
// is seen blurred 0.5 mm (shaders/skin_patch.frag, seenRedness: taps 0.71 × 0.5 mm out,
// each bilinear) at the chart's finest texel, and a mark sits in its column; the
// swelling is bilinear (a texel). Two texels spare.
float healingReach(const scene::SurfaceMesh& mesh, glm::ivec2 atlas) {
  glm::dvec2 chart = scene::uvStretch_mm(mesh);
  double texel_mm = 0.3;  // (the shader's value without a chart)
  if (atlas.x > 0 && atlas.y > 0 && chart.x > 0 && chart.y > 0)
    texel_mm = std::min(chart.x / atlas.x, chart.y / atlas.y);
  return float(0.7071 * 0.5 / std::max(texel_mm, 1e-3) + 3.0);
}

// Whether a piece lies within `reach` texels of the treated columns.
bool nearTreated(const SkinTile& tile, glm::ivec4 treated, float reach) {
  return tile.texels.z >= tile.texels.x && tile.texels.x <= float(treated.z) + reach &&
         tile.texels.z >= float(treated.x) - reach && tile.texels.y <= float(treated.w) + reach &&
         tile.texels.w >= float(treated.y) - reach;
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
    pass.eyeIndices = meshGeometry(ctx, skin.mesh, field.atlas, pass.geometry, pass.tiles);
    pass.healingReach = healingReach(skin.mesh, field.atlas);
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
  // Outside the treated columns the healing fields are exactly zero: the overlay would
  // add nothing there (no redness, marks or swelling) and is left out; on a mesh only
  // the pieces near a treated column are drawn with it.
  bool healing = push.surfaceOverlay != NS_OVERLAY_NONE && view.field.anyTreated();
  // (The variants share one layout: the set and the push constants bound once hold for all.)
  const vk::GraphicsPipeline& first = healing ? pass.pipeline : pass.plainPipeline;
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, first.layout, 0, 1, &set, 0, nullptr);
  vkCmdPushConstants(cmd, first.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push),
                     &push);
  VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &pass.geometry.vertices.buffer, &offset);
  vkCmdBindIndexBuffer(cmd, pass.geometry.indices.buffer, 0, VK_INDEX_TYPE_UINT32);
  uint32_t skinIndices = pass.geometry.indexCount - pass.eyeIndices;
  if (!healing || pass.tiles.empty()) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, first.pipeline);
    vkCmdDrawIndexed(cmd, skinIndices, 1, 0, 0, 0);
  } else {
    // Runs of pieces alike in one draw each.
    for (size_t i = 0; i < pass.tiles.size();) {
      bool near = nearTreated(pass.tiles[i], view.field.treated, pass.healingReach);
      size_t j = i + 1;
      while (j < pass.tiles.size() && nearTreated(pass.tiles[j], view.field.treated, pass.healingReach) == near) ++j;
      uint32_t begin = pass.tiles[i].firstIndex, end = pass.tiles[j - 1].firstIndex + pass.tiles[j - 1].indexCount;
      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, (near ? pass.pipeline : pass.plainPipeline).pipeline);
      vkCmdDrawIndexed(cmd, end - begin, 1, begin, 0, 0);
      i = j;
    }
  }
  if (pass.eyeIndices > 0) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pass.eyePipeline.pipeline);
    vkCmdDrawIndexed(cmd, pass.eyeIndices, 1, skinIndices, 0, 0);
  }
}

}  // namespace ns::render

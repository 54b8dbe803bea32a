#pragma once
// The skin patch: a block of tissue whose top is the skin surface (z = 0, +z out of
// the skin, centred on the origin, millimetres, with the patch's UV chart over its
// width) and whose cut faces show the layers.
// Plain CPU data; the renderer uploads it.
#include <cstdint>
#include <vector>

#include "scene/scene.h"

namespace ns::render {

struct PatchVertex {
  float position_mm[3];
  float normal[3];
  float depth_um;  // below the skin surface, for the layer colours of the cut faces
                  // (−1: a surface mesh, all skin)
  float uv[2];     // the texture coordinate of the surface fields: a surface mesh's, the
                  // patch's chart on its top and side faces (−1 on the bottom)
};

struct PatchMesh {
  std::vector<PatchVertex> vertices;
  std::vector<uint32_t> indices;
  float halfWidth_mm = 0;
  float thickness_mm = 0;
};

// `surfaceDivisions` quads per side on the top face (smooth lighting and detail).
PatchMesh buildPatchMesh(const scene::Tissue& tissue, float width_mm, int surfaceDivisions);

}  // namespace ns::render

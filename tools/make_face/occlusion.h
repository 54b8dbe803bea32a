#pragma once
// Soft shadow in the creases, baked: per vertex, how much of the sky above the skin
// the head itself hides nearby (ambient occlusion). Rays over the hemisphere around
// the vertex's normal, cosine weighted (as diffuse light arrives), a fixed set the
// same for every vertex, against the whole head within `reach_mm`; a hit at
// distance d hides 1 − (d / reach)² of its ray's share, so a far wall shades less
// than a near one and the term fades out at the reach instead of stopping there.
// The shader darkens the skin's light by it (shaders/skin_patch.frag).
#include "head_mesh.h"

namespace ns::tools {

// Fills mesh.occlusion (0 open .. 1 enclosed), one value per vertex.
void bakeOcclusion(Mesh& mesh, float reach_mm, int rays);

}  // namespace ns::tools

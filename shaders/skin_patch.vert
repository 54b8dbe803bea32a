#version 450
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec3 inPosition;   // mm, z up (0 = skin surface)
layout(location = 1) in vec3 inNormal;
layout(location = 2) in float inDepth_um;  // depth below the surface, for layer colours
layout(location = 3) in vec2 inUv;         // where the surface fields' atlas is (patch top and sides, meshes)
layout(location = 0) out vec3 vPosition;
layout(location = 1) out vec3 vNormal;
layout(location = 2) out float vDepth_um;
layout(location = 3) out vec2 vUv;
layout(push_constant) uniform Push { SkinPush p; };
layout(set = 0, binding = 0, std140) uniform Static { SkinStatic scene; };
layout(set = 0, binding = 3) uniform samplerBuffer healing;
// The pipeline's variant (shaders/skin_patch.frag): without healing (no column
// treated yet) nothing is swollen, and the lookups are compiled out.
layout(constant_id = 1) const bool kHealing = true;

#include "swelling_common.glsl"

// Swelling lifts the skin (docs/healing-model.md, "Oedema"): a mesh along its normal;
// the patch's top by the swelling above it, and its cut faces with it, fading to
// nothing at the bottom of the dermis (the oedema is dermal), so the cross-section
// shows the surface raised. Lookups stay on the undisplaced position (vPosition).
void main() {
  vPosition = inPosition;
  vNormal = inNormal;
  vDepth_um = inDepth_um;
  vUv = inUv;
  vec3 position = inPosition;
  ivec2 cells = scene.atlasCells;
  if (kHealing && all(greaterThan(cells, ivec2(0))) && inUv.x >= 0.0 && scene.swellingFull_mm > 0.0) {
    vec2 uv = inUv;
    // The front cut face shows the cross-section at the cutting plane (y = the slice)
    // while the serum is shown there: its top edge follows the swelling along that
    // plane, so the profile of the raised skin is seen in section.
    if (p.showField != 0 && inNormal.y < -0.5 && scene.patchWidth_mm > 0.0 && scene.cellsY > 0) {
      float sliceY_mm = ((float(p.cutSliceY) + 0.5) / float(scene.cellsY) - 0.5) * scene.fieldWidth_mm;
      uv.y = sliceY_mm / scene.patchWidth_mm + 0.5;
    }
    vec2 at = uv * vec2(cells);
    float rise = swellingAt_mm(at, cells);
    if (inDepth_um < 0.0) {
      position += normalize(inNormal) * rise;
    } else {
      float dermisBottom_um = scene.layerBottom0_um.w > 0.0 ? scene.layerBottom0_um.w : 1500.0;
      position.z += rise * clamp(1.0 - inDepth_um / dermisBottom_um, 0.0, 1.0);
      if (inNormal.z > 0.5 && scene.patchWidth_mm > 0.0) {
        // The top's slope: the rise's gradient over a column each way (u, v = x, y / width).
        float mmPerColumn = scene.patchWidth_mm / float(cells.x);
        float dx = swellingAt_mm(at + vec2(1, 0), cells) - swellingAt_mm(at - vec2(1, 0), cells);
        float dy = swellingAt_mm(at + vec2(0, 1), cells) - swellingAt_mm(at - vec2(0, 1), cells);
        vNormal = normalize(vec3(-dx, -dy, 2.0 * mmPerColumn));
      }
    }
  }
  gl_Position = p.viewProj * vec4(position, 1.0);
}

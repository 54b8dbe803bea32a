#version 450
// The micro view: the serum concentration (viridis) over the layer colours in a
// vertical slice of the tissue block, magnified, with a 100 µm grid, so single
// channels and their plumes are visible; a depth ruler down its left edge (a tick
// every 100 µm, a long one every 500 µm) and the channels' depth as a dashed white
// line, both to the inset's depth scale (the runtime labels them in µm). Swelling
// lifts the tissue as on the patch (skin_patch.vert: the rise fading to nothing at
// the dermis' bottom); the runtime then starts the inset above the surface
// (top_um < 0) and a dotted line marks where the surface was.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec2 vUv;
layout(location = 0) out vec4 outColor;
layout(push_constant) uniform Push { MicroPush m; };
layout(set = 0, binding = 0, std140) uniform Static { SkinStatic scene; };
layout(set = 0, binding = 1) uniform samplerBuffer activity;
layout(set = 0, binding = 2) uniform samplerBuffer capacity;
layout(set = 0, binding = 3) uniform samplerBuffer healing;

#include "swelling_common.glsl"

const vec3 kLayerColors[6] = vec3[](vec3(0.93, 0.86, 0.70), vec3(0.80, 0.55, 0.42), vec3(0.78, 0.32, 0.32),
                                    vec3(0.90, 0.62, 0.58), vec3(0.95, 0.80, 0.35), vec3(0.60, 0.50, 0.45));

vec3 viridis(float t) {
  const vec3 c0 = vec3(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
  const vec3 c1 = vec3(0.1050930431085774, 1.404613529898575, 1.384590162594685);
  const vec3 c2 = vec3(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
  const vec3 c3 = vec3(-4.634230498983486, -5.799100973351585, -19.33244095627987);
  const vec3 c4 = vec3(6.228269936347081, 14.17993336680509, 56.69055260068105);
  const vec3 c5 = vec3(4.776384997670288, -13.74514537774601, -65.35303263337234);
  const vec3 c6 = vec3(-5.435455855934631, 4.645852612178535, 26.3124352495832);
  t = clamp(t, 0.0, 1.0);
  return clamp(c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6))))), 0.0, 1.0);  // sRGB
}

vec3 toSrgb(vec3 linear) { return pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)); }

// The skin's rise (µm) above x_mm on the slice: on a patch only (a mesh's atlas is
// not laid out in the block's millimetres).
float riseAt_um(float x_mm) {
  ivec2 cells = scene.atlasCells;
  if (any(lessThanEqual(cells, ivec2(0))) || scene.swellingFull_mm <= 0.0 || scene.patchWidth_mm <= 0.0) return 0.0;
  float sliceY_mm = ((float(m.sliceY) + 0.5) / float(max(scene.cellsY, 1)) - 0.5) * scene.fieldWidth_mm;
  vec2 uv = vec2(x_mm, sliceY_mm) / scene.patchWidth_mm + 0.5;
  if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)))) return 0.0;
  return 1000.0 * swellingAt_mm(uv * vec2(cells), cells);
}

void main() {
  float x_mm = mix(m.left_mm, m.right_mm, vUv.x);
  float shown_um = mix(m.top_um, m.bottom_um, vUv.y);  // below where the surface was
  // The tissue drawn here: lifted by the rise, fading to none at the dermis' bottom.
  float rise = m.top_um < 0.0 ? riseAt_um(x_mm) : 0.0;
  float dermisBottom_um = scene.layerBottom0_um.w > 0.0 ? scene.layerBottom0_um.w : 1500.0;
  float depth_um = (shown_um + rise) / (1.0 + rise / dermisBottom_um);
  if (depth_um > dermisBottom_um) depth_um = shown_um;
  int layer = 0;
  for (int i = 0; i < m.layerCount && i < 8; ++i) {
    float bottom = i < 4 ? scene.layerBottom0_um[i] : scene.layerBottom1_um[i - 4];
    layer = i;
    if (depth_um < bottom) break;
  }
  vec3 color = toSrgb(kLayerColors[min(layer, 5)]) * 0.8;
  int cx = int(floor((x_mm / scene.fieldWidth_mm + 0.5) * float(scene.cellsX)));
  int cz = int(floor(depth_um / (scene.fieldDepth_mm * 1000.0) * float(scene.cellsZ)));
  if (cx >= 0 && cx < scene.cellsX && cz >= 0 && cz < scene.cellsZ) {
    int texel = (cz * scene.cellsY + m.sliceY) * scene.texelsPerRow + cx / 4;
    float c = texelFetch(activity, texel)[cx % 4] * texelFetch(capacity, texel)[cx % 4];
    float t = c / max(m.fieldScaleMax, 1e-6);
    color = mix(color, viridis(t), 0.9 * smoothstep(0.0, 0.03, t));
  } else {
    color = vec3(0.08, 0.09, 0.11);  // outside the simulated block
  }
  if (depth_um < 0.0) color = vec3(0.08, 0.09, 0.11);  // above the raised surface
  // A faint 100 µm grid gives the scale.
  vec2 grid = vec2(x_mm * 10.0, shown_um / 100.0);
  vec2 edge = abs(fract(grid) - 0.5);
  float line = 1.0 - smoothstep(0.0, 1.5 * max(fwidth(grid.x), fwidth(grid.y)), 0.5 - max(edge.x, edge.y));
  color = mix(color, vec3(1.0), 0.12 * line);
  // The ruler and the channels' depth, in pixels of the inset.
  vec2 pixel = vUv / max(fwidth(vUv), vec2(1e-6));
  float umPerPixel = max(fwidth(shown_um), 1e-3);
  float tick = abs(shown_um - 100.0 * round(shown_um / 100.0)) / umPerPixel;
  float tickLength = abs(shown_um - 500.0 * round(shown_um / 500.0)) / umPerPixel < 1.0 ? 16.0 : 7.0;
  if (tick < 1.0 && pixel.x < tickLength) color = vec3(1.0);
  if (pixel.x < 2.0) color = vec3(1.0);
  bool dash = fract(pixel.x / 14.0) < 0.7;
  if (m.channelDepth_um > 0.0 && abs(shown_um - m.channelDepth_um) / umPerPixel < 1.01 && dash) color = vec3(1.0);
  bool dot = fract(pixel.x / 6.0) < 0.5;
  if (m.top_um < 0.0 && abs(shown_um) / umPerPixel < 0.75 && dot) color = mix(color, vec3(1.0), 0.6);  // the surface before
  outColor = vec4(color, 1.0);
}

#version 450
// Skin patch: the top face is skin (wrap-lit diffuse, a soft subsurface tint and
// fine pore detail); the cut faces show the tissue layers in labelled colours.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec3 vPosition;
layout(location = 1) in vec3 vNormal;
layout(location = 2) in float vDepth_um;
layout(location = 0) out vec4 outColor;
layout(push_constant) uniform Push { SkinPush p; };

// Colours per layer in the standard order (stratum corneum, viable epidermis,
// papillary dermis, reticular dermis, hypodermis, deeper): linear RGB.
const vec3 kLayerColors[6] = vec3[](vec3(0.93, 0.86, 0.70), vec3(0.80, 0.55, 0.42),
                                    vec3(0.78, 0.32, 0.32), vec3(0.90, 0.62, 0.58),
                                    vec3(0.95, 0.80, 0.35), vec3(0.60, 0.50, 0.45));

float hash(vec2 q) { return fract(sin(dot(q, vec2(127.1, 311.7))) * 43758.5453); }
float valueNoise(vec2 q) {
  vec2 i = floor(q), f = fract(q);
  vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}

int layerIndex(float depth_um) {
  int count = int(p.params.x);
  for (int i = 0; i < count && i < 8; ++i) {
    float bottom = i < 4 ? p.layerBottom0_um[i] : p.layerBottom1_um[i - 4];
    if (depth_um < bottom) return min(i, 5);
  }
  return min(max(count - 1, 0), 5);
}

vec3 encodeSrgb(vec3 linear) {
  vec3 lo = linear * 12.92;
  vec3 hi = 1.055 * pow(linear, vec3(1.0 / 2.4)) - 0.055;
  return mix(lo, hi, step(vec3(0.0031308), linear));
}

void main() {
  vec3 n = normalize(vNormal);
  vec3 l = normalize(p.lightDirAndWrap.xyz);
  float wrap = p.lightDirAndWrap.w;
  vec3 color;
  if (n.z > 0.5) {
    // Pores and fine relief perturb the normal; a tone preset tints the base. The
    // detail fades out where it would be smaller than a pixel (no sparkle/aliasing).
    vec2 q = vPosition.xy * 6.0;
    float footprint = length(fwidth(q * 3.0));
    float detail = 1.0 - smoothstep(0.5, 1.5, footprint);
    float pores = smoothstep(0.78, 0.95, valueNoise(q * 3.0)) * detail;
    float relief = (valueNoise(q) * 0.6 + valueNoise(q * 2.3) * 0.4) * detail;
    vec3 bumped = normalize(n + vec3(dFdx(relief) * 3.0, dFdy(relief) * 3.0, 0.0));
    vec3 base = mix(vec3(0.86, 0.60, 0.48), vec3(0.55, 0.36, 0.26), clamp(p.params.w, 0.0, 1.0));
    base *= 1.0 - 0.12 * pores;
    base *= 0.93 + 0.07 * valueNoise(vPosition.xy * 0.7);  // gentle mottling
    float diffuse = max((dot(bumped, l) + wrap) / (1.0 + wrap), 0.0);
    // Light scattered under the surface comes back reddened: add it where the
    // plain Lambert term falls off.
    vec3 scatter = vec3(0.35, 0.08, 0.05) * (1.0 - max(dot(bumped, l), 0.0)) * 0.35;
    color = base * (0.18 + 0.82 * diffuse) + scatter * base;
  } else {
    int layer = layerIndex(vDepth_um);
    vec3 base = kLayerColors[layer];
    // Fibrous streaks in the dermis, fat lobules in the hypodermis.
    float detail = valueNoise(vec2(dot(vPosition.xy, vec2(1.0)) * 4.0, vDepth_um * 0.02));
    base *= 0.9 + 0.1 * detail;
    float diffuse = max((dot(n, l) + 0.5) / 1.5, 0.0);
    color = base * (0.35 + 0.65 * diffuse);
  }
  outColor = vec4(encodeSrgb(color), 1.0);
}

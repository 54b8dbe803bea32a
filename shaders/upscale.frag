#version 450
// The 3D view drawn at a lower scale, brought up to the full image: bilinear from the
// 2x2 source texels around the pixel, sharpened by pushing it away from their mean
// (an unsharp mask over the bilinear footprint) and held to their range, as AMD's
// contrast-adaptive sharpening does, so edges get no halos. Four plain texel fetches
// (the bilinear weights done here): on a CPU rasteriser, where this pass runs for
// every pixel of the full image, that costs about one filtered sample.
layout(set = 0, binding = 0) uniform sampler2D source;
layout(location = 0) in vec2 vUv;
layout(location = 0) out vec4 outColor;
// (Not in shared.h: only this pass and upscale_pass.cpp know it.)
layout(push_constant) uniform Push {
  vec2 drawn;      // the drawn part of the source, in texels
  vec2 unused;
  float sharpness; // 0: plain bilinear
} p;
void main() {
  vec2 q = vUv * p.drawn - 0.5;  // in source texels, from the first texel's centre
  ivec2 hi = ivec2(p.drawn) - 1;
  ivec2 c0 = clamp(ivec2(floor(q)), ivec2(0), hi), c1 = clamp(ivec2(floor(q)) + 1, ivec2(0), hi);
  vec2 f = clamp(q - floor(q), 0.0, 1.0);
  vec3 t00 = texelFetch(source, c0, 0).rgb;
  vec3 t10 = texelFetch(source, ivec2(c1.x, c0.y), 0).rgb;
  vec3 t01 = texelFetch(source, ivec2(c0.x, c1.y), 0).rgb;
  vec3 t11 = texelFetch(source, c1, 0).rgb;
  vec3 c = mix(mix(t00, t10, f.x), mix(t01, t11, f.x), f.y);
  vec3 mean = 0.25 * (t00 + t10 + t01 + t11);
  vec3 lowest = min(min(t00, t10), min(t01, t11)), highest = max(max(t00, t10), max(t01, t11));
  outColor = vec4(clamp(c + p.sharpness * (c - mean), lowest, highest), 1.0);
}

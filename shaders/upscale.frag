#version 450
// The 3D view drawn at a lower scale, brought up to the full image: bilinear, then
// sharpened by an unsharp mask over the 4 neighbours one source texel away, held to
// their range (as AMD's contrast-adaptive sharpening does) so edges get no halos.
// Five bilinear fetches: cheap on a CPU rasteriser, where this pass runs per pixel
// of the full image.
layout(set = 0, binding = 0) uniform sampler2D source;
layout(location = 0) in vec2 vUv;
layout(location = 0) out vec4 outColor;
// (Not in shared.h: only this pass and upscale_pass.cpp know it.)
layout(push_constant) uniform Push {
  vec2 uvMax;      // the drawn part of the source, in its uv (drawn size / image size)
  vec2 texel;      // one source texel in uv
  float sharpness; // 0: plain bilinear
} p;
void main() {
  vec2 lo = 0.5 * p.texel, hi = p.uvMax - 0.5 * p.texel;  // never past the drawn pixels
  vec2 uv = clamp(vUv * p.uvMax, lo, hi);
  vec3 c = texture(source, uv).rgb;
  if (p.sharpness <= 0.0) {
    outColor = vec4(c, 1.0);
    return;
  }
  vec3 n = texture(source, clamp(uv - vec2(0.0, p.texel.y), lo, hi)).rgb;
  vec3 s = texture(source, clamp(uv + vec2(0.0, p.texel.y), lo, hi)).rgb;
  vec3 w = texture(source, clamp(uv - vec2(p.texel.x, 0.0), lo, hi)).rgb;
  vec3 e = texture(source, clamp(uv + vec2(p.texel.x, 0.0), lo, hi)).rgb;
  vec3 lowest = min(c, min(min(n, s), min(w, e)));
  vec3 highest = max(c, max(max(n, s), max(w, e)));
  vec3 sharp = c + p.sharpness * (c - 0.25 * (n + s + w + e));
  outColor = vec4(clamp(sharp, lowest, highest), 1.0);
}

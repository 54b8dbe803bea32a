#version 450
// Implicit line solves along y (AXIS == 1) or z (AXIS == 2), four lines at once
// (one vec4 texel column per invocation), in place. Along z the held surface and
// the sink add their half-cell faces to the diagonal and the surface adds its
// source to the right-hand side. C++ twin: engine/sim/diffusion_cpu.cpp (lodStepCpu).
#include "diffusion_common.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(constant_id = 3) const int AXIS = 2;
layout(binding = 0, rgba32f) uniform imageBuffer activity;
layout(binding = 1, rgba32f) uniform readonly imageBuffer conductance;
layout(binding = 2, rgba32f) uniform readonly imageBuffer capacity;
layout(binding = 3, rgba32f) uniform imageBuffer scratch;

void main() {
  int texels = p.texelsPerRow;
  int line = int(gl_GlobalInvocationID.x);
  int other = AXIS == 1 ? p.cellsZ : p.cellsY;  // lines: texels × the other lateral axis
  if (line >= texels * other) return;
  int t = line % texels, o = line / texels;
  int n = AXIS == 1 ? p.cellsY : p.cellsZ;
  int stride = AXIS == 1 ? texels : texels * p.cellsY;
  int base = AXIS == 1 ? texelIndex(t, 0, o) : texelIndex(t, o, 0);
  float k = p.dt_s * (AXIS == 1 ? p.invHy2 : p.invHz2);
  bool held = AXIS == 2 && p.surfaceHeld != 0;
  bool sink = AXIS == 2 && p.bottomSink != 0;

  vec4 cPrev = vec4(0.0), dPrev = vec4(0.0), gPrev = vec4(0.0);
  vec4 G = imageLoad(conductance, base);
  for (int j = 0; j < n; ++j) {
    int index = base + j * stride;
    vec4 gNext = j + 1 < n ? imageLoad(conductance, index + stride) : vec4(0.0);
    vec4 faceL = j > 0 ? harmonic(G, gPrev) : (held ? 2.0 * G : vec4(0.0));
    vec4 faceR = j + 1 < n ? harmonic(G, gNext) : (sink ? 2.0 * G : vec4(0.0));
    vec4 K = imageLoad(capacity, index);
    vec4 rhs = K * imageLoad(activity, index);
    if (j == 0 && held) rhs += k * 2.0 * G * p.surfaceConcentration;
    vec4 a = j > 0 ? -k * faceL : vec4(0.0);
    vec4 c = j + 1 < n ? -k * faceR : vec4(0.0);
    vec4 m = K + k * (faceL + faceR) - a * cPrev;
    cPrev = c / m;
    dPrev = (rhs - a * dPrev) / m;
    imageStore(scratch, index, cPrev);
    imageStore(activity, index, dPrev);
    gPrev = G;
    G = gNext;
  }
  vec4 next = vec4(0.0);
  for (int j = n - 1; j >= 0; --j) {
    int index = base + j * stride;
    next = imageLoad(activity, index) - imageLoad(scratch, index) * next;
    imageStore(activity, index, next);
  }
}

#version 450
// Implicit line solves along y (AXIS == 1) or z (AXIS == 2), four lines at once
// (one vec4 texel column per invocation), from one activity buffer into the other. Along z the held surface and
// the sink add their half-cell faces to the diagonal and the surface adds its
// source to the right-hand side. C++ twin: engine/sim/diffusion_cpu.cpp (lodStepCpu).
#include "diffusion_common.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(constant_id = 3) const int AXIS = 2;
// The line's length (cells along AXIS), fixed per grid: the forward sweep keeps its
// c' and d' in the invocation's own arrays instead of a scratch buffer: on lavapipe
// each buffer access costs far more than arithmetic on registers or the stack
// (with the stores below, 3.3x faster per LOD step at 128x128x64).
layout(constant_id = 4) const int LINE = 128;
layout(binding = 0, rgba32f) uniform readonly imageBuffer activity;
layout(binding = 1, rgba32f) uniform readonly imageBuffer conductance;
layout(binding = 2, rgba32f) uniform readonly imageBuffer capacity;
layout(std430, binding = 3) writeonly buffer ActivityOut { vec4 activityOut[]; };

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

  // The face between two cells is shared: the right face of one is the left face of
  // the next (one harmonic mean per cell), and each pivot is divided once.
  vec4 cLine[LINE], dLine[LINE];
  vec4 cPrev = vec4(0.0), dPrev = vec4(0.0);
  vec4 G = imageLoad(conductance, base);
  vec4 faceL = held ? 2.0 * G : vec4(0.0);
  for (int j = 0; j < n; ++j) {
    int index = base + j * stride;
    bool last = j + 1 >= n;
    vec4 gNext = last ? vec4(0.0) : imageLoad(conductance, index + stride);
    vec4 faceR = last ? (sink ? 2.0 * G : vec4(0.0)) : harmonic(G, gNext);
    vec4 K = imageLoad(capacity, index);
    vec4 rhs = K * imageLoad(activity, index);
    if (j == 0 && held) rhs += k * 2.0 * G * p.surfaceConcentration;
    vec4 a = j > 0 ? -k * faceL : vec4(0.0);
    vec4 c = last ? vec4(0.0) : -k * faceR;
    vec4 inverse = 1.0 / (K + k * (faceL + faceR) - a * cPrev);
    cPrev = c * inverse;
    dPrev = (rhs - a * dPrev) * inverse;
    cLine[j] = cPrev;
    dLine[j] = dPrev;
    faceL = faceR;
    G = gNext;
  }
  vec4 next = vec4(0.0);
  for (int j = n - 1; j >= 0; --j) {
    next = floored(dLine[j] - cLine[j] * next);
    activityOut[base + j * stride] = next;
  }
}

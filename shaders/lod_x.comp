#version 450
// Implicit line solve along x: (K - dt Lx) u' = K u for every (y, z) row, from one
// activity buffer into the other (Thomas algorithm; one invocation owns one row). One of the three passes of the locally one-dimensional (LOD)
// backward-Euler scheme. C++ twin: engine/sim/diffusion_cpu.cpp (lodStepCpu).
#include "diffusion_common.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(binding = 0, rgba32f) uniform readonly imageBuffer activity;
layout(binding = 1, rgba32f) uniform readonly imageBuffer conductance;
layout(binding = 2, rgba32f) uniform readonly imageBuffer capacity;
layout(std430, binding = 3) writeonly buffer ActivityOut { vec4 activityOut[]; };
// Texels per row, fixed per grid: the forward sweep keeps c' and d' in the
// invocation's own arrays rather than a scratch buffer (on lavapipe each texel-buffer
// access costs far more than arithmetic on registers or the stack).
layout(constant_id = 3) const int TEXELS = 16;

void main() {
  int row = int(gl_GlobalInvocationID.x);
  if (row >= p.cellsY * p.cellsZ) return;
  int texels = p.texelsPerRow;
  int base = row * texels;
  float k = p.dt_s * p.invHx2;  // dt / hx²

  // Forward sweep: c'_i = c_i / m_i, d'_i = (r_i - a_i d'_{i-1}) / m_i, m_i = b_i - a_i c'_{i-1};
  // the four cells of a texel written out (no indexing of vector components by a
  // loop variable), each pivot divided once, each face's harmonic mean computed once.
  vec4 cLine[TEXELS], dLine[TEXELS];
  float cPrev = 0.0, dPrev = 0.0, faceL = 0.0;  // the wall carries no flux
  vec4 G = imageLoad(conductance, base);
  for (int t = 0; t < texels; ++t) {
    vec4 gNextTexel = t + 1 < texels ? imageLoad(conductance, base + t + 1) : vec4(0.0);
    vec4 faceR = harmonic(G, vec4(G.yzw, gNextTexel.x));
    vec4 K = imageLoad(capacity, base + t);
    vec4 rhs = K * imageLoad(activity, base + t);
    vec4 faceLeft = vec4(faceL, faceR.xyz);
    vec4 a = -k * faceLeft, c = -k * faceR, b = K + k * (faceLeft + faceR);
    vec4 cOut, dOut;
    float inverse = 1.0 / (b.x - a.x * cPrev);
    cOut.x = c.x * inverse;
    dOut.x = (rhs.x - a.x * dPrev) * inverse;
    inverse = 1.0 / (b.y - a.y * cOut.x);
    cOut.y = c.y * inverse;
    dOut.y = (rhs.y - a.y * dOut.x) * inverse;
    inverse = 1.0 / (b.z - a.z * cOut.y);
    cOut.z = c.z * inverse;
    dOut.z = (rhs.z - a.z * dOut.y) * inverse;
    inverse = 1.0 / (b.w - a.w * cOut.z);
    cOut.w = c.w * inverse;
    dOut.w = (rhs.w - a.w * dOut.z) * inverse;
    cPrev = cOut.w;
    dPrev = dOut.w;
    cLine[t] = cOut;
    dLine[t] = dOut;
    faceL = faceR.w;
    G = gNextTexel;
  }
  // Back substitution: u_i = d'_i - c'_i u_{i+1}.
  float next = 0.0;
  for (int t = texels - 1; t >= 0; --t) {
    vec4 cs = cLine[t], u = dLine[t];
    u.w = floored(u.w - cs.w * next);  // (cell by cell, as the twin's line solve)
    u.z = floored(u.z - cs.z * u.w);
    u.y = floored(u.y - cs.y * u.z);
    u.x = floored(u.x - cs.x * u.y);
    next = u.x;
    activityOut[base + t] = u;
  }
}

#version 450
// Implicit line solve along x: (K - dt Lx) u' = K u for every (y, z) row, in place
// (Thomas algorithm; one invocation owns one row, so reading and writing the same
// row is safe). One of the three passes of the locally one-dimensional (LOD)
// backward-Euler scheme. C++ twin: engine/sim/diffusion_cpu.cpp (lodStepCpu).
#include "diffusion_common.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(binding = 0, rgba32f) uniform imageBuffer activity;
layout(binding = 1, rgba32f) uniform readonly imageBuffer conductance;
layout(binding = 2, rgba32f) uniform readonly imageBuffer capacity;
layout(binding = 3, rgba32f) uniform imageBuffer scratch;  // c' of the forward sweep

void main() {
  int row = int(gl_GlobalInvocationID.x);
  if (row >= p.cellsY * p.cellsZ) return;
  int texels = p.texelsPerRow;
  int base = row * texels;
  float k = p.dt_s * p.invHx2;  // dt / hx²

  // Forward sweep: c'_i = c_i / m_i, d'_i = (r_i - a_i d'_{i-1}) / m_i, m_i = b_i - a_i c'_{i-1}.
  float cPrev = 0.0, dPrev = 0.0, gPrev = 0.0;  // gPrev = 0: the wall carries no flux
  vec4 G = imageLoad(conductance, base);
  for (int t = 0; t < texels; ++t) {
    vec4 gNextTexel = t + 1 < texels ? imageLoad(conductance, base + t + 1) : vec4(0.0);
    vec4 gLeft = vec4(gPrev, G.xyz), gRight = vec4(G.yzw, gNextTexel.x);
    vec4 faceL = harmonic(G, gLeft), faceR = harmonic(G, gRight);
    vec4 K = imageLoad(capacity, base + t);
    vec4 rhs = K * imageLoad(activity, base + t);
    vec4 a = -k * faceL, c = -k * faceR, b = K + k * (faceL + faceR);
    vec4 cOut, dOut;
    for (int i = 0; i < 4; ++i) {
      float m = b[i] - a[i] * cPrev;
      cOut[i] = c[i] / m;
      dOut[i] = (rhs[i] - a[i] * dPrev) / m;
      cPrev = cOut[i];
      dPrev = dOut[i];
    }
    imageStore(scratch, base + t, cOut);
    imageStore(activity, base + t, dOut);
    gPrev = G.w;
    G = gNextTexel;
  }
  // Back substitution: u_i = d'_i - c'_i u_{i+1}.
  float next = 0.0;
  for (int t = texels - 1; t >= 0; --t) {
    vec4 cs = imageLoad(scratch, base + t), ds = imageLoad(activity, base + t), u;
    for (int i = 3; i >= 0; --i) {
      u[i] = ds[i] - cs[i] * next;
      next = u[i];
    }
    imageStore(activity, base + t, u);
  }
}

#version 450
// One explicit (forward Euler) finite-volume step of K du/dt = div(G grad u).
// Side walls are no-flux (a missing neighbour mirrors the cell, so its flux is
// zero); the surface is Dirichlet u = Cs half a cell above the first cell when
// serum is applied; the bottom is no-flux or a perfect sink. C++ twin:
// engine/sim/diffusion_cpu.cpp (explicitStepCpu).
#include "diffusion_common.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(binding = 0, rgba32f) uniform readonly imageBuffer activityIn;
layout(binding = 1, rgba32f) uniform readonly imageBuffer conductance;
layout(binding = 2, rgba32f) uniform readonly imageBuffer capacity;
layout(binding = 3, rgba32f) uniform writeonly imageBuffer activityOut;

void main() {
  ivec3 g = ivec3(gl_GlobalInvocationID);
  int texels = p.texelsPerRow;
  if (g.x >= texels || g.y >= p.cellsY || g.z >= p.cellsZ) return;
  int rowStride = texels;
  int sliceStride = texels * p.cellsY;
  int index = texelIndex(g.x, g.y, g.z);

  vec4 u = imageLoad(activityIn, index);
  vec4 G = imageLoad(conductance, index);

  // x neighbours: shift the 4-cell vector by one, pulling the edge from the next texel.
  vec4 uLeftTexel = g.x > 0 ? imageLoad(activityIn, index - 1) : u.xxxx;
  vec4 gLeftTexel = g.x > 0 ? imageLoad(conductance, index - 1) : G.xxxx;
  vec4 uRightTexel = g.x < texels - 1 ? imageLoad(activityIn, index + 1) : u.wwww;
  vec4 gRightTexel = g.x < texels - 1 ? imageLoad(conductance, index + 1) : G.wwww;
  vec4 uxm = vec4(uLeftTexel.w, u.xyz), gxm = vec4(gLeftTexel.w, G.xyz);
  vec4 uxp = vec4(u.yzw, uRightTexel.x), gxp = vec4(G.yzw, gRightTexel.x);

  vec4 uym = g.y > 0 ? imageLoad(activityIn, index - rowStride) : u;
  vec4 gym = g.y > 0 ? imageLoad(conductance, index - rowStride) : G;
  vec4 uyp = g.y < p.cellsY - 1 ? imageLoad(activityIn, index + rowStride) : u;
  vec4 gyp = g.y < p.cellsY - 1 ? imageLoad(conductance, index + rowStride) : G;

  vec4 flux = p.invHx2 * (harmonic(G, gxm) * (uxm - u) + harmonic(G, gxp) * (uxp - u)) +
              p.invHy2 * (harmonic(G, gym) * (uym - u) + harmonic(G, gyp) * (uyp - u));

  if (g.z > 0) {
    vec4 uzm = imageLoad(activityIn, index - sliceStride);
    vec4 gzm = imageLoad(conductance, index - sliceStride);
    flux += p.invHz2 * harmonic(G, gzm) * (uzm - u);
  } else if (p.surfaceHeld != 0) {
    flux += p.invHz2 * 2.0 * G * (vec4(p.surfaceConcentration) - u);  // held surface
  }
  if (g.z < p.cellsZ - 1) {
    vec4 uzp = imageLoad(activityIn, index + sliceStride);
    vec4 gzp = imageLoad(conductance, index + sliceStride);
    flux += p.invHz2 * harmonic(G, gzp) * (uzp - u);
  } else if (p.bottomSink != 0) {
    flux += p.invHz2 * 2.0 * G * (-u);  // perfect sink below the last cell
  }
  vec4 K = imageLoad(capacity, index);
  imageStore(activityOut, index, u + p.dt_s * flux / K);
}

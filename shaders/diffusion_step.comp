#version 450
// One explicit (forward Euler) finite-volume step of K du/dt = div(G grad u).
// Side walls are no-flux (a missing neighbour mirrors the cell, so its flux is
// zero); the surface is Dirichlet u = Cs half a cell above the first cell when
// serum is applied; the bottom is no-flux or a perfect sink. C++ twin:
// engine/sim/diffusion_cpu.cpp (explicitStepCpu).
//
// One invocation updates one texel (4 x cells) in Z_CELLS consecutive z slices,
// carrying the face between two slices (and the slice's u and G) from one to the
// next: each z face costs one harmonic mean and each slice is fetched once. On
// lavapipe the kernel is bound by instructions and texel fetches, not bandwidth
// (performance-notes.md), so fewer of both is what makes it faster.
#include "diffusion_common.glsl"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(constant_id = 3) const int Z_CELLS = 2;
layout(binding = 0, rgba32f) uniform readonly imageBuffer activityIn;
layout(binding = 1, rgba32f) uniform readonly imageBuffer conductance;
layout(binding = 2, rgba32f) uniform readonly imageBuffer capacity;
layout(std430, binding = 3) writeonly buffer ActivityOut { vec4 activityOut[]; };  // see diffusion_common.glsl

void main() {
  ivec3 g = ivec3(gl_GlobalInvocationID);
  int texels = p.texelsPerRow;
  int z0 = g.z * Z_CELLS;
  if (g.x >= texels || g.y >= p.cellsY || z0 >= p.cellsZ) return;
  int sliceStride = texels * p.cellsY;
  int index = texelIndex(g.x, g.y, z0);
  // Lateral neighbours by offset; a missing one is the texel itself (for y: zero
  // difference, no flux; for x the edge lane is mirrored below).
  int left = g.x > 0 ? -1 : 0, right = g.x < texels - 1 ? 1 : 0;
  int below = g.y > 0 ? -texels : 0, above = g.y < p.cellsY - 1 ? texels : 0;

  vec4 u = imageLoad(activityIn, index);
  vec4 G = imageLoad(conductance, index);
  // The face above the first slice: the slice before, the held surface or a wall.
  vec4 uUp = u, faceUp = vec4(0.0);
  if (z0 > 0) {
    uUp = imageLoad(activityIn, index - sliceStride);
    faceUp = harmonic(G, imageLoad(conductance, index - sliceStride));
  } else if (p.surfaceHeld != 0) {
    uUp = vec4(p.surfaceConcentration);
    faceUp = 2.0 * G;
  }
  for (int k = 0; k < Z_CELLS; ++k) {
    int z = z0 + k;
    if (z >= p.cellsZ) break;
    vec4 uDown = u, gDown = G, faceDown = vec4(0.0);
    if (z < p.cellsZ - 1) {
      uDown = imageLoad(activityIn, index + sliceStride);
      gDown = imageLoad(conductance, index + sliceStride);
      faceDown = harmonic(G, gDown);
    } else if (p.bottomSink != 0) {
      uDown = vec4(0.0);  // perfect sink below the last cell
      faceDown = 2.0 * G;
    }
    // x neighbours: shift the 4-cell vector by one, pulling the edge from the next texel.
    vec4 uL = imageLoad(activityIn, index + left), gL = imageLoad(conductance, index + left);
    vec4 uR = imageLoad(activityIn, index + right), gR = imageLoad(conductance, index + right);
    vec4 uxm = vec4(left != 0 ? uL.w : u.x, u.xyz), gxm = vec4(left != 0 ? gL.w : G.x, G.xyz);
    vec4 uxp = vec4(u.yzw, right != 0 ? uR.x : u.w), gxp = vec4(G.yzw, right != 0 ? gR.x : G.w);
    vec4 uym = imageLoad(activityIn, index + below), gym = imageLoad(conductance, index + below);
    vec4 uyp = imageLoad(activityIn, index + above), gyp = imageLoad(conductance, index + above);

    vec4 flux = p.invHx2 * (harmonic(G, gxm) * (uxm - u) + harmonic(G, gxp) * (uxp - u)) +
                p.invHy2 * (harmonic(G, gym) * (uym - u) + harmonic(G, gyp) * (uyp - u)) +
                p.invHz2 * (faceUp * (uUp - u) + faceDown * (uDown - u));
    vec4 K = imageLoad(capacity, index);
    activityOut[index] = floored(u + p.dt_s * flux / K);
    uUp = u;
    faceUp = faceDown;
    u = uDown;
    G = gDown;
    index += sliceStride;
  }
}

#version 450
// One explicit (forward Euler) finite-volume step of dC/dt = div(D grad C).
// Face diffusivities are harmonic means, which conserve flux across layer
// interfaces. Side walls are no-flux (a neighbour outside the grid mirrors the
// cell, so its flux is zero); the surface is Dirichlet at half a cell when serum
// is applied; the bottom is no-flux or a perfect sink. C++ twin: sim/diffusion_cpu.cpp.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(binding = 0, rgba32f) uniform readonly imageBuffer concentrationIn;
layout(binding = 1, rgba32f) uniform readonly imageBuffer diffusivity;
layout(binding = 2, rgba32f) uniform writeonly imageBuffer concentrationOut;
layout(push_constant) uniform Push { DiffusionPush p; };

vec4 harmonic(vec4 a, vec4 b) { return 2.0 * a * b / max(a + b, vec4(1e-30)); }

void main() {
  ivec3 g = ivec3(gl_GlobalInvocationID);
  int groupsX = p.cells.w;
  if (g.x >= groupsX || g.y >= p.cells.y || g.z >= p.cells.z) return;
  int rowStride = groupsX;
  int sliceStride = groupsX * p.cells.y;
  int index = g.z * sliceStride + g.y * rowStride + g.x;

  vec4 c = imageLoad(concentrationIn, index);
  vec4 d = imageLoad(diffusivity, index);

  // x neighbours: shift the 4-cell vector by one, pulling the edge from the next texel.
  vec4 cLeftTexel = g.x > 0 ? imageLoad(concentrationIn, index - 1) : c.xxxx;
  vec4 dLeftTexel = g.x > 0 ? imageLoad(diffusivity, index - 1) : d.xxxx;
  vec4 cRightTexel = g.x < groupsX - 1 ? imageLoad(concentrationIn, index + 1) : c.wwww;
  vec4 dRightTexel = g.x < groupsX - 1 ? imageLoad(diffusivity, index + 1) : d.wwww;
  vec4 cxm = vec4(cLeftTexel.w, c.xyz), dxm = vec4(dLeftTexel.w, d.xyz);
  vec4 cxp = vec4(c.yzw, cRightTexel.x), dxp = vec4(d.yzw, dRightTexel.x);

  vec4 cym = g.y > 0 ? imageLoad(concentrationIn, index - rowStride) : c;
  vec4 dym = g.y > 0 ? imageLoad(diffusivity, index - rowStride) : d;
  vec4 cyp = g.y < p.cells.y - 1 ? imageLoad(concentrationIn, index + rowStride) : c;
  vec4 dyp = g.y < p.cells.y - 1 ? imageLoad(diffusivity, index + rowStride) : d;

  vec4 flux = p.invSpacing2.x * (harmonic(d, dxm) * (cxm - c) + harmonic(d, dxp) * (cxp - c)) +
              p.invSpacing2.y * (harmonic(d, dym) * (cym - c) + harmonic(d, dyp) * (cyp - c));

  if (g.z > 0) {
    vec4 czm = imageLoad(concentrationIn, index - sliceStride);
    vec4 dzm = imageLoad(diffusivity, index - sliceStride);
    flux += p.invSpacing2.z * harmonic(d, dzm) * (czm - c);
  } else if (p.boundary.y > 0.5) {
    // Surface held at the serum concentration, half a cell above the cell centre.
    flux += p.invSpacing2.z * 2.0 * d * (vec4(p.boundary.x) - c);
  }
  if (g.z < p.cells.z - 1) {
    vec4 czp = imageLoad(concentrationIn, index + sliceStride);
    vec4 dzp = imageLoad(diffusivity, index + sliceStride);
    flux += p.invSpacing2.z * harmonic(d, dzp) * (czp - c);
  } else if (p.boundary.z > 0.5) {
    flux += p.invSpacing2.z * 2.0 * d * (-c);  // perfect sink below the last cell
  }
  imageStore(concentrationOut, index, c + p.invSpacing2.w * flux);
}

#version 450
// Rebuilds conductance G = D K and capacity K from the layers and the openness:
// D = D_layer + φ (D_channel − D_layer), K = K_layer + φ (1 − K_layer) (a channel is
// filled with vehicle). One invocation per texel (4 x cells). Padding cells stay
// walls (G = 0, K = 1). C++ twin: engine/sim/grid.cpp (tissueFields).
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(std430, binding = 0) readonly buffer Openness { uint openness[]; };
layout(std430, binding = 1) readonly buffer Layers { vec2 layerByDepth[]; };  // per z cell: D, K
// Written as storage buffers of vec4 (cheaper than imageStore on lavapipe; see
// diffusion_common.glsl); the diffusion passes read them as texel buffers.
layout(std430, binding = 2) writeonly buffer Conductance { vec4 conductance[]; };
layout(std430, binding = 3) writeonly buffer Capacity { vec4 capacity[]; };
layout(push_constant) uniform Push { TissueUpdatePush p; };

void main() {
  ivec3 g = ivec3(gl_GlobalInvocationID);
  int texels = p.texelsPerRow;
  if (g.x >= texels || g.y >= p.cellsY || g.z >= p.cellsZ) return;
  int texel = (g.z * p.cellsY + g.y) * texels + g.x;
  vec2 layer = layerByDepth[g.z];
  vec4 G, K;
  for (int lane = 0; lane < 4; ++lane) {
    int x = g.x * 4 + lane;
    float open = clamp(uintBitsToFloat(openness[texel * 4 + lane]), 0.0, 1.0);
    float d = layer.x + open * (p.channelDiffusivity_um2_s - layer.x);
    float k = layer.y + open * (1.0 - layer.y);
    bool padding = x >= p.cellsX;
    G[lane] = padding ? 0.0 : d * k;
    K[lane] = padding ? 1.0 : k;
  }
  conductance[texel] = G;
  capacity[texel] = K;
}

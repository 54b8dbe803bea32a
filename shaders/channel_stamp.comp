#version 450
// Stamps needle channels into the openness field: each invocation is one cell of
// one channel's bounding box; the covered fraction (NS_STAMP_SUBSAMPLES³ points)
// is combined with what is there by atomicMax on the float's bits (non-negative
// floats order like their bits). C++ twin: engine/sim/channel_stamp.cpp.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(std430, binding = 0) readonly buffer Stamps { ChannelStampGpu stamps[]; };
layout(std430, binding = 1) buffer Openness { uint openness[]; };
layout(push_constant) uniform Push { ChannelStampPush p; };

#include "channel_common.glsl"

void main() {
  int boxCells = p.boxX * p.boxY * p.boxZ;
  int local = int(gl_GlobalInvocationID.x);
  int stampIndex = int(gl_GlobalInvocationID.y);
  if (local >= boxCells || stampIndex >= p.stampCount) return;
  ChannelStampGpu c = stamps[stampIndex];
  vec3 spacing = vec3(p.hx_um, p.hy_um, p.hz_um);
  ivec3 cell = channelBoxOrigin(c, spacing) +
               ivec3(local % p.boxX, (local / p.boxX) % p.boxY, local / (p.boxX * p.boxY));
  if (any(lessThan(cell, ivec3(0))) || any(greaterThanEqual(cell, ivec3(p.cellsX, p.cellsY, p.cellsZ)))) return;
  int inside = 0;
  const int n = NS_STAMP_SUBSAMPLES;
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        vec3 point = (vec3(cell) + (vec3(i, j, k) + 0.5) / float(n)) * spacing;
        inside += insideChannel(point, c) ? 1 : 0;
      }
  if (inside == 0) return;
  float coverage = float(inside) / float(n * n * n);
  int index = (cell.z * p.cellsY + cell.y) * p.paddedCellsX + cell.x;  // padded rows, like the fields
  atomicMax(openness[index], floatBitsToUint(coverage));
}

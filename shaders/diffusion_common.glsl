// Shared by the diffusion passes: bindings, indexing and the harmonic face mean.
//
// Every pass reads its fields as rgba32f storage texel buffers (imageLoad: lavapipe's
// vectorised texel path) and writes its result to the other activity buffer as a
// storage buffer of vec4 (lavapipe's imageStore costs several times a plain store:
// measured 72 → 30 ms for ten copy-like passes at 128×128×64). Reading one buffer
// and writing the other, no pass reads what it writes.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(push_constant) uniform Push { DiffusionPush p; };

// Harmonic mean of two conductances: flux-conserving across layer interfaces, and
// zero towards padding cells (G = 0), which makes them walls.
vec4 harmonic(vec4 a, vec4 b) { return 2.0 * a * b / max(a + b, vec4(1e-30)); }

// |u| below the floor stored as 0 (sim::activityFloor: no denormals on a CPU device).
float floored(float u) { return abs(u) < p.activityFloor ? 0.0 : u; }
vec4 floored(vec4 u) { return mix(u, vec4(0.0), lessThan(abs(u), vec4(p.activityFloor))); }

int texelIndex(int texelX, int y, int z) { return (z * p.cellsY + y) * p.texelsPerRow + texelX; }

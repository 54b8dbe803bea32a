// Shared by the diffusion passes: bindings, indexing and the harmonic face mean.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(push_constant) uniform Push { DiffusionPush p; };

// Harmonic mean of two conductances: flux-conserving across layer interfaces, and
// zero towards padding cells (G = 0), which makes them walls.
vec4 harmonic(vec4 a, vec4 b) { return 2.0 * a * b / max(a + b, vec4(1e-30)); }

int texelIndex(int texelX, int y, int z) { return (z * p.cellsY + y) * p.texelsPerRow + texelX; }

#version 450
// One healing step. MODE 0: every skin column takes its new deposits and advances
// the erythema and oedema kinetics exactly over dt. MODE 1: every cell's channel openness
// decays by the closure factor (2^(−dt/T½)); the tissue rebuild follows.
// C++ twin: engine/sim/healing.cpp.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"

layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;
layout(constant_id = 3) const int MODE = 0;
layout(std430, binding = 0) buffer Surface { vec4 surface[]; };          // NS_HEALING_STRIDE per column
layout(std430, binding = 1) readonly buffer Deposits { vec4 deposits[]; };  // NS_HEALING_STRIDE per column
layout(std430, binding = 2) buffer Openness { uint openness[]; };
layout(push_constant) uniform Push { HealingPush p; };

#include "healing_common.glsl"

void main() {
  int i = int(gl_GlobalInvocationID.x);
  if (MODE == 1) {
    if (i >= p.opennessCells) return;
    openness[i] = floatBitsToUint(uintBitsToFloat(openness[i]) * p.opennessDecay);
    return;
  }
  if (i >= p.steppedColumns) return;
  // Only the rectangle of columns ever touched is stepped; deposits are read where
  // this record wrote them.
  ivec2 column = ivec2(p.touchedX0, p.touchedY0) + ivec2(i % p.touchedWidth, i / p.touchedWidth);
  bool fresh = p.depositsFresh != 0 && all(greaterThanEqual(column, ivec2(p.pendingX0, p.pendingY0))) &&
               all(lessThan(column, ivec2(p.pendingX1, p.pendingY1)));
  i = column.y * p.columnsPerRow + column.x;
  int at = NS_HEALING_STRIDE * i;
  vec4 a = surface[at], b = surface[at + 1], c = surface[at + 2];
  vec4 da = fresh ? deposits[at] : vec4(0.0), db = fresh ? deposits[at + 1] : vec4(-1.0, -1.0, 0.0, 0.0);
  a.x += da.x;
  c.x += da.x * p.oedemaPerStimulus;
  a.z += da.y;
  a.w = max(a.w, da.z);
  b.x = max(b.x, db.x);
  if (db.y >= 0.0 && (b.y < 0.0 || db.y < b.y)) b.y = db.y;
  b.z += db.z;
  float tauOff = p.resolveTauBase_s + p.resolveTauPerUm_s * a.w;
  a.xy = erythemaStep(a.xy, p.dt_s, p.onsetTau_s, tauOff);
  // Oedema: the same two-compartment kinetics, slower (a rise over hours, days to resolve).
  float oedemaTauOff = p.oedemaTauBase_s + p.oedemaTauPerUm_s * a.w;
  c.xy = erythemaStep(c.xy, p.dt_s, p.oedemaRiseTau_s, oedemaTauOff);
  surface[at] = a;
  surface[at + 1] = b;
  surface[at + 2] = c;
}

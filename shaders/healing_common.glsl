// The erythema kinetics, exact over an interval dt (twin: engine/sim/healing.cpp):
//   S' = −S/τ_on,   E' = S/τ_on − E/τ_off(depth)
// S is the stimulus the punctures deposit; E the redness it drives. The oedema uses
// the same step with its own τs (stimulus W, swelling O).
vec2 erythemaStep(vec2 se, float dt, float tauOn, float tauOff) {
  float aOn = exp(-dt / tauOn), aOff = exp(-dt / tauOff);
  float kOn = 1.0 / tauOn, kOff = 1.0 / tauOff;
  // For τ_on ≠ τ_off; the limit case adds a (tiny) offset to keep the division finite.
  float diff = kOn - kOff;
  if (abs(diff) < 1e-12) diff = 1e-12;
  float e = se.y * aOff + se.x * kOn * (aOff - aOn) / diff;
  return vec2(se.x * aOn, e);
}

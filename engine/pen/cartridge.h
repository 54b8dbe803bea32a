#pragma once
// Needle positions in the cartridge plane (mm, centred on the pen axis).
#include <glm/glm.hpp>

#include <vector>

#include "scene/scene.h"

namespace ns::pen {

// "grid": rows × columns as square as possible (12 → 4 × 3), at needle_pitch_mm;
// "circle": evenly on a ring whose neighbouring needles are needle_pitch_mm apart
// (one in the centre from 7 needles on, as in round cartridges).
std::vector<glm::dvec2> cartridgeLayout(const scene::Pen& pen);

// The cartridge's extent (mm) across the pen's x, plus one needle: strikes spaced
// wider than this along a glide leave untreated gaps.
double cartridgeSpan_mm(const scene::Pen& pen);
// Over-treatment (docs/technique-scoring.md). The useful spacing: a needle striking
// again within a quarter of its own width re-opens the same channel [A]. The density
// limit: ten passes (the most a published protocol uses, scar case report [P]) at
// that spacing, over the cartridge's band (its mean width): punctures per mm².
double usefulSpacing_mm(const scene::Pen& pen);
double overTreatmentDensity_per_mm2(const scene::Pen& pen);
// Snaps a dial value to the pen's settings (0, step, 2 step, ..., max).
double snapDial(const scene::Pen& pen, double depth_mm);

}  // namespace ns::pen

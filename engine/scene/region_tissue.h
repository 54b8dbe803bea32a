#pragma once
// The skin of each face region, for a face's tissue blocks: the layers of the region
// presets in scenes/ (forehead, periorbital, nose, cheek, perioral, neck), compiled
// in. Regions of the map without a preset of their own take a neighbour's layers:
//
//   chin          → perioral  (the chin is the lower perioral skin: thick dermis,
//                              thick hypodermis; no chin preset is sourced yet [A])
//   lip_vermilion → perioral  (no-go: a puncture there still enters the lip's skin)
//   orbital       → periorbital (no-go: the lids are the thinnest facial skin)
//   body, other   → the scene's own tissue (a mesh without a region map is one region)
#include <string>

#include "scene/scene.h"

namespace ns::scene {

// The preset whose layers `region` takes ("" when it takes the scene's own).
std::string regionPreset(const std::string& region);

// The tissue of `region`: its preset's layers (parsed from the compiled-in preset),
// or `fallback` when the region has no preset (then `presetName` is "").
Tissue regionTissue(const std::string& region, const Tissue& fallback, std::string* presetName = nullptr);

}  // namespace ns::scene

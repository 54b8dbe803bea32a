#include "scene/region_tissue.h"

#include <cstdio>
#include <map>

namespace ns::scene {
namespace {

struct EmbeddedPreset {
  const char* name;
  const char* bytes;
  size_t size;
};

// scenes/<region>.json of the six region presets (engine/scene/CMakeLists.txt).
#include "region_presets.inc"

}  // namespace

std::string regionPreset(const std::string& region) {
  static const std::map<std::string, std::string> fallback = {
      {"chin", "perioral"},         {"lip_vermilion", "perioral"},         {"orbital", "periorbital"},
      {"temple", "forehead"},       {"glabella", "forehead"},              {"eyelid", "periorbital"},
      {"lid_margin", "periorbital"}, {"eye", "periorbital"},              {"upper_lip_vermilion", "perioral"},
      {"lower_lip_vermilion", "perioral"}, {"jawline", "cheek"},          {"ear", "cheek"}};
  for (const EmbeddedPreset& p : kEmbeddedPresets)
    if (region == p.name) return region;
  auto it = fallback.find(region);
  return it != fallback.end() ? it->second : "";
}

Tissue regionTissue(const std::string& region, const Tissue& fallback, std::string* presetName) {
  std::string preset = regionPreset(region);
  if (presetName) *presetName = preset;
  for (const EmbeddedPreset& p : kEmbeddedPresets) {
    if (preset != p.name) continue;
    Scene parsed;
    LoadResult r = parseScene(std::string(p.bytes, p.size), "<built-in scenes/" + preset + ".json>", parsed);
    if (!r.ok) {  // the presets are tested; a broken build should still run
      std::fprintf(stderr, "needlesim: %s\n", r.error.c_str());
      break;
    }
    Tissue tissue = parsed.tissue;
    tissue.fitzpatrick = fallback.fitzpatrick;  // the person's skin type is the scene's, not the preset's
    return tissue;
  }
  if (presetName) *presetName = "";
  return fallback;
}

}  // namespace ns::scene

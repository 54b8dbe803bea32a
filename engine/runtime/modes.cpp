#include "runtime/modes.h"

#include "runtime/educator.h"
#include "runtime/ghost.h"
#include "runtime/run.h"

#include <string_view>

namespace ns::runtime {
namespace {

std::unique_ptr<Feature> makeEducator(const Options& options, std::string& error) {
  EducatorState state;
  for (const std::string& spec : options.pins) {
    Pin pin;
    std::string expected;
    if (!parsePinSpec(spec, pin, expected)) {
      error = "--pin: expected " + expected + ", got '" + spec + "'";
      return nullptr;
    }
    addPin(state, pin.pos_mm, pin.label);
  }
  return makeEducatorFeature(std::move(state));
}

std::unique_ptr<Feature> makeGhost(const Options& options, std::string& error) {
  Ghost ghost;
  if (!loadGhost(options.ghostFile, ghost, error)) return nullptr;
  return makeGhostFeature(std::move(ghost));
}

}  // namespace

const std::vector<FeatureEntry>& featureTable() {
  static const std::vector<FeatureEntry> table = {
      {"educator", [](const Options& o) { return o.mode == "educator"; }, makeEducator},
      {"ghost", [](const Options& o) { return !o.ghostFile.empty(); }, makeGhost},
  };
  return table;
}

const Feature* findFeature(const Run& run, const char* name) {
  for (const std::unique_ptr<Feature>& f : run.features)
    if (std::string_view(f->name()) == name) return f.get();
  return nullptr;
}

bool makeFeatures(const Options& options, std::vector<std::unique_ptr<Feature>>& features, std::string& error) {
  for (const FeatureEntry& entry : featureTable()) {
    if (!entry.wanted(options)) continue;
    std::unique_ptr<Feature> feature = entry.make(options, error);
    if (!feature) return false;
    features.push_back(std::move(feature));
  }
  return true;
}

}  // namespace ns::runtime

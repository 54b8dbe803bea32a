#include "scene/scene.h"

#include "core/files.h"

namespace ns::scene {

double Tissue::totalThickness_um() const {
  double total = 0;
  for (auto& layer : layers) total += layer.thickness_um;
  return total;
}

size_t Tissue::layerAtDepth(double depth_um) const {
  double bottom = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    bottom += layers[i].thickness_um;
    if (depth_um < bottom) return i;
  }
  return layers.empty() ? 0 : layers.size() - 1;
}

const char* bottomBoundaryName(BottomBoundary bottom) {
  return bottom == BottomBoundary::Sink ? "sink" : "no_flux";
}

LoadResult loadScene(const std::string& path, Scene& scene) {
  std::string text, error;
  if (!core::readText(path, text, error)) {
    LoadResult result;
    result.error = error;
    return result;
  }
  return parseScene(text, path, scene);
}

std::string defaultSceneText() {
  static const char kDefault[] = {
#include "default_scene.json.inc"
  };
  return std::string(kDefault, sizeof(kDefault));
}

Scene defaultScene() {
  Scene scene;
  LoadResult result = parseScene(defaultSceneText(), "<built-in default>", scene);
  if (!result.ok) scene = Scene{};  // unreachable: a test parses scenes/default.json
  return scene;
}

bool serumOnSkin(const Serum& serum, double time_s) {
  return time_s >= serum.applied_at_s && time_s < serum.applied_at_s + serum.removed_after_s;
}

std::array<double, 2> serumChanges_s(const Serum& serum) {
  return {serum.applied_at_s, serum.applied_at_s + serum.removed_after_s};
}

}  // namespace ns::scene

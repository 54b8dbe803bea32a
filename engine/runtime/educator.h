#pragma once
// The educator's mode (--mode educator): presenter controls on the keyboard (pause,
// single step, time scale, jumps, cross-section and micro view, a help overlay on
// H) and annotation pins — numbered, labelled points on the skin that stay there as
// the view moves, listed in a panel and written to the export and the report
// (educator.annotations). Pins are kept in scene millimetres; the screen position
// is worked out again each frame from the camera.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include <memory>

#include "render/camera.h"
#include "runtime/feature.h"
#include "scene/skin_surface.h"

namespace ns::runtime {

struct Pin {
  int n = 0;              // 1, 2, 3 ... as placed (numbers are not reused)
  std::string label;
  glm::dvec3 pos_mm{0.0};
};

struct EducatorState {
  bool pinMode = false;    // P: the next left click places a pin instead of needling
  bool stepOnce = false;   // . : one frame of simulated time while paused
  std::vector<Pin> pins;
  int nextPin = 1;
  bool whyShown = false;   // W: the "why it works" view over the 3D view
};

// A pin given on the command line (--pin X,Y,Z=LABEL), or false with what was expected.
bool parsePinSpec(const std::string& text, Pin& pin, std::string& expected);

Pin& addPin(EducatorState& state, glm::dvec3 pos_mm, std::string label);

// A pin's place on the screen (pixels, y down), or nothing when it is behind the
// camera.
std::optional<glm::vec2> pinOnScreen(const render::OrbitCamera& camera, glm::vec2 windowSize, glm::dvec3 pos_mm);

// Where a click at `pixel` lands on the skin, if it does.
std::optional<glm::dvec3> skinUnderPixel(const render::OrbitCamera& camera, glm::vec2 windowSize, glm::vec2 pixel,
                                         const scene::SkinSurface& skin);

// educator.annotations: [{"n", "label", "pos_mm"}]
nlohmann::json annotationsJson(const EducatorState& state);

// The help overlay's lines: key, what it does — every windowed mode's, and the
// educator's presenter keys.
std::vector<Shortcut> shortcutList();
std::vector<Shortcut> presenterShortcuts();

// --mode educator as a feature of the run: the presenter keys (posted as requests),
// the pins (placed, labelled, removed through requests; drawn on the skin; listed in
// the Educator panel, first on the right), and educator.annotations in the report
// and the export. `state`: the pins given on the command line.
std::unique_ptr<Feature> makeEducatorFeature(EducatorState state);

}  // namespace ns::runtime

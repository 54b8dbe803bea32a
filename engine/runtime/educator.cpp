#include "runtime/educator.h"

#include "input/pen_sample.h"

#include <cmath>
#include <sstream>

#include "runtime/pen_controls.h"

namespace ns::runtime {

bool parsePinSpec(const std::string& text, Pin& pin, std::string& expected) {
  expected = "X,Y,Z=LABEL (a point on the skin in scene mm and a short label)";
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq + 1 >= text.size()) return false;
  std::istringstream in(text.substr(0, eq));
  double v[3];
  char comma = 0;
  if (!(in >> v[0] >> comma) || comma != ',' || !(in >> v[1] >> comma) || comma != ',' || !(in >> v[2])) return false;
  in >> std::ws;
  if (!in.eof()) return false;
  for (double x : v)  // finite and within ±10 m, as a pen sample (input/pen_sample.h)
    if (!std::isfinite(x) || std::fabs(x) > input::kMaxPenPos_mm)
      return expected = "X,Y,Z=LABEL (a point in scene mm, each within -10000..10000, and a short label)", false;
  pin.pos_mm = {v[0], v[1], v[2]};
  pin.label = text.substr(eq + 1);
  return pin.label.size() <= 64 || (expected = "a label of at most 64 characters", false);
}

Pin& addPin(EducatorState& state, glm::dvec3 pos_mm, std::string label) {
  int n = state.nextPin++;
  if (label.empty()) label = "Pin " + std::to_string(n);
  state.pins.push_back({n, std::move(label), pos_mm});
  return state.pins.back();
}

std::optional<glm::vec2> pinOnScreen(const render::OrbitCamera& camera, glm::vec2 size, glm::dvec3 pos_mm) {
  glm::mat4 viewProj = render::viewProjection(camera, size.x / std::max(1.0f, size.y));
  glm::vec4 clip = viewProj * glm::vec4(glm::vec3(pos_mm), 1.0f);
  if (clip.w <= 0.01f) return std::nullopt;
  return glm::vec2((clip.x / clip.w * 0.5f + 0.5f) * size.x, (clip.y / clip.w * 0.5f + 0.5f) * size.y);
}

std::optional<glm::dvec3> skinUnderPixel(const render::OrbitCamera& camera, glm::vec2 size, glm::vec2 pixel,
                                         const scene::SkinSurface& skin) {
  glm::dvec3 origin, dir;
  pixelRay(camera, pixel, size, origin, dir);
  scene::SurfaceHit hit;
  if (!scene::raycastSkin(skin, origin, dir, 1e6, hit)) return std::nullopt;
  return hit.point;
}

nlohmann::json annotationsJson(const EducatorState& state) {
  nlohmann::json list = nlohmann::json::array();
  for (const Pin& pin : state.pins)
    list.push_back({{"n", pin.n}, {"label", pin.label}, {"pos_mm", {pin.pos_mm.x, pin.pos_mm.y, pin.pos_mm.z}}});
  return list;
}

std::vector<Shortcut> shortcutList() {
  std::vector<Shortcut> list = {
      {"Left button", "needle the skin (the pen follows the cursor)"},
      {"Wheel", "pen dial (0.25 mm steps)"},
      {"Arrows  0", "tilt the pen  /  upright again"},
      {"Right-drag", "orbit the view"},
      {"Middle-drag", "pan the view"},
      {"Ctrl+wheel  + -", "zoom (a tap of + or - is one step)"},
      {"R  F", "reset the view  /  face on to the treated spot"},
      {"Tab", "hide / show all panels"},
      {"F12", "screenshot (into --outbox, else ./screenshots)"},
      {"F3", "frame panel: GPU time pass by pass, the view's scale"},
      {"H", "this help (again: close)"},
      {"Esc", "quit (asks first)"},
  };
  return list;
}

std::vector<Shortcut> presenterShortcuts() {
  return {
      {"Space", "pause / run the simulation"},
      {".", "one step while paused (1/60 s at the time scale)"},
      {"1 2 3 4", "time scale x1, x60, x3600, x86400"},
      {"J K L", "jump +1 hour, +1 day, +6 weeks"},
      {"C", "serum on the cut face (the patch)"},
      {"M", "micro view under the pen"},
      {"P", "pin mode: a left click places a numbered pin"},
      {"Backspace", "remove the last pin"},
      {"E", "export the summary with the pins (PNG + JSON)"},
      {"W", "why it works: channels to collagen, with values and sources"},
  };
}

}  // namespace ns::runtime

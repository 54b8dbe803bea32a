// The educator's mode as a feature of the run (runtime/educator.h): presenter keys
// turned into requests, pins placed and edited through requests, the Educator panel.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>

#include "runtime/educator.h"
#include "runtime/run.h"
#include "runtime/why_view.h"
#include "ui/dock.h"
#include "ui/educator_panel.h"
#include "ui/why_panel.h"

namespace ns::runtime {
namespace {

constexpr double kHour_s = 3600, kDay_s = 86400, kSixWeeks_s = 42 * 86400;  // J K L: the Serum panel's jumps

// The educator's pins where they are on the screen now (they live on the skin).
std::vector<ui::PinRow> pinRows(const Run& run, const EducatorState& ed) {
  std::vector<ui::PinRow> rows;
  VkExtent2D extent = run.host.target.extent;
  for (const Pin& pin : ed.pins) {
    ui::PinRow row{pin.n, pin.label, {float(pin.pos_mm.x), float(pin.pos_mm.y), float(pin.pos_mm.z)}};
    if (auto at = pinOnScreen(run.view.camera, glm::vec2(float(extent.width), float(extent.height)), pin.pos_mm)) {
      row.onScreen = true;
      row.x = at->x;
      row.y = at->y;
    }
    rows.push_back(row);
  }
  return rows;
}

class EducatorFeature : public Feature {
 public:
  explicit EducatorFeature(EducatorState state) : ed_(std::move(state)) {}
  const char* name() const override { return "educator"; }

  void apply(Run& run, ui::UiRequests& requests) override {
    if (requests.pinMode) ed_.pinMode = *requests.pinMode;
    for (Pin& pin : ed_.pins)
      if (requests.pinLabel && pin.n == requests.pinLabel->first) pin.label = requests.pinLabel->second;
    if (requests.pinAt) placePin(run, *requests.pinAt);
    if (requests.whyItWorks) ed_.whyShown = *requests.whyItWorks;
    if (requests.removePin)
      ed_.pins.erase(std::remove_if(ed_.pins.begin(), ed_.pins.end(), [&](const Pin& p) { return p.n == *requests.removePin; }),
                     ed_.pins.end());
  }

  // The presenter keys: each posts what the panel's button for it would.
  void keys(Run& run, ui::UiRequests& requests) override {
    CameraControls& keys = run.cameraControls;
    const render::RenderSettings& s = run.view.settings;
    if (takeKeyPress(keys, GLFW_KEY_SPACE)) requests.paused = !pausedAsShown(run);
    if (takeKeyPress(keys, GLFW_KEY_PERIOD)) requests.stepOnce = true;
    const double scales[4] = {1, 60, 3600, 86400};
    const int scaleKeys[4] = {GLFW_KEY_1, GLFW_KEY_2, GLFW_KEY_3, GLFW_KEY_4};
    for (int i = 0; i < 4; ++i)
      if (takeKeyPress(keys, scaleKeys[i])) requests.timeScale = scales[i];
    const double jumps[3] = {kHour_s, kDay_s, kSixWeeks_s};
    const int jumpKeys[3] = {GLFW_KEY_J, GLFW_KEY_K, GLFW_KEY_L};
    for (int i = 0; i < 3; ++i)
      if (takeKeyPress(keys, jumpKeys[i])) requests.jump_s += jumps[i];
    if (takeKeyPress(keys, GLFW_KEY_C)) requests.showField = !s.showField;
    if (takeKeyPress(keys, GLFW_KEY_M)) requests.showMicroView = !s.showMicroView;
    if (takeKeyPress(keys, GLFW_KEY_P)) requests.pinMode = !ed_.pinMode;
    if (takeKeyPress(keys, GLFW_KEY_BACKSPACE) && !ed_.pins.empty()) requests.removePin = ed_.pins.back().n;
    if (takeKeyPress(keys, GLFW_KEY_E)) requests.exportSummary = true;
    if (takeKeyPress(keys, GLFW_KEY_W)) requests.whyItWorks = !ed_.whyShown;
  }

  void penInput(Run&, input::PenSample& pen) override {
    if (ed_.pinMode) pen.contact = false;  // a click places a pin, it does not needle
  }

  // Top right: the presenter's panel, placed before the pen's; the pins on the skin.
  void panels(const Run& run, ui::Dock& dock, ui::DockSide side, ui::UiRequests& requests) override {
    if (side != ui::DockSide::Right) return;
    std::vector<ui::PinRow> pins = pinRows(run, ed_);
    ui::drawPinMarkers(pins);
    if (!run.quitAsked) ui::takePinClick(ed_.pinMode, requests);
    if (run.view.panelsHidden) return;
    ui::AnnotationsView view{pins, ed_.pinMode, pausedAsShown(run), run.sim.timeScale, ed_.whyShown};
    ui::placeNextPanel(dock, ui::DockSide::Right);
    ui::drawAnnotationsPanel(view, requests);
    ui::recordPanel(dock, ui::DockSide::Right, "Educator");
  }

  // The "why it works" view over the 3D view while it is on. The serum's uptake
  // (needled vs intact, a twin run) is worked out once per serum, when first shown.
  void overlays(const Run& run, ui::Dock&, ui::UiRequests&) override {
    if (!ed_.whyShown || run.view.panelsHidden) return;
    refreshUptake(run);
    ui::drawWhyItWorks(whyView(run, uptake_));
  }

  void help(std::vector<Shortcut>& rows) const override {
    std::vector<Shortcut> presenter = presenterShortcuts();
    rows.insert(rows.end(), presenter.begin(), presenter.end());
  }

  // The pins, and the "why it works" chain as it reads now (each link's value and
  // source: what the view shows, so a report can be held to it).
  void report(Run& run, nlohmann::json& report) override {
    nlohmann::json links = nlohmann::json::array();
    if (!run.gpuFault) {
      refreshUptake(run);
      for (const ui::WhyLink& link : whyView(run, uptake_).links)
        links.push_back({{"title", link.title}, {"value", link.value}, {"source", link.source}});
    }
    nlohmann::json why = {{"shown", ed_.whyShown}, {"links", links}};
    if (!run.gpuFault) why["uptake"] = uptakeJson(run.sim.blocks.front().solver.serum.name, uptake_);
    report["educator"] = {{"annotations", annotationsJson(ed_)}, {"why_it_works", why}};
  }
  void exportSummary(Run&, nlohmann::json& summary) override {
    summary["educator"] = {{"annotations", annotationsJson(ed_)}};
  }

 private:
  // Where the click lands on the skin, seen from this frame's camera.
  void placePin(Run& run, std::pair<float, float> at) {
    int w = 0, h = 0;
    if (run.host.window.handle) glfwGetWindowSize(run.host.window.handle, &w, &h);  // the mouse's coordinates
    else w = int(run.host.target.extent.width), h = int(run.host.target.extent.height);
    glm::vec2 size(float(std::max(w, 1)), float(std::max(h, 1)));
    if (auto hit = skinUnderPixel(run.view.camera, size, glm::vec2(at.first, at.second), run.skin)) {
      const Pin& pin = addPin(ed_, *hit, "");
      std::fprintf(stderr, "needlesim: pin %d placed at (%.2f, %.2f, %.2f) mm\n", pin.n, hit->x, hit->y, hit->z);
    }
  }

  // The uptake link's numbers as the panel prints them (ratio_text is its words).
  static nlohmann::json uptakeJson(const std::string& serum, const sim::SerumUptake& u) {
    auto orNull = [&](double v) { return u.appliedPercent > 0 ? nlohmann::json(v) : nlohmann::json(nullptr); };
    return {{"serum", serum},
            {"seconds", u.seconds},
            {"needled_um", u.needled_um},
            {"intact_um", u.intact_um},
            {"intact_barrier_um", u.intactBarrier_um},
            {"shunt_um", u.shunt_um},
            {"needled_depth_um", u.needledDepth_um},
            {"intact_depth_um", u.intactDepth_um},
            {"needled_ug_cm2", orNull(u.needled_ug_cm2())},
            {"intact_ug_cm2", orNull(u.intact_ug_cm2())},
            {"detection_limit_um", sim::kDetectionLimit_um},
            {"intact_detected", u.intactDetected()},
            {"ratio", u.ratio()},
            {"ratio_shown", u.shownRatio()},
            {"ratio_text", u.ratioText()}};
  }

  void refreshUptake(const Run& run) {
    const std::string& serum = run.sim.blocks.front().solver.serum.name;
    if (uptakeFor_ == serum) return;
    uptake_ = sim::serumUptake(sceneWithSerum(run), 600.0);
    uptakeFor_ = serum;
  }

  // The scene with the serum on the skin now (the panel or a lesson may have changed it).
  static scene::Scene sceneWithSerum(const Run& run) {
    scene::Scene scene = run.scene;
    scene.serum = run.sim.blocks.front().solver.serum;
    return scene;
  }

  EducatorState ed_;
  sim::SerumUptake uptake_;
  std::string uptakeFor_;
};

}  // namespace

std::unique_ptr<Feature> makeEducatorFeature(EducatorState state) {
  return std::make_unique<EducatorFeature>(std::move(state));
}

}  // namespace ns::runtime

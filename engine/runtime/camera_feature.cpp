// The camera as the pen, as a feature: its panel (what the camera sees, whether the
// pen is tracked) and the report's `tracking` section. The samples themselves come
// through the pen session like a replay's or OSC's (runtime/pen_session.cpp), so
// every mode takes the camera as its pen.
#include "runtime/camera_feature.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "runtime/run.h"
#include "runtime/view_state.h"
#include "ui/camera_panel.h"
#include "ui/dock.h"

namespace ns::runtime {
namespace {

constexpr double kRegionView_mm = 90;  // the nearest the view comes to a small region

}  // namespace

std::string sourceName(const std::string& source) {
  std::filesystem::path p(source);
  if (source.rfind("/dev/", 0) == 0 || !p.has_parent_path()) return source;
  std::string parent = p.parent_path().filename().string();
  return (parent.empty() ? "" : parent + "/") + p.filename().string();
}

namespace {

// The camera's newest picture into the overlay's live texture, when it is new.
void showPicture(GpuHost& host, const CameraView& v, long& shownVersion) {
  if (v.version == shownVersion || v.small.empty() || !v.small.isContinuous() || v.small.type() != CV_8UC1) return;
  ui::setLivePicture(host.ctx, host.overlay.thumbnails, host.overlay.live, v.small.data, uint32_t(v.small.cols),
                     uint32_t(v.small.rows));
  shownVersion = v.version;
}

ui::CameraPanelView panelView(const CameraView& v, CameraPen& camera, CameraNumbers& numbers,
                              std::chrono::steady_clock::time_point& numbersAt) {
  ui::CameraPanelView p;
  p.source = sourceName(camera.options.source);
  p.live = camera.live;
  p.width = v.width, p.height = v.height;
  auto quads = [](const std::vector<std::array<glm::vec2, 4>>& in, std::vector<ui::CameraPanelView::Quad>& out) {
    for (const auto& q : in)
      out.push_back({{q[0].x, q[0].y, q[1].x, q[1].y, q[2].x, q[2].y, q[3].x, q[3].y}});
  };
  quads(v.penQuads, p.penQuads);
  quads(v.padQuads, p.padQuads);
  p.tipSeen = v.tipSeen, p.tipX = v.tip_px.x, p.tipY = v.tip_px.y;
  p.started = v.version > 0;
  p.padFound = v.padFound, p.penFound = v.penFound, p.tracked = v.tracked, p.contact = v.contact;
  p.tipHeight_mm = v.tipHeight_mm;
  // The medians sort up to 7200 values each: taken twice a second, not every frame.
  auto now = std::chrono::steady_clock::now();
  if (now - numbersAt >= std::chrono::milliseconds(500)) numbers = cameraNumbers(camera), numbersAt = now;
  p.lostFor_s = numbers.lostFor_s;
  p.frames = numbers.frames, p.trackedFrames = numbers.tracked, p.lost_s = numbers.lost_s;
  p.msP50 = numbers.msP50, p.latencyP50_ms = numbers.latencyP50_ms, p.reprojectionP50_px = numbers.reprojectionP50_px;
  p.ended = cameraFinished(camera);
  return p;
}

class CameraFeature : public Feature {
 public:
  const char* name() const override { return "camera"; }

  // On the face, the view starts facing the region the pad stands for, where the pen
  // will appear (as a lesson step facing a region does).
  bool start(Run& run, std::string&) override {
    const PenSession& pen = run.session.pen;
    scene::RegionView region;
    if (!pen.padOnMesh || run.options.headless || !scene::regionView(run.skin, pen.padRegion, region)) return true;
    render::OrbitCamera camera = run.view.camera;
    render::focusCamera(camera, glm::vec3(region.centre), glm::vec3(region.normal),
                        float(std::max(kRegionView_mm, 3.0 * region.radius_mm)));
    ui::UiRequests view;
    view.camera = cameraRequest(camera);
    applyRequestsNow(run, std::move(view));
    return true;
  }

  void panels(const Run& run, ui::Dock& dock, ui::DockSide side, ui::UiRequests&) override {
    CameraPen* camera = run.session.pen.camera.get();
    if (side != ui::DockSide::Left || !camera || run.view.panelsHidden) return;
    ui::placeNextPanel(dock, ui::DockSide::Left);
    CameraView seen = cameraView(*camera);
    showPicture(run.host, seen, shownVersion_);
    ui::CameraPanelView view = panelView(seen, *camera, numbers_, numbersAt_);
    if (run.session.pen.padOnMesh) view.padRegion = run.session.pen.padRegion;
    ui::drawCameraPanel(view, run.host.overlay.thumbnails, run.host.overlay.live);
    ui::recordPanel(dock, ui::DockSide::Left, "Camera pen");
  }

  void report(Run& run, nlohmann::json& report) override {
    if (!run.session.pen.camera) return;
    report["tracking"] = cameraReport(*run.session.pen.camera);
    if (run.session.pen.padOnMesh) report["tracking"]["pad_region"] = run.session.pen.padRegion;
  }

 private:
  CameraNumbers numbers_;  // the panel's counts and medians, refreshed twice a second
  std::chrono::steady_clock::time_point numbersAt_{};
  long shownVersion_ = 0;  // the camera view whose picture the live texture holds
};

}  // namespace

std::unique_ptr<Feature> makeCameraFeature() { return std::make_unique<CameraFeature>(); }

}  // namespace ns::runtime

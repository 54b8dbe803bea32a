// The camera as the pen, as a feature: its panel (what the camera sees, whether the
// pen is tracked) and the report's `tracking` section. The samples themselves come
// through the pen session like a replay's or OSC's (runtime/pen_session.cpp), so
// every mode takes the camera as its pen.
#include "runtime/camera_feature.h"

#include <algorithm>
#include <filesystem>

#include "runtime/run.h"
#include "ui/camera_panel.h"
#include "ui/dock.h"

namespace ns::runtime {
namespace {

constexpr int kPreviewCols = 96;  // cells across the preview (a 1280 px frame: 13 px each)

}  // namespace

std::string sourceName(const std::string& source) {
  std::filesystem::path p(source);
  if (source.rfind("/dev/", 0) == 0 || !p.has_parent_path()) return source;
  std::string parent = p.parent_path().filename().string();
  return (parent.empty() ? "" : parent + "/") + p.filename().string();
}

namespace {

ui::CameraPanelView panelView(CameraPen& camera) {
  CameraView v = cameraView(camera);
  CameraStats s = cameraStats(camera);
  ui::CameraPanelView p;
  p.source = sourceName(camera.options.source);
  p.live = camera.live;
  p.width = v.width, p.height = v.height;
  if (!v.small.empty()) {
    p.cols = std::min(kPreviewCols, v.small.cols);
    p.rows = std::max(1, int(double(v.small.rows) * p.cols / v.small.cols + 0.5));
    p.cells.resize(size_t(p.cols) * size_t(p.rows));
    for (int r = 0; r < p.rows; ++r)
      for (int c = 0; c < p.cols; ++c)  // nearest cell of the small preview (already area-averaged)
        p.cells[size_t(r) * size_t(p.cols) + size_t(c)] =
            v.small.at<uint8_t>(std::min(v.small.rows - 1, r * v.small.rows / p.rows), std::min(v.small.cols - 1, c * v.small.cols / p.cols));
  }
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
  p.lostFor_s = s.lostNow ? s.lastLost_s : 0.0;
  p.frames = s.frames, p.trackedFrames = s.tracked, p.lost_s = s.lost_s;
  p.msP50 = core::seriesPercentile(s.ms, 50);
  p.latencyP50_ms = core::seriesPercentile(s.latency_ms, 50);
  p.reprojectionP50_px = core::seriesPercentile(s.reprojection_px, 50);
  p.ended = cameraFinished(camera);
  return p;
}

class CameraFeature : public Feature {
 public:
  const char* name() const override { return "camera"; }

  void panels(const Run& run, ui::Dock& dock, ui::DockSide side, ui::UiRequests&) override {
    CameraPen* camera = run.session.pen.camera.get();
    if (side != ui::DockSide::Left || !camera || run.view.panelsHidden) return;
    ui::placeNextPanel(dock, ui::DockSide::Left);
    ui::drawCameraPanel(panelView(*camera));
    ui::recordPanel(dock, ui::DockSide::Left, "Camera pen");
  }

  void report(Run& run, nlohmann::json& report) override {
    if (run.session.pen.camera) report["tracking"] = cameraReport(*run.session.pen.camera);
  }
};

}  // namespace

std::unique_ptr<Feature> makeCameraFeature() { return std::make_unique<CameraFeature>(); }

}  // namespace ns::runtime

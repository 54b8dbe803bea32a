// The guided calibrations as a feature that owns the window (`--calibrate-camera OUT`
// or `--calibrate-tip OUT` without --headless): the skin waits behind a screen that
// shows the camera's picture, the steps and what is still missing, and the result.
// The frames are worked on by runtime/guided_calibration's thread, never this one.
#include <chrono>
#include <cstdio>
#include <thread>

#include "runtime/camera_feature.h"
#include "runtime/guided_calibration.h"
#include "runtime/run.h"
#include "ui/calibration_panel.h"

namespace ns::runtime {
namespace {

std::vector<ui::CameraPanelView::Quad> quadsOf(const std::vector<std::array<glm::vec2, 4>>& in) {
  std::vector<ui::CameraPanelView::Quad> out;
  for (const auto& q : in) out.push_back({{q[0].x, q[0].y, q[1].x, q[1].y, q[2].x, q[2].y, q[3].x, q[3].y}});
  return out;
}

std::string trainCommand(const Options& o, GuidedKind kind) {
  std::string source = "--camera '" + o.cameraSource + "'";
  if (kind == GuidedKind::Camera) return "needlesim " + source + " --camera-calib '" + o.calibrateCamera + "'";
  return "needlesim " + source + " --camera-calib '" + o.cameraCalib + "' --pen-rig '" + o.calibrateTip + "'";
}

std::vector<std::string> resultLines(const GuidedView& g) {
  char text[200];
  if (g.kind == GuidedKind::Camera) {
    const tracking::Intrinsics& k = g.intrinsics;
    std::snprintf(text, sizeof text, "Focal length fx %.1f, fy %.1f px; centre (%.1f, %.1f) px", k.fx, k.fy, k.cx, k.cy);
    std::string a = text;
    std::snprintf(text, sizeof text, "Re-projection error %.2f px (at most 1 px is accepted), from %d views", k.rms_px,
                  g.views);
    return {a, text};
  }
  const tracking::PivotResult& p = g.pivot;
  std::snprintf(text, sizeof text, "The tip is (%.2f, %.2f, %.2f) mm from the sleeve's design origin", p.tip_mm.x, p.tip_mm.y,
                p.tip_mm.z);
  std::string a = text;
  std::snprintf(text, sizeof text, "It stayed within %.2f mm RMS while the pen turned %.0f degrees (at most %.1f mm accepted)",
                p.residual_mm, p.spread_deg, kTipMaxResidual_mm);
  return {a, text};
}

ui::CalibrationPanelView panelView(const GuidedView& g, const Options& options) {
  ui::CalibrationPanelView v;
  v.tip = g.kind == GuidedKind::Tip;
  v.source = g.source, v.out = g.out, v.trainCommand = trainCommand(options, g.kind);
  v.live = g.live, v.sourceEnded = g.sourceEnded, v.width = g.width, v.height = g.height, v.frames = g.frames;
  v.boardQuads = quadsOf(g.boardQuads), v.penQuads = quadsOf(g.penQuads), v.padQuads = quadsOf(g.padQuads);
  v.views = g.views, v.minViews = g.minViews, v.plentyViews = g.plentyViews;
  v.coverCols = tracking::kCoverageCols, v.coverRows = tracking::kCoverageRows, v.boardTags = int(g.boardQuads.size());
  v.coverage = g.coverage, v.coverageShare = g.coverageShare, v.minCoverage = g.minCoverage;
  v.poses = g.poses, v.minPoses = kTipMinPoses, v.spread_deg = g.spread_deg;
  v.tipSeen = g.tipSeen, v.targetSeen = g.targetSeen;
  v.tipX = g.tip_px.x, v.tipY = g.tip_px.y, v.targetX = g.target_px.x, v.targetY = g.target_px.y;
  v.minSpread_deg = kTipMinSpread_deg, v.plentySpread_deg = kTipPlentySpread_deg, v.maxResidual_mm = kTipMaxResidual_mm;
  v.stage = ui::CalibrationPanelView::Stage(int(g.stage));
  v.canSolve = canSolve(g);
  v.problem = g.problem;
  if (g.stage == GuidedStage::Saved) v.resultLines = resultLines(g);
  return v;
}

const char* stageName(GuidedStage s) {
  switch (s) {
    case GuidedStage::Collecting: return "collecting";
    case GuidedStage::Solving: return "solving";
    case GuidedStage::Saved: return "saved";
    case GuidedStage::Refused: return "refused";
  }
  return "";
}

class CalibrationFeature : public Feature {
 public:
  const char* name() const override { return "calibration"; }
  bool start(Run& run, std::string& error) override {
    open_ = openGuidedCalibration(run.options, g_, error);
    return open_;
  }
  bool needsFrames() const override { return true; }
  bool ownsScreen() const override { return true; }  // the calibration's screen, not the trainee's panels
  bool holdsStill() const override { return true; }  // nothing to simulate meanwhile

  void drawScreen(const Run& run, ui::UiRequests& requests) override {
    GuidedView g = guidedView(g_);
    if (g.version != shown_ && !g.small.empty() && g.small.isContinuous()) {
      ui::setLivePicture(run.host.ctx, run.host.overlay.thumbnails, run.host.overlay.live, g.small.data,
                         uint32_t(g.small.cols), uint32_t(g.small.rows));
      shown_ = g.version;
    }
    VkExtent2D e = run.host.target.extent;
    float m = 12.0f;
    ui::CalibrationAction action = ui::drawCalibrationPanel(panelView(g, run.options), run.host.overlay.thumbnails,
                                                            run.host.overlay.live, m, m, float(e.width) - 2 * m,
                                                            float(e.height) - 2 * m);
    if (action == ui::CalibrationAction::Solve) requestSolve(g_);
    if (action == ui::CalibrationAction::Restart) requestRestart(g_);
    if (action == ui::CalibrationAction::Close) requests.quit = true;
  }

  // A file is read to its end and solved, as in the terminal; a device gives what it
  // gave until the window closed.
  void report(Run&, nlohmann::json& report) override {
    if (!open_) return;
    finish();
    GuidedView g = guidedView(g_);
    nlohmann::json j = {{"kind", g.kind == GuidedKind::Camera ? "camera" : "tip"}, {"source", g.source},
                        {"live", g.live}, {"frames", g.frames}, {"result", stageName(g.stage)}, {"file", g.out}};
    if (g.kind == GuidedKind::Camera) {
      j["views"] = g.views, j["coverage"] = g.coverageShare;
      if (g.stage == GuidedStage::Saved)
        j["intrinsics"] = {{"fx", g.intrinsics.fx}, {"fy", g.intrinsics.fy}, {"cx", g.intrinsics.cx},
                           {"cy", g.intrinsics.cy}, {"rms_px", g.intrinsics.rms_px}};
    } else {
      j["poses"] = g.poses, j["spread_deg"] = g.spread_deg;
      if (g.stage == GuidedStage::Saved)
        j["tip_mm"] = {g.pivot.tip_mm.x, g.pivot.tip_mm.y, g.pivot.tip_mm.z}, j["residual_mm"] = g.pivot.residual_mm;
    }
    if (!g.problem.empty()) j["problem"] = g.problem;
    report["calibration"] = j;
    const char* flag = g.kind == GuidedKind::Camera ? "--calibrate-camera" : "--calibrate-tip";
    if (g.stage == GuidedStage::Saved) {
      std::printf("%s\n", g.summary.c_str());
      exit_ = 0;
    } else {
      std::string why = g.stage == GuidedStage::Refused ? g.problem : "the window closed before it was solved: nothing written";
      std::fprintf(stderr, "needlesim: %s: %s: %s\n", flag, g.source.c_str(), why.c_str());
      exit_ = 2;
    }
  }
  void end(Run&) override { finish(); }
  std::optional<int> exitCode() const override { return exit_; }

 private:
  void finish() {
    if (!open_) return;
    g_.unpaced = true;
    if (!guidedView(g_).live)  // a file: what is left of it is read and solved first
      while (guidedView(g_).stage == GuidedStage::Collecting || guidedView(g_).stage == GuidedStage::Solving)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    closeGuidedCalibration(g_);
    open_ = false;
  }

  GuidedCalibration g_;
  bool open_ = false;
  long shown_ = 0;
  std::optional<int> exit_;
};

}  // namespace

std::unique_ptr<Feature> makeCalibrationFeature() { return std::make_unique<CalibrationFeature>(); }

}  // namespace ns::runtime

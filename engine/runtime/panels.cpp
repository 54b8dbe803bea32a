#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "core/stats.h"
#include "pen/pen_model.h"
#include "runtime/camera_feature.h"
#include "runtime/run.h"
#include "runtime/educator.h"  // shortcutList
#include "ui/educator_panel.h"
#include "ui/pen_panel.h"
#include "ui/technique_panel.h"
#include "ui/serum_panel.h"
#include "ui/status_panel.h"

namespace ns::runtime {
namespace {

ui::StatusInfo statusInfo(const Run& run) {
  const GpuHost& host = run.host;
  const scene::Scene& scene = run.scene;
  const PenSession& pen = run.session.pen;
  ui::StatusInfo info;
  info.deviceName = host.ctx.deviceName;
  info.deviceType = host.ctx.deviceType;
  info.sceneName = scene.name.empty() ? scene.path : scene.name;
  info.region = scene.tissue.region;
  const TissueBlock& block = shownBlock(run.sim);
  std::string layersOf = block.layersFrom.empty() ? scene.tissue.region : block.layersFrom;
  if (!pen.regionNow.empty() && (pen.regionNow != scene.tissue.region || layersOf != scene.tissue.region))
    info.region = pen.regionNow + " (under the pen; layers: " + layersOf + ")";  // a face: the shown block's
  for (auto& layer : block.solver.tissue.layers)  // D as the serum on the skin sees it
    info.layers.push_back({layer.name, layer.thickness_um, layer.diffusivity_um2_s});
  std::vector<double> window = core::lastValues(run.stats.frameMs, 120);
  info.frameMs = core::percentile(window, 50);
  info.frameMsP95 = core::percentile(window, 95);
  info.frames = run.stats.frames;
  info.skinTone = run.view.settings.skinTone;
  info.defaultSkinTone = render::RenderSettings{}.skinTone;
  info.validationEnabled = host.ctx.validationEnabled;
  info.validationErrors = host.ctx.validation ? host.ctx.validation->errors.load() : 0;
  info.validationWarnings = host.ctx.validation ? host.ctx.validation->warnings.load() : 0;
  info.headless = host.config.headless;
  info.uiScale = host.overlay.scale;
  return info;
}

// What the skin shows over its colour, as render/skin_pass.cpp decides it
// (surfaceOverlay): redness and bleeding, or the coverage map instead.
struct SkinOverlays {
  bool healing = false, coverage = false, marks = false;
};
SkinOverlays skinOverlays(const Run& run, const sim::FieldView& field) {
  const render::RenderSettings& s = run.view.settings;
  SkinOverlays out;
  if (field.healingSurface == VK_NULL_HANDLE) return out;
  out.coverage = s.showCoverage && (scene::hasCutFaces(run.skin) || s.showHealing);
  out.healing = !out.coverage && s.showHealing;
  out.marks = out.healing && field.atlas.x > 0 && field.atlas.y > 0;  // marks on a healing atlas only
  return out;
}

ui::SerumView serumView(const Run& run) {
  const Simulation& sim = run.sim;
  const scene::Scene& scene = run.scene;
  const render::RenderSettings& settings = run.view.settings;
  const TissueBlock& block = shownBlock(sim);
  const sim::DiffusionSolver& v = block.solver;  // the block under the pen, or the last needled
  ui::SerumView view;
  view.serumName = v.serum.name;  // (a lesson or the panel may have put another on)
  view.serumTitle = v.serum.title;
  view.molecularWeight_da = v.serum.molecular_weight_da;
  view.serumOnSkin = scene::serumOnSkin(v.serum, sim.time_s);
  view.afterNeedling = v.serum.afterNeedling;
  static const std::vector<std::string> library = scene::serumNames(scene.path);  // (listed once: a folder read)
  view.serumChoices = library;
  view.time_s = sim.time_s;
  view.backend = v.backend == sim::Backend::Gpu ? "GPU" : "CPU twin";
  view.scheme = sim::schemeName(v.lastScheme);
  view.steps = v.steps;
  view.dt_s = v.lastDt_s;
  view.totalMass = sim.totalMass;
  size_t placed = size_t(std::count_if(sim.blocks.begin(), sim.blocks.end(), [](const TissueBlock& b) { return b.placed; }));
  if (!scene::treatmentFrameIsScene(run.skin) && block.placed)
    view.blockLabel = block.region + " (" + (block.layersFrom.empty() ? scene.tissue.region : block.layersFrom) +
                      " layers), " + std::to_string(placed) + (placed == 1 ? " block" : " blocks");
  view.profile.assign(sim.profile.begin(), sim.profile.end());
  view.profileDepth_um = v.shape.nz * v.shape.hz_um;
  view.scaleMax = settings.fieldScaleMax;
  const sim::HealingSummary& healing = sim.healingSummary;
  view.punctures = sim.healing.punctures;
  view.pretreated = scene.pretreatment.enabled;
  view.collagenForming = sim.healing.firstPuncture_s >= 0 && sim::collagenPhase(sim.time_s - sim.healing.firstPuncture_s) > 0;
  view.openFraction = healing.openFraction;
  view.erythemaMean = healing.erythemaMean;
  view.collagenIndex = healing.collagenIndex;
  view.oedemaMean = healing.oedemaMean;
  view.swellingMaxMm = healing.swellingMaxMm;
  view.elastinIndex = healing.elastinIndex;
  view.elastinForming = sim.healing.firstPuncture_s >= 0 &&
                        sim.time_s - sim.healing.firstPuncture_s > scene.healing.elastin_lag_s;
  if (scene.course.sessions > 1 && sim.healing.firstPuncture_s >= 0) {
    for (int k = 0; k < scene.course.sessions; ++k)
      view.sessionTimes_s.push_back(sim.healing.firstPuncture_s + k * scene.course.interval_days * 86400.0);
    view.sessionsGiven = sim::sessionsGiven(sim.healing);
  }
  view.bleedingPoints = healing.bleedingPoints;
  view.bleedingNow = healing.bleedingNow;
  view.overTreatedFraction = healing.overTreatedFraction;
  view.torn = healing.torn;
  view.paused = pausedAsShown(run);  // a review pauses the recording and the skin together
  view.timeScale = sim.timeScale;
  view.cutFace = scene::hasCutFaces(run.skin);  // a mesh has none: the block shows in the micro view
  view.showField = settings.showField;
  view.showMicroView = settings.showMicroView;
  sim::FieldView field = publishedField(sim);
  SkinOverlays overlays = skinOverlays(run, field);
  view.healingShown = overlays.healing;
  view.marksShown = overlays.marks;
  view.hemostasis_s = scene.healing.hemostasis_s;
  view.closureHalfLife_s = sim::closureHalfLife_s(scene.healing);
  view.fieldOnSkin = field.present() && settings.showField;
  view.microViewShown = settings.showMicroView && settings.blockPlaced;
  view.cutSlice = settings.fieldSliceY >= 0 ? settings.fieldSliceY : v.shape.ny / 2;
  view.sliceCount = v.shape.ny;
  view.sliceSpacing_mm = v.shape.hy_um / 1000.0;
  view.blockWidth_mm = v.shape.nx * v.shape.hx_um / 1000.0;
  double bottom = 0;
  for (auto& layer : v.baseTissue.layers) view.layers.push_back({layer.name, bottom += layer.thickness_um});
  return view;
}

ui::PenView penView(const PenSession& pen) {
  ui::PenView v;
  input::PenSample now = currentLocalPen(pen);  // the tilt against the skin's own normal
  v.source = playingBack(pen)                     ? "the lesson's demonstration"
             : pen.source == PenSourceKind::Replay ? "replay"
             : pen.source == PenSourceKind::Osc    ? "OSC port " + std::to_string(pen.osc.port)
             : pen.source == PenSourceKind::Camera ? "camera (" + sourceName(pen.camera->options.source) + ")"
                                                   : "mouse / gamepad";
  v.dial_mm = now.depth_mm;
  v.tilt_deg = pen::tiltDegrees(now.dir);
  v.contact = now.contact;
  v.cycles = pen.model.stats.cycles;
  v.punctures = pen.model.stats.punctures;
  v.torn = pen.channels.torn;
  v.contact_s = pen.model.stats.contact_s;
  if (pen.source == PenSourceKind::Interactive)
    v.controlsHint = "H: the mouse and keyboard controls";
  return v;
}

}  // namespace

// A pen sample projected onto the screen (drawn over the scene); in a split
// compare, onto half `half` of it.

ui::PenOnScreen projectPen(const Run& run, const input::PenSample& now, int half) {
  ui::PenOnScreen out;
  VkExtent2D extent = run.host.target.extent;
  float width = float(extent.width) / float(run.view.halves), left = width * float(half);
  glm::mat4 viewProj = render::viewProjection(run.view.camera, width / float(std::max(1u, extent.height)));
  auto project = [&](glm::dvec3 p, float& x, float& y) {
    glm::vec4 clip = viewProj * glm::vec4(glm::vec3(p), 1.0f);
    if (clip.w <= 0.01f) return false;
    x = left + (clip.x / clip.w * 0.5f + 0.5f) * width;
    y = (clip.y / clip.w * 0.5f + 0.5f) * float(extent.height);
    return true;
  };
  glm::dvec3 up = now.pos_mm - now.dir * 12.0;  // 12 mm of pen body up the axis
  float rimX = 0, rimY = 0;
  double cartridge = std::max(1.0, run.scene.pen.needle_pitch_mm * 3.0);
  out.visible = project(now.pos_mm, out.tipX, out.tipY) && project(up, out.topX, out.topY) &&
                project(now.pos_mm + glm::dvec3(cartridge / 2, 0, 0), rimX, rimY);
  out.cartridgeRadius = std::max(4.0f, std::hypot(rimX - out.tipX, rimY - out.tipY));
  out.contact = now.contact;
  return out;
}

// The pen where it is (nothing when lifted away).
ui::PenOnScreen penOnScreen(const Run& run, int half) {
  const PenSession& pen = run.session.pen;
  if (!penNearSkin(pen)) return {};
  ui::PenOnScreen out = projectPen(run, currentPen(pen), half);
  out.tilted = pen::tiltDegrees(currentLocalPen(pen).dir) > pen::kTearTilt_deg;
  return out;
}


namespace {

// A label at `at` on a dark plate, readable over any tissue colour.
void plateText(ImDrawList* draw, ImVec2 at, const char* text) {
  ImVec2 size = ImGui::CalcTextSize(text);
  draw->AddRectFilled(ImVec2(at.x - 2, at.y - 1), ImVec2(at.x + size.x + 2, at.y + size.y + 1), IM_COL32(10, 10, 14, 170), 2);
  draw->AddText(at, IM_COL32(240, 240, 245, 255), text);
}

// The ruler's depths every 500 µm down the left edge, and the channels' depth at the
// right end of their dashed line — the same µm the shader draws them at.
// With swelling the inset starts above the surface (top_um < 0): the surface before
// it swelled is labelled where the shader dots it.
void drawDepthLabels(ImDrawList* draw, ImVec2 a, ImVec2 b, float top_um, float scale_um, float channel_um) {
  float h = b.y - a.y, line = ImGui::GetFontSize();
  auto yOf = [&](float d) { return a.y + h * (d - top_um) / std::max(scale_um - top_um, 1.0f); };
  char text[48];
  for (float d = 0; d <= scale_um + 0.5f; d += 500.0f) {
    std::snprintf(text, sizeof(text), d == 0 ? (top_um < 0 ? "0 um (before swelling)" : "0 um") : "%.0f", d);
    plateText(draw, ImVec2(a.x + 20, std::clamp(yOf(d) - line / 2, a.y + 2, b.y - line - 2)), text);
  }
  if (channel_um <= 0) return;
  std::snprintf(text, sizeof(text), "channels %.0f um deep", channel_um);
  float width = ImGui::CalcTextSize(text).x, y = yOf(channel_um);
  plateText(draw, ImVec2(b.x - width - 8, y > a.y + line + 6 ? y - line - 4 : y + 4), text);
}

}  // namespace

// The micro view's frame, caption and depth labels: the caption wraps to the inset's
// width above it, inside the view area, so it never runs under a panel.
void drawMicroViewFrame(const Run& run, int half, const PenSession* pen) {
  const render::RenderSettings& settings = run.view.settings;
  if (!settings.showMicroView || !settings.blockPlaced) return;
  VkRect2D rect = microViewRectOf(run, half);
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  ImVec2 a(float(rect.offset.x), float(rect.offset.y)), b(a.x + float(rect.extent.width), a.y + float(rect.extent.height));
  draw->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(220, 220, 230, 200), 0, 0, 2.0f);
  drawDepthLabels(draw, a, b, std::min(0.0f, settings.microTop_um), settings.microDepth_um,
                  meanChannelDepth_um(pen ? *pen : run.session.pen));
  char caption[160];
  std::snprintf(caption, sizeof(caption), "Micro view: %.0f mm wide, %.0f um deep, at y = %.2f mm (ruler every 100 um)%s",
                settings.microWidth_mm, settings.microDepth_um, settings.microCentre_mm.y,
                settings.microOffBlock ? " - pen off the simulated block" : "");
  float wrap = b.x - a.x;
  ImFont* font = ImGui::GetFont();
  ImVec2 size = font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap, caption);
  ImVec2 at(a.x, a.y - size.y - 5);
  draw->AddRectFilled(ImVec2(at.x - 3, at.y - 2), ImVec2(at.x + size.x + 3, at.y + size.y + 2), IM_COL32(10, 10, 14, 150), 3);
  draw->AddText(font, ImGui::GetFontSize(), at, IM_COL32(230, 230, 235, 255), caption, nullptr, wrap);
}

namespace {

// A line at the top of the view area (where a screenshot or an export went).
void drawNotice(const Run& run, const ui::Rect& view) {
  if (run.notice.empty() || run.stats.clock_s > run.noticeUntil_s) return;
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  float wrap = std::max(100.0f, view.w - 24);
  ImFont* font = ImGui::GetFont();
  ImVec2 size = font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap, run.notice.c_str());
  ImVec2 at(view.x + (view.w - size.x) / 2, view.y + 10);
  draw->AddRectFilled(ImVec2(at.x - 6, at.y - 4), ImVec2(at.x + size.x + 6, at.y + size.y + 4), IM_COL32(20, 60, 30, 230), 4);
  draw->AddText(font, ImGui::GetFontSize(), at, IM_COL32(235, 245, 235, 255), run.notice.c_str(), nullptr, wrap);
}

}  // namespace

namespace {

// What the micro view must leave visible, on the screen: the pen (its tip and 12 mm
// of its body) and the box of every puncture so far (the treated area).
ui::Rect keptClearOfMicroView(const Run& run) {
  glm::vec2 lo(1e9f), hi(-1e9f);
  auto add = [&](float x, float y) { lo = glm::min(lo, glm::vec2(x, y)), hi = glm::max(hi, glm::vec2(x, y)); };
  ui::PenOnScreen pen = penOnScreen(run);
  if (pen.visible) add(pen.tipX, pen.tipY), add(pen.topX, pen.topY);
  const PenSession::ChannelSums& c = run.session.pen.channels;
  for (int corner = 0; c.count > 0 && corner < 8; ++corner) {
    input::PenSample at;
    at.pos_mm = {corner & 1 ? c.entryMax_mm.x : c.entryMin_mm.x, corner & 2 ? c.entryMax_mm.y : c.entryMin_mm.y,
                 corner & 4 ? c.entryMax_mm.z : c.entryMin_mm.z};
    ui::PenOnScreen p = projectPen(run, at);
    if (p.visible) add(p.tipX, p.tipY);
  }
  if (hi.x < lo.x) return {};
  return {lo.x, lo.y, std::max(1.0f, hi.x - lo.x), std::max(1.0f, hi.y - lo.y)};
}

}  // namespace

VkRect2D microViewRectOf(const Run& run, int half) {
  VkExtent2D extent = run.host.target.extent;
  for (const std::unique_ptr<Feature>& f : run.features)  // a feature that places it (a split window's halves)
    if (auto rect = f->microViewRect(run, half)) return *rect;
  ui::Rect view = run.layout.viewArea, clear = keptClearOfMicroView(run);
  if (view.w <= 0 && clear.w <= 0) return render::microViewRect(extent);  // no panels, nothing to avoid: where it always was
  if (view.w <= 0) view = {0, 0, float(extent.width), float(extent.height)};  // no panels: the whole window
  ui::Rect r = ui::microViewArea(view, float(extent.width), float(extent.height), clear);
  return {{int32_t(r.x), int32_t(r.y)}, {uint32_t(r.w), uint32_t(r.h)}};
}

void drawPanels(const Run& run, ui::Dock& dock, ui::UiRequests& requests) {
  using ui::DockSide;
  const ImGuiIO& io = ImGui::GetIO();
  dock = ui::beginDock(io.DisplaySize.x, io.DisplaySize.y, run.host.overlay.scale);
  forEachFeature(run, [&](Feature& f) { f.layout(run, dock); });  // a review's timeline along the bottom
  if (!run.view.panelsHidden) {
    // Left: what the run is about (a lesson, the scene, the serum); right: the pen
    // and the feedback on it. The status panel starts as a title (device details).
    forEachFeature(run, [&](Feature& f) { f.panels(run, dock, DockSide::Left, requests); });
    ui::placeNextPanel(dock, DockSide::Left, true);
    ui::drawStatusPanel(statusInfo(run), requests);
    ui::recordPanel(dock, DockSide::Left, "NeedleSim");
    ui::placeNextPanel(dock, DockSide::Left);
    ui::drawSerumPanel(serumView(run), requests);
    ui::recordPanel(dock, DockSide::Left, "Serum");
  }
  float rightTop = dock.right.cursorY;
  forEachFeature(run, [&](Feature& f) { f.panels(run, dock, DockSide::Right, requests); });  // a presenter's panel
  bool rightTaken = dock.right.cursorY > rightTop;
  if (!run.view.panelsHidden) {
    ui::placeNextPanel(dock, DockSide::Right, rightTaken);  // folded below a feature's panel
    ui::PenView pen = penView(run.session.pen);
    // Off the skin there is no skin to lean against: the tilt shown is the one set with
    // the arrows, which the pen will have on the skin (not a 0 that contradicts it).
    if (run.session.pen.source == PenSourceKind::Interactive && run.session.pen.regionNow.empty())
      pen.tilt_deg = pen::tiltDegrees(axisFromTilt(run.penControls.tilt_deg));
    ui::drawPenPanel(pen);
    ui::recordPanel(dock, DockSide::Right, "Pen");
    ui::TechniqueView technique = techniqueView(run.session.coaching, run.scene, run.session.pen);
    for (auto& criterion : run.session.coaching.report.criteria) technique.weights.push_back(criterion.weight);
    technique.showCoverage = run.view.settings.showCoverage;
    technique.coverageShown = skinOverlays(run, publishedField(run.sim)).coverage;
    technique.optimalDermalDose_um = run.scene.healing.optimal_dermal_dose_um;
    technique.lastExport = run.lastExport;
    ui::placeNextPanel(dock, DockSide::Right);
    ui::drawTechniquePanel(technique, requests);
    ui::recordPanel(dock, DockSide::Right, "Technique");
  }
  ui::drawPenOverlay(penOnScreen(run));
  forEachFeature(run, [&](Feature& f) { f.overlays(run, dock, requests); });  // B's half, the ghost ...
  if (!run.view.panelsHidden && !run.progress.trainee.empty()) {  // bottom of the right column, folded
    ui::placeNextPanel(dock, ui::DockSide::Right, true);
    ui::drawProgressPanel(run.progress, run.host.overlay.thumbnails, requests);
    ui::recordPanel(dock, ui::DockSide::Right, "Progress");
  }
  drawMicroViewFrame(run);
  drawNotice(run, ui::viewArea(dock));
  forEachFeature(run, [&](Feature& f) { f.captions(run, dock); });  // a lesson's demonstration
  if (run.helpShown) {
    std::vector<ui::ShortcutRow> rows;
    std::vector<Shortcut> list = shortcutList();
    forEachFeature(run, [&](const Feature& f) { f.help(list); });
    for (const Shortcut& s : list) rows.push_back({s.key, s.action});
    ui::drawHelpOverlay(rows);
  }
  ui::drawQuitQuestion(run.quitAsked, requests);
  ui::drawTraineeDialog(run.traineeDialog, requests);
}

}  // namespace ns::runtime

// Compare as features of the run (runtime/split_compare.h, runtime/compare.h): the
// split window (B's half beside the run's own) and a headless compare's half (its
// caption). Both caption a half with its setting and its numbers.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "runtime/run.h"
#include "runtime/split_compare.h"
#include "ui/pen_panel.h"
#include "ui/serum_panel.h"  // formatDuration

namespace ns::runtime {
namespace {

// A half of a compare: which setting it shows and what it did, at the top left of
// its half (`x`), with its serum's depth profile under the numbers (on a scale up to
// `top`, the same in both halves, so that they compare by eye).
void drawCompareCaption(const std::string& label, const Simulation& sim, const PenSession& pen, float x, double top) {
  const sim::HealingSummary& h = sim.healingSummary;
  char text[512];
  std::snprintf(text, sizeof(text),
                "%s\nTime %s   punctures %llu\nChannels: mean depth %.0f um, open %.0f %%\n"
                "Serum in tissue %.3g   redness %.0f %%\nBleeding points %llu   collagen %.2f",
                label.c_str(), ui::formatDuration(sim.time_s).c_str(), pen.model.stats.punctures,
                channelsReport(pen).value("mean_depth_um", 0.0), h.openFraction * 100, sim.totalMass * 1e-9,
                h.erythemaMean * 100, h.bleedingPoints, h.collagenIndex);
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  ImVec2 size = ImGui::CalcTextSize(text), at(x + 12, 12);
  float plotH = sim.profile.empty() ? 0 : 3.0f * ImGui::GetFontSize();
  float w = std::max(size.x, 12.0f * ImGui::GetFontSize());
  draw->AddRectFilled(ImVec2(at.x - 6, at.y - 6), ImVec2(at.x + w + 6, at.y + size.y + plotH + 10), IM_COL32(10, 10, 14, 200), 4);
  draw->AddText(at, IM_COL32(240, 240, 245, 255), text);
  if (sim.profile.empty()) return;
  ImVec2 p0(at.x, at.y + size.y + 6), p1(at.x + w, p0.y + plotH - 4);  // serum by depth, the surface left
  draw->AddRect(p0, p1, IM_COL32(90, 90, 110, 255));
  top = std::max(top, 1e-12);
  size_t n = sim.profile.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    auto point = [&](size_t k) {
      float fx = float(k) / float(n - 1), fy = float(std::clamp(sim.profile[k] / top, 0.0, 1.0));
      return ImVec2(p0.x + fx * (p1.x - p0.x), p1.y - fy * (p1.y - p0.y));
    };
    draw->AddLine(point(i), point(i + 1), IM_COL32(120, 200, 250, 255), 1.5f);
  }
  draw->AddText(ImVec2(p0.x + 4, p0.y + 2), IM_COL32(170, 170, 185, 255), "serum by depth");
}

// The split window: B's session and simulation beside the run's own (A), advanced
// by the same input, stepped by the same intervals in the same frames.
class SplitFeature : public Feature {
 public:
  explicit SplitFeature(SplitCompare split) : split_(std::move(split)) {}
  const char* name() const override { return "split compare"; }

  bool start(Run& run, std::string& error) override {
    if (!createSplit(run, split_, error)) return false;
    run.penControls.splitView = true;
    run.view.halves = 2;
    run.view.panelsHidden = true;  // each half is half a screen: the skin and its numbers
    return true;
  }
  // What the panels choose for the skin (its type, a serum put on) goes to B as well.
  void apply(Run& run, ui::UiRequests& requests) override {
    if (requests.skinTone) setSkinType(split_.session, *requests.skinTone);
    if (requests.serum) {
      std::string error;
      if (!applySerumTo(split_.sim, split_.session, run.scene.path, *requests.serum, error))
        std::fprintf(stderr, "needlesim: B: %s\n", error.c_str());
    }
  }
  void afterTick(Run& run, const SessionInput& in, SessionStep&) override { advanceSplit(run, split_, in); }
  void refreshSummary(Run&) override { updateSummary(split_.sim); }
  void beforeRender(Run& run) override {
    if (!bindShownField(run, split_.sim)) split_.sim.shown = 0;
    double deepest = std::max(run.session.pen.channels.depthMax_um, split_.session.pen.channels.depthMax_um);
    run.view.settings.microDepth_um = microDepthScale_um(deepest);  // one depth scale for both insets
  }
  void compute(Run&, double interval, VkCommandBuffer cmd) override { stepSimulation(split_.sim, interval, cmd); }
  std::optional<render::FrameView> secondView(Run& run) override { return halfView(run, split_.sim, split_.session.pen, 1); }
  // The bottom middle of each half, clear of its caption (top left).
  std::optional<VkRect2D> microViewRect(const Run& run, int half) const override {
    VkExtent2D extent = run.host.target.extent;
    float halfW = float(extent.width) / 2, w = 0.6f * halfW, h = std::min(w / 2, 0.3f * float(extent.height));
    float x = halfW * float(half) + (halfW - w) / 2, y = float(extent.height) - h - 12;
    return VkRect2D{{int32_t(x), int32_t(y)}, {uint32_t(w), uint32_t(h)}};
  }
  // The same pen over B's half, a caption each, a line between them.
  void overlays(const Run& run, ui::Dock&, ui::UiRequests&) override {
    ui::drawPenOverlay(penOnScreen(run, 1));
    const ImGuiIO& io = ImGui::GetIO();
    float half = io.DisplaySize.x / 2;
    ImGui::GetForegroundDrawList()->AddLine(ImVec2(half, 0), ImVec2(half, io.DisplaySize.y), IM_COL32(230, 230, 240, 255), 2.0f);
    double top = 0;
    for (const std::vector<double>* profile : {&run.sim.profile, &split_.sim.profile})
      for (double c : *profile) top = std::max(top, c);
    drawCompareCaption(split_.labelA, run.sim, run.session.pen, 0, top);
    drawCompareCaption(split_.labelB, split_.sim, split_.session.pen, half, top);
    drawMicroViewFrame(run, 1, &split_.session.pen);
  }
  // Both halves as the headless compare reports them.
  void report(Run& run, nlohmann::json& report) override {
    if (run.gpuFault) return;
    report["compare"] = {{"key", split_.key}, {"values", split_.values},
                         {"a", halfReport(run.host.ctx, run.sim, run.session, run.scene, run.stats.frames)},
                         {"b", halfReport(run.host.ctx, split_.sim, split_.session, split_.scene, run.stats.frames)}};
  }
  void end(Run&) override { destroySplit(split_); }

 private:
  SplitCompare split_;
};

// A headless compare's half: the skin and its numbers, half a screen wide.
class CompareHalfFeature : public Feature {
 public:
  explicit CompareHalfFeature(std::string label) : label_(std::move(label)) {}
  const char* name() const override { return "compare half"; }
  bool start(Run& run, std::string&) override {
    run.view.panelsHidden = true;
    return true;
  }
  // The serum on the skin is the profile's top.
  void overlays(const Run& run, ui::Dock&, ui::UiRequests&) override {
    drawCompareCaption(label_, run.sim, run.session.pen, 0, mainSolver(run.sim).serum.surface_concentration);
  }

 private:
  std::string label_;
};

}  // namespace

std::unique_ptr<Feature> makeSplitFeature(SplitCompare split) { return std::make_unique<SplitFeature>(std::move(split)); }
std::unique_ptr<Feature> makeCompareHalfFeature(std::string label) {
  return std::make_unique<CompareHalfFeature>(std::move(label));
}

}  // namespace ns::runtime

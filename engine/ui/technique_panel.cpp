#include "ui/technique_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/legend.h"

namespace ns::ui {
namespace {

// A horizontal gauge with a green band for the good range; without a value (`known`
// false: nothing to measure now) no marker and "—".
void gauge(const char* label, double value, double lo, double hi, double goodLo, double goodHi, const char* unit,
           bool known = true) {
  ImGui::Text("%s", label);
  const float ui = ImGui::GetFontSize() / 13.0f;  // the UI scale (13 px a line at 1x)
  const float column = 135 * ui;  // room for "Dial (periorbital)"; a longer label gets its own line
  // A panel too narrow for label, bar and value in a row (a large UI scale on a small
  // screen) puts the bar under the label, across the panel.
  bool narrow = ImGui::GetContentRegionAvail().x < column + 110 * ui;
  if (!narrow) {  // else Text() left the cursor at the start of the next line
    if (ImGui::GetStyle().WindowPadding.x + ImGui::CalcTextSize(label).x < column)
      ImGui::SameLine(column);
    else
      ImGui::SetCursorPosX(column);
  }
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x - 70 * ui, h = 12 * ui;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  auto x = [&](double v) { return p.x + float(std::clamp((v - lo) / (hi - lo), 0.0, 1.0)) * w; };
  draw->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(60, 60, 70, 255), 3);
  draw->AddRectFilled(ImVec2(x(goodLo), p.y), ImVec2(std::max(x(goodHi), x(goodLo) + 2), p.y + h), IM_COL32(60, 150, 80, 255), 3);
  bool good = value >= goodLo - 1e-9 && value <= goodHi + 1e-9;
  if (known)
    draw->AddRectFilled(ImVec2(x(value) - 2, p.y - 2), ImVec2(x(value) + 2, p.y + h + 2),
                        good ? IM_COL32(240, 240, 240, 255) : IM_COL32(255, 90, 70, 255));
  ImGui::Dummy(ImVec2(w, h));
  ImGui::SameLine();
  if (known)
    ImGui::Text("%.2f %s", value, unit);
  else
    ImGui::TextDisabled("\u2014 %s", unit);
}

// Scores (0..100) in three colours, judged on the number as printed: red below 50,
// amber below 80, green from 80.
ImVec4 scoreColour(double score, bool forText) {
  double shown = std::round(score);
  if (shown < 50) return forText ? ImVec4(1.0f, 0.45f, 0.40f, 1.0f) : ImVec4(0.78f, 0.22f, 0.20f, 1.0f);
  if (shown < 80) return forText ? ImVec4(1.0f, 0.75f, 0.30f, 1.0f) : ImVec4(0.80f, 0.55f, 0.12f, 1.0f);
  return forText ? ImVec4(0.50f, 0.90f, 0.50f, 1.0f) : ImVec4(0.22f, 0.60f, 0.28f, 1.0f);
}

// The key to the coverage map (skin_patch.frag, coverage mode): c = dermal dose /
// optimum; no tint at c = 0; else mix(skin, viridis(min(c, 1)), 0.85); where the
// puncture density passes the over-treatment limit, mixed 60 % towards magenta
// (0.9, 0.1, 0.6), which over that yellow reads as pink. Swatches over the default skin.
void drawCoverageLegend(double optimum_um, double overTreated_per_cm2) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("Coverage: dermal dose (injured dermis per area) against the optimum, %.0f um", optimum_um);
  viridisBar(10.0f);
  ImGui::TextUnformatted("> 0");
  const char* right = "1x optimum";
  ImGui::SameLine(std::max(0.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(right).x));
  ImGui::TextUnformatted(right);
  Linear full = mixLinear(kDefaultSkin, viridisLinear(1.0f), 0.85f);
  swatch("##optimum", displayColour(full));
  ImGui::TextUnformatted("yellow: the optimum reached (more adds no collagen)");
  swatch("##over", displayColour(mixLinear(full, {0.9f, 0.1f, 0.6f}, 0.6f)));
  ImGui::Text("pink: over-treated, more than %.0f punctures/cm2 (about ten passes)", overTreated_per_cm2);
  ImGui::TextDisabled("Untreated skin keeps its colour; redness and bleeding are hidden while the map is on.");
  ImGui::PopTextWrapPos();
}

}  // namespace

void drawTechniquePanel(const TechniqueView& v, UiRequests& requests) {
  ImGui::Begin("Technique", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  gauge("Angle", v.angleNow_deg, 0, 30, 0, 10, "deg");
  std::string dial = v.region.empty() ? "Dial" : "Dial (" + v.region + ")";
  gauge(dial.c_str(), v.dialNow_mm, 0, 2.5, v.rangeMin_mm, v.rangeMax_mm, "mm");
  // Green between the useful spacing (closer re-opens the same channels: over-treatment)
  // and the cartridge's span (wider leaves gaps).
  gauge("Stamp spacing", v.spacingNow_mm, 0, v.spacingLimit_mm * 1.5, v.spacingUseful_mm, v.spacingLimit_mm, "mm",
        v.contactNow);
  if (ImGui::CollapsingHeader("Angle and spacing over time")) {
  if (!v.angleHistory.empty())
    ImGui::PlotLines("##angle", v.angleHistory.data(), int(v.angleHistory.size()), 0, "angle (deg)", 0.0f, 40.0f,
                     ImVec2(ImGui::GetContentRegionAvail().x, 40));
  if (!v.spacingHistory.empty())
    ImGui::PlotLines("##spacing", v.spacingHistory.data(), int(v.spacingHistory.size()), 0, "stamp spacing (mm)", 0.0f,
                     float(std::max(0.01, v.spacingLimit_mm * 1.5)), ImVec2(ImGui::GetContentRegionAvail().x, 40));
  }
  ImGui::Text("Passes %d:   %d <->   %d ^v   %d //", v.passes, v.horizontal, v.vertical, v.oblique);
  bool showCoverage = v.showCoverage;
  if (ImGui::Checkbox("Coverage heat map on the skin", &showCoverage)) requests.showCoverage = showCoverage;
  if (v.coverageShown) drawCoverageLegend(v.optimalDermalDose_um, v.densityLimit_per_cm2);
  ImGui::Separator();
  // Advice wraps at the panel's edge, beside a column as wide as the longest id.
  if (!v.anythingYet) {
    ImGui::TextDisabled("Needle the skin to see feedback here.");
  } else if (v.warnings.empty()) {
    ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1.0f), "No warnings");
  } else {
    float column = 0;
    for (auto& warning : v.warnings) column = std::max(column, ImGui::CalcTextSize(warning.first.c_str()).x);
    column += ImGui::GetStyle().ItemSpacing.x * 2;
    for (auto& [id, advice] : v.warnings) {
      ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.3f, 1.0f), "%s", id.c_str());
      ImGui::SameLine(ImGui::GetStyle().WindowPadding.x + column);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(advice.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  if (ImGui::CollapsingHeader("Session summary", ImGuiTreeNodeFlags_DefaultOpen)) {
    // "—" until there is something to score (no contact yet, or no assessment yet).
    bool scored = v.anythingYet && !v.breakdown.empty();
    if (scored)
      ImGui::TextColored(scoreColour(v.score, true), "Technique score: %.0f / 100", v.score);
    else
      ImGui::TextDisabled("Technique score: \u2014 / 100");
    bool weighted = v.weights.size() == v.breakdown.size();
    double sum = 0;
    const float ui = ImGui::GetFontSize() / 13.0f;  // the UI scale
    // The bars appear with the first score: empty bars would only take the skin's room.
    for (size_t i = 0; scored && i < v.breakdown.size(); ++i) {
      const auto& [name, score] = v.breakdown[i];
      ImGui::Text("  %-9s", name.c_str());
      if (weighted) {  // the criterion's weight in the score
        ImGui::SameLine(88 * ui);
        ImGui::TextDisabled("%2.0f%%", v.weights[i]);
        sum += score * v.weights[i] / 100.0;
      }
      ImGui::SameLine(125 * ui);
      char number[16];
      std::snprintf(number, sizeof(number), "%.0f", score);
      // The number sits just past the fill (ImGui's ProgressBar), in the bar's colour,
      // or in white where it has to sit on the fill (near 100).
      float fraction = scored ? float(std::clamp(score / 100.0, 0.0, 1.0)) : 0.0f;
      float width = ImGui::GetContentRegionAvail().x, text = ImGui::CalcTextSize(number).x;
      bool onFill = fraction * width + ImGui::GetStyle().ItemSpacing.x + text + ImGui::GetStyle().ItemInnerSpacing.x > width;
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, scoreColour(score, false));
      ImGui::PushStyleColor(ImGuiCol_Text, scored && !onFill ? scoreColour(score, true) : ImVec4(1, 1, 1, 1));
      ImGui::ProgressBar(fraction, ImVec2(-1, 0), scored ? number : "\u2014");
      ImGui::PopStyleColor(2);
    }
    // The score is the weighted sum of the bars scaled for safety and the rules
    // (docs/technique-scoring.md): say so when they differ, so the numbers agree.
    if (scored && weighted && std::round(sum) != std::round(v.score)) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("Weighted sum of the bars %.0f; the score is %.0f after the safety factor (depth, tilt, tearing, "
                          "over-treatment) and the rules (dry dragging, no-go).", sum, v.score);
      ImGui::PopTextWrapPos();
    }
    ImGui::PushTextWrapPos(0.0f);
    for (size_t i = 0; i < v.improvements.size(); ++i) ImGui::Text("%zu. %s", i + 1, v.improvements[i].c_str());
    ImGui::PopTextWrapPos();
    if (v.canExport && ImGui::Button("Export summary (PNG + JSON)")) requests.exportSummary = true;
    if (!v.lastExport.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", v.lastExport.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::End();
}

}  // namespace ns::ui

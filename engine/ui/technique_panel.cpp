#include "ui/technique_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace ns::ui {
namespace {

// A horizontal gauge with a green band for the good range.
void gauge(const char* label, double value, double lo, double hi, double goodLo, double goodHi, const char* unit) {
  ImGui::Text("%s", label);
  ImGui::SameLine(135);  // room for "Dial (periorbital)"
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x - 70, h = 12;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  auto x = [&](double v) { return p.x + float(std::clamp((v - lo) / (hi - lo), 0.0, 1.0)) * w; };
  draw->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(60, 60, 70, 255), 3);
  draw->AddRectFilled(ImVec2(x(goodLo), p.y), ImVec2(std::max(x(goodHi), x(goodLo) + 2), p.y + h), IM_COL32(60, 150, 80, 255), 3);
  bool good = value >= goodLo - 1e-9 && value <= goodHi + 1e-9;
  draw->AddRectFilled(ImVec2(x(value) - 2, p.y - 2), ImVec2(x(value) + 2, p.y + h + 2),
                      good ? IM_COL32(240, 240, 240, 255) : IM_COL32(255, 90, 70, 255));
  ImGui::Dummy(ImVec2(w, h));
  ImGui::SameLine();
  ImGui::Text("%.2f %s", value, unit);
}

}  // namespace

void drawTechniquePanel(const TechniqueView& v, UiRequests& requests) {
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 16, 170), ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(400, 0), ImVec2(400, ImGui::GetIO().DisplaySize.y - 186));
  ImGui::Begin("Technique", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize);
  gauge("Angle", v.angleNow_deg, 0, 30, 0, 10, "deg");
  std::string dial = v.region.empty() ? "Dial" : "Dial (" + v.region + ")";
  gauge(dial.c_str(), v.dialNow_mm, 0, 2.5, v.rangeMin_mm, v.rangeMax_mm, "mm");
  gauge("Stamp spacing", v.contactNow ? v.spacingNow_mm : 0.0, 0, v.spacingLimit_mm * 1.5, 0, v.spacingLimit_mm, "mm");
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
  ImGui::Separator();
  if (v.warnings.empty() && v.passes == 0 && v.score == 0) {
    ImGui::TextDisabled("Needle the skin to see feedback here.");
  } else if (v.warnings.empty()) {
    ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1.0f), "No warnings");
  } else {
    for (auto& [id, advice] : v.warnings) {
      ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.3f, 1.0f), "%s", id.c_str());
      ImGui::SameLine(80);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(advice.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  if (ImGui::CollapsingHeader("Session summary", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::Text("Score: %.0f / 100", v.score);
    for (auto& [name, score] : v.breakdown) {
      ImGui::Text("  %-9s", name.c_str());
      ImGui::SameLine(110);
      ImGui::ProgressBar(float(score / 100.0), ImVec2(-1, 0), "");
    }
    for (size_t i = 0; i < v.improvements.size(); ++i) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::Text("%zu. %s", i + 1, v.improvements[i].c_str());
      ImGui::PopTextWrapPos();
    }
    if (v.canExport && ImGui::Button("Export summary (PNG + JSON)")) requests.exportSummary = true;
    if (!v.lastExport.empty()) ImGui::TextDisabled("%s", v.lastExport.c_str());
  }
  ImGui::End();
}

}  // namespace ns::ui

#include "ui/serum_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ns::ui {
namespace {

// The viridis colour map at a few stops, sRGB (matches shaders/skin_patch.frag).
ImU32 viridisStop(float t) {
  static const float stops[5][3] = {{0.267f, 0.005f, 0.329f}, {0.230f, 0.322f, 0.546f}, {0.128f, 0.567f, 0.551f},
                                    {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};
  float x = std::clamp(t, 0.0f, 1.0f) * 4.0f;
  int i = std::min(3, int(x));
  float f = x - float(i);
  float rgb[3];
  for (int c = 0; c < 3; ++c) rgb[c] = stops[i][c] + f * (stops[i + 1][c] - stops[i][c]);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1.0f));
}

void drawLegend(float scaleMax) {
  ImGui::TextUnformatted("Cross-section: serum concentration");
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x, height = 12.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int segments = 32;
  for (int i = 0; i < segments; ++i) {
    float x0 = origin.x + width * float(i) / segments, x1 = origin.x + width * float(i + 1) / segments;
    draw->AddRectFilledMultiColor(ImVec2(x0, origin.y), ImVec2(x1, origin.y + height), viridisStop(float(i) / segments),
                                  viridisStop(float(i + 1) / segments), viridisStop(float(i + 1) / segments),
                                  viridisStop(float(i) / segments));
  }
  ImGui::Dummy(ImVec2(width, height));
  ImGui::Text("0");
  char label[32];
  std::snprintf(label, sizeof(label), "%.2g (surface)", scaleMax);
  ImGui::SameLine(std::max(0.0f, width - ImGui::CalcTextSize(label).x));
  ImGui::TextUnformatted(label);
}

// The layer colours of the cut faces (sRGB of skin_patch.frag's linear colours),
// with each layer's depth, and a 1 mm scale bar for the block.
void drawLayerKey(const std::vector<std::pair<std::string, double>>& layers, double blockWidth_mm) {
  static const ImVec4 colours[6] = {{0.97f, 0.94f, 0.86f, 1}, {0.91f, 0.76f, 0.69f, 1}, {0.90f, 0.60f, 0.60f, 1},
                                    {0.95f, 0.81f, 0.78f, 1}, {0.98f, 0.91f, 0.63f, 1}, {0.80f, 0.73f, 0.70f, 1}};
  double top = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    ImGui::ColorButton(("##layer" + std::to_string(i)).c_str(), colours[std::min<size_t>(i, 5)],
                       ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::Text("%s  %.0f-%.0f um", layers[i].first.c_str(), top, layers[i].second);
    top = layers[i].second;
  }
  if (blockWidth_mm > 0) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x * float(1.0 / blockWidth_mm);  // 1 mm of the block's width
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(p.x, p.y + 6), ImVec2(p.x + width, p.y + 6), IM_COL32(230, 230, 230, 255), 2.0f);
    draw->AddLine(ImVec2(p.x, p.y + 2), ImVec2(p.x, p.y + 10), IM_COL32(230, 230, 230, 255), 2.0f);
    draw->AddLine(ImVec2(p.x + width, p.y + 2), ImVec2(p.x + width, p.y + 10), IM_COL32(230, 230, 230, 255), 2.0f);
    ImGui::Dummy(ImVec2(width, 12));
    ImGui::SameLine();
    ImGui::TextDisabled("1 mm (block %.1f mm wide)", blockWidth_mm);
  }
}

}  // namespace

std::string formatDuration(double s) {
  char text[64];
  if (s < 60)
    std::snprintf(text, sizeof(text), "%.1f s", s);
  else if (s < 3600)
    std::snprintf(text, sizeof(text), "%d min %02d s", int(s / 60), int(std::fmod(s, 60)));
  else if (s < 86400)
    std::snprintf(text, sizeof(text), "%d h %02d min", int(s / 3600), int(std::fmod(s, 3600) / 60));
  else
    std::snprintf(text, sizeof(text), "%d d %d h", int(s / 86400), int(std::fmod(s, 86400) / 3600));
  return text;
}

void drawSerumPanel(const SerumView& v, UiRequests& requests) {
  ImGui::SetNextWindowPos(ImVec2(16, 290), ImGuiCond_FirstUseEver);
  // Fits under the status panel at 720p; longer content scrolls.
  ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(360, std::max(200.0f, ImGui::GetIO().DisplaySize.y - 306)));
  ImGui::Begin("Serum", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::Text("%s", v.serumName.c_str());
  ImGui::Text("Time: %s", formatDuration(v.time_s).c_str());
  if (v.timeControls) {
    if (ImGui::Button(v.paused ? "Run" : "Pause")) requests.paused = !v.paused;
    struct Speed {
      const char* label;
      double scale;
    } speeds[] = {{"x1", 1}, {"x60", 60}, {"x3600", 3600}};
    for (auto& speed : speeds) {
      ImGui::SameLine();
      bool active = v.timeScale == speed.scale;
      if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(speed.label)) requests.timeScale = speed.scale;
      if (active) ImGui::PopStyleColor();
    }
  }
  if (v.timeControls) {
    ImGui::TextUnformatted("Jump:");
    struct Jump {
      const char* label;
      double seconds;
    } jumps[] = {{"+1 h", 3600}, {"+1 day", 86400}, {"+6 weeks", 42 * 86400}};
    for (auto& jump : jumps) {
      ImGui::SameLine();
      if (ImGui::Button(jump.label)) requests.jump_s += jump.seconds;
    }
  }
  ImGui::TextDisabled("%s on %s, %llu steps, last dt %.3g s", v.scheme.c_str(), v.backend.c_str(), v.steps, v.dt_s);
  ImGui::Separator();
  ImGui::Text("Channels open: %.0f %%   Redness: %.0f %%", v.openFraction * 100, v.erythemaMean * 100);
  ImGui::Text("Bleeding points: %llu (%llu now)   Collagen: %.2f", v.bleedingPoints, v.bleedingNow, v.collagenIndex);
  if (v.overTreated) ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1.0f), "Over-treated spots (no extra collagen)");
  if (v.torn) ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1.0f), "Torn wounds (tilted pen while moving)");
  ImGui::Separator();
  ImGui::Text("Serum in tissue: %.3g (C x mm^3)", v.totalMass * 1e-9);
  bool showField = v.showField, showMicroView = v.showMicroView;
  if (v.cutFace && ImGui::Checkbox("Show concentration on the cut face", &showField)) requests.showField = showField;
  if (ImGui::Checkbox("Micro view under the pen", &showMicroView)) requests.showMicroView = showMicroView;
  if (v.cutFace) {
    int slice = v.cutSlice;
    float y_mm = float((slice + 0.5) * v.sliceSpacing_mm - v.blockWidth_mm / 2);
    char label[48];
    std::snprintf(label, sizeof(label), "cut at y = %.2f mm", y_mm);
    if (ImGui::SliderInt("##cut", &slice, 0, v.sliceCount - 1, label)) requests.cutSlice = slice;
  }
  drawLegend(v.scaleMax);
  if (ImGui::CollapsingHeader("Layers and scale")) drawLayerKey(v.layers, v.blockWidth_mm);
  if (!v.profile.empty()) {
    float top = std::max(1e-6f, *std::max_element(v.profile.begin(), v.profile.end()));
    char overlay[64];
    std::snprintf(overlay, sizeof(overlay), "depth 0 .. %.0f um, max %.3g", v.profileDepth_um, top);
    ImGui::TextUnformatted("Mean concentration by depth (surface left)");
    ImGui::PlotLines("##profile", v.profile.data(), int(v.profile.size()), 0, overlay, 0.0f, top * 1.1f,
                     ImVec2(ImGui::GetContentRegionAvail().x, 70));
  }
  ImGui::End();
}

}  // namespace ns::ui

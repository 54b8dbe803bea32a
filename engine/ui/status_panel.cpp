#include "ui/status_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace ns::ui {
namespace {

// Fitzpatrick skin types I..VI at tones 0, 0.2 .. 1 (shaders/skin_patch.frag maps a
// tone to a colour through these six anchors; short names after Fitzpatrick's own
// descriptions: pale white .. deeply pigmented dark brown to black).
struct SkinType {
  const char* numeral;
  const char* label;
  float tone;
};
constexpr SkinType kSkinTypes[6] = {{"I", "I very light", 0.0f},      {"II", "II light", 0.2f},
                                    {"III", "III intermediate", 0.4f}, {"IV", "IV moderate brown", 0.6f},
                                    {"V", "V dark brown", 0.8f},       {"VI", "VI deeply pigmented", 1.0f}};
constexpr float kPresetMatch = 0.01f;  // a tone this close to a preset is that preset

float radioWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

// The next item on this line when `width` more fits in the panel, else on the next
// line (a row of choices wraps instead of running off the edge).
void sameLineIfFits(float width) {
  float lineEnd = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (lineEnd <= right) ImGui::SameLine();
}

// The type now in words (a tone between presets, as the default 0.15, is said as
// such rather than rounded to a type it does not look like), then the six presets
// as numerals with their names on hover, wrapping onto a second line when the
// panel is too narrow for all six (issue 30: type VI was cut off).
void drawSkinTypes(float tone, float defaultTone, UiRequests& requests) {
  int selected = -1;
  for (int i = 0; i < 6; ++i)
    if (std::abs(tone - kSkinTypes[i].tone) < kPresetMatch) selected = i;
  if (selected >= 0) {
    ImGui::TextWrapped("Skin type: %s", kSkinTypes[selected].label);
  } else {
    int lower = std::min(4, int(std::floor(std::clamp(tone, 0.0f, 1.0f) * 5.0f)));
    ImGui::TextWrapped("Skin type: between %s and %s%s", kSkinTypes[lower].numeral, kSkinTypes[lower + 1].numeral,
                std::abs(tone - defaultTone) < kPresetMatch ? " (default)" : "");
  }
  ImGui::TextUnformatted("Fitzpatrick:");
  for (int i = 0; i < 6; ++i) {
    sameLineIfFits(radioWidth(kSkinTypes[i].numeral));  // all six reachable, however narrow the panel
    if (ImGui::RadioButton(kSkinTypes[i].numeral, selected == i)) requests.skinTone = kSkinTypes[i].tone;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kSkinTypes[i].label);
  }
}

}  // namespace

void drawStatusPanel(const StatusInfo& info, UiRequests& requests) {
  ImGui::Begin("NeedleSim", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.70f, 1.0f), "%s", info.sceneName.c_str());
  ImGui::SameLine();
  ImGui::TextWrapped("\u2014 region: %s", info.region.c_str());
  ImGui::Separator();
  if (ImGui::BeginTable("layers", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Layer");
    ImGui::TableSetupColumn("Thickness");
    ImGui::TableSetupColumn("D");
    ImGui::TableHeadersRow();
    for (auto& layer : info.layers) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(layer.name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.0f um", layer.thickness_um);
      ImGui::TableNextColumn();
      ImGui::Text("%.2g um2/s", layer.diffusivity_um2_s);
    }
    ImGui::EndTable();
  }
  drawSkinTypes(info.skinTone, info.defaultSkinTone, requests);
  ImGui::Separator();
  // The UI scale rebuilds the font atlas: applied when the slider is let go.
  float scale = info.uiScale;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::SliderFloat("UI scale", &scale, 1.0f, 2.5f, "%.2fx");
  if (ImGui::IsItemDeactivatedAfterEdit()) requests.uiScale = scale;
  ImGui::TextDisabled("Tab: hide or show all panels");
  ImGui::Separator();
  ImGui::TextWrapped("Device: %s (%s)", info.deviceName.c_str(), info.deviceType.c_str());
  ImGui::TextWrapped("Frame: %.2f ms  (p95 %.2f ms)  #%llu", info.frameMs, info.frameMsP95, info.frames);
  if (!info.validationEnabled) {
    ImGui::TextDisabled("Validation: off (--validate)");
  } else if (info.validationErrors > 0) {
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "Validation: %u errors, %u warnings",
                       info.validationErrors, info.validationWarnings);
  } else {
    ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1.0f), "Validation: clean (%u warnings)",
                       info.validationWarnings);
  }
  ImGui::End();
}

}  // namespace ns::ui

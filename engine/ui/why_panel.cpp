#include "ui/why_panel.h"

#include <imgui.h>

#include <algorithm>

namespace ns::ui {

void drawWhyItWorks(const WhyView& v) {
  const ImGuiIO& io = ImGui::GetIO();
  float width = std::min(io.DisplaySize.x * 0.46f, 40.0f * ImGui::GetFontSize());
  ImGui::SetNextWindowPos({io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.06f}, ImGuiCond_Always, {0.5f, 0.0f});
  ImGui::SetNextWindowSize({width, 0});
  ImGui::SetNextWindowBgAlpha(0.88f);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                           ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings;
  ImGui::Begin("Why it works (W)", nullptr, flags);
  ImGui::TextColored({1.0f, 0.95f, 0.75f, 1}, "%s", v.when.c_str());
  ImGui::PushTextWrapPos(0.0f);
  for (size_t i = 0; i < v.links.size(); ++i) {
    const WhyLink& link = v.links[i];
    if (i > 0) {  // an arrow down to the next link (the font has no arrow glyph)
      ImVec2 at = ImGui::GetCursorScreenPos();
      float s = ImGui::GetFontSize();
      ImDrawList* draw = ImGui::GetWindowDrawList();
      draw->AddLine({at.x + 1.5f * s, at.y}, {at.x + 1.5f * s, at.y + 0.6f * s}, IM_COL32(150, 220, 255, 255), 2.0f);
      draw->AddTriangleFilled({at.x + 1.1f * s, at.y + 0.5f * s}, {at.x + 1.9f * s, at.y + 0.5f * s},
                              {at.x + 1.5f * s, at.y + 0.95f * s}, IM_COL32(150, 220, 255, 255));
      ImGui::Dummy({s, s});
    }
    ImGui::Separator();
    ImGui::TextColored({0.95f, 0.75f, 0.55f, 1}, "%zu. %s", i + 1, link.title.c_str());
    ImGui::TextUnformatted(link.value.c_str());
    ImGui::TextDisabled("Source: %s", link.source.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace ns::ui

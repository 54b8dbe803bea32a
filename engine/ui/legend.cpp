#include "ui/legend.h"

#include <algorithm>
#include <cmath>

namespace ns::ui {
namespace {

// Viridis at five stops, sRGB (the shaders use a polynomial fit of the same map).
constexpr float kViridis[5][3] = {{0.267f, 0.005f, 0.329f}, {0.230f, 0.322f, 0.546f}, {0.128f, 0.567f, 0.551f},
                                  {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};

ImVec4 viridisDisplay(float t) {
  float x = std::clamp(t, 0.0f, 1.0f) * 4.0f;
  int i = std::min(3, int(x));
  float f = x - float(i);
  float rgb[3];
  for (int c = 0; c < 3; ++c) rgb[c] = kViridis[i][c] + f * (kViridis[i + 1][c] - kViridis[i][c]);
  return ImVec4(rgb[0], rgb[1], rgb[2], 1.0f);
}

float encode(float linear) {
  linear = std::clamp(linear, 0.0f, 1.0f);
  return linear <= 0.0031308f ? linear * 12.92f : 1.055f * std::pow(linear, 1.0f / 2.4f) - 0.055f;
}

}  // namespace

Linear mixLinear(Linear a, Linear b, float t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

ImVec4 displayColour(Linear c) { return ImVec4(encode(c.r), encode(c.g), encode(c.b), 1.0f); }

Linear viridisLinear(float t) {  // as the shaders: the sRGB map raised to 2.2
  ImVec4 s = viridisDisplay(t);
  return {std::pow(s.x, 2.2f), std::pow(s.y, 2.2f), std::pow(s.z, 2.2f)};
}

void viridisBar(float height) {
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int segments = 32;
  for (int i = 0; i < segments; ++i) {
    float x0 = origin.x + width * float(i) / segments, x1 = origin.x + width * float(i + 1) / segments;
    ImU32 left = ImGui::ColorConvertFloat4ToU32(viridisDisplay(float(i) / segments));
    ImU32 right = ImGui::ColorConvertFloat4ToU32(viridisDisplay(float(i + 1) / segments));
    draw->AddRectFilledMultiColor(ImVec2(x0, origin.y), ImVec2(x1, origin.y + height), left, right, right, left);
  }
  ImGui::Dummy(ImVec2(width, height));
}

void swatch(const char* id, ImVec4 ground) {
  ImGui::ColorButton(id, ground, ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
  ImGui::SameLine();
}

void dotSwatch(const char* id, ImVec4 ground, ImVec4 dot) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  swatch(id, ground);
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 6, p.y + 6), 3.0f, ImGui::ColorConvertFloat4ToU32(dot), 12);
}

void rampSwatch(ImVec4 from, ImVec4 to) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImU32 a = ImGui::ColorConvertFloat4ToU32(from), b = ImGui::ColorConvertFloat4ToU32(to);
  ImGui::GetWindowDrawList()->AddRectFilledMultiColor(p, ImVec2(p.x + 24, p.y + 12), a, b, b, a);
  ImGui::Dummy(ImVec2(24, 12));
  ImGui::SameLine();
}

}  // namespace ns::ui

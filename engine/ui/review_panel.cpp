#include "ui/review_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/serum_panel.h"  // formatDuration

namespace ns::ui {
namespace {

// "1:05.2": minutes and seconds to a tenth (a recording is minutes long).
std::string clockText(double t_s) {
  t_s = std::max(0.0, t_s);
  int minutes = int(t_s / 60);
  char text[32];
  std::snprintf(text, sizeof(text), "%d:%04.1f", minutes, t_s - minutes * 60.0);
  return text;
}

constexpr ImU32 kTiltColour = IM_COL32(250, 200, 80, 255);
constexpr ImU32 kSpeedColour = IM_COL32(120, 190, 250, 255);
constexpr ImU32 kWarningColour = IM_COL32(240, 90, 80, 255);
constexpr float kTiltTop_deg = 40, kSpeedTop_mm_s = 40;  // the plot's ranges (as the Technique panel's)

// The buttons' row: play/pause, back to the start, ±5 s, the speed, the time.
void drawControls(const ReviewView& v, UiRequests& requests) {
  bool atEnd = v.clock_s >= v.duration_s - 1e-6;
  const char* play = v.playing ? "Pause" : atEnd ? "Replay" : "Play";
  if (ImGui::Button(play)) {
    if (!v.playing && atEnd && v.canSeek) requests.reviewSeek_s = 0.0;
    requests.reviewPlaying = !v.playing;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!v.canSeek);
  if (ImGui::Button("|<")) requests.reviewSeek_s = 0.0;
  ImGui::SameLine();
  if (ImGui::Button("-5 s")) requests.reviewSeek_s = std::max(0.0, v.clock_s - 5.0);
  ImGui::SameLine();
  if (ImGui::Button("+5 s")) requests.reviewSeek_s = std::min(v.duration_s, v.clock_s + 5.0);
  ImGui::EndDisabled();
  ImGui::SameLine();
  char speed[16];
  std::snprintf(speed, sizeof(speed), "x%g", v.speed);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("x0.25").x + ImGui::GetFrameHeight() * 1.6f);
  if (ImGui::BeginCombo("##speed", speed)) {
    for (double s : kReviewSpeeds) {
      char item[16];
      std::snprintf(item, sizeof(item), "x%g", s);
      if (ImGui::Selectable(item, s == v.speed)) requests.reviewSpeed = s;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Text("%s / %s", clockText(v.clock_s).c_str(), clockText(v.duration_s).c_str());
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.98f, 0.78f, 0.31f, 1), "tilt");
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.47f, 0.75f, 0.98f, 1), "speed");
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.94f, 0.35f, 0.31f, 1), "warning");
  if (v.ghost) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.95f, 1), "ghost: expert");
  }
  if (!v.seekOff.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", v.seekOff.c_str());
  }
}

// The technique along the recording, the warnings' markers and the playhead; a
// press seeks (on release).
void drawPlot(const ReviewView& v, UiRequests& requests) {
  ImVec2 size(ImGui::GetContentRegionAvail().x, std::max(ImGui::GetContentRegionAvail().y, 20.0f));
  ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + size.x, a.y + size.y);
  ImGui::InvisibleButton("##timeline", size);
  bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  double span = std::max(v.duration_s, 1e-3);
  auto xOf = [&](double t) { return a.x + float(std::clamp(t / span, 0.0, 1.0)) * size.x; };
  auto tOf = [&](float x) { return std::clamp(double(x - a.x) / size.x, 0.0, 1.0) * span; };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(a, b, IM_COL32(18, 18, 24, 255), 3);
  const std::vector<ReviewSample>& samples = *v.samples;
  for (size_t i = 0; i + 1 < samples.size(); ++i)  // contact shaded
    if (samples[i].contact) draw->AddRectFilled(ImVec2(xOf(samples[i].t_s), a.y), ImVec2(xOf(samples[i + 1].t_s) + 1, b.y), IM_COL32(60, 60, 72, 255));
  if (v.tiltLimit_deg > 0) {
    float y = b.y - size.y * std::min(1.0f, v.tiltLimit_deg / kTiltTop_deg);
    draw->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), IM_COL32(250, 200, 80, 90));
  }
  auto line = [&](auto value, float top, ImU32 colour) {
    for (size_t i = 0; i + 1 < samples.size(); ++i) {
      if (!samples[i].contact || !samples[i + 1].contact) continue;
      float y0 = b.y - size.y * std::min(1.0f, value(samples[i]) / top), y1 = b.y - size.y * std::min(1.0f, value(samples[i + 1]) / top);
      draw->AddLine(ImVec2(xOf(samples[i].t_s), y0), ImVec2(xOf(samples[i + 1].t_s), y1), colour, 1.5f);
    }
  };
  line([](const ReviewSample& s) { return s.speed_mm_s; }, kSpeedTop_mm_s, kSpeedColour);
  line([](const ReviewSample& s) { return s.tilt_deg; }, kTiltTop_deg, kTiltColour);
  const ReviewMarker* tip = nullptr;
  float mouseX = ImGui::GetIO().MousePos.x;
  float h = ImGui::GetFontSize() * 0.5f;
  for (const ReviewMarker& m : *v.markers) {
    float x = xOf(m.t_s);
    draw->AddTriangleFilled(ImVec2(x - h, a.y), ImVec2(x + h, a.y), ImVec2(x, a.y + 1.6f * h), kWarningColour);
    draw->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), IM_COL32(240, 90, 80, 110));
    if (hovered && std::fabs(mouseX - x) <= h) tip = &m;
  }
  float head = xOf(v.clock_s);
  draw->AddLine(ImVec2(head, a.y), ImVec2(head, b.y), IM_COL32(255, 255, 255, 255), 2.0f);
  if (held && v.canSeek) {  // where the seek will land
    float x = std::clamp(mouseX, a.x, b.x);
    draw->AddLine(ImVec2(x, a.y), ImVec2(x, b.y), IM_COL32(255, 255, 255, 120), 2.0f);
  }
  if (ImGui::IsItemDeactivated() && v.canSeek) requests.reviewSeek_s = tOf(mouseX);
  if (tip)
    ImGui::SetTooltip("%s  %s: %s", clockText(tip->t_s).c_str(), tip->id.c_str(), tip->advice.c_str());
  else if (hovered)
    ImGui::SetTooltip("%s%s", clockText(tOf(mouseX)).c_str(), v.canSeek ? ": click to go there" : "");
}

}  // namespace

void drawReviewStrip(const ReviewView& v, Dock& dock, UiRequests& requests) {
  if (dock.bottomStrip.h <= 0 || !v.samples || !v.markers) return;
  placeBottomStrip(dock);
  std::string title = "Review: " + v.file + "###Review";
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                           ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  if (ImGui::Begin(title.c_str(), nullptr, flags)) {
    drawControls(v, requests);
    drawPlot(v, requests);
  }
  ImGui::End();
  recordStrip(dock, "###Review");
}

}  // namespace ns::ui

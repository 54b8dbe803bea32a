#include "ui/camera_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace ns::ui {

std::string cameraStateText(const CameraPanelView& v) {
  char text[160];
  if (!v.started) return "Waiting for the camera's first frame";
  if (v.tracked && v.contact) return "Tracking: the pen is on the pad (needling)";
  if (v.tracked) {
    std::snprintf(text, sizeof text, "Tracking: the pen is %.0f mm above the pad", std::max(0.0, v.tipHeight_mm));
    return text;
  }
  if (v.ended) return "The video has ended";
  const char* what = !v.padFound && !v.penFound ? "Neither the pen nor the pad sheet is seen"
                     : !v.padFound             ? "The pad sheet is not seen: point the camera at it"
                                               : "The pen is not seen: keep its sleeve in view";
  std::snprintf(text, sizeof text, "%s (%.1f s); the pen is off the skin", what, v.lostFor_s);
  return text;
}

namespace {

void drawPreview(const CameraPanelView& v) {
  float w = ImGui::GetContentRegionAvail().x;
  if (v.cols <= 0 || v.rows <= 0 || v.width <= 0 || v.height <= 0 || w < 8) return;
  float h = w * float(v.height) / float(v.width);
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float cw = w / float(v.cols), ch = h / float(v.rows);
  for (int r = 0; r < v.rows; ++r)
    for (int c = 0; c < v.cols; ++c) {
      uint8_t g = v.cells[size_t(r) * size_t(v.cols) + size_t(c)];
      ImVec2 a(at.x + c * cw, at.y + r * ch);
      draw->AddRectFilled(a, ImVec2(a.x + cw + 0.5f, a.y + ch + 0.5f), IM_COL32(g, g, g, 255));
    }
  float sx = w / float(v.width), sy = h / float(v.height);
  auto quads = [&](const std::vector<CameraPanelView::Quad>& list, ImU32 colour) {
    for (const CameraPanelView::Quad& q : list) {
      ImVec2 p[4];
      for (int i = 0; i < 4; ++i) p[i] = ImVec2(at.x + q.px[2 * i] * sx, at.y + q.px[2 * i + 1] * sy);
      draw->AddPolyline(p, 4, colour, ImDrawFlags_Closed, 1.5f);
    }
  };
  quads(v.padQuads, IM_COL32(80, 220, 120, 255));
  quads(v.penQuads, IM_COL32(255, 170, 60, 255));
  if (v.tipSeen) {
    ImVec2 tip(at.x + v.tipX * sx, at.y + v.tipY * sy);
    draw->AddCircle(tip, 4.0f, IM_COL32(255, 80, 70, 255), 12, 2.0f);
    if (v.contact) draw->AddCircleFilled(tip, 2.5f, IM_COL32(255, 80, 70, 255), 8);
  }
  draw->AddRect(at, ImVec2(at.x + w, at.y + h), IM_COL32(120, 120, 120, 255));
  ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

void drawCameraPanel(const CameraPanelView& v) {
  ImGui::Begin("Camera pen", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s%s", v.source.c_str(), v.live ? " (live)" : " (video)");
  ImGui::PopTextWrapPos();
  std::string state = cameraStateText(v);
  ImVec4 colour = v.tracked ? ImVec4(0.55f, 0.9f, 0.6f, 1) : ImVec4(1.0f, 0.7f, 0.4f, 1);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(colour, "%s", state.c_str());
  ImGui::PopTextWrapPos();
  drawPreview(v);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Tags: green pad, orange pen; red ring: tip");
  ImGui::PopTextWrapPos();
  double share = v.frames > 0 ? 100.0 * double(v.trackedFrames) / double(v.frames) : 0.0;
  ImGui::Text("Tracked %.1f %% of %ld frames; lost %.1f s", share, v.frames, v.lost_s);
  ImGui::Text("Detection %.1f ms a frame, fit %.2f px", v.msP50, v.reprojectionP50_px);
  if (v.live) ImGui::Text("Camera to pen: %.0f ms", v.latencyP50_ms);
  ImGui::End();
}

}  // namespace ns::ui

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

PictureFrame drawCameraPicture(Thumbnails& pictures, const LivePicture& live, int width, int height) {
  float w = std::max(8.0f, ImGui::GetContentRegionAvail().x);
  float h = width > 0 && height > 0 ? w * float(height) / float(width) : w * 9.0f / 16.0f;
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (!drawLivePicture(pictures, live, at.x, at.y, at.x + w, at.y + h)) {
    draw->AddRectFilled(at, ImVec2(at.x + w, at.y + h), IM_COL32(40, 42, 48, 255));
    const char* text = "no picture from the camera yet";
    ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText(ImVec2(at.x + (w - size.x) / 2, at.y + (h - size.y) / 2), IM_COL32(140, 140, 150, 255), text);
  }
  draw->AddRect(at, ImVec2(at.x + w, at.y + h), IM_COL32(120, 120, 120, 255));
  ImGui::Dummy(ImVec2(w, h));
  PictureFrame f{at.x, at.y, 1, 1};
  if (width > 0 && height > 0) f.sx = w / float(width), f.sy = h / float(height);
  return f;
}

void drawQuads(const PictureFrame& f, const std::vector<CameraPanelView::Quad>& quads, unsigned colour) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const CameraPanelView::Quad& q : quads) {
    ImVec2 p[4];
    for (int i = 0; i < 4; ++i) p[i] = ImVec2(f.x + q.px[2 * i] * f.sx, f.y + q.px[2 * i + 1] * f.sy);
    draw->AddPolyline(p, 4, colour, ImDrawFlags_Closed, 1.5f);
  }
}

namespace {

void drawPreview(const CameraPanelView& v, Thumbnails& pictures, const LivePicture& live) {
  PictureFrame f = drawCameraPicture(pictures, live, v.width, v.height);
  drawQuads(f, v.padQuads, IM_COL32(80, 220, 120, 255));
  drawQuads(f, v.penQuads, IM_COL32(255, 170, 60, 255));
  if (v.tipSeen) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 tip(f.x + v.tipX * f.sx, f.y + v.tipY * f.sy);
    draw->AddCircle(tip, 4.0f, IM_COL32(255, 80, 70, 255), 12, 2.0f);
    if (v.contact) draw->AddCircleFilled(tip, 2.5f, IM_COL32(255, 80, 70, 255), 8);
  }
}

}  // namespace

void drawCameraPanel(const CameraPanelView& v, Thumbnails& pictures, const LivePicture& live) {
  ImGui::Begin("Camera pen", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s%s", v.source.c_str(), v.live ? " (live)" : " (video)");
  ImGui::PopTextWrapPos();
  std::string state = cameraStateText(v);
  ImVec4 colour = v.tracked ? ImVec4(0.55f, 0.9f, 0.6f, 1) : ImVec4(1.0f, 0.7f, 0.4f, 1);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(colour, "%s", state.c_str());
  ImGui::PopTextWrapPos();
  drawPreview(v, pictures, live);
  if (!v.padRegion.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("The pad stands for the %s: its centre is the region's middle.", v.padRegion.c_str());
    ImGui::PopTextWrapPos();
  }
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

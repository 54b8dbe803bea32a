#include "ui/calibration_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace ns::ui {
namespace {

const ImVec4 kGood(0.55f, 0.9f, 0.6f, 1), kWarn(1.0f, 0.7f, 0.4f, 1), kBad(1.0f, 0.45f, 0.4f, 1);

void wrapped(const char* text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
}

void coloured(const ImVec4& colour, const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(colour, "%s", text.c_str());
  ImGui::PopTextWrapPos();
}

// A bar toward `need` (full at `plenty`), labelled in the quantity's own numbers.
void progress(double value, double need, double plenty, const char* label) {
  float fraction = plenty > 0 ? float(std::clamp(value / plenty, 0.0, 1.0)) : 0.0f;
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, value >= need ? ImVec4(0.3f, 0.7f, 0.4f, 1) : ImVec4(0.8f, 0.55f, 0.2f, 1));
  ImGui::ProgressBar(fraction, ImVec2(-1, 0), label);
  ImGui::PopStyleColor();
}

// The image's cells the board's corners have not reached yet, shaded over the picture.
void drawCoverage(const CalibrationPanelView& v, const PictureFrame& f) {
  if (v.coverCols <= 0 || v.coverRows <= 0 || int(v.coverage.size()) != v.coverCols * v.coverRows) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float cw = float(v.width) * f.sx / float(v.coverCols), ch = float(v.height) * f.sy / float(v.coverRows);
  for (int r = 0; r < v.coverRows; ++r)
    for (int c = 0; c < v.coverCols; ++c) {
      ImVec2 a(f.x + float(c) * cw, f.y + float(r) * ch), b(a.x + cw, a.y + ch);
      if (v.coverage[size_t(r * v.coverCols + c)] == 0) draw->AddRectFilled(a, b, IM_COL32(230, 120, 40, 70));
      draw->AddRect(a, b, IM_COL32(255, 255, 255, 50));
    }
}

void cameraSteps(const CalibrationPanelView& v) {
  wrapped("1. Print the calibration board (assets/print, A4 or Letter) at 100 %, check its 50 mm bar, and fix it flat "
          "to card.");
  wrapped("2. Hold it 30-60 cm from the camera, all of it in the picture. Tilt it (up to about 45 degrees) and move it, "
          "so that its tags pass over every part of the picture: the shaded cells still need them.");
  wrapped("3. It solves by itself when it has plenty; Solve now works from the views needed.");
  ImGui::Separator();
  if (v.stage == CalibrationPanelView::Stage::Collecting) {
    char text[120];
    std::snprintf(text, sizeof text, "The board: %d tags seen in this frame%s", v.boardTags,
                  v.boardTags == 0 ? " (not in view)" : "");
    coloured(v.boardTags > 0 ? kGood : kWarn, text);
  }
  char label[120];
  std::snprintf(label, sizeof label, "Views kept: %d (%d needed, %d plenty)", v.views, v.minViews, v.plentyViews);
  progress(v.views, v.minViews, v.plentyViews, label);
  std::snprintf(label, sizeof label, "Picture covered: %.0f %% (%.0f %% needed)", 100 * v.coverageShare, 100 * v.minCoverage);
  progress(v.coverageShare, v.minCoverage, 1.0, label);
}

void tipSteps(const CalibrationPanelView& v) {
  wrapped("1. Lay the pad sheet flat in view and seat the sleeve on the pen, as you will train with it.");
  wrapped("2. Hold the needle tip still on one point of the pad (the cross at its centre).");
  wrapped("3. Keep the tip there and tilt the pen slowly around it, in every direction, up to about 40 degrees.");
  ImGui::Separator();
  if (v.stage == CalibrationPanelView::Stage::Collecting) {
    bool pen = !v.penQuads.empty(), pad = !v.padQuads.empty();
    coloured(pen && pad ? kGood : kWarn, pen && pad ? "The pen and the pad are seen"
                                         : !pen && !pad ? "Neither the pen nor the pad sheet is seen"
                                         : !pen       ? "The pen is not seen: keep its sleeve in view"
                                                      : "The pad sheet is not seen: point the camera at it");
  }
  char label[120];
  std::snprintf(label, sizeof label, "Poses: %ld (%ld needed)", v.poses, v.minPoses);
  progress(double(v.poses), double(v.minPoses), double(v.minPoses), label);
  std::snprintf(label, sizeof label, "Turned: %.0f degrees (%.0f needed, %.0f plenty)", v.spread_deg, v.minSpread_deg,
                v.plentySpread_deg);
  progress(v.spread_deg, v.minSpread_deg, v.plentySpread_deg, label);
}

// The point to hold the tip on (the pad's centre, a cross) and where the pen's design
// puts its tip (a ring): the user sees at once whether the tip stays on the point.
void drawTipAndTarget(const CalibrationPanelView& v, const PictureFrame& f) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (v.targetSeen) {
    ImVec2 c(f.x + v.targetX * f.sx, f.y + v.targetY * f.sy);
    unsigned cyan = IM_COL32(60, 220, 255, 255);
    draw->AddLine(ImVec2(c.x - 7, c.y), ImVec2(c.x + 7, c.y), cyan, 2.0f);
    draw->AddLine(ImVec2(c.x, c.y - 7), ImVec2(c.x, c.y + 7), cyan, 2.0f);
  }
  if (v.tipSeen) draw->AddCircle(ImVec2(f.x + v.tipX * f.sx, f.y + v.tipY * f.sy), 5.0f, IM_COL32(255, 80, 70, 255), 16, 2.0f);
}

CalibrationAction outcome(const CalibrationPanelView& v) {
  CalibrationAction action = CalibrationAction::None;
  ImGui::Separator();
  using Stage = CalibrationPanelView::Stage;
  if (v.stage == Stage::Solving) coloured(kWarn, "Solving ... (a few seconds)");
  if (v.stage == Stage::Saved) {
    coloured(kGood, "Saved to " + v.out);
    for (const std::string& line : v.resultLines) wrapped(line.c_str());
    wrapped("Train with it:");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", v.trainCommand.c_str());
    ImGui::PopTextWrapPos();
  }
  if (v.stage == Stage::Refused) {
    coloured(kBad, "Refused: " + v.problem);
    wrapped("Nothing was written. Start again and follow the steps.");
  }
  if (v.stage == Stage::Collecting && v.sourceEnded && !v.problem.empty()) coloured(kBad, v.problem);
  ImGui::Spacing();
  ImGui::BeginDisabled(!v.canSolve);
  if (ImGui::Button("Solve now")) action = CalibrationAction::Solve;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(v.stage == Stage::Solving);
  if (ImGui::Button("Start again")) action = CalibrationAction::Restart;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close")) action = CalibrationAction::Close;
  return action;
}

}  // namespace

CalibrationAction drawCalibrationPanel(const CalibrationPanelView& v, Thumbnails& pictures, const LivePicture& live, float x,
                                       float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::SetNextWindowBgAlpha(1.0f);  // the skin waiting behind is not part of this screen
  const char* title = v.tip ? "Calibrate the pen's tip" : "Calibrate the camera";
  ImGui::Begin(title, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
  ImGui::TextDisabled("%s, %d x %d px%s", v.source.c_str(), v.width, v.height, v.live ? " (live)" : " (video)");
  float pictureW = std::max(120.0f, ImGui::GetContentRegionAvail().x * 0.62f);
  ImGui::BeginChild("picture", ImVec2(pictureW, 0), false);
  PictureFrame f = drawCameraPicture(pictures, live, v.width, v.height);
  if (!v.tip) drawCoverage(v, f);
  drawQuads(f, v.boardQuads, IM_COL32(80, 220, 120, 255));
  drawQuads(f, v.padQuads, IM_COL32(80, 220, 120, 255));
  drawQuads(f, v.penQuads, IM_COL32(255, 170, 60, 255));
  if (v.tip) drawTipAndTarget(v, f);
  ImGui::TextDisabled(v.tip ? "Tags: green pad, orange pen; cyan cross: hold the tip here; red ring: the tip"
                            : "Tags found: green; shaded: cells the board must still reach");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("steps", ImVec2(0, 0), false);
  if (v.tip) tipSteps(v);
  else cameraSteps(v);
  CalibrationAction action = outcome(v);
  ImGui::EndChild();
  ImGui::End();
  return action;
}

}  // namespace ns::ui

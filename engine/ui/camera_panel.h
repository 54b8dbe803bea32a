#pragma once
// The camera pen's panel: where the camera looks (a small grey preview with the
// tags it found drawn over it), whether the pen is tracked, and how well. It says
// in words what a trainee must do when the pen or the pad sheet is not seen.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns::ui {

struct CameraPanelView {
  std::string source;
  bool live = false;
  // The preview: grey cells, `cols` × `rows`, of a frame `width` × `height` px.
  int cols = 0, rows = 0, width = 0, height = 0;
  std::vector<uint8_t> cells;
  struct Quad { std::array<float, 8> px; };  // four corners, camera px
  std::vector<Quad> penQuads, padQuads;
  bool tipSeen = false;
  float tipX = 0, tipY = 0;
  bool started = false;  // a frame has been tracked
  bool padFound = false, penFound = false, tracked = false, contact = false;
  double tipHeight_mm = 0;
  double lostFor_s = 0;  // the current gap (0 while tracked)
  long frames = 0, trackedFrames = 0;
  double lost_s = 0;
  double msP50 = 0, latencyP50_ms = 0, reprojectionP50_px = 0;
  bool ended = false;  // a file that has been played to its end
};

// The state in one sentence (what the panel's first line says).
std::string cameraStateText(const CameraPanelView& v);
void drawCameraPanel(const CameraPanelView& v);

}  // namespace ns::ui

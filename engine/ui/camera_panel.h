#pragma once
// The camera pen's panel: what the camera sees (its picture, grey, with the tags it
// found and the tip drawn over it), whether the pen is tracked, and how well. It
// says in words what a trainee must do when the pen or the pad sheet is not seen.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ui/live_picture.h"
#include "ui/thumbnails.h"

namespace ns::ui {

struct CameraPanelView {
  std::string source;
  bool live = false;
  int width = 0, height = 0;  // the camera's frames, px (the picture is smaller, the same shape)
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
  std::string padRegion;  // on the face: the region the pad stands for ("" on the patch)
};

// The state in one sentence (what the panel's first line says).
std::string cameraStateText(const CameraPanelView& v);
// `pictures`, `live`: the overlay's, holding the camera's newest picture.
void drawCameraPanel(const CameraPanelView& v, Thumbnails& pictures, const LivePicture& live);

// The camera's picture at the window's full width (its aspect kept), with quads and
// points in the camera's pixels drawn over it by `over(x, y, scale)`; a plain box
// while there is no picture. Shared by the pen and the calibration panels.
struct PictureFrame { float x = 0, y = 0, sx = 1, sy = 1; };
PictureFrame drawCameraPicture(Thumbnails& pictures, const LivePicture& live, int width, int height);
void drawQuads(const PictureFrame& f, const std::vector<CameraPanelView::Quad>& quads, unsigned colour);

}  // namespace ns::ui

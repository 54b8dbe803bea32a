#pragma once
// The review timeline: a strip along the bottom of the 3D view when a recording is
// reviewed — play and pause, speed ×0.25–×8, the time, and the recording's technique
// (the pen's tilt and glide speed along it, contact shaded) with a marker where each
// warning first came up; a click or drag on it seeks there.
#include <string>
#include <vector>

#include "ui/dock.h"
#include "ui/requests.h"

namespace ns::ui {

// The recording at one moment (every 0.1 s of it).
struct ReviewSample {
  float t_s = 0;
  bool contact = false;
  float tilt_deg = 0;      // the pen from the skin's normal
  float speed_mm_s = 0;    // along the skin
  float dial_mm = 0;
};

struct ReviewMarker {
  double t_s = 0;
  std::string id;      // the warning's id (angle, depth, dwell, speed, ...)
  std::string advice;  // its sentence at that moment
};

struct ReviewView {
  std::string file;
  double clock_s = 0, duration_s = 0;
  bool playing = false;
  double speed = 1;
  bool canSeek = true;
  std::string seekOff;           // why seeking is off ("" when it is on)
  bool ghost = false;            // an expert's recording plays beside it (--ghost)
  float tiltLimit_deg = 0;       // tilts past this tear the channels (drawn as a line)
  const std::vector<ReviewSample>* samples = nullptr;
  const std::vector<ReviewMarker>* markers = nullptr;
};

constexpr float kReviewStripHeight = 112;  // at UI scale 1
constexpr double kReviewSpeeds[] = {0.25, 0.5, 1, 2, 4, 8};

// Draws the strip in the dock's reserved bottom rectangle (reserveBottomStrip) and
// records it; a press on the plot seeks (on release, so a drag rebuilds once).
void drawReviewStrip(const ReviewView& view, Dock& dock, UiRequests& requests);

}  // namespace ns::ui

#pragma once
// The frame panel (F3, --frame-stats): where a frame's time goes, pass by pass from
// the GPU's timestamps, and the scale the 3D view is drawn at and why. A small window
// over the top-right of the view, for developers and for judging a machine; no
// Vulkan types: the caller fills it.
#include <string>
#include <vector>

namespace ns::ui {

struct FramePassRow {
  std::string name;
  double ms = 0;  // smoothed over the last frames
};

struct FrameStatsView {
  std::vector<FramePassRow> passes;
  double gpuRender_ms = 0, gpuSimulation_ms = 0;  // smoothed, as the rows
  double frame_ms = 0;                             // wall time of the last frame
  float scale = 1.0f;                              // the 3D view's, per axis
  std::string scaleReason;
  double budget_ms = 0;
  unsigned width = 0, height = 0;                  // the full image
};

void drawFramePanel(const FrameStatsView& view);

}  // namespace ns::ui

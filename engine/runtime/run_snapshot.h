#pragma once
// A run's state at the start of a lesson step, kept so that retrying the step (or
// restarting the lesson) puts everything back as it was: the simulation's fields
// and clock, the healing surface, the channels, the pen's counts and the technique
// feedback. What is not put back: the pen clock and its source (a recording goes
// on, the mouse is where it is), the recording being written, the view.
//
// Costs what the fields cost (a few MB per tissue block) plus the treated part
// of the healing surface; taking one waits for the device.
#include <vector>

#include "pen/pen_model.h"
#include "runtime/pen_session.h"
#include "sim/diffusion_solver.h"
#include "sim/healing.h"
#include "training/technique.h"
#include "training/technique_tracker.h"

namespace ns::runtime {

struct Run;

struct BlockSnapshot {
  bool placed = false;
  scene::SurfaceFrame frame;
  sim::DiffusionSolver solver;  // activity, openness and fields as they were (not its device handles)
  double lastPuncture_s = -1;
  std::vector<double> profile;
  double totalMass = 0;
};

struct RunSnapshot {
  // The simulation: each tissue block, caught up to the clock (a block made after the
  // snapshot goes back to untreated and unplaced; it keeps its device objects).
  std::vector<BlockSnapshot> blocks;
  size_t shown = 0, firstNeedled = 0, nextCatchUp = 0;
  double time_s = 0;
  sim::HealingSnapshot healing;
  double lastPuncture_s = -1, timeScale = 1;
  bool paused = false;
  std::vector<double> profile;
  double totalMass = 0;
  sim::HealingSummary healingSummary;
  double summaryTime_s = -1;
  // The session.
  pen::PenStats penStats;
  PenSession::ChannelSums channels;
  training::TechniqueTracker tracker;
  training::TechniqueReport report;
  double dial_mm = 0, dialMin_mm = 0, dialMax_mm = 0;
};

void takeSnapshot(Run& run, RunSnapshot& snapshot);
void restoreSnapshot(Run& run, const RunSnapshot& snapshot);

}  // namespace ns::runtime

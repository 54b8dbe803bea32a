#pragma once
// One run of needlesim: what it owns, the frame loop, and the panels it shows.
#include <csignal>
#include <vector>

#include "runtime/coaching.h"
#include "runtime/gpu_host.h"
#include "runtime/options.h"
#include "runtime/pen_session.h"
#include "runtime/simulation.h"
#include "scene/scene.h"

namespace ns::runtime {

struct RunState {
  std::vector<double> frameMs;
  unsigned long long frames = 0;
  Coaching coaching;
};

// Set by SIGINT/SIGTERM: the loop ends the run the normal way (report, recording).
extern volatile std::sig_atomic_t g_stopRequested;

// Frames until --frames, --sim-seconds, the end of a headless replay, a closed
// window or a stop request.
void runLoop(GpuHost& host, Simulation& sim, PenSession& pen, const scene::Scene& scene, const Options& options,
             RunState& state);

// The status, serum and pen panels and the on-screen pen (inside an ImGui frame).
void drawPanels(GpuHost& host, Simulation& sim, const PenSession& pen, const scene::Scene& scene, RunState& state);

// Writes the technique summary as JSON and the current frame as PNG, side by side
// (in --outbox when given, else the working folder). Returns what was written.
std::string exportSummary(GpuHost& host, const PenSession& pen, const Options& options, RunState& state,
                          std::string& error);

}  // namespace ns::runtime

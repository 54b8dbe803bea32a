#pragma once
// A run in this process: everything one run of a scene owns (the skin, the session,
// the records, the GPU host, the simulation, the Run itself and its features), made
// in one place and ended in one place. needlesim opens one, runs its loop and closes
// it; a test does the same without launching the binary — it opens a headless run
// on lavapipe with the features it wants, drives frames and posts requests directly
// (Run::requests, applied at the next frame), and reads the report that closing it
// assembles.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image.h"
#include "runtime/feature.h"
#include "runtime/gpu_host.h"
#include "runtime/kiosk_driver.h"
#include "runtime/lesson_driver.h"
#include "runtime/options.h"
#include "runtime/records.h"
#include "runtime/run.h"
#include "runtime/session.h"
#include "runtime/simulation.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"

namespace ns::runtime {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitKioskRestart = 3;  // a kiosk that saved its day's list: its service restarts it

// One half of a headless --compare: its report and its last frame, which the caller
// puts side by side.
struct HalfResult {
  nlohmann::json report;
  core::ImageRGBA8 image;
};

// What a run is made from, besides the command line and the scene.
struct RunInputs {
  std::vector<std::unique_ptr<Feature>> features;  // runtime/modes.h, and a compare's
};

struct LiveRun {
  Options options;
  scene::Scene scene;
  scene::SkinSurface skin;
  Session session;
  RecordsRun records;
  GpuHost host;
  Simulation sim;
  std::optional<Run> run;
  nlohmann::json report;  // what closeRun assembled (also written to --report)
  bool hostCreated = false, simCreated = false;
};

// One line on stderr ("needlesim: ..."), and the exit code of bad input.
int badInput(const std::string& message);

// One run of `scene`: opened, looped, closed. `half`: a headless compare's half.
int runScene(const Options& options, const scene::Scene& scene, RunInputs inputs, HalfResult* half = nullptr);
// --compare KEY=A,B (compare_run.cpp).
int runCompare(const Options& options);

// Makes everything the run needs and starts its features; false with the exit code
// (2 bad input with one line, 1 a device that cannot be had) and the line.
bool openRun(LiveRun& live, const Options& options, const scene::Scene& scene, RunInputs inputs, int& code,
             std::string& error);
// Runs the frame loop: until the run ends on its own terms, or `frames` more frames.
void runFrames(LiveRun& live, long long frames = -1);
// Ends the run: the screenshot, the records, the report (in live.report, and in
// --report), its features ended, everything destroyed. `half`: a headless compare's
// half, which keeps its report and image for the caller instead. The exit code.
int closeRun(LiveRun& live, HalfResult* half = nullptr);

// Writes the screenshot, records and report of `run` (the report into `report`).
// After a fatal GPU fault (`gpuFault`: what failed) nothing touches the GPU: the
// report carries the last summary the simulation published and says what failed
// (under `faultKey`: `gpu_fault`, or `display_lost`).
int finishRun(Run& run, nlohmann::json& report, const char* gpuFault = nullptr, const char* faultKey = "gpu_fault");
// A headless compare's half: its report and last frame, no records, no file.
int finishHalf(Run& run, HalfResult& half);

}  // namespace ns::runtime

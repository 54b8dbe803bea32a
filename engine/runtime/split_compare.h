#pragma once
// Compare in the window (--compare KEY=A,B without --headless): the window split in
// two, A's run on the left (the run's own simulation and session) and B's on the
// right — B's scene with the key set to B, its own session, simulation, serum,
// healing and channels — stepped in the same frames by the same intervals, from the
// same pen input (the mouse over either half needles the same spot in both; a replay
// drives both), seen by the same camera. Each half is captioned with its setting and
// its numbers (serum profile, redness, bleeding, channels open, collagen, time). The
// report holds compare.a.* and compare.b.* as the headless compare's does.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "runtime/feature.h"
#include "runtime/session.h"
#include "runtime/simulation.h"
#include "scene/scene.h"

namespace ns::runtime {

struct Run;

struct SplitCompare {
  scene::Scene scene;        // B's (must outlive the simulation)
  std::string key, labelA, labelB;
  nlohmann::json values;     // [A, B] as the report gives them
  bool dialFromScene = false;  // pen.depth_mm compared: each half's dial is its scene's
  Session session;
  Simulation sim;
  bool created = false;
};

// B's session and simulation on the run's device (after the run's own are made).
bool createSplit(Run& run, SplitCompare& split, std::string& error);
void destroySplit(SplitCompare& split);

// B's share of a tick: the same input as A's (its dial its own scene's when the dial
// is compared), its punctures to its own simulation.
void advanceSplit(Run& run, SplitCompare& split, const SessionInput& in);

// The split window as a feature of the run (compare_feature.cpp), and a headless
// compare's half (its caption, the panels hidden).
std::unique_ptr<Feature> makeSplitFeature(SplitCompare split);
std::unique_ptr<Feature> makeCompareHalfFeature(std::string label);

// A half's report (sim, healing, pen, channels, technique, frames, validation), as
// the headless compare writes each half.
nlohmann::json halfReport(const vk::Context& ctx, Simulation& sim, Session& session, const scene::Scene& scene,
                          unsigned long long frames);

}  // namespace ns::runtime

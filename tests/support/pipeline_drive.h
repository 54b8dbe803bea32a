#pragma once
// The whole pipeline without Vulkan, as a headless run drives it (issue 31): the
// pen model's punctures from a replay, the C++ twin of the diffusion solver
// (channels stamped, explicit or implicit steps), the healing surface (deposits,
// closure, time-lapse jumps), the technique tracker and, given one, a lesson's
// criteria. Shared by the whole-pipeline fuzzer (tests/fuzz/fuzz_pipeline.cpp) and
// the property test (tests/training/pipeline_property_test.cpp).
//
// Bounded so one run takes milliseconds (the ranges themselves are the parsers' and
// are tested there): the grid at most 16 x 16 x 32 cells, 0.25 s of pen time over
// 6 frames, live frames' cap on implicit steps, at most 512 stamps a frame.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "input/replay.h"
#include "lesson/lesson.h"
#include "lesson/lesson_run.h"
#include "pen/pen_model.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/channel_stamp.h"
#include "sim/diffusion_solver.h"
#include "sim/grid.h"
#include "sim/healing.h"
#include "training/coverage_grid.h"
#include "training/technique.h"
#include "training/technique_tracker.h"

namespace ns::test {

// The first number in `j` that is not finite, as its path ("technique.coverage_cv");
// "" when every one is (nlohmann keeps NaN and Inf as floats; dump writes null).
inline std::string firstNonFinite(const nlohmann::json& j, const std::string& path = "") {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) return path.empty() ? "(value)" : path;
  if (j.is_object())
    for (auto& [key, value] : j.items())
      if (std::string bad = firstNonFinite(value, path.empty() ? key : path + "." + key); !bad.empty()) return bad;
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i)
      if (std::string bad = firstNonFinite(j[i], path + "[" + std::to_string(i) + "]"); !bad.empty()) return bad;
  return "";
}

// Runs the pipeline; returns its metrics as a report names them (technique.*, sim.*,
// healing.*, pen.*, lesson.*), with "nonfinite_internal" naming any internal value
// (a puncture, the field) that was not finite.
inline nlohmann::json drivePipeline(scene::Scene scene, const input::PenTrack& track, const lesson::Lesson* lesson) {
  using nlohmann::json;
  std::string bad;
  auto check = [&](double v, const char* what) {
    if (bad.empty() && !std::isfinite(v)) bad = what;
  };
  for (int& cells : scene.domain.cells) cells = std::min(cells, 16);
  scene.domain.cells[2] = std::min(scene.domain.cells[2], 32);

  // The twin, as --sim-backend cpu without a display, capped as live frames are.
  sim::SolverSettings settings;
  settings.maxLodSubsteps = 4;
  settings.threads = 1;
  sim::DiffusionSolver solver;
  sim::createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, sim::Backend::Cpu, settings, solver);
  sim::HealingState healing = sim::createHealing(scene, solver.shape);

  scene::SkinSurface skin = scene::patchSurface(scene);
  pen::PenModel pen = pen::createPenModel(scene);
  training::TechniqueTracker tracker = training::createTracker(scene, training::coverageGrid(skin));
  lesson::LessonRun run;
  if (lesson) run = lesson::startLesson(*lesson, 0.0);

  const int kFrames = 6;
  const double penTime_s = std::min(track.endTime(), 0.25);
  size_t samplesSeen = 0, jumpsSeen = 0;
  double simTime_s = 0;
  const sim::GridShape& shape = solver.shape;
  const double halfX = shape.nx * shape.hx_um / 2000.0, halfY = shape.ny * shape.hy_um / 2000.0;
  for (int frame = 1; frame <= kFrames; ++frame) {
    double until = penTime_s * frame / kFrames;
    std::vector<pen::Puncture> punctures;
    pen::advancePen(pen, skin, track, until, punctures);
    for (; samplesSeen < track.samples.size() && track.samples[samplesSeen].t_s <= until; ++samplesSeen)
      training::addSample(tracker, track.samples[samplesSeen]);
    std::vector<gpu::ChannelStampGpu> stamps;
    for (const pen::Puncture& p : punctures) {
      check(p.entry_mm.x + p.entry_mm.y + p.entry_mm.z, "puncture.entry_mm");
      check(p.depth_um + p.length_um + p.width_um, "puncture.depth_um");
      training::addPuncture(tracker, p);
      sim::depositPuncture(healing, {simTime_s, p.entry_mm, p.depth_um, p.width_um, p.torn});
      // As the runtime does: punctures beyond the block's sides are not stamped.
      if (std::fabs(p.entry_mm.x) > halfX + 0.5 || std::fabs(p.entry_mm.y) > halfY + 0.5) continue;
      if (stamps.size() < 512)
        stamps.push_back(sim::channelStamp(shape, p.entry_mm, p.axis, p.length_um, p.width_um, p.drag_mm));
    }
    sim::addChannels(nullptr, VK_NULL_HANDLE, solver, stamps);
    for (; jumpsSeen < track.jumps.size() && jumpsSeen < 3 && track.jumps[jumpsSeen].t_s <= until; ++jumpsSeen)
      sim::advanceSurfaceCpu(healing, track.jumps[jumpsSeen].jump_s);  // a time-lapse jump: the surface, in one step
    double interval = (penTime_s / kFrames) * std::min(scene.time.scale, 3600.0);
    if (interval > 0) {
      sim::advanceSolver(nullptr, VK_NULL_HANDLE, solver, interval);
      sim::advanceSurfaceCpu(healing, interval);
      simTime_s += interval;
    }
  }

  for (float a : solver.activity) check(a, "sim.activity");
  std::vector<float> concentration = sim::solverConcentration(solver);
  sim::HealingSummary h = sim::summarizeHealing(healing, simTime_s);
  json metrics;
  metrics["technique"] = training::techniqueJson(training::trackerReport(tracker));
  metrics["sim"] = {{"time_s", simTime_s}, {"total_mass", sim::totalMass(shape, concentration)},
                    {"profile", sim::depthProfile(shape, concentration)}};
  metrics["healing"] = {{"open_fraction", h.openFraction}, {"erythema_mean", h.erythemaMean},
                        {"bleeding_coverage", h.bleedingCoverage}, {"collagen_index", h.collagenIndex},
                        {"over_treated_fraction", h.overTreatedFraction}, {"bleeding_points", h.bleedingPoints}};
  metrics["pen"] = {{"punctures", pen.stats.punctures}, {"cycles", pen.stats.cycles}, {"contact_s", pen.stats.contact_s}};
  if (lesson) {
    for (int i = 0; i < 3 && !run.finished(); ++i) lesson::evaluateStep(*lesson, run, metrics, penTime_s + i);
    metrics["lesson"] = lesson::lessonReport(*lesson, run);
    metrics["lesson"]["score_now"] = lesson::lessonScore(run);
  }
  if (!bad.empty()) metrics["nonfinite_internal"] = bad;
  return metrics;
}

}  // namespace ns::test

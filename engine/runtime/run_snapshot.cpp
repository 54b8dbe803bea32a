#include "runtime/run_snapshot.h"

#include <utility>

#include "runtime/run.h"
#include "sim/channel_gpu.h"
#include "sim/healing_gpu.h"

namespace ns::runtime {
namespace {

// The frames in flight read and write the fields: wait for them first.
void waitForDevice(Run& run) {
  if (!run.options.headless) vk::waitAllFrames(run.host.ctx, run.host.frames);
}

sim::ColumnRect unite(sim::ColumnRect a, const sim::ColumnRect& b) {
  if (b.empty()) return a;
  a.include(b.x0, b.y0);
  a.include(b.x1 - 1, b.y1 - 1);
  return a;
}

}  // namespace

void takeSnapshot(Run& run, RunSnapshot& snap) {
  Simulation& s = run.sim;
  waitForDevice(run);
  // What was deferred, and punctures not stepped yet, belong before the snapshot.
  if (s.deferred_s > 0 || !s.pendingStamps.empty() || s.healing.depositsPending)
    stepSimulation(s, std::exchange(s.deferred_s, 0.0));
  sim::syncActivity(s.ctx, s.solver);
  if (s.solver.backend == sim::Backend::Gpu) sim::readHealingSurface(*s.ctx, s.healingGpu, s.healing);
  snap.solver = s.solver;
  snap.solver.openness = sim::solverOpenness(s.ctx, s.solver);
  snap.healing = sim::snapshotHealing(s.healing);
  snap.lastPuncture_s = s.lastPuncture_s;
  snap.timeScale = s.timeScale;
  snap.paused = s.paused;
  snap.profile = s.profile;
  snap.totalMass = s.totalMass;
  snap.healingSummary = s.healingSummary;
  snap.summaryTime_s = s.summaryTime_s;
  snap.penStats = run.session.pen.model.stats;
  snap.channels = run.session.pen.channels;
  snap.tracker = run.session.coaching.tracker;
  snap.report = run.session.coaching.report;
  snap.dial_mm = run.penControls.dial_mm;
  snap.dialMin_mm = run.penControls.dialMin_mm;
  snap.dialMax_mm = run.penControls.dialMax_mm;
}

void restoreSnapshot(Run& run, const RunSnapshot& snap) {
  Simulation& s = run.sim;
  waitForDevice(run);
  s.pendingStamps.clear();  // punctures of the attempt being undone
  s.deferred_s = 0;
  run.pendingJump_s = 0;
  // The solver: its state as it was, on the device handles it has now.
  sim::DiffusionGpu gpu = s.solver.gpu;
  sim::ChannelGpu channels = s.solver.channels;
  s.solver = snap.solver;
  s.solver.gpu = gpu;
  s.solver.channels = channels;
  if (s.solver.backend == sim::Backend::Gpu) {
    sim::uploadActivity(*s.ctx, s.solver.gpu, s.solver.activity);
    sim::uploadOpenness(*s.ctx, s.solver.channels, s.solver.gpu, s.solver.openness);  // rebuilds D and K
  } else {
    s.solver.displayStale = s.solver.tissueStale = true;
    sim::refreshDisplayField(*s.ctx, s.solver);
  }
  // The healing surface: columns touched since go back too (uploaded with the rest).
  sim::ColumnRect touchedNow = s.healing.touched;
  sim::restoreHealing(s.healing, snap.healing);
  sim::ColumnRect kept = s.healing.touched;
  s.healing.touched = unite(kept, touchedNow);
  sim::uploadHealingSurface(*s.ctx, s.healingGpu, s.healing);
  s.healing.touched = kept;
  s.lastPuncture_s = snap.lastPuncture_s;
  s.timeScale = snap.timeScale;
  s.paused = snap.paused;
  s.profile = snap.profile;
  s.totalMass = snap.totalMass;
  s.healingSummary = snap.healingSummary;
  s.summaryTime_s = snap.summaryTime_s;
  // The session: counts and feedback as they were; the pen itself is where it is now.
  PenSession& pen = run.session.pen;
  pen.model.stats = snap.penStats;
  pen.channels = snap.channels;
  pen.fresh.clear();
  training::TechniqueTracker& tracker = run.session.coaching.tracker;
  bool haveLast = tracker.haveLast;
  input::PenSample last = tracker.last;
  tracker = snap.tracker;
  tracker.haveLast = haveLast;
  tracker.last = last;
  run.session.coaching.report = snap.report;
  run.penControls.dial_mm = snap.dial_mm;
  run.penControls.dialMin_mm = snap.dialMin_mm;
  run.penControls.dialMax_mm = snap.dialMax_mm;
  pen.interactive.depth_mm = snap.dial_mm;
}

}  // namespace ns::runtime

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

// A block's state as `state` holds it, on the device handles it has now.
void restoreBlock(Simulation& s, TissueBlock& b, const sim::DiffusionSolver& state) {
  sim::DiffusionGpu gpu = b.solver.gpu;
  sim::ChannelGpu channels = b.solver.channels;
  b.solver = state;
  b.solver.gpu = gpu;
  b.solver.channels = channels;
  b.pendingStamps.clear();
  b.summaryStale = true;
  if (b.solver.backend == sim::Backend::Gpu) {
    sim::uploadActivity(*s.ctx, b.solver.gpu, b.solver.activity);
    sim::uploadOpenness(*s.ctx, b.solver.channels, b.solver.gpu, b.solver.openness);  // rebuilds D and K
  } else {
    b.solver.displayStale = b.solver.tissueStale = true;
    sim::refreshDisplayField(*s.ctx, b.solver);
  }
}

// A block as it was made: intact skin at t = 0, no channels.
sim::DiffusionSolver untreated(const sim::DiffusionSolver& now) {
  sim::DiffusionSolver fresh = now;
  std::fill(fresh.activity.begin(), fresh.activity.end(), 0.0f);
  std::fill(fresh.openness.begin(), fresh.openness.end(), 0.0f);
  fresh.time_s = 0;
  fresh.steps = 0;
  fresh.channelsStamped = 0;
  sim::updateStableSteps(fresh, false);  // (the bound without channels, as when it was made)
  fresh.fields = sim::tissueFields(fresh.shape, fresh.tissue, fresh.serum.channel_diffusivity_um2_s, fresh.openness);
  if (fresh.backend == sim::Backend::Cpu) fresh.faces = sim::faceConductances(fresh.shape, fresh.fields);
  return fresh;
}

}  // namespace

void takeSnapshot(Run& run, RunSnapshot& snap) {
  Simulation& s = run.sim;
  waitForDevice(run);
  // What was deferred, punctures not stepped yet and dormant blocks' debts belong
  // before the snapshot.
  catchUpAll(s);
  if (s.healing.depositsPending) stepSimulation(s, 0.0);
  if (s.backend == sim::Backend::Gpu) sim::readHealingSurface(*s.ctx, s.healingGpu, s.healing);
  snap.blocks.clear();
  for (TissueBlock& b : s.blocks) {
    sim::syncActivity(s.ctx, b.solver);
    BlockSnapshot bs;
    bs.placed = b.placed;
    bs.frame = b.frame;
    bs.solver = b.solver;
    bs.solver.openness = sim::solverOpenness(s.ctx, b.solver);
    bs.lastPuncture_s = b.lastPuncture_s;
    bs.profile = b.profile;
    bs.totalMass = b.totalMass;
    snap.blocks.push_back(std::move(bs));
  }
  snap.shown = s.shown;
  snap.firstNeedled = s.firstNeedled;
  snap.nextCatchUp = s.nextCatchUp;
  snap.time_s = s.time_s;
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
  s.deferred_s = 0;
  run.pendingJump_s = 0;
  // Each block: its state as it was (punctures of the attempt being undone dropped);
  // blocks made since go back to untreated, unplaced.
  for (size_t i = 0; i < snap.blocks.size(); ++i) {
    const BlockSnapshot& bs = snap.blocks[i];
    TissueBlock& b = s.blocks[blockFor(s, bs.solver.baseTissue.region)];
    restoreBlock(s, b, bs.solver);
    b.placed = bs.placed;
    b.frame = bs.frame;
    b.lastPuncture_s = bs.lastPuncture_s;
    b.intactUntil_s = -1;  // (a placed block was caught up before the snapshot)
    b.closureOwed_s = 0;   // (and its closure settled)
    b.profile = bs.profile;
    b.totalMass = bs.totalMass;
    b.summaryStale = false;
  }
  for (size_t i = snap.blocks.size(); i < s.blocks.size(); ++i) {
    TissueBlock& b = s.blocks[i];
    restoreBlock(s, b, untreated(b.solver));
    b.placed = false;
    b.lastPuncture_s = -1;
    b.intactUntil_s = -1;
    b.closureOwed_s = 0;
    b.profile.clear();
    b.totalMass = 0;
  }
  s.shown = snap.shown;
  s.firstNeedled = snap.firstNeedled;
  s.nextCatchUp = snap.nextCatchUp;  // (which dormant block catches up next: a replay played again steps the same)
  s.time_s = snap.time_s;
  s.surfaceOwed_s = 0;  // (settled before the snapshot)
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

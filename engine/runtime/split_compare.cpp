#include "runtime/split_compare.h"

#include "runtime/run.h"

namespace ns::runtime {

bool createSplit(Run& run, SplitCompare& split, std::string& error) {
  if (!createSession(run.options, split.scene, run.skin, split.session, error)) return false;
  createSimulation(run.host.ctx, run.host.pipelineCache, split.scene, run.skin, run.options, split.sim, run.healingAtlas);
  updateSummary(split.sim);
  split.created = true;
  return true;
}

void destroySplit(SplitCompare& split) {
  if (!split.created) return;
  std::string error;
  finishSession(split.session, error);
  destroySimulation(split.sim);
  split.created = false;
}

void advanceSplit(Run& run, SplitCompare& split, const SessionInput& in) {
  SessionInput mine = in;
  input::PenSample interactive;
  if (in.interactive) {
    interactive = *in.interactive;
    if (split.dialFromScene) interactive.depth_mm = split.scene.pen.depth_mm;
    mine.interactive = &interactive;
  }
  split.sim.paused = run.sim.paused;  // (the interval is A's: the same simulated time in both)
  split.sim.timeScale = run.sim.timeScale;
  SessionStep made = advanceSession(split.session, split.scene, mine);
  addPunctures(split.sim, made.punctures, split.session.pen);
  showRegion(split.sim, split.session.pen.regionNow);
}

nlohmann::json halfReport(const vk::Context& ctx, Simulation& sim, Session& session, const scene::Scene& scene,
                          unsigned long long frames) {
  updateSummary(sim);
  return {{"scene", {{"path", scene.path}, {"name", scene.name}}},
          {"sim", simulationReport(sim)}, {"healing", healingReport(sim)},
          {"pen", penReport(session.pen)}, {"channels", channelsReport(session.pen)},
          {"technique", training::techniqueJson(finalTechnique(session, scene))},
          {"frames", frames},
          {"validation", {{"enabled", ctx.validationEnabled}, {"errors", ctx.validation ? ctx.validation->errors.load() : 0u},
                          {"warnings", ctx.validation ? ctx.validation->warnings.load() : 0u}}}};
}

}  // namespace ns::runtime

// The live technique assessment's cost per frame against the session's length:
// a frame feeds one pen sample and ~22 punctures (12 needles at 110 Hz over 1/60 s)
// to the tracker and, twice a second, builds a report. Measured after 1, 10 and 20
// minutes of a synthetic crosshatch over the patch. (Before, the live panel reran the
// whole-history assessment twice a second: see BENCHMARKS.md.)
//
//   build/bench/technique_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>

#include "pen/pen_model.h"
#include "training/technique_tracker.h"

using namespace ns;

namespace {

constexpr double kFrame_s = 1.0 / 60.0;

// The pen at time t: back and forth over the patch, rows 0.5 mm apart, 8 mm/s,
// switching between horizontal, vertical and diagonal every 40 s.
input::PenSample penAt(double t) {
  input::PenSample s;
  s.t_s = t;
  double along = std::fmod(t * 8.0, 18.0);
  along = along < 9.0 ? along - 4.5 : 13.5 - along;
  double row = std::fmod(std::floor(t * 8.0 / 9.0) * 0.5, 9.0) - 4.5;
  int direction = int(t / 40.0) % 3;
  glm::dvec2 p = direction == 0 ? glm::dvec2(along, row) : direction == 1 ? glm::dvec2(row, along)
                                                                         : glm::dvec2(along, row) * 0.7071;
  s.pos_mm = {p.x, p.y, 0.0};
  s.dir = {0, 0, -1};
  s.contact = true;
  s.depth_mm = 0.75;
  return s;
}

struct Session {
  scene::Scene scene = scene::defaultScene();
  pen::PenModel model = pen::createPenModel(scene);
  input::PenTrack track;
  std::vector<pen::Puncture> punctures;
  training::TechniqueTracker tracker =
      training::createTracker(scene, training::patchCoverageGrid(scene::kPatchWidth_mm, scene.tissue.region));
  double t = 0;
  unsigned long long made = 0;

  void frame() {
    t += kFrame_s;
    input::appendSample(track, penAt(t));
    training::addSample(tracker, track.samples.back());
    punctures.clear();  // as the run: the frame's punctures, no history
    pen::advancePen(model, track, t, punctures);
    for (const pen::Puncture& p : punctures) training::addPuncture(tracker, p);
    made += punctures.size();
  }
};

Session& sessionAfter(double minutes) {
  static std::map<double, Session> sessions;
  auto found = sessions.find(minutes);
  if (found != sessions.end()) return found->second;
  Session& s = sessions[minutes];
  while (s.t < minutes * 60.0) s.frame();
  return s;
}

// One frame of live feedback: the frame's sample and punctures, and the report every
// 30th frame (twice a second at 60 fps), averaged per frame.
void BM_LiveFeedbackFrame(benchmark::State& state) {
  Session& s = sessionAfter(double(state.range(0)));
  int frame = 0;
  for (auto _ : state) {
    s.frame();
    if (++frame % 30 == 0) benchmark::DoNotOptimize(training::trackerReport(s.tracker));
  }
  state.counters["punctures"] = double(s.made);
}
// 1800 frames (30 s) per measurement, so the session stays near its length.
BENCHMARK(BM_LiveFeedbackFrame)->Arg(1)->Arg(10)->Arg(20)->Iterations(1800)->Repetitions(3)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

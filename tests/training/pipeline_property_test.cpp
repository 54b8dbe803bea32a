// Issue 31, a property of the whole pipeline: for any input within the documented
// ranges (README, "Limits on input"), every metric the run reports is finite.
// Randomised with a fixed seed (the same cases every run), the values drawn
// log-uniformly across each range and its edges hit on purpose: huge and tiny
// positions, axes of every length from 1e-6 to 1e6, the dial at 0 and 5, time
// scales up to 1e9, jumps up to 1e9 s. Drives tests/support/pipeline_drive.h, the
// same code the whole-pipeline fuzzer runs.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "support/pipeline_drive.h"

using namespace ns;

namespace {

struct Draw {
  std::mt19937_64 rng{31};
  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
  bool chance(double p) { return uniform(0, 1) < p; }
  // |v| log-uniform in [lo, hi], either sign; now and then exactly an edge or zero.
  double magnitude(double lo, double hi, bool signed_ = true) {
    double r = uniform(0, 1), v;
    if (r < 0.08) v = hi;
    else if (r < 0.12) v = lo;
    else if (r < 0.16) v = 0;
    else v = std::exp(uniform(std::log(lo), std::log(hi)));
    return signed_ && chance(0.5) ? -v : v;
  }
};

input::PenTrack randomTrack(Draw& d) {
  input::PenTrack track;
  int n = 2 + int(d.uniform(0, 40));
  double t = d.chance(0.2) ? d.magnitude(1e-9, 1e7, false) * 0.5 : 0.0;
  for (int i = 0; i < n; ++i) {
    input::PenSample s;
    // Mostly near the patch (so punctures happen), sometimes anywhere within ±10 m.
    double reach = d.chance(0.7) ? 3.0 : input::kMaxPenPos_mm;
    s.pos_mm = {d.magnitude(1e-9, reach), d.magnitude(1e-9, reach), d.chance(0.5) ? 0.0 : d.magnitude(1e-9, reach)};
    glm::dvec3 dir;
    do {
      dir = {d.magnitude(1e-7, input::kMaxAxisComponent), d.magnitude(1e-7, input::kMaxAxisComponent),
             d.chance(0.6) ? -d.magnitude(1e-7, input::kMaxAxisComponent, false) : d.magnitude(1e-7, input::kMaxAxisComponent)};
    } while (!(glm::length(dir) >= input::kMinAxisLength));
    s.dir = glm::normalize(dir);
    s.contact = d.chance(0.7);
    s.depth_mm = d.chance(0.1) ? (d.chance(0.5) ? 0.0 : input::kMaxDial_mm) : d.uniform(0, input::kMaxDial_mm);
    s.pressure = d.uniform(0, 1);
    s.t_s = std::min(t, input::kMaxPenTime_s);
    std::string why;
    EXPECT_TRUE(input::penSampleInRange(s, why)) << why;
    track.samples.push_back(s);
    if (d.chance(0.1)) track.jumps.push_back({s.t_s, d.magnitude(1e-9, 1e9, false) + 1e-9});
    t += d.chance(0.1) ? d.magnitude(1e-9, 1e6, false) : d.uniform(0, 0.05);
  }
  return track;
}

}  // namespace

TEST(PipelineProperty, AnyInputWithinTheDocumentedRangesGivesFiniteMetricsEverywhere) {
  Draw d;
  scene::Scene base;
  scene::LoadResult loaded = scene::parseScene(scene::defaultSceneText(), "<built-in default>", base);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  int punctured = 0;
  for (int i = 0; i < 400; ++i) {
    scene::Scene scene = base;
    scene.time.scale = d.chance(0.3) ? d.magnitude(1e-9, 1e9, false) : 1.0;
    scene.pen.needles = 1 + int(d.uniform(0, 36));
    scene.pen.frequency_hz = d.chance(0.2) ? 1000 : d.uniform(1, 200);
    scene.pen.penetration_efficiency = d.uniform(1e-6, 1);
    input::PenTrack track = randomTrack(d);
    nlohmann::json metrics = test::drivePipeline(scene, track, nullptr);
    EXPECT_FALSE(metrics.contains("nonfinite_internal")) << "case " << i << ": " << metrics["nonfinite_internal"];
    std::string bad = test::firstNonFinite(metrics);
    EXPECT_EQ(bad, "") << "case " << i << ": " << metrics.dump().substr(0, 2000);
    punctured += metrics["pen"]["punctures"].get<unsigned long long>() > 0;
  }
  EXPECT_GT(punctured, 80);  // the draws reach the skin, so the whole pipeline ran
}

TEST(PipelineProperty, TheCornersOfTheRangesGiveFiniteMetrics) {
  scene::Scene scene;
  ASSERT_TRUE(scene::parseScene(scene::defaultSceneText(), "<built-in default>", scene).ok);
  scene.time.scale = 1e9;
  input::PenTrack track;
  auto add = [&](double t, glm::dvec3 pos, glm::dvec3 dir, bool contact, double dial) {
    input::PenSample s;
    s.t_s = t;
    s.pos_mm = pos;
    s.dir = glm::normalize(dir);
    s.contact = contact;
    s.depth_mm = dial;
    track.samples.push_back(s);
  };
  const double m = input::kMaxPenPos_mm, a = input::kMaxAxisComponent;
  add(0, {0, 0, 0}, {0, 0, -1}, true, 5);
  add(0.01, {m, -m, m}, {a, -a, -a}, true, 5);
  add(0.02, {-m, m, -m}, {1e-6, 0, 0}, true, 0);
  add(0.03, {0, 0, 0}, {0, 0, -1e-6}, true, 5);
  add(0.2, {1e-300, -1e-300, 0}, {4e-7, 4e-7, -1e-6}, true, 2.5);
  add(input::kMaxPenTime_s, {0, 0, 0}, {0, 1e-6, 0}, true, 5);
  track.jumps.push_back({0.02, 1e9});
  nlohmann::json metrics = test::drivePipeline(scene, track, nullptr);
  EXPECT_FALSE(metrics.contains("nonfinite_internal")) << metrics["nonfinite_internal"];
  EXPECT_EQ(test::firstNonFinite(metrics), "") << metrics.dump(1).substr(0, 3000);
  EXPECT_GT(metrics["pen"]["punctures"].get<unsigned long long>(), 0u);
}

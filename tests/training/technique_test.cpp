// Scripted sessions, scored: good technique scores high; each classic mistake is
// named and costs points. The sessions are built as pen tracks and run through the
// real pen model, exactly as replays are.
#include <gtest/gtest.h>

#include <cmath>

#include "pen/pen_model.h"
#include "training/technique.h"

using namespace ns;

namespace {

struct Session {
  input::PenTrack track;
  double t = 0;
  glm::dvec3 dir{0, 0, -1};
  double dial = 0.75;  // cheek, thin skin: 0.5-1.0 mm
  double speed_mm_s = 8;

  void sample(glm::dvec2 p, bool contact) {
    input::PenSample s;
    s.t_s = t;
    s.pos_mm = {p.x, p.y, 0.0};
    s.dir = dir;
    s.contact = contact;
    s.depth_mm = dial;
    input::appendSample(track, s);
  }
  // Glide from a to b on the skin, then lift.
  void stroke(glm::dvec2 a, glm::dvec2 b) {
    sample(a, false);
    t += 0.05;
    sample(a, true);
    t += glm::length(b - a) / speed_mm_s;
    sample(b, true);
    sample(b, false);
    t += 0.1;
  }
  // Parallel strokes across the 4 mm block, rows `step` apart, along `angle`.
  void pass(double angle_deg, double step = 0.8) {
    double a = angle_deg * 3.14159265358979 / 180.0;
    glm::dvec2 along(std::cos(a), std::sin(a)), across(-along.y, along.x);
    for (double offset = -2.4; offset <= 2.4 + 1e-9; offset += step) {
      glm::dvec2 c = across * offset;
      stroke(c - along * 2.6, c + along * 2.6);
    }
  }
};

training::TechniqueReport assess(const Session& session) {
  scene::Scene scene = scene::defaultScene();
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, session.track, session.track.endTime() + 1.0, punctures);
  return training::assessTechnique(scene, session.track, punctures);
}

bool warned(const training::TechniqueReport& r, const std::string& id) {
  for (auto& w : r.warnings)
    if (w.id == id) return true;
  return false;
}

Session crosshatch() {
  Session s;
  s.pass(0);
  s.pass(90);
  s.pass(45);
  return s;
}

}  // namespace

TEST(Technique, GoodCrosshatchScoresHigh) {
  auto r = assess(crosshatch());
  std::printf("crosshatch: score %.1f (cv %.2f, untreated %.2f, density %.0f/cm2)\n", r.score, r.coverageCv,
              r.untreatedFraction, r.densityPerCm2);
  for (auto& w : r.warnings) ADD_FAILURE() << "unexpected warning " << w.id << ": " << w.advice;
  EXPECT_GE(r.score, 85.0);
  EXPECT_EQ(r.directions, 3);
  EXPECT_NEAR(r.angleMean_deg, 0.0, 1e-9);
  EXPECT_GT(r.densityPerCm2, 1000.0);
  EXPECT_LT(r.coverageCv, 0.5);
}

TEST(Technique, ThirtyDegreeTiltIsNamedAndCostsPoints) {
  Session tilted;
  tilted.dir = glm::normalize(glm::dvec3(std::sin(0.5236), 0, -std::cos(0.5236)));
  tilted.pass(0);
  tilted.pass(90);
  tilted.pass(45);
  auto good = assess(crosshatch()), r = assess(tilted);
  EXPECT_TRUE(warned(r, "angle"));
  EXPECT_NEAR(r.angleMean_deg, 30.0, 0.01);
  EXPECT_LT(r.score, good.score - 15);
}

TEST(Technique, OnePassLeavesCoverageGaps) {
  Session one;
  one.stroke({-2.6, 0.0}, {2.6, 0.0});
  auto r = assess(one);
  EXPECT_TRUE(warned(r, "coverage"));
  EXPECT_TRUE(warned(r, "passes"));
  EXPECT_LT(r.score, 60.0);
}

TEST(Technique, TwoSecondHoldIsDwelling) {
  Session s = crosshatch();
  s.sample({0, 0}, true);
  s.t += 2.0;
  s.sample({0, 0}, true);
  s.sample({0, 0}, false);
  auto r = assess(s);
  EXPECT_TRUE(warned(r, "dwell"));
  EXPECT_GE(r.dwellLongest_s, 2.0 - 1e-9);
  EXPECT_LT(r.score, assess(crosshatch()).score);
}

TEST(Technique, WrongDialForTheRegionIsNamedWithTheRange) {
  Session s;
  s.dial = 2.0;  // cheek, thin skin: 0.5-1.0 mm
  s.pass(0);
  s.pass(90);
  s.pass(45);
  auto r = assess(s);
  ASSERT_TRUE(warned(r, "depth"));
  bool rangeShown = false;
  for (auto& w : r.warnings) rangeShown |= w.id == "depth" && w.advice.find("0.50-1.00 mm") != std::string::npos;
  EXPECT_TRUE(rangeShown);
  EXPECT_LT(r.score, 85.0);
}

TEST(Technique, RankingFollowsAPractitionersJudgement) {
  // Better technique never scores lower: crosshatch > two directions > one pass.
  Session two;
  two.pass(0);
  two.pass(90);
  Session single;
  single.pass(0);
  double best = assess(crosshatch()).score, middle = assess(two).score, worst = assess(single).score;
  EXPECT_GT(best, middle);
  EXPECT_GT(middle, worst);
}

TEST(Technique, DryDraggingAndNoGoZones) {
  scene::Scene scene = scene::defaultScene();
  scene.serum.applied_at_s = 1e6;  // serum not applied during the session
  scene.training.no_go_regions = {"cheek"};
  Session s = crosshatch();
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, s.track, s.track.endTime() + 1, punctures);
  auto r = training::assessTechnique(scene, s.track, punctures);
  EXPECT_TRUE(warned(r, "dry"));
  EXPECT_TRUE(warned(r, "no_go"));
  EXPECT_LE(r.score, 40.0);
}

TEST(Technique, AnatomicalNoGoZonesAreAlwaysForbidden) {
  scene::Scene scene = scene::defaultScene();
  scene.tissue.region = "lip_vermilion";  // no lesson needed to forbid it
  Session s;
  s.stroke({-1, 0}, {1, 0});
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, s.track, s.track.endTime() + 1, punctures);
  auto r = training::assessTechnique(scene, s.track, punctures);
  EXPECT_TRUE(warned(r, "no_go"));
  EXPECT_EQ(r.noGoPunctures, punctures.size());
}

TEST(DepthChart, RegionsAndSkinTypes) {
  auto cheek = training::recommendedDepth("cheek", "thin");
  EXPECT_DOUBLE_EQ(cheek.min_mm, 0.5);
  EXPECT_DOUBLE_EQ(cheek.max_mm, 1.0);
  EXPECT_DOUBLE_EQ(training::recommendedDepth("cheek", "thick").max_mm, 2.0);
  EXPECT_DOUBLE_EQ(training::recommendedDepth("periorbital", "thin").max_mm, 0.25);
  EXPECT_FALSE(training::recommendedDepth("elbow", "thin").known);
}

TEST(Technique, NoGoPuncturesAreNoGoNotDepthAndEachRegionHasItsRange) {
  // A good crosshatch on the cheek, plus a few strikes inside the orbital rim at the
  // same dial: the no-go rule speaks, the cheek's depth stays right.
  Session s = crosshatch();
  scene::Scene scene = scene::defaultScene();
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, s.track, s.track.endTime() + 1.0, punctures);
  size_t cheek = punctures.size();
  for (size_t i = 0; i < 60; ++i) {
    pen::Puncture lid = punctures[i];
    lid.region = "orbital";
    punctures.push_back(lid);
  }
  training::TechniqueReport r = training::assessTechnique(scene, s.track, punctures);
  EXPECT_TRUE(warned(r, "no_go"));
  EXPECT_FALSE(warned(r, "depth"));
  EXPECT_DOUBLE_EQ(r.inRangeFraction, 1.0);
  ASSERT_EQ(r.regions.count("orbital"), 1u);
  EXPECT_TRUE(r.regions.at("orbital").noGo);
  EXPECT_EQ(r.regions.at("orbital").inRangeFraction, 0.0);
  EXPECT_EQ(r.regions.at("cheek").punctures, cheek);
  EXPECT_EQ(r.rangeRegion, "cheek");
  EXPECT_LE(r.score, 40.0);
  // The same crosshatch judged as forehead (thin: 0.25-0.5 mm) is out of range and
  // the advice names the forehead.
  for (size_t i = 0; i < cheek; ++i) punctures[i].region = "forehead";
  r = training::assessTechnique(scene, s.track, punctures);
  ASSERT_TRUE(warned(r, "depth"));
  bool named = false;
  for (auto& w : r.warnings) named |= w.id == "depth" && w.advice.find("0.25-0.50 mm for the forehead region") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(Technique, DepthRangeForARegionIsItsChartRowOrTheScenesOrNone) {
  scene::Scene scene = scene::defaultScene();
  scene.tissue.region = "cheek";
  scene.tissue.skin_type = "thin";
  training::DepthRange forehead = training::depthRangeFor(scene, "forehead");
  EXPECT_EQ(forehead.min_mm, training::recommendedDepth("forehead", "thin").min_mm);
  EXPECT_EQ(forehead.max_mm, training::recommendedDepth("forehead", "thin").max_mm);
  training::DepthRange body = training::depthRangeFor(scene, "body");  // no chart row: the scene's region
  EXPECT_EQ(body.min_mm, training::recommendedDepth("cheek", "thin").min_mm);
  EXPECT_EQ(body.max_mm, training::recommendedDepth("cheek", "thin").max_mm);
  training::DepthRange lids = training::depthRangeFor(scene, "orbital");
  EXPECT_EQ(lids.min_mm, 0.0);
  EXPECT_EQ(lids.max_mm, 0.0) << "no depth is right in a no-go region";
  scene.training.no_go_regions = {"nose"};
  EXPECT_EQ(training::depthRangeFor(scene, "nose").max_mm, 0.0) << "a lesson's no-go region too";
}

// Scripted sessions, scored: good technique scores high; each classic mistake is
// named and costs points. The sessions are built as pen tracks and run through the
// real pen model, exactly as replays are.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "pen/pen_model.h"
#include "scene/skin_surface.h"
#include "scene/surface_mesh.h"
#include "training/coverage_grid.h"
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
  // Parallel strokes over the 10 mm patch (the area being treated), rows `step`
  // apart, along `angle`; diagonal rows reach the corners.
  void pass(double angle_deg, double step = 0.8) {
    double a = angle_deg * 3.14159265358979 / 180.0;
    glm::dvec2 along(std::cos(a), std::sin(a)), across(-along.y, along.x);
    double reach = 5.0 * (std::fabs(along.x) + std::fabs(along.y));  // the square's half extent across the rows
    for (double offset = -reach + step / 2; offset <= reach + 1e-9; offset += step) {
      glm::dvec2 c = across * offset;
      stroke(c - along * reach, c + along * reach);
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
  for (auto& w : r.warnings) named |= w.id == "depth" && w.advice.find("0.25-0.50 mm for the forehead") != std::string::npos;
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

namespace {

training::TechniqueReport assessWith(const Session& session, glm::dvec2 viewAxis, const std::string& region = "") {
  scene::Scene scene = scene::defaultScene();
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, session.track, session.track.endTime() + 1.0, punctures);
  if (!region.empty())
    for (auto& p : punctures) p.region = region;
  training::CoverageGrid grid = training::patchCoverageGrid(scene::kPatchWidth_mm, scene.tissue.region);
  return training::assessTechnique(scene, grid, session.track, punctures, viewAxis);
}

const training::Warning* warning(const training::TechniqueReport& r, const std::string& id) {
  for (auto& w : r.warnings)
    if (w.id == id) return &w;
  return nullptr;
}

}  // namespace

TEST(Technique, ATightBackAndForthOverTreatsAndScoresFarBelowACrosshatch) {
  // Ten seconds back and forth over 3 mm at 1.65 mm/s: strikes 0.015 mm apart.
  Session s;
  s.speed_mm_s = 1.65;
  while (s.t < 10.0) {
    s.stroke({-1.5, 0.0}, {1.5, 0.0});
    s.stroke({1.5, 0.0}, {-1.5, 0.0});
  }
  auto r = assess(s), good = assess(crosshatch());
  ASSERT_TRUE(warned(r, "over_treatment"));
  double glide = 100;
  for (auto& c : r.criteria)
    if (c.name == "glide") glide = c.score;
  EXPECT_LT(glide, 50.0);
  EXPECT_LE(r.score, good.score - 20);
  EXPECT_LT(r.spacingMean_mm, r.usefulSpacing_mm);
  // (the treated area includes the footprints' reach beyond the band's edges, struck once or twice)
  EXPECT_GT(r.overTreatedFraction, 0.4) << "the band was struck far past ten passes' density";
  ASSERT_FALSE(r.improvements.empty());
  EXPECT_EQ(r.improvements.front(), warning(r, "over_treatment")->advice) << "over-treatment is named first";
}

TEST(Technique, ANoGoPassIsTheFirstImprovementAndNamesTheArea) {
  Session s = crosshatch();
  s.stroke({-4.0, 4.5}, {4.0, 4.5});  // one pass over the lids
  scene::Scene scene = scene::defaultScene();
  pen::PenModel model = pen::createPenModel(scene);
  std::vector<pen::Puncture> punctures;
  pen::advancePen(model, s.track, s.track.endTime() + 1.0, punctures);
  for (auto& p : punctures)
    if (p.entry_mm.y > 4.2 && p.t_s > s.track.endTime() - 2.0) p.region = "orbital";
  auto r = training::assessTechnique(scene, s.track, punctures);
  ASSERT_TRUE(warned(r, "no_go"));
  ASSERT_FALSE(r.improvements.empty());
  EXPECT_NE(r.improvements.front().find("the eyelids"), std::string::npos) << r.improvements.front();
  EXPECT_LE(r.score, 40.0);
  for (auto& p : punctures)
    if (p.region == "orbital") p.region = "lip_vermilion";
  r = training::assessTechnique(scene, s.track, punctures);
  EXPECT_NE(r.improvements.front().find("the red of the lip"), std::string::npos) << r.improvements.front();
}

TEST(Technique, APassOutsideTheSimulatedBlockCountsInCoverage) {
  // The block is the middle 4 mm; the patch being treated is 10 mm.
  Session inside, both;
  inside.stroke({-4.8, 0.0}, {4.8, 0.0});
  both = inside;
  both.stroke({-4.8, 4.0}, {4.8, 4.0});
  auto a = assess(inside), b = assess(both);
  EXPECT_GT(b.densityPerCm2, 1.9 * a.densityPerCm2);
  EXPECT_LT(b.untreatedFraction, a.untreatedFraction - 0.1);
  EXPECT_NEAR(a.zoneArea_cm2, 1.0, 1e-9) << "the 10 mm patch";
}

TEST(Technique, DirectionsAreTheViewsNotThePatchs) {
  // The patch seen from a camera turned 28 degrees: strokes along the screen's x, y
  // and diagonal are three directions in the view's axes.
  double turn = 28.0 * 3.14159265358979 / 180.0;
  glm::dvec2 screenX(std::cos(turn), std::sin(turn)), screenY(-screenX.y, screenX.x);
  Session s;
  s.stroke(-screenX * 4.0, screenX * 4.0);
  s.stroke(-screenY * 4.0, screenY * 4.0);
  glm::dvec2 diagonal = glm::normalize(screenX + screenY);
  s.stroke(-diagonal * 4.0, diagonal * 4.0);
  auto seen = assessWith(s, screenX);
  EXPECT_EQ(seen.directions, 3);
  ASSERT_EQ(seen.passes.size(), 3u);
  EXPECT_EQ(seen.passes[0].direction, "horizontal");
  EXPECT_EQ(seen.passes[1].direction, "vertical");
  EXPECT_EQ(seen.passes[2].direction, "oblique");
  EXPECT_LT(assessWith(s, {1.0, 0.0}).directions, 3) << "in the patch's own axes two of them are oblique";
}

TEST(Technique, OneValueRangesReadAsOneValue) {
  EXPECT_EQ(training::rangeText({0.25, 0.25}), "0.25 mm");
  EXPECT_EQ(training::rangeText({0.5, 1.0}), "0.50-1.00 mm");
  EXPECT_EQ(training::areaName("orbital"), "the eyelids");
  EXPECT_EQ(training::areaName("lip_vermilion"), "the red of the lip");
  EXPECT_EQ(training::areaName("acne_scars"), "the acne scars");
  EXPECT_EQ(training::areaName("periorbital"), "the skin around the eyes");
}

TEST(Technique, EveryAdviceSpeaksOfACriterionBelowItsTarget) {
  // Generated sessions: random strokes, speeds, tilts, dials, holds, regions. For
  // every advice given, the criterion it is about is below its target, and the
  // report's criteria agree with the value the advice carries; a criterion at or
  // above its target never gets advice.
  std::mt19937 random(20261130);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::map<std::string, int> given;
  for (int session = 0; session < 60; ++session) {
    Session s;
    s.speed_mm_s = 1.0 + 20.0 * unit(random);
    s.dial = 0.25 * std::floor(1 + 8 * unit(random));
    double tilt = unit(random) < 0.3 ? 25.0 * unit(random) : 0.0;
    s.dir = glm::normalize(glm::dvec3(std::sin(tilt * 3.14159 / 180), 0, -std::cos(tilt * 3.14159 / 180)));
    int strokes = 1 + int(8 * unit(random));
    for (int i = 0; i < strokes; ++i) {
      glm::dvec2 a(10 * unit(random) - 5, 10 * unit(random) - 5), b(10 * unit(random) - 5, 10 * unit(random) - 5);
      s.stroke(a, b);
      if (unit(random) < 0.15) {  // a hold
        s.sample(b, true);
        s.t += 2.0 * unit(random);
        s.sample(b, true);
        s.sample(b, false);
      }
    }
    std::string region = unit(random) < 0.2 ? "orbital" : unit(random) < 0.3 ? "forehead" : "";
    auto r = assessWith(s, {1.0, 0.0}, region);
    std::map<std::string, double> criteria;
    for (auto& c : r.criteria) criteria[c.name] = c.score;
    for (auto& w : r.warnings) {
      given[w.id]++;
      SCOPED_TRACE("session " + std::to_string(session) + ", advice " + w.id + ": " + w.advice);
      EXPECT_LT(w.value, w.target);
      if (criteria.count(w.criterion)) {
        EXPECT_DOUBLE_EQ(w.value, criteria[w.criterion]);
      }
      EXPECT_EQ(w.advice.find(" 0 % of it"), std::string::npos);
    }
    for (auto& improvement : r.improvements) {
      bool fromAdvice = false;
      for (auto& w : r.warnings) fromAdvice |= w.advice == improvement;
      EXPECT_TRUE(fromAdvice) << improvement;
    }
  }
  for (const char* id : {"angle", "depth", "dwell", "over_treatment", "coverage", "passes", "no_go"})
    EXPECT_GT(given[id], 0) << id << ": the generated sessions must exercise every kind of advice";
}

TEST(Technique, WhereALiftedPenWentIsNoPartOfThePass) {
  // Window frames are sparse: the first sample after the button is released can be
  // far away already. The stroke along x stays a horizontal pass of its own length.
  Session s;
  for (int i = 0; i <= 12; ++i) {
    s.sample({-3.0 + 0.5 * i, 1.0}, true);
    s.t += 0.084;
  }
  s.sample({-1.0, -4.0}, false);  // lifted: the cursor already moved on
  s.t += 0.084;
  s.sample({-1.0, -4.0}, false);
  auto r = assessWith(s, {1.0, 0.0});
  ASSERT_EQ(r.passes.size(), 1u);
  EXPECT_EQ(r.passes[0].direction, "horizontal");
  EXPECT_NEAR(r.passes[0].length_mm, 6.0, 1e-9);
  EXPECT_LT(r.gapFraction, 0.1) << "no speed from the jump in the air";
}

// Darker skin (Fitzpatrick IV-VI) is warned of post-inflammatory hyperpigmentation
// when the dial passed the chart or 1.5 mm, the skin was over-treated or went under
// many passes; lighter skin, or gentle work, is not.
TEST(Technique, PigmentationAdviceForDarkerSkinWhenAggressive) {
  auto warned = [](int type, double dialMax_mm, double overTreated, size_t passes) {
    ns::training::TechniqueReport r;
    r.fitzpatrick = type;
    r.punctures = 500;
    r.contact_s = 20;
    ns::training::RegionDepth& d = r.regions["cheek"];
    d.range = {0.5, 1.0};
    d.punctures = 500;
    d.dialMin_mm = 0.75;
    d.dialMax_mm = dialMax_mm;
    r.overTreatedFraction = overTreated;
    r.passes.resize(passes);
    ns::training::scoreAndAdvise(r);
    for (auto& w : r.warnings)
      if (w.id == "pih_risk") return w.advice;
    return std::string();
  };
  std::string deep = warned(5, 1.75, 0, 3);
  EXPECT_NE(deep.find("Fitzpatrick V skin"), std::string::npos) << deep;
  EXPECT_NE(deep.find("1.75 mm"), std::string::npos) << deep;
  EXPECT_FALSE(warned(4, 1.0, 0.2, 3).empty()) << "over-treated";
  EXPECT_FALSE(warned(6, 1.0, 0, 8).empty()) << "many passes";
  EXPECT_TRUE(warned(5, 1.0, 0, 3).empty()) << "within the chart, few passes";
  EXPECT_TRUE(warned(2, 1.75, 0.2, 8).empty()) << "type II: redness, not pigmentation, is the risk";
  EXPECT_TRUE(warned(0, 1.75, 0.2, 8).empty()) << "type not given";
}

// Issue 31: a puncture whose numbers are not finite (a pen at 1e300 mm makes NaN
// on the way) never becomes a coverage cell: int(NaN) would index anywhere.
TEST(Technique, APunctureWithNonFiniteNumbersHasNoCoverageCell) {
  ns::training::CoverageGrid grid = ns::training::patchCoverageGrid(20.0, "cheek");
  const double nan = std::nan(""), inf = INFINITY;
  for (glm::dvec3 at : {glm::dvec3(nan, 0, 0), glm::dvec3(0, nan, 0), glm::dvec3(inf, 0, 0), glm::dvec3(-inf, -inf, 0),
                        glm::dvec3(1e300, 1e300, 0)}) {
    ns::pen::Puncture p;
    p.entry_mm = at;
    p.region = "cheek";
    EXPECT_EQ(ns::training::coverageSpot(grid, p).cell, -1);
  }
  ns::pen::Puncture inside;
  inside.region = "cheek";
  EXPECT_GE(ns::training::coverageSpot(grid, inside).cell, 0);
}

// The head's "body" (scalp, linings: never treated) gets no coverage cells: its UV
// bounds span the whole atlas, islands included (tools/make_face), and its chart alone
// held most of the grid. The treated regions keep theirs, with their true areas.
TEST(CoverageGrid, TheHeadsBodyHasNoCellsAndItsTreatedRegionsKeepTheirArea) {
  ns::scene::SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(ns::scene::loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", mesh, error, warnings)) << error;
  std::vector<double> areas = ns::scene::regionAreas_mm2(mesh);
  ns::scene::SkinSurface face = ns::scene::meshSurface(std::move(mesh));
  ns::training::CoverageGrid grid = ns::training::coverageGrid(face);
  std::map<std::string, double> cellArea;
  for (size_t c = 0; c < grid.area_mm2.size(); ++c) cellArea[grid.regionNames[size_t(grid.region[c])]] += grid.area_mm2[c];
  auto body = std::find(grid.regionNames.begin(), grid.regionNames.end(), "body") - grid.regionNames.begin();
  EXPECT_EQ(grid.charts[size_t(body)].nx * grid.charts[size_t(body)].ny, 0);
  EXPECT_EQ(cellArea.count("body"), 0u);
  for (const char* region : {"cheek", "forehead", "nose", "neck"}) {
    auto r = std::find(grid.regionNames.begin(), grid.regionNames.end(), region) - grid.regionNames.begin();
    EXPECT_GT(grid.charts[size_t(r)].nx, 0) << region;
    // (areas by corner thirds against areas by each triangle's first corner: near, not equal)
    EXPECT_NEAR(cellArea[region], areas[size_t(r)], 0.05 * areas[size_t(r)]) << region;
  }
}

// The whole face is tissue: each treated region gets its own tissue block with its
// own layers (sim.blocks), and coverage is measured on the skin itself. Headless
// runs of the face scene against patch runs of the region presets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "runtime/face_replay.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;
using ns::test::ReplayWriter;

namespace {

nlohmann::json run(const fs::path& dir, const std::string& scene, const std::string& replay, const std::string& extra) {
  std::string report = (dir / "report.json").string();
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --no-ui --scene '" + scene +
                        "' --replay '" + replay + "' --report '" + report + "' " + extra + " 2> '" +
                        (dir / "stderr.txt").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(report);
}

nlohmann::json runFace(const std::string& name, const std::string& replay, const std::string& extra = "") {
  return run(ns::test::scratchDir("face-blocks", name), NS_SOURCE_DIR "/scenes/face.json", replay, extra);
}

// The region's patch preset needled as the face is: the face's pen, serum and healing,
// no pretreatment (the face starts untreated).
std::string patchSceneFor(const std::string& region, const fs::path& dir) {
  nlohmann::json preset = ns::test::readJsonFile(NS_SOURCE_DIR "/scenes/" + region + ".json");
  nlohmann::json faceScene = ns::test::readJsonFile(NS_SOURCE_DIR "/scenes/face.json");
  preset.erase("pretreatment");
  for (const char* key : {"pen", "serum", "healing", "domain"}) preset[key] = faceScene[key];
  fs::path path = dir / (region + "-patch.json");
  std::ofstream(path) << preset.dump(2);
  return path.string();
}

const nlohmann::json* blockOf(const nlohmann::json& report, const std::string& region) {
  for (const nlohmann::json& b : report["sim"]["blocks"])
    if (b["region"] == region) return &b;
  return nullptr;
}

std::vector<double> profileOf(const nlohmann::json& profile) {
  std::vector<double> out;
  for (const nlohmann::json& p : profile) out.push_back(p["concentration"]);
  return out;
}

// max |a − b| over the profile, against b's peak.
double profileDifference(const std::vector<double>& a, const std::vector<double>& b) {
  double peak = 0, worst = 0;
  for (double v : b) peak = std::max(peak, std::fabs(v));
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) worst = std::max(worst, std::fabs(a[i] - b[i]));
  return a.size() == b.size() && peak > 0 ? worst / peak : 1.0;
}

}  // namespace

TEST(FaceBlocks, TwoRegionsWithDifferentLayersEachMatchTheirPatch) {
  fs::path dir = ns::test::scratchDir("face-blocks", "two-regions");
  std::string faceReplay = (dir / "face.jsonl").string();
  const glm::dvec2 cheek(42.0, -40.0), periorbital(30.0, -16.0);
  double periorbitalStart = 0;
  {
    ReplayWriter w{std::ofstream(faceReplay)};
    w.dial_mm = 0.5;
    w.hold(cheek, 0.5);  // the pen held still: every strike at the same place
    w.t += 0.5;
    periorbitalStart = w.t;
    w.hold(periorbital, 0.5);
  }
  // The same strikes on each region's patch, at the same times, at its centre.
  std::string cheekReplay = (dir / "cheek.jsonl").string(), periReplay = (dir / "periorbital.jsonl").string();
  {
    ReplayWriter w{std::ofstream(cheekReplay)};
    w.patch = true;
    w.dial_mm = 0.5;
    w.hold({0.0, 0.0}, 0.5);
  }
  {
    ReplayWriter w{std::ofstream(periReplay)};
    w.patch = true;
    w.dial_mm = 0.5;
    w.t = periorbitalStart;
    w.hold({0.0, 0.0}, 0.5);
  }
  const std::string until = "--sim-seconds 120";
  nlohmann::json face = runFace("two-regions-face", faceReplay, until);
  fs::path cheekDir = ns::test::scratchDir("face-blocks", "cheek-patch"), periDir = ns::test::scratchDir("face-blocks", "peri-patch");
  nlohmann::json cheekPatch = run(cheekDir, patchSceneFor("cheek", cheekDir), cheekReplay, until);
  nlohmann::json periPatch = run(periDir, patchSceneFor("periorbital", periDir), periReplay, until);
  ASSERT_FALSE(face.is_null());
  ASSERT_FALSE(cheekPatch.is_null());
  ASSERT_FALSE(periPatch.is_null());
  EXPECT_EQ(face["validation"]["errors"], 0);
  const nlohmann::json* cheekBlock = blockOf(face, "cheek");
  const nlohmann::json* periBlock = blockOf(face, "periorbital");
  ASSERT_TRUE(cheekBlock && periBlock) << face["sim"]["blocks"].dump();
  EXPECT_EQ(face["sim"]["blocks"].size(), 2u);
  // Each block has its region's layers and its own place on the face.
  EXPECT_EQ((*periBlock)["layers_from"], "periorbital");
  EXPECT_EQ((*periBlock)["layers"][1]["thickness_um"], 50);
  EXPECT_EQ((*cheekBlock)["layers"][1]["thickness_um"], 80);
  double apart = std::hypot(double((*cheekBlock)["anchor_mm"][0]) - double((*periBlock)["anchor_mm"][0]),
                            double((*cheekBlock)["anchor_mm"][2]) - double((*periBlock)["anchor_mm"][2]));
  EXPECT_GT(apart, 20.0);
  // At the same time each matches its own region's patch to 1 %, and not the other's.
  std::vector<double> faceCheek = profileOf((*cheekBlock)["profile"]), facePeri = profileOf((*periBlock)["profile"]);
  std::vector<double> patchCheek = profileOf(cheekPatch["sim"]["profile"]), patchPeri = profileOf(periPatch["sim"]["profile"]);
  EXPECT_DOUBLE_EQ(double((*cheekBlock)["time_s"]), double(cheekPatch["sim"]["time_s"]));
  EXPECT_LE(profileDifference(faceCheek, patchCheek), 0.01);
  EXPECT_LE(profileDifference(facePeri, patchPeri), 0.01);
  double cheekMass = (*cheekBlock)["total_mass"], periMass = (*periBlock)["total_mass"];
  EXPECT_NEAR(cheekMass, double(cheekPatch["sim"]["total_mass"]), 0.01 * cheekMass);
  EXPECT_NEAR(periMass, double(periPatch["sim"]["total_mass"]), 0.01 * periMass);
  EXPECT_GT(profileDifference(facePeri, faceCheek), 0.01) << "different layers: neither matches the other's patch";
  std::printf("profiles: cheek vs patch %.4f, periorbital vs patch %.4f, periorbital vs cheek %.4f\n",
              profileDifference(faceCheek, patchCheek), profileDifference(facePeri, patchPeri),
              profileDifference(facePeri, faceCheek));
}

TEST(FaceBlocks, AGlideFromCheekToNoseCountsInEachAndStampsEachBlock) {
  fs::path dir = ns::test::scratchDir("face-blocks", "glide");
  std::string replay = (dir / "glide.jsonl").string();
  {
    ReplayWriter w{std::ofstream(replay)};
    w.pass({30.0, -30.0}, {4.0, -30.0});  // the cheek, then across the border at |x| = 16 onto the nose
  }
  nlohmann::json report = runFace("glide-report", replay);
  ASSERT_FALSE(report.is_null());
  nlohmann::json regions = report["technique"]["regions"];
  ASSERT_TRUE(regions.contains("cheek") && regions.contains("nose")) << regions.dump();
  unsigned long long total = report["pen"]["punctures"], cheek = regions["cheek"]["punctures"],
                     nose = regions["nose"]["punctures"];
  EXPECT_EQ(cheek + nose, total) << regions.dump();
  // About half the glide on each side of the border (14 of 26 mm on the cheek).
  EXPECT_GT(double(cheek), 0.3 * total);
  EXPECT_GT(double(nose), 0.3 * total);
  EXPECT_GT(double(regions["cheek"]["treated_cm2"]), 0.0);
  EXPECT_GT(double(regions["nose"]["treated_cm2"]), 0.0);
  const nlohmann::json* cheekBlock = blockOf(report, "cheek");
  const nlohmann::json* noseBlock = blockOf(report, "nose");
  ASSERT_TRUE(cheekBlock && noseBlock) << report["sim"]["blocks"].dump();
  EXPECT_GT((*cheekBlock)["channels_stamped"].get<unsigned long long>(), 0u);
  EXPECT_GT((*noseBlock)["channels_stamped"].get<unsigned long long>(), 0u);
  EXPECT_EQ((*noseBlock)["layers_from"], "nose");
}

TEST(FaceBlocks, ACrosshatchCoversTheSameSkinOnThePatchTheCheekAndTheFarCheek) {
  fs::path dir = ns::test::scratchDir("face-blocks", "coverage");
  auto write = [&](const std::string& name, bool patch, glm::dvec2 at) {
    std::string path = (dir / (name + ".jsonl")).string();
    ReplayWriter w{std::ofstream(path)};
    w.patch = patch;
    if (!patch) {
      w.onFrame = true;
      w.frame = ns::test::faceFrameAt(at.x, at.y);
    }
    ns::test::crosshatch(w, 0.0, 0.0, 2.0);  // (turned, it stays on the patch's 10 mm square)
    return path;
  };
  std::string patchReplay = write("patch", true, {}), nearReplay = write("near", false, {42.0, -40.0}),
              farReplay = write("far", false, {58.0, -25.0});
  fs::path patchDir = ns::test::scratchDir("face-blocks", "coverage-patch");
  nlohmann::json patch = run(patchDir, patchSceneFor("cheek", patchDir), patchReplay, "");
  nlohmann::json nearCheek = runFace("coverage-near", nearReplay);
  // Then the far cheek in the same session: away from the first touch (the treatment
  // frame), where the tangent plane there has long left the skin.
  std::string nearThenFar = (dir / "near-then-far.jsonl").string();
  {
    std::ofstream out(nearThenFar);
    std::ifstream a(nearReplay), b(farReplay);
    std::string line;
    double end = 0;
    while (std::getline(a, line)) {
      out << line << "\n";
      end = nlohmann::json::parse(line)["t"];
    }
    while (std::getline(b, line)) {
      nlohmann::json j = nlohmann::json::parse(line);
      j["t"] = double(j["t"]) + end + 0.1;
      out << j.dump() << "\n";
    }
  }
  nlohmann::json farCheek = runFace("coverage-far", nearThenFar);
  ASSERT_FALSE(patch.is_null());
  ASSERT_FALSE(nearCheek.is_null());
  ASSERT_FALSE(farCheek.is_null());
  // The cartridge keeps its layout square to the scene's x (pen::cartridgeFrame), so
  // on the face the passes cross its needle rows at another angle than on the patch
  // and sweep a different band: each face run is compared with the patch's crosshatch
  // turned to that same angle (the punctures then lie alike; the measure itself does
  // not depend on how passes lie against the cells).
  auto patchAtAngleOf = [&](const std::string& name, glm::dvec2 at) {
    ns::scene::SurfaceFrame f = ns::test::faceFrameAt(at.x, at.y);
    glm::dvec3 axis = -f.n, x(1.0, 0.0, 0.0);
    glm::dvec3 u = glm::normalize(x - axis * glm::dot(axis, x)), v = glm::cross(f.n, u);
    double angle = std::atan2(glm::dot(f.t, v), glm::dot(f.t, u));
    std::string turned = (dir / (name + ".jsonl")).string();
    {
      std::ifstream in(patchReplay);
      std::ofstream out(turned);
      std::string line;
      const double c = std::cos(angle), s = std::sin(angle);
      while (std::getline(in, line)) {
        nlohmann::json j = nlohmann::json::parse(line);
        double px = j["pos_mm"][0], py = j["pos_mm"][1];
        j["pos_mm"][0] = px * c - py * s;
        j["pos_mm"][1] = px * s + py * c;
        out << j.dump() << "\n";
      }
    }
    fs::path runDir = ns::test::scratchDir("face-blocks", "coverage-" + name);
    nlohmann::json report = run(runDir, patchSceneFor("cheek", runDir), turned, "");
    EXPECT_FALSE(report.is_null());
    std::printf("%s: the passes at %.1f deg to the cartridge's rows\n", name.c_str(), angle * 180.0 / M_PI);
    return report.is_null() ? nlohmann::json() : report["technique"]["regions"]["cheek"];
  };
  nlohmann::json patchNear = patchAtAngleOf("patch-as-near", {42.0, -40.0}),
                 patchFar = patchAtAngleOf("patch-as-far", {58.0, -25.0});
  nlohmann::json nearRegion = nearCheek["technique"]["regions"]["cheek"], bothRegion = farCheek["technique"]["regions"]["cheek"];
  ASSERT_TRUE(nearRegion.is_object() && bothRegion.is_object() && patchNear.is_object() && patchFar.is_object());
  double nearTreated = nearRegion["treated_cm2"], farTreated = double(bothRegion["treated_cm2"]) - nearTreated;
  double nearCount = nearRegion["punctures"], farCount = double(bothRegion["punctures"]) - nearCount;
  double patchNearTreated = patchNear["treated_cm2"], patchFarTreated = patchFar["treated_cm2"];
  double patchNearDensity = patchNear["treated_density_per_cm2"], patchFarDensity = patchFar["treated_density_per_cm2"];
  std::printf("treated: patch %.4f (turned as near %.4f, as far %.4f), near cheek %.4f, far cheek %.4f cm2; "
              "punctures per cm2 of it: patch as near %.0f, near %.0f, patch as far %.0f, far %.0f\n",
              double(patch["technique"]["regions"]["cheek"]["treated_cm2"]), patchNearTreated, patchFarTreated,
              nearTreated, farTreated, patchNearDensity, nearCount / nearTreated, patchFarDensity, farCount / farTreated);
  // Each as the patch's within 5 %: treated area (coverage of the same skin) and
  // density, near the first touch and on the far cheek away from it.
  EXPECT_NEAR(nearTreated, patchNearTreated, 0.05 * patchNearTreated);
  EXPECT_NEAR(farTreated, patchFarTreated, 0.05 * patchFarTreated);
  EXPECT_NEAR(nearCount / nearTreated, patchNearDensity, 0.05 * patchNearDensity);
  EXPECT_NEAR(farCount / farTreated, patchFarDensity, 0.05 * patchFarDensity);
  for (double c : {nearCount, farCount}) EXPECT_NEAR(c, double(patchNear["punctures"]), 0.05 * double(patchNear["punctures"]));
  // Passes measured along the skin: as many on the far cheek as on the patch, each as long.
  auto lengths = [](const nlohmann::json& report, size_t from) {
    std::vector<double> out;
    const nlohmann::json& list = report["technique"]["pass_list"];
    for (size_t i = from; i < list.size(); ++i) out.push_back(list[i]["length_mm"]);
    return out;
  };
  std::vector<double> onPatch = lengths(patch, 0), nearPasses = lengths(nearCheek, 0),
                      farPasses = lengths(farCheek, nearPasses.size());
  ASSERT_FALSE(onPatch.empty());
  EXPECT_EQ(int(bothRegion["passes"]), int(nearPasses.size() + farPasses.size()));
  EXPECT_EQ(int(nearRegion["passes"]), int(onPatch.size()));
  ASSERT_EQ(farPasses.size(), onPatch.size());
  for (size_t i = 0; i < onPatch.size(); ++i) {
    EXPECT_NEAR(nearPasses[i], onPatch[i], 0.05 * onPatch[i]) << "pass " << i << " near the first touch";
    EXPECT_NEAR(farPasses[i], onPatch[i], 0.05 * onPatch[i]) << "pass " << i << " on the far cheek";
  }
}

// Every region of the map needled (the chin takes perioral's layers), then a cheek
// crosshatch: a block per region, each placed, each with serum; the replay is the
// benchmark's "all regions" run (BENCHMARKS.md).
TEST(FaceBlocks, EveryRegionTreatedHasItsBlockAndTheBlocksStayBounded) {
  fs::path dir = ns::test::scratchDir("face-blocks", "all-regions");
  std::string replay = (dir / "all-regions.jsonl").string();
  const std::vector<std::pair<std::string, glm::dvec2>> spots = {
      {"forehead", {0.0, 40.0}}, {"periorbital", {30.0, -16.0}}, {"nose", {0.0, -10.0}}, {"perioral", {28.0, -58.0}},
      {"chin", {0.0, -85.0}},    {"neck", {0.0, -117.0}},        {"cheek", {42.0, -40.0}}};
  {
    ReplayWriter w{std::ofstream(replay)};
    w.dial_mm = 0.5;
    for (auto& [region, at] : spots) w.hold(at, 0.2);
    ns::test::crosshatch(w, 42.0, -40.0, 4.0);
  }
  nlohmann::json report = runFace("all-regions-report", replay, "--time-scale 60");
  ASSERT_FALSE(report.is_null());
  EXPECT_EQ(report["validation"]["errors"], 0);
  nlohmann::json blocks = report["sim"]["blocks"];
  EXPECT_EQ(blocks.size(), spots.size()) << blocks.dump().substr(0, 2000);
  for (auto& [region, at] : spots) {
    const nlohmann::json* b = blockOf(report, region);
    ASSERT_TRUE(b) << region;
    EXPECT_GT((*b)["channels_stamped"].get<unsigned long long>(), 0u) << region;
    EXPECT_GT(double((*b)["total_mass"]), 0.0) << region;
    EXPECT_DOUBLE_EQ(double((*b)["time_s"]), double(report["sim"]["time_s"])) << region << ": caught up for the report";
    for (const char* key : {"region", "anchor_mm", "layers", "total_mass", "profile"}) EXPECT_TRUE(b->contains(key)) << key;
  }
  EXPECT_EQ((*blockOf(report, "chin"))["layers_from"], "perioral");
  EXPECT_EQ((*blockOf(report, "forehead"))["layers_from"], "forehead");
}

// A practice square on the face (training.zone_width_mm, as the kiosk's try uses it):
// the crosshatch is judged over that square as on the patch's own, not over the whole
// cheek.
TEST(FaceBlocks, APracticeSquareOnTheFaceIsJudgedAsThePatchsSquareIs) {
  fs::path dir = ns::test::scratchDir("face-blocks", "practice-square");
  auto write = [&](const std::string& name, bool patch) {
    std::string path = (dir / (name + ".jsonl")).string();
    ReplayWriter w{std::ofstream(path)};
    w.patch = patch;
    if (!patch) {
      w.onFrame = true;
      w.frame = ns::test::faceFrameAt(42.0, -40.0);
    }
    ns::test::crosshatch(w, 0.0, 0.0, 3.0);
    return path;
  };
  nlohmann::json face = ns::test::readJsonFile(NS_SOURCE_DIR "/scenes/face.json");
  face["training"]["zone_width_mm"] = 10.0;  // the patch's visible square
  face["surface"]["mesh"] = NS_SOURCE_DIR "/assets/face.glb";
  std::string faceScene = (dir / "face-square.json").string();
  std::ofstream(faceScene) << face.dump(2);
  nlohmann::json onFace = run(ns::test::scratchDir("face-blocks", "practice-square-face"), faceScene, write("face", false), "");
  nlohmann::json whole = runFace("practice-square-regions", write("face-regions", false));
  fs::path patchDir = ns::test::scratchDir("face-blocks", "practice-square-patch");
  nlohmann::json onPatch = run(patchDir, patchSceneFor("cheek", patchDir), write("patch", true), "");
  ASSERT_FALSE(onFace.is_null() || whole.is_null() || onPatch.is_null());
  const nlohmann::json &f = onFace["technique"], &p = onPatch["technique"], &w = whole["technique"];
  std::printf("untreated: face square %.3f, patch %.3f, whole cheek %.4f; zone %.3f / %.3f cm2; cv %.3f / %.3f; "
              "score %d / %d / %d\n",
              double(f["untreated_fraction"]), double(p["untreated_fraction"]), double(w["untreated_fraction"]),
              double(f["zone_area_cm2"]), double(p["zone_area_cm2"]), double(f["coverage_cv"]), double(p["coverage_cv"]),
              int(f["score"]), int(p["score"]), int(w["score"]));
  EXPECT_NEAR(double(f["zone_area_cm2"]), double(p["zone_area_cm2"]), 0.05 * double(p["zone_area_cm2"]));
  EXPECT_NEAR(double(f["untreated_fraction"]), double(p["untreated_fraction"]), 0.05);
  EXPECT_NEAR(double(f["coverage_cv"]), double(p["coverage_cv"]), 0.1 * double(p["coverage_cv"]));
  EXPECT_NEAR(double(f["score"]), double(p["score"]), 5.0);
  EXPECT_GT(double(w["untreated_fraction"]), 0.95) << "without the square the whole cheek is the area being treated";
}

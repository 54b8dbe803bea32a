#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "scene/surface_mesh.h"

#include "core/files.h"
#include "scene/scene.h"

using ns::scene::LoadResult;
using ns::scene::Scene;

namespace {

std::string defaultSceneText() {
  std::string text, error;
  EXPECT_TRUE(ns::core::readText(NS_SOURCE_DIR "/scenes/default.json", text, error)) << error;
  return text;
}

// Parses the default scene after `edit` changed it; returns the one-line error.
std::string errorAfter(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(defaultSceneText());
  edit(doc);
  Scene scene;
  LoadResult result = ns::scene::parseScene(doc.dump(), "s.json", scene);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error.find('\n'), std::string::npos) << "error must be one line";
  return result.error;
}

}  // namespace

TEST(Scene, DefaultSceneParsesWithSourcesForEveryLayer) {
  Scene scene;
  LoadResult result = ns::scene::parseScene(defaultSceneText(), "default.json", scene);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_TRUE(result.warnings.empty()) << result.warnings.front();
  ASSERT_EQ(scene.tissue.layers.size(), 5u);
  EXPECT_EQ(scene.tissue.layers[0].name, "stratum_corneum");
  EXPECT_DOUBLE_EQ(scene.tissue.layers[0].thickness_um, 17);
  for (auto& layer : scene.tissue.layers) EXPECT_FALSE(layer.source.empty()) << layer.name;
  EXPECT_EQ(scene.domain.cells[2], 128);
  EXPECT_EQ(scene.domain.bottom, ns::scene::BottomBoundary::NoFlux);
}

TEST(Scene, BuiltInDefaultMatchesTheFile) {
  Scene fromFile;
  ASSERT_TRUE(ns::scene::parseScene(defaultSceneText(), "x", fromFile).ok);
  Scene builtIn = ns::scene::defaultScene();
  EXPECT_EQ(builtIn.name, fromFile.name);
  EXPECT_EQ(builtIn.tissue.layers.size(), fromFile.tissue.layers.size());
  EXPECT_EQ(builtIn.path, "<built-in default>");
}

TEST(Scene, LayerLookupByDepth) {
  Scene scene = ns::scene::defaultScene();
  EXPECT_EQ(scene.tissue.layerAtDepth(0), 0u);
  EXPECT_EQ(scene.tissue.layerAtDepth(16.9), 0u);
  EXPECT_EQ(scene.tissue.layerAtDepth(17.0), 1u);
  EXPECT_EQ(scene.tissue.layerAtDepth(1e6), 4u);  // below the last layer: the last
  EXPECT_DOUBLE_EQ(scene.tissue.totalThickness_um(), 17 + 80 + 200 + 800 + 1500);
}

TEST(Scene, NegativeThicknessNamesKeyAndValue) {
  std::string e = errorAfter([](auto& d) { d["tissue"]["layers"][1]["thickness_um"] = -3; });
  EXPECT_NE(e.find("s.json"), std::string::npos) << e;
  EXPECT_NE(e.find("tissue.layers[1].thickness_um"), std::string::npos) << e;
  EXPECT_NE(e.find("-3"), std::string::npos) << e;
}

TEST(Scene, ZeroCellsRejected) {
  std::string e = errorAfter([](auto& d) { d["domain"]["cells"] = {64, 0, 128}; });
  EXPECT_NE(e.find("domain.cells"), std::string::npos) << e;
}

TEST(Scene, UnknownBottomRejected) {
  std::string e = errorAfter([](auto& d) { d["domain"]["bottom"] = "open"; });
  EXPECT_NE(e.find("domain.bottom"), std::string::npos) << e;
  EXPECT_NE(e.find("no_flux"), std::string::npos) << e;
}

TEST(Scene, MissingKeysRejected) {
  EXPECT_NE(errorAfter([](auto& d) { d.erase("tissue"); }).find("tissue: missing"), std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["domain"].erase("width_mm"); }).find("domain.width_mm"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["tissue"]["layers"][0].erase("diffusivity_um2_s"); })
                .find("tissue.layers[0].diffusivity_um2_s"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["tissue"]["layers"] = nlohmann::json::array(); })
                .find("tissue.layers"),
            std::string::npos);
}

TEST(Scene, WrongTypesRejected) {
  EXPECT_NE(errorAfter([](auto& d) { d["pen"]["depth_mm"] = "deep"; }).find("pen.depth_mm"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["healing"]["occluded"] = 1; }).find("healing.occluded"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["pen"]["penetration_efficiency"] = 1.5; })
                .find("pen.penetration_efficiency"),
            std::string::npos);
}

TEST(Scene, MalformedJsonNamesFileAndPosition) {
  Scene scene;
  LoadResult result = ns::scene::parseScene("{ \"tissue\": [1, 2", "broken.json", scene);
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("broken.json"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("line"), std::string::npos) << result.error;
}

TEST(Scene, MissingFileNamesIt) {
  Scene scene;
  LoadResult result = ns::scene::loadScene("/no/such/scene.json", scene);
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("/no/such/scene.json"), std::string::npos);
}

TEST(Scene, UnknownKeysWarnButLoad) {
  nlohmann::json doc = nlohmann::json::parse(defaultSceneText());
  doc["tissue"]["layers"][0]["thickness_mm"] = 0.02;
  Scene scene;
  LoadResult result = ns::scene::parseScene(doc.dump(), "s.json", scene);
  ASSERT_TRUE(result.ok) << result.error;
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("tissue.layers[0].thickness_mm"), std::string::npos);
}

TEST(Scene, EveryShippedSceneLoadsCleanlyWithSources) {
  // Region presets and the default: no warnings, every layer cites its numbers.
  int count = 0;
  for (auto& entry : std::filesystem::directory_iterator(NS_SOURCE_DIR "/scenes")) {
    if (entry.path().extension() != ".json") continue;
    Scene scene;
    LoadResult result = ns::scene::loadScene(entry.path().string(), scene);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_TRUE(result.warnings.empty()) << entry.path() << ": " << result.warnings.front();
    for (auto& layer : scene.tissue.layers) EXPECT_FALSE(layer.source.empty()) << entry.path() << " " << layer.name;
    count++;
  }
  EXPECT_GE(count, 7);  // default + forehead, periorbital, nose, cheek, perioral, neck
  Scene eyelid, cheek;
  ASSERT_TRUE(ns::scene::loadScene(NS_SOURCE_DIR "/scenes/periorbital.json", eyelid).ok);
  ASSERT_TRUE(ns::scene::loadScene(NS_SOURCE_DIR "/scenes/cheek.json", cheek).ok);
  EXPECT_LT(eyelid.tissue.totalThickness_um(), cheek.tissue.totalThickness_um()) << "eyelid skin is the thinnest";
  EXPECT_EQ(eyelid.tissue.region, "periorbital");
}

TEST(Scene, FaceSceneNamesItsMeshRelativeToTheSceneFile) {
  Scene scene;
  LoadResult result = ns::scene::loadScene(NS_SOURCE_DIR "/scenes/face.json", scene);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_TRUE(std::filesystem::exists(scene.surfaceMesh)) << scene.surfaceMesh;
  EXPECT_NE(scene.surfaceMesh.find("assets/face.glb"), std::string::npos);
}

TEST(SurfaceMesh, OurFaceLoadsBackThroughAssimpWithEveryRegion) {
  ns::scene::SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(ns::scene::loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", mesh, error, warnings)) << error;
  EXPECT_TRUE(warnings.empty()) << "the face carries a region map";
  EXPECT_GT(mesh.indices.size() / 3, 20000u);
  EXPECT_EQ(mesh.uvs.size(), mesh.positions.size()) << "UVs for surface fields";
  std::set<int> seen(mesh.regions.begin(), mesh.regions.end());
  // Every region the lessons and scenes name has skin; the mannequin's coarse
  // "orbital" and "lip_vermilion" through their parts (regionMembers).
  for (const char* region : {"forehead", "periorbital", "nose", "cheek", "perioral", "chin", "neck", "orbital",
                             "lip_vermilion", "temple", "glabella", "eyelid", "lid_margin", "upper_lip_vermilion",
                             "lower_lip_vermilion", "jawline", "ear", "eye"}) {
    bool painted = false;
    for (const std::string& member : ns::scene::regionMembers(region)) {
      auto it = std::find(mesh.regionNames.begin(), mesh.regionNames.end(), member);
      ASSERT_NE(it, mesh.regionNames.end()) << member;
      painted |= seen.count(int(it - mesh.regionNames.begin())) > 0;
    }
    EXPECT_TRUE(painted) << region << " has no vertices";
  }
  // Real head size in millimetres: about 20 cm across with the ears' room, 30 cm tall with the neck.
  glm::vec3 size = mesh.boundsMax - mesh.boundsMin;
  EXPECT_GT(size.z, 200.0f);
  EXPECT_LT(size.x, 200.0f);
}

// Swelling and elastin (issue 33): every new healing default in the shipped scene
// names its source, and the built-in defaults are the file's.
TEST(Scene, OedemaAndElastinDefaultsCarryTheirSources) {
  nlohmann::json doc = nlohmann::json::parse(defaultSceneText());
  const nlohmann::json& healing = doc["healing"];
  const char* keys[] = {"oedema_rise_s", "oedema_resolve_base_s", "oedema_resolve_per_mm_s", "oedema_per_mm",
                        "swelling_full_mm", "elastin_lag_s", "elastin_full_s", "elastin_fraction"};
  Scene fromFile;
  ASSERT_TRUE(ns::scene::parseScene(defaultSceneText(), "x", fromFile).ok);
  Scene builtIn;  // the struct's own defaults
  for (const char* key : keys) {
    ASSERT_TRUE(healing.contains(key)) << key;
    ASSERT_TRUE(healing["sources"].contains(key)) << key << " has no source";
    EXPECT_GT(healing["sources"][key].get<std::string>().size(), 20u) << key;
  }
  EXPECT_DOUBLE_EQ(fromFile.healing.oedema_rise_s, builtIn.healing.oedema_rise_s);
  EXPECT_DOUBLE_EQ(fromFile.healing.oedema_resolve_base_s, builtIn.healing.oedema_resolve_base_s);
  EXPECT_DOUBLE_EQ(fromFile.healing.oedema_resolve_per_mm_s, builtIn.healing.oedema_resolve_per_mm_s);
  EXPECT_DOUBLE_EQ(fromFile.healing.swelling_full_mm, builtIn.healing.swelling_full_mm);
  EXPECT_DOUBLE_EQ(fromFile.healing.elastin_lag_s, builtIn.healing.elastin_lag_s);
  EXPECT_DOUBLE_EQ(fromFile.healing.elastin_full_s, builtIn.healing.elastin_full_s);
  EXPECT_EQ(fromFile.course.sessions, 1) << "no course unless a scene schedules one";
}

TEST(Scene, ACourseIsCheckedAtEntry) {
  nlohmann::json doc = nlohmann::json::parse(defaultSceneText());
  doc["course"] = {{"sessions", 4}, {"interval_days", 28}};
  Scene scene;
  LoadResult ok = ns::scene::parseScene(doc.dump(), "c.json", scene);
  ASSERT_TRUE(ok.ok) << ok.error;
  EXPECT_TRUE(ok.warnings.empty());
  EXPECT_EQ(scene.course.sessions, 4);
  EXPECT_DOUBLE_EQ(scene.course.interval_days, 28);
  EXPECT_NE(errorAfter([](auto& d) { d["course"] = {{"sessions", 13}, {"interval_days", 28}}; }).find("course.sessions"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["course"] = {{"sessions", 2.5}, {"interval_days", 28}}; }).find("course.sessions"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["course"] = {{"sessions", 0}, {"interval_days", 28}}; }).find("course.sessions"),
            std::string::npos);
  std::string e = errorAfter([](auto& d) { d["course"] = {{"sessions", 4}, {"interval_days", 3}}; });
  EXPECT_NE(e.find("course.interval_days"), std::string::npos) << e;
  EXPECT_NE(e.find("7"), std::string::npos) << e;
  EXPECT_NE(errorAfter([](auto& d) { d["course"] = {{"sessions", 4}}; }).find("course.interval_days"), std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["course"] = 4; }).find("course"), std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["healing"]["elastin_full_s"] = 100; }).find("healing.elastin_full_s"),
            std::string::npos);
  EXPECT_NE(errorAfter([](auto& d) { d["healing"]["swelling_full_mm"] = 5; }).find("healing.swelling_full_mm"),
            std::string::npos);
}

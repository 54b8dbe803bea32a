// The serum library as data: every shipped serum loads cleanly with a source for
// every number, a scene refers to one by file name (keys beside the ref override
// it), and bad files and names are refused with one line naming file and key.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <unistd.h>

#include "core/files.h"
#include "scene/scene.h"

using ns::scene::LoadResult;
using ns::scene::Scene;

namespace {

// A scratch folder holding scene.json and serums/<name>.json.
std::filesystem::path scratch() {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("needlesim-serum-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "serums");
  return dir;
}

nlohmann::json defaultDoc() {
  std::string text, error;
  EXPECT_TRUE(ns::core::readText(NS_SOURCE_DIR "/scenes/default.json", text, error)) << error;
  return nlohmann::json::parse(text);
}

nlohmann::json shippedSerum(const std::string& name) {
  std::string text, error;
  EXPECT_TRUE(ns::core::readText(NS_SOURCE_DIR "/scenes/serums/" + name + ".json", text, error)) << error;
  return nlohmann::json::parse(text);
}

// Loads a scene with serum {"ref": ref, extra...} written beside `serumDoc` (as
// serums/bad.json) in the scratch folder.
LoadResult loadWith(const nlohmann::json& serum, const nlohmann::json* serumDoc, Scene& scene) {
  std::filesystem::path dir = scratch();
  if (serumDoc) std::ofstream(dir / "serums" / "bad.json") << serumDoc->dump(2);
  nlohmann::json doc = defaultDoc();
  doc["serum"] = serum;
  std::ofstream(dir / "scene.json") << doc.dump(2);
  return ns::scene::loadScene((dir / "scene.json").string(), scene);
}

}  // namespace

TEST(SerumLibraryFiles, EveryShippedSerumLoadsWithoutWarnings) {
  int count = 0;
  for (auto& entry : std::filesystem::directory_iterator(NS_SOURCE_DIR "/scenes/serums")) {
    std::string name = entry.path().stem().string();
    ns::scene::Serum serum;
    LoadResult r = ns::scene::loadSerumRef(name, NS_SOURCE_DIR "/scenes/default.json", serum);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
    EXPECT_FALSE(serum.title.empty());
    count++;
  }
  EXPECT_GE(count, 6);
}

TEST(SerumLibraryFiles, BuiltInLibraryServesScenesAnywhere) {
  Scene scene;
  nlohmann::json doc = defaultDoc();
  doc["serum"] = {{"ref", "ha_high_mw"}, {"applied_at_s", 30}};
  LoadResult r = ns::scene::parseScene(doc.dump(), "<built-in test>", scene);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(scene.serum.name, "ha_high_mw");
  EXPECT_DOUBLE_EQ(scene.serum.molecular_weight_da, 1.5e6);
  EXPECT_DOUBLE_EQ(scene.serum.applied_at_s, 30);
  ns::scene::Tissue seen = ns::scene::tissueWithSerum(scene.tissue, scene.serum);
  EXPECT_LT(seen.layers[0].diffusivity_um2_s, 1e-9) << "large HA barely enters intact stratum corneum";
}

TEST(SerumLibraryFiles, KeysBesideTheRefOverrideTheLibrary) {
  Scene scene;
  LoadResult r = loadWith({{"ref", "vitamin_c"}, {"channel_diffusivity_um2_s", 123}, {"removed_after_s", 600}}, nullptr, scene);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(scene.serum.name, "vitamin_c");
  EXPECT_DOUBLE_EQ(scene.serum.channel_diffusivity_um2_s, 123);
  EXPECT_DOUBLE_EQ(scene.serum.removed_after_s, 600);
  EXPECT_NEAR(scene.serum.molecular_weight_da, 176.12, 1e-9);
}

TEST(SerumLibraryFiles, UnknownRefIsRefusedNamingTheKeyAndTheChoices) {
  Scene scene;
  LoadResult r = loadWith({{"ref", "snake_oil"}}, nullptr, scene);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.find('\n'), std::string::npos);
  EXPECT_NE(r.error.find("scene.json: serum.ref"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("snake_oil"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("ha_high_mw"), std::string::npos) << r.error;
}

TEST(SerumLibraryFiles, BadSerumFilesAreRefusedNamingFileAndKey) {
  struct Case {
    std::function<void(nlohmann::json&)> edit;
    std::string key;
  } cases[] = {
      {[](auto& d) { d["layers"]["stratum_corneum"]["diffusivity_um2_s"] = -1; }, "layers.stratum_corneum.diffusivity_um2_s"},
      {[](auto& d) { d["layers"]["stratum_corneum"].erase("source"); }, "layers.stratum_corneum.source"},
      {[](auto& d) { d["sources"].erase("molecular_weight_da"); }, "sources.molecular_weight_da"},
      {[](auto& d) { d.erase("channel_diffusivity_um2_s"); }, "channel_diffusivity_um2_s"},
      {[](auto& d) { d["layers"]["dermis"] = d["layers"]["papillary_dermis"]; }, "layers.dermis"},
      {[](auto& d) { d["applied"] = "whenever"; }, "applied"},
      {[](auto& d) { d["collagen_factor"] = 0.5; d["sources"]["collagen_factor"] = "x"; }, "collagen_factor"},
  };
  for (auto& c : cases) {
    nlohmann::json serum = shippedSerum("peptide");
    c.edit(serum);
    Scene scene;
    LoadResult r = loadWith({{"ref", "bad"}}, &serum, scene);
    ASSERT_FALSE(r.ok) << c.key;
    EXPECT_EQ(r.error.find('\n'), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("serums/bad.json: " + c.key), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("scene.json"), std::string::npos) << r.error;
  }
  Scene scene;
  std::filesystem::path dir = scratch();
  std::ofstream(dir / "serums" / "broken.json") << "{ \"title\": ";
  nlohmann::json doc = defaultDoc();
  doc["serum"] = {{"ref", "broken"}};
  std::ofstream(dir / "scene.json") << doc.dump(2);
  LoadResult r = ns::scene::loadScene((dir / "scene.json").string(), scene);
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.find("serums/broken.json: not valid JSON"), std::string::npos) << r.error;
  std::filesystem::remove_all(dir);
}

TEST(SerumLibraryFiles, FitzpatrickTypeIsOneToSix) {
  Scene scene;
  nlohmann::json doc = defaultDoc();
  doc["tissue"]["fitzpatrick"] = 5;
  ASSERT_TRUE(ns::scene::parseScene(doc.dump(), "s.json", scene).ok);
  EXPECT_EQ(scene.tissue.fitzpatrick, 5);
  doc["tissue"]["fitzpatrick"] = 7;
  LoadResult r = ns::scene::parseScene(doc.dump(), "s.json", scene);
  ASSERT_FALSE(r.ok);
  EXPECT_NE(r.error.find("tissue.fitzpatrick"), std::string::npos) << r.error;
}

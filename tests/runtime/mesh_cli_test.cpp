// --mesh with real third-party models from Debian's assimp-testmodels: each loads,
// renders headless under validation with zero errors; broken files are refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/cli_support.h"

namespace fs = std::filesystem;

namespace {

const std::string kModels = "/usr/share/assimp/models/";

struct MeshRun {
  int exitCode;
  nlohmann::json report;
  std::string stderrText;
};

MeshRun renderMesh(const std::string& name, const std::string& model) {
  fs::path dir = ns::test::scratchDir("mesh", name);
  std::string report = (dir / "report.json").string(), err = (dir / "stderr.txt").string();
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "' --headless --validate --frames 3 --width 320 --height 200 --mesh '" +
                        model + "' --screenshot '" + (dir / "shot.png").string() + "' --report '" + report + "' 2> '" + err + "'";
  MeshRun run{ns::test::runShell(command), ns::test::readJsonFile(report), ""};
  std::string error;
  ns::core::readText(err, run.stderrText, error);
  return run;
}

}  // namespace

TEST(MeshCli, ThirdPartyModelsRenderWithoutValidationErrors) {
  if (!fs::exists(kModels)) GTEST_SKIP() << "assimp-testmodels is not installed (scripts/install-deps.sh installs it)";
  const char* models[][2] = {{"gltf", "glTF2/BoxTextured-glTF/BoxTextured.gltf"},
                             {"glb", "glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb"},
                             {"obj", "OBJ/WusonOBJ.obj"},
                             {"fbx", "FBX/box.fbx"}};
  for (auto& [name, path] : models) {
    MeshRun run = renderMesh(name, kModels + path);
    EXPECT_EQ(run.exitCode, 0) << path << ": " << run.stderrText;
    ASSERT_FALSE(run.report.is_null()) << path;
    EXPECT_EQ(run.report["validation"]["errors"], 0) << path;
    EXPECT_EQ(run.report["frames"], 3) << path;
  }
}

TEST(MeshCli, MeshWithoutRegionMapWarnsThatItIsAllBody) {
  if (!fs::exists(kModels)) GTEST_SKIP() << "assimp-testmodels is not installed";
  MeshRun run = renderMesh("regions", kModels + "OBJ/WusonOBJ.obj");
  EXPECT_NE(run.stderrText.find("no region map"), std::string::npos) << run.stderrText;
  EXPECT_NE(run.stderrText.find("\"body\""), std::string::npos);
}

TEST(MeshCli, BrokenOrMissingMeshesAreOneLineErrors) {
  if (!fs::exists(kModels)) GTEST_SKIP() << "assimp-testmodels is not installed";
  for (std::string path : {kModels + "invalid/empty.obj", kModels + "invalid/empty.ply", kModels + "invalid/OutOfMemory.off",
                           std::string("/no/such/face.glb")}) {
    MeshRun run = renderMesh("broken", path);
    EXPECT_EQ(run.exitCode, 2) << path;
    EXPECT_NE(run.stderrText.find(path), std::string::npos) << run.stderrText;
    EXPECT_EQ(std::count(run.stderrText.begin(), run.stderrText.end(), '\n'), 1) << run.stderrText;
    EXPECT_TRUE(run.report.is_null()) << "no report for a run that never started";
  }
}

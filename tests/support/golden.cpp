#include "support/golden.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace ns::test {

void expectMatchesGolden(const std::string& name, const core::ImageRGBA8& actual,
                         GoldenTolerance tolerance) {
  std::string goldenPath = std::string(NS_SOURCE_DIR) + "/tests/goldens/" + name + ".png";
  std::string error;
  const char* approve = std::getenv("NEEDLESIM_APPROVE_GOLDENS");
  if (approve && std::string(approve) == "1") {
    ASSERT_TRUE(core::writePng(goldenPath, actual, error)) << error;
    std::printf("approved golden %s\n", goldenPath.c_str());
    return;
  }
  std::filesystem::path outDir = std::filesystem::path(NS_BINARY_DIR) / "test-output";
  std::filesystem::create_directories(outDir);
  std::string actualPath = (outDir / (name + "-actual.png")).string();
  std::string diffPath = (outDir / (name + "-diff.png")).string();

  core::ImageRGBA8 golden;
  if (!core::readPng(goldenPath, golden, error)) {
    core::writePng(actualPath, actual, error);
    FAIL() << "no golden for '" << name << "' (" << error << "); actual image: " << actualPath
           << "; approve it with scripts/approve-goldens.sh after looking at it";
  }
  core::ImageDifference diff = core::compareImages(golden, actual);
  bool ok = diff.sameSize && diff.meanDiff <= tolerance.mean && diff.p99Diff <= tolerance.p99;
  if (!ok) {
    core::writePng(actualPath, actual, error);
    if (diff.sameSize) core::writePng(diffPath, diff.diffImage, error);
  }
  EXPECT_TRUE(diff.sameSize) << name << ": size " << actual.width << "x" << actual.height
                             << " differs from the golden's " << golden.width << "x" << golden.height;
  EXPECT_LE(diff.meanDiff, tolerance.mean) << name << ": mean difference; actual " << actualPath
                                           << ", diff " << diffPath;
  EXPECT_LE(diff.p99Diff, tolerance.p99) << name << ": 99th percentile difference; actual "
                                         << actualPath << ", diff " << diffPath;
}

}  // namespace ns::test

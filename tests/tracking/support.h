#pragma once
// What the tracking tests share: the shipped rigs as the files give them, and the
// tracker configured for the synthetic camera.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tracking/rig.h"
#include "tracking/synthetic_motion.h"
#include "tracking/tracker.h"

namespace ns::tracking::test {

inline std::string rigPath(const char* name) { return std::string(NS_SOURCE_DIR) + "/assets/rigs/" + name; }

inline Rig shippedRig(const char* name) {
  Rig rig;
  std::string error;
  EXPECT_TRUE(loadRig(rigPath(name), rig, error)) << error;
  return rig;
}

inline TrackerConfig shippedConfig() {
  TrackerConfig c;
  c.pen = shippedRig("pen.json");
  c.pad = shippedRig("pad.json");
  c.camera = syntheticCamera();
  return c;
}

inline std::string outputDir(const std::string& name) {
  std::string dir = std::string(NS_BINARY_DIR) + "/test-output/tracking/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace ns::tracking::test

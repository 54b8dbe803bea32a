// A webcam's calibrations are kept per camera and found again (issue 28: "both saved
// per camera and reused"). No webcam exists here, so the device's identity is given as
// the V4L2 driver would name it; that a file is no camera is checked for real.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "runtime/remembered_calibration.h"
#include "support/cli_support.h"
#include "tracking/camera_identity.h"

namespace fs = std::filesystem;
using namespace ns;

TEST(CameraIdentity, FilesAreNoCameraAndNamesBecomeSafeFolders) {
  EXPECT_TRUE(tracking::isDeviceSource("/dev/video0"));
  EXPECT_TRUE(tracking::isDeviceSource("2"));
  EXPECT_FALSE(tracking::isDeviceSource("session.mp4"));
  EXPECT_FALSE(tracking::isDeviceSource("frames/%05d.png"));
  EXPECT_EQ(tracking::cameraIdentity("session.mp4"), "");
  EXPECT_EQ(tracking::cameraIdentity("/dev/video97"), "") << "a device that is not there has no identity";

  std::string c920 = tracking::identityFolderName("HD Pro Webcam C920 (usb-0000:00:14.0-1)");
  EXPECT_EQ(c920.rfind("hd-pro-webcam-c920-usb-0000-00-14-0-1-", 0), 0u) << c920;
  for (const std::string& name : {c920, tracking::identityFolderName("../../etc/passwd"),
                                  tracking::identityFolderName(std::string(500, 'x') + "\n\t/"),
                                  tracking::identityFolderName("::")}) {
    EXPECT_FALSE(name.empty());
    EXPECT_LE(name.size(), 80u) << name;
    for (char ch : name) EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') << name;
  }
  EXPECT_NE(tracking::identityFolderName("Cam (usb-1)"), tracking::identityFolderName("Cam (usb 1)"))
      << "two cameras whose names tidy alike keep folders of their own";
  EXPECT_EQ(tracking::identityFolderName(""), "");
}

TEST(RememberedCalibration, WhatWasCalibratedInFrontOfACameraIsFoundForItAgain) {
  fs::path config = test::scratchDir("camera", "remembered");
  ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
  const std::string camera = "HD Pro Webcam C920 (usb-0000:00:14.0-1)";

  // Nothing kept yet: nothing taken, and a file is never a camera.
  runtime::Options o;
  o.cameraSource = "/dev/video0";
  runtime::RememberedCalibration r = runtime::useRememberedCalibration(o, camera);
  EXPECT_FALSE(r.intrinsics);
  EXPECT_TRUE(o.cameraCalib.empty());
  EXPECT_EQ(runtime::rememberCalibration("", "intrinsics.json", "{}"), "");

  std::string said = runtime::rememberCalibration(camera, "intrinsics.json", "{\"width\": 1280}");
  EXPECT_NE(said.find("remembered for camera 'HD Pro Webcam C920"), std::string::npos) << said;
  fs::path kept = fs::path(runtime::rememberedFor(camera).folder) / "intrinsics.json";
  ASSERT_TRUE(fs::exists(kept));
  struct stat st{};
  ASSERT_EQ(::stat(kept.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "the user's settings, the owner's only";
  EXPECT_EQ(kept.parent_path().parent_path(), config / "needlesim" / "cameras");

  r = runtime::useRememberedCalibration(o, camera);
  EXPECT_TRUE(r.intrinsics);
  EXPECT_EQ(o.cameraCalib, kept.string());
  EXPECT_TRUE(o.penRig.empty()) << "no pen rig was kept";

  runtime::rememberCalibration(camera, "pen-rig.json", "{}");
  runtime::Options given;
  given.cameraSource = "/dev/video0", given.cameraCalib = "mine.json";
  r = runtime::useRememberedCalibration(given, camera);
  EXPECT_EQ(given.cameraCalib, "mine.json") << "a flag always wins";
  EXPECT_TRUE(r.penRig);

  runtime::Options other;
  other.cameraSource = "/dev/video1";
  r = runtime::useRememberedCalibration(other, "HD Pro Webcam C920 (usb-0000:00:14.0-2)");
  EXPECT_TRUE(other.cameraCalib.empty() && other.penRig.empty()) << "the same model on another port is another camera";

  runtime::Options pivoting;
  pivoting.cameraSource = "/dev/video0", pivoting.calibrateTip = "pen.json";
  r = runtime::useRememberedCalibration(pivoting, camera);
  EXPECT_TRUE(r.intrinsics) << "the tip is pivoted with the camera's remembered intrinsics";
  EXPECT_FALSE(r.penRig) << "... starting from the shipped pen, not the last pivot";
  ::unsetenv("XDG_CONFIG_HOME");
}

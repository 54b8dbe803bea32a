#pragma once
// Calibrations remembered per camera. A calibration made in front of a webcam
// (--calibrate-camera, --calibrate-tip, in the terminal or the guided window) is also
// kept in $XDG_CONFIG_HOME/needlesim/cameras/<camera>/ (intrinsics.json, pen-rig.json,
// the folder the owner's only), and `--camera /dev/videoN` without --camera-calib or
// --pen-rig takes that camera's. A flag given always wins. Files and image sequences
// are no camera (tracking/camera_identity.h): they are given their intrinsics.
#include <string>

#include "runtime/options.h"

namespace ns::runtime {

struct RememberedCalibration {
  std::string camera;        // the device's identity ("" for files)
  std::string folder;        // where its calibrations are kept ("" for files)
  bool intrinsics = false;   // --camera-calib was taken from the folder
  bool penRig = false;       // --pen-rig was taken from the folder
};

// `camera`: a device's identity (tracking::cameraIdentity of --camera), "" for a file.

// The folder kept for that camera ("" for a file).
RememberedCalibration rememberedFor(const std::string& camera);

// Fills options.cameraCalib / options.penRig from the camera's folder where they were
// not given and the folder has them. A calibration being made takes nothing remembered
// (--calibrate-tip starts from the shipped pen, not an earlier pivot).
RememberedCalibration useRememberedCalibration(Options& options, const std::string& camera);

// After `written` (intrinsics.json or pen-rig.json text) was saved for the camera:
// keeps a copy in its folder. Returns the words to add to the summary ("" for a file);
// a failure to keep it is said there too, never fatal (the file asked for was written).
std::string rememberCalibration(const std::string& camera, const char* name, const std::string& written);

}  // namespace ns::runtime

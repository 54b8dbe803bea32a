#pragma once
// Which camera a source is, so that its calibration can be remembered and found again
// (runtime/remembered_calibration.h). A V4L2 device is named by its driver's card name
// and bus position (VIDIOC_QUERYCAP): the same webcam on the same port is the same
// camera whichever /dev/videoN it got at boot. Files and image sequences are no
// camera: "" (they are given their intrinsics with --camera-calib).
#include <string>

namespace ns::tracking {

bool isDeviceSource(const std::string& source);  // "N" or "/dev/videoN"

// "card (bus)" of a device source; "" for files, or when the device cannot be asked.
std::string cameraIdentity(const std::string& source);

// The identity as a folder name: letters, digits and '-' only, at most 80 bytes,
// never empty for a non-empty identity (a short hash keeps two names apart).
std::string identityFolderName(const std::string& identity);

}  // namespace ns::tracking

#pragma once
// The camera pen's features: its panel and report section (runtime/camera_feature.cpp),
// and the guided calibrations (runtime/calibration_feature.cpp).
#include <memory>
#include <string>

#include "runtime/feature.h"

namespace ns::runtime {

std::unique_ptr<Feature> makeCameraFeature();
// `--calibrate-camera` / `--calibrate-tip` in the window: the guided calibration's
// screen (runtime/calibration_feature.cpp, runtime/guided_calibration.h).
std::unique_ptr<Feature> makeCalibrationFeature();
// A source as the panels name it: a device as given, a file by its folder and name.
std::string sourceName(const std::string& source);

}  // namespace ns::runtime

#pragma once
// The camera pen's feature (runtime/camera_feature.cpp): its panel and report section.
#include <memory>
#include <string>

#include "runtime/feature.h"

namespace ns::runtime {

std::unique_ptr<Feature> makeCameraFeature();
// A source as the panels name it: a device as given, a file by its folder and name.
std::string sourceName(const std::string& source);

}  // namespace ns::runtime

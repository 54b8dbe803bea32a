#pragma once
// The camera pen's feature (runtime/camera_feature.cpp): its panel and report section.
#include <memory>

#include "runtime/feature.h"

namespace ns::runtime {

std::unique_ptr<Feature> makeCameraFeature();

}  // namespace ns::runtime

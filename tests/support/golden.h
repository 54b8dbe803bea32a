#pragma once
// Golden-image expectations (the filament / wgpu pattern): compare with
// tests/goldens/NAME.png by mean and 99th-percentile per-pixel difference; on
// failure write NAME-actual.png and NAME-diff.png under build/test-output/ and say
// where. NEEDLESIM_APPROVE_GOLDENS=1 (scripts/approve-goldens.sh) writes the
// golden instead.
#include <string>

#include "core/image.h"

namespace ns::test {

struct GoldenTolerance {
  double mean = 1.0;  // average max-channel difference, 0..255
  double p99 = 24.0;  // 99 % of pixels differ by at most this
};

void expectMatchesGolden(const std::string& name, const core::ImageRGBA8& actual,
                         GoldenTolerance tolerance = {});

}  // namespace ns::test

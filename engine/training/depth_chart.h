#pragma once
// Recommended dial depth by facial region and skin thickness, from
// ../shared/reference/skin-and-technique.md §4 (Dr. Pen depth chart [V]).
#include <string>

namespace ns::training {

struct DepthRange {
  double min_mm = 0, max_mm = 0;
  std::string source;
  bool known = false;
};

// `skin` is "thin" or "thick". Unknown regions get the FDA pivotal study's upper
// bound as the only limit (0.25–1.5 mm) and known = false.
DepthRange recommendedDepth(const std::string& region, const std::string& skin);

}  // namespace ns::training

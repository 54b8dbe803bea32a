#include "training/depth_chart.h"

namespace ns::training {

DepthRange recommendedDepth(const std::string& region, const std::string& skin) {
  struct Row {
    const char* region;
    double thinMin, thinMax, thickMin, thickMax;
  };
  static const Row rows[] = {
      {"forehead", 0.25, 0.5, 0.5, 0.75}, {"periorbital", 0.25, 0.25, 0.25, 0.5}, {"nose", 0.25, 0.25, 0.5, 0.5},
      {"perioral", 0.25, 0.25, 0.25, 0.75}, {"cheek", 0.5, 1.0, 1.0, 2.0},       {"cheeks", 0.5, 1.0, 1.0, 2.0},
      {"acne_scars", 1.0, 1.25, 1.5, 2.0},  {"stretch_marks", 1.5, 2.0, 1.5, 2.0}};
  bool thick = skin == "thick";
  for (const Row& row : rows)
    if (region == row.region)
      return {thick ? row.thickMin : row.thinMin, thick ? row.thickMax : row.thinMax,
              "Dr. Pen depth chart [V], skin-and-technique.md section 4", true};
  return {0.25, 1.5, "no chart row: FDA pivotal study upper bound 1.5 mm [P]", false};
}

}  // namespace ns::training

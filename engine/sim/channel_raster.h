#pragma once
// Channels as per-cell openness in [0, 1]: the fraction of each cell's volume that
// an open channel occupies. Plain C++; the pen issue adds the GPU stamping twin.
#include <vector>

#include "scene/scene.h"
#include "sim/grid.h"

namespace ns::sim {

struct VerticalChannel {
  double x_mm = 0, y_mm = 0;  // centre on the skin surface (domain centred on the origin)
  double depth_um = 0;
  double diameter_um = 0;
};

// Cylinders straight down from the surface; coverage by 4×4 lateral supersampling
// and exact depth fraction.
std::vector<float> rasterizeVerticalChannels(const GridShape& shape, const std::vector<VerticalChannel>& channels);

// The scene's optional `pretreatment` grid of channels (a patch needled a moment
// before the scene starts), or none.
std::vector<VerticalChannel> pretreatmentChannels(const scene::Scene& scene);

}  // namespace ns::sim

#pragma once
// Needle channels as per-cell openness in [0, 1]: the fraction of a cell a channel
// covers (NS_STAMP_SUBSAMPLES³ points per cell), combined by maximum. This is the
// C++ twin of shaders/channel_stamp.comp, with the same float arithmetic.
#include <glm/glm.hpp>

#include <vector>

#include "scene/scene.h"
#include "shared.h"
#include "sim/grid.h"

namespace ns::sim {

// A channel from scene millimetres (skin at z = 0, +z out of the skin, the block
// centred on the origin) into grid coordinates.
gpu::ChannelStampGpu channelStamp(const GridShape& shape, glm::dvec3 entry_mm, glm::dvec3 axisIntoSkin,
                                  double length_um, double width_um, glm::dvec3 drag_mm);

// Cells per axis of the largest stamp's box (what one dispatch covers per stamp).
glm::ivec3 stampBox(const GridShape& shape, const std::vector<gpu::ChannelStampGpu>& stamps);

void stampChannelsCpu(const GridShape& shape, const std::vector<gpu::ChannelStampGpu>& stamps,
                      std::vector<float>& openness);

// The scene's optional `pretreatment` grid of vertical channels (a patch needled a
// moment before the scene starts), or none.
std::vector<gpu::ChannelStampGpu> pretreatmentStamps(const scene::Scene& scene, const GridShape& shape);
// Where those channels enter the skin (scene mm).
std::vector<glm::dvec3> pretreatmentEntries(const scene::Scene& scene);

}  // namespace ns::sim

#include "sim/channel_raster.h"

#include <algorithm>
#include <cmath>

namespace ns::sim {

std::vector<float> rasterizeVerticalChannels(const GridShape& s, const std::vector<VerticalChannel>& channels) {
  std::vector<float> openness(s.cellCount(), 0.0f);
  const int sub = 4;
  double width_um = s.nx * s.hx_um, height_um = s.ny * s.hy_um;
  for (const auto& ch : channels) {
    double cx = ch.x_mm * 1000.0 + width_um / 2, cy = ch.y_mm * 1000.0 + height_um / 2, r = ch.diameter_um / 2;
    int x0 = std::max(0, int((cx - r) / s.hx_um)), x1 = std::min(s.nx - 1, int((cx + r) / s.hx_um));
    int y0 = std::max(0, int((cy - r) / s.hy_um)), y1 = std::min(s.ny - 1, int((cy + r) / s.hy_um));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        int inside = 0;
        for (int j = 0; j < sub; ++j)
          for (int i = 0; i < sub; ++i) {
            double px = (x + (i + 0.5) / sub) * s.hx_um - cx, py = (y + (j + 0.5) / sub) * s.hy_um - cy;
            inside += px * px + py * py <= r * r;
          }
        if (!inside) continue;
        float lateral = float(inside) / float(sub * sub);
        for (int z = 0; z < s.nz; ++z) {
          double top = z * s.hz_um, depthFraction = std::clamp((ch.depth_um - top) / s.hz_um, 0.0, 1.0);
          if (depthFraction <= 0) break;
          float& cell = openness[s.index(x, y, z)];
          cell = std::min(1.0f, cell + lateral * float(depthFraction));
        }
      }
  }
  return openness;
}

std::vector<VerticalChannel> pretreatmentChannels(const scene::Scene& scene) {
  std::vector<VerticalChannel> channels;
  const auto& p = scene.pretreatment;
  if (!p.enabled) return channels;
  double half = scene.domain.width_mm / 2;
  int count = int(std::floor(scene.domain.width_mm / p.spacing_mm));
  double start = -half + (scene.domain.width_mm - (count - 1) * p.spacing_mm) / 2;
  for (int j = 0; j < count; ++j)
    for (int i = 0; i < count; ++i)
      channels.push_back({start + i * p.spacing_mm, start + j * p.spacing_mm, p.depth_um, p.diameter_um});
  return channels;
}

}  // namespace ns::sim

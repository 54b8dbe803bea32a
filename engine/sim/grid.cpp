#include "sim/grid.h"

#include <algorithm>
#include <cstring>

namespace ns::sim {

PaddedLayout paddedLayout(const GridShape& shape) {
  return {shape.nx, shape.ny, shape.nz, (shape.nx + 3) / 4 * 4};
}

std::vector<float> padRows(const PaddedLayout& layout, const std::vector<float>& cells, float fill) {
  std::vector<float> padded(layout.paddedCellCount(), fill);
  for (size_t row = 0; row < layout.rows(); ++row)
    std::memcpy(&padded[row * layout.paddedNx], &cells[row * layout.nx], sizeof(float) * layout.nx);
  return padded;
}

std::vector<float> unpadRows(const PaddedLayout& layout, const float* padded) {
  std::vector<float> cells(size_t(layout.nx) * layout.rows());
  for (size_t row = 0; row < layout.rows(); ++row)
    std::memcpy(&cells[row * layout.nx], &padded[row * layout.paddedNx], sizeof(float) * layout.nx);
  return cells;
}

GridShape gridFromDomain(const scene::Domain& domain) {
  GridShape shape;
  shape.nx = domain.cells[0];
  shape.ny = domain.cells[1];
  shape.nz = domain.cells[2];
  shape.hx_um = domain.width_mm * 1000.0 / shape.nx;
  shape.hy_um = domain.width_mm * 1000.0 / shape.ny;
  shape.hz_um = domain.depth_mm * 1000.0 / shape.nz;
  return shape;
}

TissueFields tissueFields(const GridShape& shape, const scene::Tissue& tissue,
                          double channelDiffusivity_um2_s, const std::vector<float>& openness) {
  TissueFields fields;
  fields.conductance.resize(shape.cellCount());
  fields.capacity.resize(shape.cellCount());
  for (int z = 0; z < shape.nz; ++z) {
    const scene::Layer& layer = tissue.layers.at(tissue.layerAtDepth((z + 0.5) * shape.hz_um));
    for (size_t i = shape.index(0, 0, z); i < shape.index(0, 0, z) + size_t(shape.nx) * shape.ny; ++i) {
      double open = openness.empty() ? 0.0 : std::clamp(double(openness[i]), 0.0, 1.0);
      double d = layer.diffusivity_um2_s + open * (channelDiffusivity_um2_s - layer.diffusivity_um2_s);
      double k = layer.partition + open * (1.0 - layer.partition);
      fields.conductance[i] = float(d * k);
      fields.capacity[i] = float(k);
    }
  }
  return fields;
}

double explicitStableDt(const GridShape& s, const BoundaryConditions& bc, const TissueFields& f) {
  auto harmonic = [](double a, double b) { return a + b > 0 ? 2 * a * b / (a + b) : 0.0; };
  double ix = 1 / (s.hx_um * s.hx_um), iy = 1 / (s.hy_um * s.hy_um), iz = 1 / (s.hz_um * s.hz_um);
  double worst = 0;  // max over cells of Σ coefficients / K
  for (int z = 0; z < s.nz; ++z)
    for (int y = 0; y < s.ny; ++y)
      for (int x = 0; x < s.nx; ++x) {
        size_t i = s.index(x, y, z);
        double g = f.conductance[i], sum = 0;
        if (x > 0) sum += ix * harmonic(g, f.conductance[i - 1]);
        if (x < s.nx - 1) sum += ix * harmonic(g, f.conductance[i + 1]);
        if (y > 0) sum += iy * harmonic(g, f.conductance[i - s.nx]);
        if (y < s.ny - 1) sum += iy * harmonic(g, f.conductance[i + s.nx]);
        size_t slice = size_t(s.nx) * s.ny;
        sum += z > 0 ? iz * harmonic(g, f.conductance[i - slice]) : (bc.surfaceHeld ? 2 * iz * g : 0);
        sum += z < s.nz - 1 ? iz * harmonic(g, f.conductance[i + slice]) : (bc.bottomSink ? 2 * iz * g : 0);
        worst = std::max(worst, sum / f.capacity[i]);
      }
  // 0.98: float rounding must not push a cell just past the convexity bound.
  return worst > 0 ? 0.98 / worst : 1e30;
}

std::vector<float> concentrationFromActivity(const std::vector<float>& activity, const TissueFields& f) {
  std::vector<float> c(activity.size());
  for (size_t i = 0; i < c.size(); ++i) c[i] = activity[i] * f.capacity[i];
  return c;
}

double totalMass(const GridShape& shape, const std::vector<float>& concentration) {
  double sum = 0;
  for (float v : concentration) sum += v;
  return sum * shape.cellVolume_um3();
}

std::vector<double> depthProfile(const GridShape& shape, const std::vector<float>& concentration) {
  std::vector<double> profile(shape.nz, 0.0);
  size_t slice = size_t(shape.nx) * shape.ny;
  for (int z = 0; z < shape.nz; ++z) {
    double sum = 0;
    for (size_t i = 0; i < slice; ++i) sum += concentration[z * slice + i];
    profile[z] = sum / double(slice);
  }
  return profile;
}

}  // namespace ns::sim

#include "sim/diffusion_cpu.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace ns::sim {
namespace {

inline float harmonic(float a, float b) { return 2.0f * a * b / std::max(a + b, 1e-30f); }

void stepSlices(const GridShape& s, const BoundaryConditions& bc, float dt, const float* c,
                const float* d, float* out, int zBegin, int zEnd) {
  const float ix = float(1.0 / (s.hx_um * s.hx_um));
  const float iy = float(1.0 / (s.hy_um * s.hy_um));
  const float iz = float(1.0 / (s.hz_um * s.hz_um));
  const size_t row = size_t(s.nx), slice = size_t(s.nx) * s.ny;
  for (int z = zBegin; z < zEnd; ++z)
    for (int y = 0; y < s.ny; ++y)
      for (int x = 0; x < s.nx; ++x) {
        size_t i = s.index(x, y, z);
        float ci = c[i], di = d[i];
        // A missing neighbour mirrors the cell: zero flux through side walls.
        auto term = [&](bool has, size_t n) {
          return has ? harmonic(di, d[n]) * (c[n] - ci) : 0.0f;
        };
        float flux = ix * (term(x > 0, i - 1) + term(x < s.nx - 1, i + 1)) +
                     iy * (term(y > 0, i - row) + term(y < s.ny - 1, i + row));
        if (z > 0)
          flux += iz * harmonic(di, d[i - slice]) * (c[i - slice] - ci);
        else if (bc.surfaceHeld)
          flux += iz * 2.0f * di * (float(bc.surfaceConcentration) - ci);
        if (z < s.nz - 1)
          flux += iz * harmonic(di, d[i + slice]) * (c[i + slice] - ci);
        else if (bc.bottomSink)
          flux += iz * 2.0f * di * (-ci);
        out[i] = ci + dt * flux;
      }
}

}  // namespace

void diffusionStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                      const float* concentration, const float* diffusivity, float* out,
                      int threads) {
  if (threads <= 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, shape.nz);
  float dt = static_cast<float>(dt_s);
  if (threads == 1) {
    stepSlices(shape, bc, dt, concentration, diffusivity, out, 0, shape.nz);
    return;
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    int begin = shape.nz * t / threads, end = shape.nz * (t + 1) / threads;
    workers.emplace_back(stepSlices, std::cref(shape), std::cref(bc), dt, concentration,
                         diffusivity, out, begin, end);
  }
  for (auto& worker : workers) worker.join();
}

double totalMass(const GridShape& shape, const float* concentration) {
  double sum = 0;
  for (size_t i = 0; i < shape.cellCount(); ++i) sum += concentration[i];
  return sum * shape.cellVolume_um3();
}

}  // namespace ns::sim

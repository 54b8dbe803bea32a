#include "sim/diffusion_cpu.h"

#include <algorithm>
#include <functional>
#include <thread>
#include <vector>

namespace ns::sim {
namespace {

inline float harmonic(float a, float b) { return 2.0f * a * b / std::max(a + b, 1e-30f); }

// Runs body(begin, end) over [0, count) split across threads.
void parallelFor(int count, int threads, const std::function<void(int, int)>& body) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min(threads, count));
  if (threads == 1) {
    body(0, count);
    return;
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back(body, count * t / threads, count * (t + 1) / threads);
  for (auto& worker : workers) worker.join();
}

void explicitSlices(const GridShape& s, const BoundaryConditions& bc, float dt, const float* u,
                    const float* G, const float* K, float* out, int zBegin, int zEnd) {
  const float ix = float(1.0 / (s.hx_um * s.hx_um));
  const float iy = float(1.0 / (s.hy_um * s.hy_um));
  const float iz = float(1.0 / (s.hz_um * s.hz_um));
  const size_t row = size_t(s.nx), slice = size_t(s.nx) * s.ny;
  for (int z = zBegin; z < zEnd; ++z)
    for (int y = 0; y < s.ny; ++y)
      for (int x = 0; x < s.nx; ++x) {
        size_t i = s.index(x, y, z);
        float ui = u[i], gi = G[i];
        // A missing neighbour mirrors the cell: zero flux through side walls.
        auto term = [&](bool has, size_t n) { return has ? harmonic(gi, G[n]) * (u[n] - ui) : 0.0f; };
        float flux = ix * (term(x > 0, i - 1) + term(x < s.nx - 1, i + 1)) +
                     iy * (term(y > 0, i - row) + term(y < s.ny - 1, i + row));
        if (z > 0)
          flux += iz * harmonic(gi, G[i - slice]) * (u[i - slice] - ui);
        else if (bc.surfaceHeld)
          flux += iz * 2.0f * gi * (float(bc.surfaceConcentration) - ui);
        if (z < s.nz - 1)
          flux += iz * harmonic(gi, G[i + slice]) * (u[i + slice] - ui);
        else if (bc.bottomSink)
          flux += iz * 2.0f * gi * (-ui);
        out[i] = ui + dt * flux / K[i];
      }
}

// Thomas algorithm for (K - k L) u' = K u (+ surface source) along one line of n
// cells starting at `base` with `stride`. `held`/`sink` add the half-cell boundary
// faces at the line's first/last cell (only for z lines).
void solveLine(float* u, const float* G, const float* K, size_t base, size_t stride, int n, float k,
               bool held, bool sink, float surface, std::vector<float>& cPrime) {
  float cPrev = 0.0f, dPrev = 0.0f;
  for (int j = 0; j < n; ++j) {
    size_t i = base + size_t(j) * stride;
    float g = G[i];
    float faceL = j > 0 ? harmonic(g, G[i - stride]) : (held ? 2.0f * g : 0.0f);
    float faceR = j + 1 < n ? harmonic(g, G[i + stride]) : (sink ? 2.0f * g : 0.0f);
    float rhs = K[i] * u[i] + (j == 0 && held ? k * 2.0f * g * surface : 0.0f);
    float a = j > 0 ? -k * faceL : 0.0f;
    float c = j + 1 < n ? -k * faceR : 0.0f;
    float m = K[i] + k * (faceL + faceR) - a * cPrev;
    cPrev = c / m;
    dPrev = (rhs - a * dPrev) / m;
    cPrime[j] = cPrev;
    u[i] = dPrev;
  }
  float next = 0.0f;
  for (int j = n - 1; j >= 0; --j) {
    size_t i = base + size_t(j) * stride;
    next = u[i] - cPrime[j] * next;
    u[i] = next;
  }
}

}  // namespace

void explicitStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s,
                     const float* activity, const TissueFields& fields, float* out, int threads) {
  parallelFor(shape.nz, threads, [&](int begin, int end) {
    explicitSlices(shape, bc, float(dt_s), activity, fields.conductance.data(), fields.capacity.data(),
                   out, begin, end);
  });
}

void lodStepCpu(const GridShape& s, const BoundaryConditions& bc, double dt_s, std::vector<float>& activity,
                const TissueFields& fields, int threads) {
  float* u = activity.data();
  const float* G = fields.conductance.data();
  const float* K = fields.capacity.data();
  const size_t slice = size_t(s.nx) * s.ny;
  const float kx = float(dt_s / (s.hx_um * s.hx_um));
  const float ky = float(dt_s / (s.hy_um * s.hy_um));
  const float kz = float(dt_s / (s.hz_um * s.hz_um));
  const float surface = float(bc.surfaceConcentration);
  parallelFor(s.nz, threads, [&](int begin, int end) {  // x lines
    std::vector<float> scratch(s.nx);
    for (int z = begin; z < end; ++z)
      for (int y = 0; y < s.ny; ++y) solveLine(u, G, K, s.index(0, y, z), 1, s.nx, kx, false, false, 0, scratch);
  });
  parallelFor(s.nz, threads, [&](int begin, int end) {  // y lines
    std::vector<float> scratch(s.ny);
    for (int z = begin; z < end; ++z)
      for (int x = 0; x < s.nx; ++x) solveLine(u, G, K, s.index(x, 0, z), s.nx, s.ny, ky, false, false, 0, scratch);
  });
  parallelFor(s.ny, threads, [&](int begin, int end) {  // z lines, with the boundaries
    std::vector<float> scratch(s.nz);
    for (int y = begin; y < end; ++y)
      for (int x = 0; x < s.nx; ++x)
        solveLine(u, G, K, s.index(x, y, 0), slice, s.nz, kz, bc.surfaceHeld, bc.bottomSink, surface, scratch);
  });
}

}  // namespace ns::sim

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

// One row of cells along x. A missing neighbour (outside the grid) is replaced by
// the cell itself: its u difference is exactly zero, so the wall carries no flux
// and the inner loop needs no branches, which lets it vectorise.
struct Neighbour {
  const float* u;     // the neighbour row's activity
  const float* face;  // conductance of the face to it
};

void explicitRow(int nx, float ix, float iy, float iz, float dt, const float* u, const float* K, const float* fx,
                 Neighbour ym, Neighbour yp, Neighbour zm, Neighbour zp, float topSource, float topCoefficient,
                 float bottomCoefficient, const float* G, float zeroBelow, float* out) {
  auto cell = [&](int x, int left, float faceLeft) {
    float ui = u[x];
    int right = x + 1 < nx ? x + 1 : x;
    float flux = ix * (faceLeft * (u[left] - ui) + fx[x] * (u[right] - ui)) +
                 iy * (ym.face[x] * (ym.u[x] - ui) + yp.face[x] * (yp.u[x] - ui));
    flux += iz * zm.face[x] * (zm.u[x] - ui);
    flux += iz * topCoefficient * G[x] * (topSource - ui);
    flux += iz * zp.face[x] * (zp.u[x] - ui);
    flux += iz * bottomCoefficient * G[x] * (-ui);
    out[x] = floored(ui + dt * flux / K[x], zeroBelow);
  };
  cell(0, 0, 0.0f);
  for (int x = 1; x < nx; ++x) cell(x, x - 1, fx[x - 1]);
}

void explicitSlices(const GridShape& s, const BoundaryConditions& bc, float dt, const float* u, const float* G,
                    const float* K, const FaceConductances& f, float* out, int zBegin, int zEnd) {
  const float ix = float(1.0 / (s.hx_um * s.hx_um));
  const float iy = float(1.0 / (s.hy_um * s.hy_um));
  const float iz = float(1.0 / (s.hz_um * s.hz_um));
  const size_t rowLength = size_t(s.nx), slice = size_t(s.nx) * s.ny;
  for (int z = zBegin; z < zEnd; ++z)
    for (int y = 0; y < s.ny; ++y) {
      size_t row = s.index(0, y, z);
      // Missing neighbours use the row itself (zero difference, zero flux).
      Neighbour ym = y > 0 ? Neighbour{u + row - rowLength, f.y.data() + row - rowLength} : Neighbour{u + row, f.y.data() + row};
      Neighbour yp = y < s.ny - 1 ? Neighbour{u + row + rowLength, f.y.data() + row} : Neighbour{u + row, f.y.data() + row};
      Neighbour zm = z > 0 ? Neighbour{u + row - slice, f.z.data() + row - slice} : Neighbour{u + row, f.z.data() + row};
      Neighbour zp = z < s.nz - 1 ? Neighbour{u + row + slice, f.z.data() + row} : Neighbour{u + row, f.z.data() + row};
      // Half-cell Dirichlet faces: the held surface above z = 0, the sink below the last cell.
      float top = (z == 0 && bc.surfaceHeld) ? 2.0f : 0.0f;
      float bottom = (z == s.nz - 1 && bc.bottomSink) ? 2.0f : 0.0f;
      explicitRow(s.nx, ix, iy, iz, dt, u + row, K + row, f.x.data() + row, ym, yp, zm, zp,
                  float(bc.surfaceConcentration), top, bottom, G + row, activityFloor(bc), out + row);
    }
}

// Thomas algorithm for (K - k L) u' = K u (+ surface source) along one line of n
// cells starting at `base` with `stride`. `held`/`sink` add the half-cell boundary
// faces at the line's first/last cell (only for z lines).
void solveLine(float* u, const float* G, const float* K, size_t base, size_t stride, int n, float k,
               bool held, bool sink, float surface, float zeroBelow, std::vector<float>& cPrime) {
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
    next = floored(u[i] - cPrime[j] * next, zeroBelow);
    u[i] = next;
  }
}

}  // namespace

FaceConductances faceConductances(const GridShape& s, const TissueFields& fields) {
  const float* G = fields.conductance.data();
  size_t n = s.cellCount(), slice = size_t(s.nx) * s.ny;
  FaceConductances f{std::vector<float>(n, 0.0f), std::vector<float>(n, 0.0f), std::vector<float>(n, 0.0f)};
  for (int z = 0; z < s.nz; ++z)
    for (int y = 0; y < s.ny; ++y)
      for (int x = 0; x < s.nx; ++x) {
        size_t i = s.index(x, y, z);
        if (x + 1 < s.nx) f.x[i] = harmonic(G[i], G[i + 1]);
        if (y + 1 < s.ny) f.y[i] = harmonic(G[i], G[i + s.nx]);
        if (z + 1 < s.nz) f.z[i] = harmonic(G[i], G[i + slice]);
      }
  return f;
}

void explicitStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s, const float* activity,
                     const TissueFields& fields, const FaceConductances& faces, float* out, int threads) {
  parallelFor(shape.nz, threads, [&](int begin, int end) {
    explicitSlices(shape, bc, float(dt_s), activity, fields.conductance.data(), fields.capacity.data(), faces,
                   out, begin, end);
  });
}

void explicitStepCpu(const GridShape& shape, const BoundaryConditions& bc, double dt_s, const float* activity,
                     const TissueFields& fields, float* out, int threads) {
  explicitStepCpu(shape, bc, dt_s, activity, fields, faceConductances(shape, fields), out, threads);
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
  const float surface = float(bc.surfaceConcentration), zeroBelow = activityFloor(bc);
  parallelFor(s.nz, threads, [&](int begin, int end) {  // x lines
    std::vector<float> scratch(s.nx);
    for (int z = begin; z < end; ++z)
      for (int y = 0; y < s.ny; ++y) solveLine(u, G, K, s.index(0, y, z), 1, s.nx, kx, false, false, 0, zeroBelow, scratch);
  });
  parallelFor(s.nz, threads, [&](int begin, int end) {  // y lines
    std::vector<float> scratch(s.ny);
    for (int z = begin; z < end; ++z)
      for (int x = 0; x < s.nx; ++x) solveLine(u, G, K, s.index(x, 0, z), s.nx, s.ny, ky, false, false, 0, zeroBelow, scratch);
  });
  parallelFor(s.ny, threads, [&](int begin, int end) {  // z lines, with the boundaries
    std::vector<float> scratch(s.nz);
    for (int y = begin; y < end; ++y)
      for (int x = 0; x < s.nx; ++x)
        solveLine(u, G, K, s.index(x, y, 0), slice, s.nz, kz, bc.surfaceHeld, bc.bottomSink, surface, zeroBelow, scratch);
  });
}

}  // namespace ns::sim

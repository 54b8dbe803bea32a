#include "analytic_cases.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim_test_util.h"

namespace ns::test {

using sim::BoundaryConditions;
using sim::GridShape;

double erfcCaseError(const Stepper& stepper, double dtFactor) {
  // 5 µm cells, 1 mm deep; 2√(Dt) = 141 µm stays far from the bottom.
  GridShape s{1, 1, 200, 5, 5, 5};
  const double D = 10, t = 500;
  auto f = uniformFields(s, float(D));
  BoundaryConditions bc{true, 1.0, false};
  double dtStable = sim::explicitStableDt(s, bc, f);
  int steps = int(std::ceil(t / (dtFactor * dtStable)));
  std::vector<float> u(s.cellCount(), 0.0f);
  stepper(s, bc, t / steps, steps, u, f);
  double worst = 0;
  for (int z = 0; z < s.nz; ++z) {
    double depth = (z + 0.5) * s.hz_um;
    worst = std::max(worst, std::fabs(u[z] - std::erfc(depth / (2 * std::sqrt(D * t)))));
  }
  return worst;
}

PointSourceErrors pointSourceCaseErrors(const Stepper& stepper, double dtFactor) {
  GridShape s{41, 41, 41, 10, 10, 10};
  const double D = 10, t = 80;  // σ = √(2Dt) = 40 µm = 4 cells; walls 5σ away
  auto f = uniformFields(s, float(D));
  BoundaryConditions closed{};
  double dtStable = sim::explicitStableDt(s, closed, f);
  int steps = int(std::ceil(t / (dtFactor * dtStable)));
  const double mass = 1e6;
  std::vector<float> u(s.cellCount(), 0.0f);
  u[s.index(20, 20, 20)] = float(mass / s.cellVolume_um3());
  stepper(s, closed, t / steps, steps, u, f);
  double total = 0, moment = 0;
  for (int z = 0; z < s.nz; ++z)
    for (int y = 0; y < s.ny; ++y)
      for (int x = 0; x < s.nx; ++x) {
        double c = u[s.index(x, y, z)] * s.cellVolume_um3();
        double r2 = (std::pow(x - 20, 2) + std::pow(y - 20, 2) + std::pow(z - 20, 2)) * s.hx_um * s.hx_um;
        total += c;
        moment += c * r2;
      }
  double centre = mass / std::pow(4 * std::numbers::pi * D * t, 1.5);
  return {std::fabs(moment / total / (6 * D * t) - 1), std::fabs(u[s.index(20, 20, 20)] / centre - 1)};
}

double lagTimeCaseError(const Stepper& stepper) {
  GridShape s{1, 1, 50, 2, 2, 2};  // h = 100 µm
  const double D = 1, h = 100, tLag = h * h / (6 * D);
  auto f = uniformFields(s, float(D));
  BoundaryConditions bc{true, 1.0, true};
  double dt = sim::explicitStableDt(s, bc, f);
  std::vector<float> u(s.cellCount(), 0.0f);
  // Cumulative flux into the sink, exactly as the explicit step removes it.
  std::vector<double> times, cumulative;
  double q = 0;
  for (double time = 0; time < 6 * tLag; time += dt) {
    q += dt * 2 * D * u.back() / s.hz_um;
    stepper(s, bc, dt, 1, u, f);
    times.push_back(time + dt);
    cumulative.push_back(q);
  }
  // Least-squares line through the asymptote (t in [4 tL, 6 tL]); intercept = lag time.
  double n = 0, st = 0, sq = 0, stt = 0, stq = 0;
  for (size_t i = 0; i < times.size(); ++i)
    if (times[i] >= 4 * tLag) {
      n++, st += times[i], sq += cumulative[i], stt += times[i] * times[i], stq += times[i] * cumulative[i];
    }
  double slope = (n * stq - st * sq) / (n * stt - st * st);
  double intercept = (sq - slope * st) / n;
  return std::fabs(-intercept / slope / tLag - 1);
}

double layeredSlabFluxError(const Stepper& stepper, double dt, int steps) {
  // 20 µm at D = 0.5, 80 µm at D = 5, 100 µm at D = 20; interfaces on cell faces.
  GridShape s{1, 1, 100, 2, 2, 2};
  auto f = layeredFields(s, {{10, 0.5f, 1.0f}, {40, 5.0f, 1.0f}, {50, 20.0f, 1.0f}});
  BoundaryConditions bc{true, 1.0, true};
  std::vector<float> u(s.cellCount(), 0.0f);
  stepper(s, bc, dt, steps, u, f);
  double expected = 1.0 / (20 / 0.5 + 80 / 5.0 + 100 / 20.0);
  double top = 2 * f.conductance.front() * (1.0 - u.front()) / s.hz_um;
  double bottom = 2 * f.conductance.back() * u.back() / s.hz_um;
  return std::max(std::fabs(top / expected - 1), std::fabs(bottom / expected - 1));
}

double slowestModeError(const Stepper& stepper, double dtFactor) {
  GridShape s{1, 1, 100, 1, 1, 1};  // L = 100 µm
  const double D = 1, L = 100, t = L * L / (std::numbers::pi * std::numbers::pi * D);
  auto f = uniformFields(s, float(D));
  BoundaryConditions zeroBothEnds{true, 0.0, true};
  std::vector<float> u(s.cellCount());
  for (int z = 0; z < s.nz; ++z) u[z] = float(std::sin(std::numbers::pi * (z + 0.5) / s.nz));
  double dtStable = sim::explicitStableDt(s, zeroBothEnds, f);
  int steps = int(std::ceil(t / (dtFactor * dtStable)));
  stepper(s, zeroBothEnds, t / steps, steps, u, f);
  double amplitude = u[49] / std::sin(std::numbers::pi * 49.5 / s.nz);
  return std::fabs(amplitude / std::exp(-1.0) - 1);
}

}  // namespace ns::test

#include "sim/serum_uptake.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/diffusion_solver.h"

namespace ns::sim {
namespace {

constexpr int kLateralCells = 16;    // ~31 µm across a 0.5 mm square: a 100 µm channel spans 3
constexpr double kDepthCell_um = 1.5;  // the stratum corneum in ~11 cells
constexpr int kSteps = 120;          // implicit steps over the interval
constexpr double kPi = 3.14159265358979323846;
// Stokes–Einstein at 32 °C in water (0.765 mPa·s), as the library derives its free
// diffusivities: r (nm) = kStokes / D (µm²/s) (docs/serum-library.md).
constexpr double kStokes_nm_um2_s = 292.2;

struct Twin {
  double uptake_um = 0;
  double depth90_um = 0;
};

// The depth above which `share` of the serum lies (laterally averaged profile, top down).
double depthHolding(const GridShape& shape, const std::vector<float>& c, double share) {
  std::vector<double> profile = depthProfile(shape, c);
  double total = 0;
  for (double v : profile) total += v;
  if (total <= 0) return 0;
  double sum = 0;
  for (size_t k = 0; k < profile.size(); ++k) {
    sum += profile[k];
    if (sum >= share * total) return (double(k) + 1.0) * shape.hz_um;
  }
  return double(profile.size()) * shape.hz_um;
}

Twin twinUptake(scene::Scene scene, bool needled, double seconds) {
  const double width_mm = scene.pretreatment.spacing_mm;
  double depth_um = std::clamp(scene.pretreatment.depth_um + 150.0, 300.0, 1000.0);
  scene.domain.width_mm = width_mm;
  scene.domain.depth_mm = depth_um / 1000.0;
  scene.domain.cells = {kLateralCells, kLateralCells, int(std::ceil(depth_um / kDepthCell_um))};
  scene.domain.bottom = scene::BottomBoundary::NoFlux;
  scene.pretreatment.enabled = needled;
  scene.serum.applied_at_s = 0;
  scene.serum.removed_after_s = std::max(scene.serum.removed_after_s, seconds * 2);
  SolverSettings settings;
  settings.scheme = Scheme::Lod;
  settings.lodStepFactor = 1e12;  // one implicit step per call
  settings.maxLodSubsteps = 1;
  DiffusionSolver solver;
  createDiffusionSolver(nullptr, VK_NULL_HANDLE, scene, Backend::Cpu, settings, solver);
  for (int i = 0; i < kSteps; ++i) advanceSolver(nullptr, VK_NULL_HANDLE, solver, seconds / kSteps);
  std::vector<float> c = solverConcentration(solver);
  double mass = totalMass(solver.shape, c);  // C·µm³
  double area_um2 = width_mm * width_mm * 1e6;
  Twin out{mass / area_um2 / scene.serum.surface_concentration, depthHolding(solver.shape, c, 0.9)};
  destroyDiffusionSolver(nullptr, solver);
  return out;
}

}  // namespace

const ShuntRoute& shuntRoute() {
  static const ShuntRoute route;
  return route;
}

double renkinHindrance(double l) {
  if (!(l < 1.0)) return 0.0;
  l = std::max(l, 0.0);
  double partition = (1 - l) * (1 - l);
  double drag = 1 - 2.104 * l + 2.09 * l * l * l - 0.95 * l * l * l * l * l;
  return std::max(0.0, partition * drag);
}

double canalUptake_um(double D, double L, double t) {
  if (D <= 0 || L <= 0 || t <= 0) return 0.0;
  double tau = D * t / (L * L);
  if (tau < 0.05) return 2.0 * std::sqrt(D * t / kPi);  // the sink is not yet felt (images < 1e-20)
  // Flux in at the mouth, D/L (1 + 2 Σ e^(-n²π²τ)), integrated over t: Σ (1 - e^(-n²π²τ)) / n²
  // is π²/6 less the decaying terms, which for τ >= 0.05 are below 1e-20 by n = 20.
  double decaying = 0;
  for (int n = 1; n <= 40; ++n) decaying += std::exp(-double(n) * n * kPi * kPi * tau) / (double(n) * n);
  return D * t / L + 2.0 * L / (kPi * kPi) * (kPi * kPi / 6.0 - decaying);
}

double shuntUptake_um(double radius_nm, double D, double t) {
  const ShuntRoute& s = shuntRoute();
  return s.areaFraction * renkinHindrance(radius_nm / s.poreRadius_nm) * canalUptake_um(D, s.pathLength_um, t);
}

// A ratio to 3 significant figures, written out below a million ("2650", "105", "2.5").
static std::string ratioNumber(double v) {
  char text[48];
  if (!(v < 1e6)) std::snprintf(text, sizeof(text), "%.2e", v);
  else if (v >= 100) {
    double scale = std::pow(10.0, std::floor(std::log10(v)) - 2);
    std::snprintf(text, sizeof(text), "%.0f", std::round(v / scale) * scale);
  } else std::snprintf(text, sizeof(text), "%.3g", v);
  return text;
}

std::string SerumUptake::ratioText() const {
  if (intactDetected()) return "x" + ratioNumber(ratio());
  if (needled_um >= kDetectionLimit_um) return "> " + ratioNumber(shownRatio()) + "x (intact below detection)";
  return "none measurable (both below detection)";
}

SerumUptake serumUptake(const scene::Scene& scene, double seconds) {
  const scene::Serum& serum = scene.serum;
  double D = serum.channel_diffusivity_um2_s;
  // Its size: as given, else from its weight as the library sizes proteins, else from D.
  double radius = serum.hydrodynamic_radius_nm > 0  ? serum.hydrodynamic_radius_nm
                  : serum.molecular_weight_da > 0 ? 1.2 * 0.066 * std::cbrt(serum.molecular_weight_da)
                                                  : kStokes_nm_um2_s / std::max(D, 1e-9);
  Twin needled = twinUptake(scene, true, seconds);
  Twin intact = twinUptake(scene, false, seconds);
  SerumUptake u;
  u.seconds = seconds;
  u.shunt_um = shuntUptake_um(radius, D, seconds);
  u.needled_um = needled.uptake_um + u.shunt_um;
  u.intactBarrier_um = intact.uptake_um;
  u.intact_um = intact.uptake_um + u.shunt_um;
  u.needledDepth_um = needled.depth90_um;
  u.intactDepth_um = intact.depth90_um;
  u.appliedPercent = serum.applied_concentration_percent;
  return u;
}

}  // namespace ns::sim

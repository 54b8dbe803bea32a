// The serum library in the model: each serum's uptake through open channels against
// intact skin (ordered by size, as Franz-cell studies find), the layered analytic
// check with each serum's own layer values, and PRP's growth factors in collagen.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "sim/diffusion_cpu.h"
#include "sim/healing.h"
#include "sim/serum_uptake.h"

using namespace ns::sim;
namespace scene = ns::scene;

namespace {

constexpr double kDay = 86400;

scene::Serum librarySerum(const std::string& name) {
  scene::Serum serum;
  scene::LoadResult loaded = scene::loadSerumRef(name, NS_SOURCE_DIR "/scenes/default.json", serum);
  EXPECT_TRUE(loaded.ok) << loaded.error;
  return serum;
}

std::vector<std::string> library() { return scene::serumNames(NS_SOURCE_DIR "/scenes/default.json"); }

}  // namespace

TEST(SerumLibrary, HoldsTheIssuesSerumsEachWithItsSize) {
  std::vector<std::string> names = library();
  for (const char* expected : {"ha_low_mw", "ha_high_mw", "vitamin_c", "peptide", "growth_factor", "prp"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  for (const std::string& name : names) {
    scene::Serum s = librarySerum(name);
    EXPECT_EQ(s.name, name);
    EXPECT_GT(s.molecular_weight_da, 0) << name;
    EXPECT_EQ(s.layers.size(), 5u) << name << ": values for every layer of the scenes";
  }
  EXPECT_TRUE(librarySerum("prp").afterNeedling);
  EXPECT_GT(librarySerum("prp").collagen_factor, 1.0);
}

// The educator's point: a large molecule barely crosses intact skin and needs the
// channels; a small one crosses some of both. Needled / intact after 10 minutes on
// the default cheek with its pretreatment channel (0.45 mm deep, 0.5 mm apart).
TEST(SerumLibrary, UptakeRatioNeedledOverIntactGrowsWithMolecularSize) {
  scene::Scene base = scene::defaultScene();
  std::map<double, std::pair<std::string, SerumUptake>> bySize;
  for (const std::string& name : library()) {
    scene::Scene s = base;
    s.serum = librarySerum(name);
    SerumUptake u = serumUptake(s, 600.0);
    std::printf("uptake after 10 min  %-14s %9.0f Da  needled %.4g um  intact %.4g um  ratio %.4g\n", name.c_str(),
                s.serum.molecular_weight_da, u.needled_um, u.intact_um, u.ratio());
    EXPECT_GT(u.needled_um, u.intact_um) << name;
    EXPECT_GT(u.intact_um, 0.0) << name;
    bySize[s.serum.molecular_weight_da] = {name, u};
  }
  double previous = 0;
  std::string previousName;
  for (auto& [mw, entry] : bySize) {
    EXPECT_GT(entry.second.ratio(), previous) << entry.first << " (" << mw << " Da) against " << previousName;
    previous = entry.second.ratio();
    previousName = entry.first;
  }
  EXPECT_LT(bySize.begin()->second.second.ratio(), 1e3) << "the smallest molecule: a modest gain";
  EXPECT_GT(bySize.rbegin()->second.second.ratio(), 1e5) << "the largest: next to nothing without channels";
}

// Steady flux through the default cheek's five layers as each serum sees them,
// surface held, a sink below: J = C_s / Σ h_i / (D_i K_i), exact for interfaces on
// cell faces. One backward-Euler step of an enormous dt is the steady solve.
TEST(SerumLibrary, LayeredSteadyFluxHoldsWithEachSerumsLayers) {
  scene::Scene base = scene::defaultScene();
  for (const std::string& name : library()) {
    scene::Tissue tissue = scene::tissueWithSerum(base.tissue, librarySerum(name));
    GridShape shape;
    shape.nx = shape.ny = 1;
    shape.hx_um = shape.hy_um = shape.hz_um = 1.0;
    shape.nz = int(std::lround(tissue.totalThickness_um()));
    TissueFields fields = tissueFields(shape, tissue, 1.0);
    BoundaryConditions bc{true, 1.0, true};
    std::vector<float> u(shape.cellCount(), 0.0f);
    lodStepCpu(shape, bc, 1e20, u, fields, 1);
    double resistance = 0;
    for (auto& layer : tissue.layers) resistance += layer.thickness_um / (layer.diffusivity_um2_s * layer.partition);
    double expected = 1.0 / resistance;
    double top = fields.conductance[0] * (1.0 - u[0]) / 0.5;
    double bottom = fields.conductance[shape.nz - 1] * u[shape.nz - 1] / 0.5;
    EXPECT_NEAR(top / expected, 1.0, 2e-3) << name;
    EXPECT_NEAR(bottom / expected, 1.0, 2e-3) << name;
  }
}

// PRP on freshly needled skin: the same treatment forms more collagen by six weeks,
// by its collagen factor; put on after the channels have closed it adds nothing.
TEST(SerumLibrary, PrpRaisesSixWeekCollagenOverTheSameTreatment) {
  scene::Scene s = scene::defaultScene();
  s.pretreatment.enabled = false;
  s.domain.cells = {32, 32, 32};
  GridShape shape = gridFromDomain(s.domain);
  auto collagenAt = [&](const scene::Serum& serum, double age) {
    scene::Scene withSerum = s;
    withSerum.serum = serum;
    HealingState h = createHealing(withSerum, shape);
    for (double y = -1.0; y <= 1.0 + 1e-9; y += 0.5)
      for (double x = -1.0; x <= 1.0 + 1e-9; x += 0.5) depositPuncture(h, {0.0, {x, y, 0.0}, 600, 200, false});
    advanceSurfaceCpu(h, 1);
    return summarizeHealing(h, age).collagenIndex;
  };
  scene::Serum prp = librarySerum("prp");
  prp.applied_at_s = 60;  // a minute after the pass
  scene::Serum late = prp;
  late.applied_at_s = 2 * kDay;  // long after the channels closed
  double sixWeeks = 42 * kDay;
  double plain = collagenAt(s.serum, sixWeeks), withPrp = collagenAt(prp, sixWeeks);
  std::printf("collagen index at 6 weeks: needling %.4f, with PRP %.4f (x%.3f)\n", plain, withPrp, withPrp / plain);
  EXPECT_GT(plain, 0.0);
  EXPECT_GT(withPrp, plain * 1.2);
  EXPECT_LE(withPrp, plain * prp.collagen_factor + 1e-12);
  EXPECT_NEAR(collagenAt(late, sixWeeks), plain, plain * 1e-3);
  EXPECT_EQ(collagenAt(prp, 2 * kDay), 0.0) << "no collagen before the proliferation phase, PRP or not";
}

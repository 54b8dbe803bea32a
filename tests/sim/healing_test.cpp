// The healing model: its twin against the published behaviour it encodes, and the
// GPU passes against the twin.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>
#include <utility>

#include "sim/diffusion_solver.h"
#include "sim/channel_stamp.h"
#include "sim/healing.h"
#include "sim/healing_gpu.h"
#include "support/gpu_test.h"
#include "vk/commands.h"

using namespace ns::sim;

namespace {

constexpr double kHour = 3600, kDay = 86400;

ns::scene::Scene healingScene() {
  ns::scene::Scene scene = ns::scene::defaultScene();
  scene.pretreatment.enabled = false;
  scene.domain.cells = {32, 32, 32};
  return scene;
}

// A square of punctures `spacing_mm` apart over the middle 2 mm, at `depth_um`.
void treat(HealingState& h, double depth_um, double spacing_mm, double t = 0.0, bool torn = false) {
  for (double y = -1.0; y <= 1.0 + 1e-9; y += spacing_mm)
    for (double x = -1.0; x <= 1.0 + 1e-9; x += spacing_mm) depositPuncture(h, {t, {x, y, 0.0}, depth_um, 200, torn});
}

// Two states on the test grid, treated `spacing_mm` apart at depths `a_um` and `b_um`.
std::pair<HealingState, HealingState> treatedPair(double a_um, double b_um, double spacing_mm = 0.25) {
  ns::scene::Scene scene = healingScene();
  GridShape shape = gridFromDomain(scene.domain);
  std::pair<HealingState, HealingState> pair{createHealing(scene, shape), createHealing(scene, shape)};
  treat(pair.first, a_um, spacing_mm);
  treat(pair.second, b_um, spacing_mm);
  return pair;
}

// Mean erythema E over the columns, after advancing the twin to `until` in steps.
double erythemaAt(HealingState& h, double& now, double until) {
  while (now < until) {
    double dt = std::min(until - now, kHour);
    advanceSurfaceCpu(h, dt);
    now += dt;
  }
  return summarizeHealing(h, now).erythemaMean;
}

}  // namespace

TEST(Healing, ChannelsCloseWithTheHalfLifeAndSlowerWhenOccluded) {
  ns::scene::Scene scene = healingScene();
  HealingState open = createHealing(scene, gridFromDomain(scene.domain));
  treat(open, 450, 0.5);
  double halfLife = scene.healing.closure_half_life_s;  // 30 min: closed within ~2 h (Gupta 2011)
  EXPECT_NEAR(summarizeHealing(open, halfLife).openFraction, 0.5, 1e-9);
  EXPECT_LT(summarizeHealing(open, 2 * kHour).openFraction, 0.07) << "unoccluded skin is closed within ~2 h";
  EXPECT_NEAR(opennessDecay(scene.healing, halfLife), 0.5f, 1e-7);
  scene.healing.occluded = true;
  HealingState occluded = createHealing(scene, gridFromDomain(scene.domain));
  treat(occluded, 450, 0.5);
  EXPECT_GT(summarizeHealing(occluded, halfLife).openFraction, 0.9);
  double occludedHalfLife = halfLife * scene.healing.occluded_half_life_factor;  // 6 h
  EXPECT_NEAR(summarizeHealing(occluded, occludedHalfLife).openFraction, 0.5, 1e-9);
  EXPECT_GT(summarizeHealing(occluded, 12 * kHour).openFraction, 0.2) << "occluded: open for up to a day (Gupta 2011)";
  EXPECT_LT(summarizeHealing(occluded, 30 * kHour).openFraction, 0.05);
}

TEST(Healing, ErythemaRisesWithinMinutesAndResolvesFasterWhenShallow) {
  ns::scene::Scene scene = healingScene();
  GridShape shape = gridFromDomain(scene.domain);
  auto [shallow, deep] = treatedPair(150, 900);
  double tShallow = 0, tDeep = 0;
  double shallowPeak = erythemaAt(shallow, tShallow, 1 * kHour), deepPeak = erythemaAt(deep, tDeep, 1 * kHour);
  EXPECT_GT(shallowPeak, 0.0);
  EXPECT_GT(deepPeak, shallowPeak) << "deeper channels: more stimulus";
  HealingState probe = createHealing(scene, shape);
  treat(probe, 450, 0.25);
  double tProbe = 0;
  double at30min = erythemaAt(probe, tProbe, 1800), at3h = erythemaAt(probe, tProbe, 3 * kHour);
  EXPECT_GT(at30min, 0.8 * at3h) << "most of the redness is there within minutes";
  // After three days the shallow treatment has resolved further, relative to its peak.
  double shallowLeft = erythemaAt(shallow, tShallow, 3 * kDay) / shallowPeak;
  double deepLeft = erythemaAt(deep, tDeep, 3 * kDay) / deepPeak;
  EXPECT_LT(shallowLeft, deepLeft);
  EXPECT_LT(erythemaAt(shallow, tShallow, 14 * kDay), 0.05 * shallowPeak) << "resolved within two weeks";
}

// The simulation steps the surface only when it owes 1 % of the onset time (or has
// deposits, or is read): that is exact because the kinetics are stepped exactly over
// any interval. A minute in 1/60 s frames and in one step end in the same state.
TEST(Healing, TheSurfaceStepsExactlyOverAnyInterval) {
  auto [frames, once] = treatedPair(450, 450);
  advanceSurfaceCpu(frames, 0.0);  // the deposits taken
  advanceSurfaceCpu(once, 0.0);
  for (int i = 0; i < 3600; ++i) advanceSurfaceCpu(frames, 1.0 / 60.0);
  advanceSurfaceCpu(once, 60.0);
  ASSERT_EQ(frames.surface.size(), once.surface.size());
  double peak = 0, worst = 0;
  for (size_t i = 0; i < once.surface.size(); i += kSurfaceStride) {  // (S, E) of each column
    peak = std::max({peak, double(once.surface[i].x), double(once.surface[i].y)});
    worst = std::max({worst, std::fabs(double(frames.surface[i].x - once.surface[i].x)),
                      std::fabs(double(frames.surface[i].y - once.surface[i].y))});
  }
  EXPECT_GT(peak, 0.0);
  EXPECT_LT(worst, 1e-3 * peak) << "3600 float steps' rounding, no more";
  EXPECT_NEAR(summarizeHealing(frames, 60).erythemaMean, summarizeHealing(once, 60).erythemaMean,
              1e-3 * summarizeHealing(once, 60).erythemaMean);
}

TEST(Healing, BleedingOnlyPastTheEpidermis) {
  ns::scene::Scene scene = healingScene();  // epidermis: 17 + 80 µm
  GridShape shape = gridFromDomain(scene.domain);
  HealingState epidermal = createHealing(scene, shape), dermal = createHealing(scene, shape);
  treat(epidermal, 90, 0.5);
  treat(dermal, 300, 0.5);
  advanceSurfaceCpu(epidermal, 1);
  advanceSurfaceCpu(dermal, 1);
  EXPECT_EQ(summarizeHealing(epidermal, 1).bleedingPoints, 0u);
  HealingSummary bleeding = summarizeHealing(dermal, 1);
  EXPECT_EQ(bleeding.bleedingPoints, dermal.punctures);
  EXPECT_GT(bleeding.bleedingNow, 0u);
  EXPECT_EQ(summarizeHealing(dermal, 1 + scene.healing.hemostasis_s).bleedingNow, 0u) << "hemostasis";
}

TEST(Healing, CollagenFollowsDeliveredInjuryAndTheWoundPhases) {
  ns::scene::Scene scene = healingScene();
  GridShape shape = gridFromDomain(scene.domain);
  auto indexAt = [&](double depth, double spacing, double age, bool torn = false) {
    HealingState h = createHealing(scene, shape);
    treat(h, depth, spacing, 0.0, torn);
    advanceSurfaceCpu(h, 1);
    return summarizeHealing(h, age);
  };
  double sixMonths = 180 * kDay;
  double light = indexAt(300, 0.5, sixMonths).collagenIndex, medium = indexAt(600, 0.5, sixMonths).collagenIndex;
  double dense = indexAt(600, 0.25, sixMonths).collagenIndex;
  EXPECT_GT(light, 0.0);
  EXPECT_LT(light, medium);
  EXPECT_LT(medium, dense);
  EXPECT_EQ(indexAt(600, 0.25, 2 * kDay).collagenIndex, 0.0) << "inflammation phase: no new collagen yet";
  EXPECT_LT(indexAt(600, 0.25, 21 * kDay).collagenIndex, indexAt(600, 0.25, 56 * kDay).collagenIndex);
  // Over-treatment: far past the optimal dose, no more collagen than the optimum, and flagged.
  HealingSummary over = indexAt(1200, 0.05, sixMonths);
  EXPECT_GT(over.overTreatedFraction, 0.5);
  HealingSummary optimal = indexAt(1200, 0.1, sixMonths);
  EXPECT_LE(over.collagenIndex, optimal.collagenIndex + 1e-9);
  // Tears are flagged and bring nothing.
  HealingSummary torn = indexAt(600, 0.25, sixMonths, true);
  EXPECT_EQ(torn.collagenIndex, 0.0);
  EXPECT_GT(torn.torn, 0u);
}

using ns::test::GpuTest;

TEST_F(GpuTest, HealingPassesMatchTheTwinAndCloseChannelsOnTheGpu) {
  ns::scene::Scene scene = healingScene();
  DiffusionSolver solver;
  SolverSettings live;
  live.maxLodSubsteps = 4;  // as live frames: a six-week jump is a few implicit steps
  createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, Backend::Gpu, live, solver);
  HealingState gpuState = createHealing(scene, solver.shape), cpuState = createHealing(scene, solver.shape);
  HealingGpu gpu = createHealingGpu(ctx(), VK_NULL_HANDLE, gpuState, solver.channels, solver.gpu);
  std::vector<ns::gpu::ChannelStampGpu> stamps = {channelStamp(solver.shape, {0, 0, 0}, {0, 0, -1}, 500, 200, {0, 0, 0})};
  treat(gpuState, 450, 0.3);
  treat(cpuState, 450, 0.3);
  double steps[] = {60, 1800, 3 * kHour, 2 * kDay, 42 * kDay};  // up to a six-week jump
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) { addChannels(&ctx(), cmd, solver, stamps); });
  double openBefore = 0;
  for (float v : solverOpenness(&ctx(), solver)) openBefore += v;
  for (double dt : steps) {
    ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
      recordHealingStep(ctx(), cmd, gpu, gpuState, solver.channels, solver.gpu, dt);
      advanceSolver(&ctx(), cmd, solver, dt);
    });
    advanceSurfaceCpu(cpuState, dt);
    if (dt == 60) {
      double openAfter = 0;
      for (float v : solverOpenness(&ctx(), solver)) openAfter += v;
      EXPECT_NEAR(openAfter / openBefore, std::exp2(-60.0 / scene.healing.closure_half_life_s), 1e-5);
    }
  }
  readHealingSurface(ctx(), gpu, gpuState);
  for (size_t i = 0; i < cpuState.surface.size(); ++i)
    for (int c = 0; c < 4; ++c)
      ASSERT_NEAR(gpuState.surface[i][c], cpuState.surface[i][c], 1e-4f * std::max(1.0f, std::fabs(cpuState.surface[i][c])))
          << "value " << i << "." << c;
  // Six weeks on: bounded, positive, channels closed, serum bounded by the surface value.
  syncActivity(&ctx(), solver);
  for (float c : solverConcentration(solver)) {
    ASSERT_TRUE(std::isfinite(c));
    ASSERT_GE(c, -1e-6f);
    ASSERT_LE(c, float(scene.serum.surface_concentration) + 1e-4f);
  }
  for (float v : solverOpenness(&ctx(), solver)) ASSERT_LT(v, 1e-6f);
  destroyHealingGpu(ctx(), gpu);
  destroyDiffusionSolver(&ctx(), solver);
}

namespace {

// Punctures on a UV atlas: texels 0.25 × 0.4 mm here, as a chart's stretch gives.
void treatAtlas(HealingState& h, glm::dvec2 centre_texels, double t, int count) {
  for (int i = 0; i < count; ++i) {
    glm::dvec2 at = centre_texels + glm::dvec2((i % 4) * 5.0, (i / 4) * 3.0);
    depositPunctureAt(h, {t, {0, 0, 0}, 450, 200, false}, at, {250.0, 400.0});
  }
}

}  // namespace

TEST(Healing, AtlasDepositsKeepTheirAreaWhateverTheTexelSize) {
  ns::scene::Scene scene = healingScene();
  HealingState h = createAtlasHealing(scene, 256, 128);
  ASSERT_TRUE(h.touched.empty());
  depositPunctureAt(h, {0.0, {0, 0, 0}, 450, 200, false}, {100.5, 60.5}, {250.0, 400.0});
  // The flare's stimulus integrates (S × texel area) to erythema_per_mm × length.
  double total = 0;
  for (size_t c = 0; c < h.deposits.size() / kSurfaceStride; ++c) total += h.deposits[kSurfaceStride * c].x * 0.25 * 0.4;
  double length_mm = (450 - scene.tissue.layers[0].thickness_um) / 1000.0;
  EXPECT_NEAR(total, scene.healing.erythema_per_mm * length_mm, 0.02 * total);
  // Only the flare's rectangle is touched: ±2σ (σ = flare radius / 2).
  int rx = int(std::ceil(scene.healing.flare_radius_mm * 1000 / 250.0));
  EXPECT_EQ(h.touched.x0, 100 - rx);
  EXPECT_EQ(h.touched.x1, 100 + rx + 1);
  EXPECT_EQ(h.pending.x0, h.touched.x0);
  advanceSurfaceCpu(h, 600);
  EXPECT_TRUE(h.pending.empty());
  HealingSummary summary = summarizeHealing(h, 600);
  EXPECT_GT(summary.erythemaMean, 0.0);  // over the reached columns, not the whole atlas
  EXPECT_EQ(summary.bleedingPoints, 1u);
}

TEST(Healing, APunctureGoesWhereTheSurfaceStateLives) {
  // On the block's columns the entry places it; on an atlas the UV and the chart's
  // stretch do, and a puncture on a seam (no stretch) leaves no mark.
  ns::scene::Scene scene = healingScene();
  HealingState block = createHealing(scene, ns::sim::gridFromDomain(scene.domain)), blockDirect = block;
  HealingPuncture p{0.0, {0.3, -0.2, 0.0}, 450, 200, false};
  depositPunctureOnSurface(block, p, glm::dvec2(-1.0), glm::dvec2(0.0));
  depositPuncture(blockDirect, p);
  EXPECT_EQ(block.deposits, blockDirect.deposits);
  HealingState atlas = createAtlasHealing(scene, 256, 128), atlasDirect = atlas;
  depositPunctureOnSurface(atlas, p, {0.25, 0.5}, {64.0, 51.2});
  depositPunctureAt(atlasDirect, p, {64.0, 64.0}, {250.0, 400.0});
  EXPECT_EQ(atlas.deposits, atlasDirect.deposits);
  HealingState seam = createAtlasHealing(scene, 256, 128);
  depositPunctureOnSurface(seam, p, {0.25, 0.5}, glm::dvec2(0.0));
  EXPECT_TRUE(seam.touched.empty());
}

TEST_F(GpuTest, AtlasHealingOnTheGpuMatchesTheTwin) {
  ns::scene::Scene scene = healingScene();
  DiffusionSolver solver;
  createDiffusionSolver(&ctx(), VK_NULL_HANDLE, scene, Backend::Gpu, {}, solver);
  HealingState gpuState = createAtlasHealing(scene, 512, 256), cpuState = createAtlasHealing(scene, 512, 256);
  HealingGpu gpu = createHealingGpu(ctx(), VK_NULL_HANDLE, gpuState, solver.channels, solver.gpu);
  // Batches in different places at different times: each record applies only its
  // own deposits (the alternating deposit buffers hold older ones elsewhere).
  struct Batch { glm::dvec2 at; double dt; };
  Batch batches[] = {{{40, 30}, 30}, {{300, 200}, 60}, {{42, 31}, 600}, {{0, 0}, 3600}, {{480, 10}, 86400}};
  double now = 0;
  for (const Batch& b : batches) {
    treatAtlas(gpuState, b.at, now, 12);
    treatAtlas(cpuState, b.at, now, 12);
    ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
      recordHealingStep(ctx(), cmd, gpu, gpuState, solver.channels, solver.gpu, b.dt);
    });
    advanceSurfaceCpu(cpuState, b.dt);
    now += b.dt;
  }
  // A step with no new deposits.
  ns::vk::submitAndWait(ctx(), [&](VkCommandBuffer cmd) {
    recordHealingStep(ctx(), cmd, gpu, gpuState, solver.channels, solver.gpu, 600);
  });
  advanceSurfaceCpu(cpuState, 600);
  readHealingSurface(ctx(), gpu, gpuState);
  size_t reached = 0;
  for (size_t i = 0; i < cpuState.surface.size(); ++i) {
    reached += cpuState.surface[i].x > 0 || cpuState.surface[i].y > 0;
    for (int c = 0; c < 4; ++c)
      ASSERT_NEAR(gpuState.surface[i][c], cpuState.surface[i][c], 1e-4f * std::max(1.0f, std::fabs(cpuState.surface[i][c])))
          << "value " << i << "." << c;
  }
  EXPECT_GT(reached, 500u);
  double swelling = 0;
  for (size_t i = 2; i < cpuState.surface.size(); i += kSurfaceStride) swelling += cpuState.surface[i].y;
  EXPECT_GT(swelling, 0.0) << "the oedema is stepped (and compared) too";
  destroyHealingGpu(ctx(), gpu);
  destroyDiffusionSolver(&ctx(), solver);
}

namespace {

// The middle column's oedema (W, O) of a state.
glm::vec4 middleOedema(const HealingState& h) {
  size_t c = size_t(h.shape.ny / 2) * h.shape.nx + h.shape.nx / 2;
  return h.surface[kSurfaceStride * c + 2];
}

// The middle column's O after each interval, stepping the twin in steps of at most an hour.
std::vector<double> oedemaCourse(HealingState& h, const std::vector<double>& times) {
  std::vector<double> out;
  double now = 0;
  for (double t : times) {
    while (now < t) {
      double dt = std::min(t - now, kHour);
      advanceSurfaceCpu(h, dt);
      now += dt;
    }
    out.push_back(middleOedema(h).y);
  }
  return out;
}

}  // namespace

// The oedema's time course against its analytic solution, O(t) = W₀ · (e^(−t/τ_res) −
// e^(−t/τ_rise)) / (1 − τ_rise/τ_res), and against the sources behind its defaults:
// it peaks in the first hours (oedema 3–6 h after, HK J Dermatol 2018), is gone (10 %
// of its peak) by ~48 h at a 0.5 mm dial (300 µm actual; Sasaki 2019's TEWL, the 48 h
// hydrogel bound) and by ~72 h at 1.5 mm (900 µm; "24–72 h" clinic reports), and a
// deeper pass swells more.
TEST(Healing, OedemaRisesOverHoursAndResolvesOverDaysDeeperSwellsMore) {
  ns::scene::Scene scene = healingScene();
  const ns::scene::Healing& p = scene.healing;
  auto [shallow, deep] = treatedPair(300, 900);
  advanceSurfaceCpu(shallow, 0.0);  // deposits taken: W₀ in place, O = 0
  advanceSurfaceCpu(deep, 0.0);
  double w0Shallow = middleOedema(shallow).x, w0Deep = middleOedema(deep).x;
  ASSERT_GT(w0Shallow, 0.0);
  EXPECT_GT(w0Deep, w0Shallow) << "a longer channel below the stratum corneum: more stimulus";
  EXPECT_EQ(middleOedema(shallow).y, 0.0f);
  std::vector<double> times;
  for (double t = 0.5 * kHour; t <= 6 * kDay; t += 0.5 * kHour) times.push_back(t);
  std::vector<double> a = oedemaCourse(shallow, times), b = oedemaCourse(deep, times);
  double depthShallow = 300.0;  // the column's deepest channel
  for (size_t i = 0; i < times.size(); ++i) {
    EXPECT_NEAR(a[i], w0Shallow * oedemaResponse(p, depthShallow, times[i]), 2e-4 * w0Shallow) << times[i];
    EXPECT_NEAR(b[i], w0Deep * oedemaResponse(p, 900.0, times[i]), 2e-4 * w0Deep) << times[i];
  }
  auto peakAt = [&](const std::vector<double>& o) { return size_t(std::max_element(o.begin(), o.end()) - o.begin()); };
  size_t pa = peakAt(a), pb = peakAt(b);
  EXPECT_GE(times[pa], 2 * kHour);
  EXPECT_LE(times[pa], 6 * kHour) << "peaks within the first hours";
  EXPECT_LE(times[pb], 6 * kHour);
  auto resolvedBy = [&](const std::vector<double>& o, size_t peak) {
    for (size_t i = peak; i < o.size(); ++i)
      if (o[i] < 0.1 * o[peak]) return times[i];
    return 1e30;
  };
  EXPECT_NEAR(resolvedBy(a, pa), 48 * kHour, 1 * kHour) << "0.5 mm dial: settled by ~2 days";
  EXPECT_NEAR(resolvedBy(b, pb), 72 * kHour, 1 * kHour) << "1.5 mm dial: settled by ~3 days";
  EXPECT_GT(b[pb], a[pa]) << "deeper needling swells more";
  EXPECT_LT(summarizeHealing(deep, 6 * kDay).oedemaMean, 0.02) << "six days on: no swelling left";
  // The summary: the mean and the most swollen column, on the assumed mm scale.
  auto [probe, unused] = treatedPair(900, 900);
  advanceSurfaceCpu(probe, 3 * kHour);
  HealingSummary at3h = summarizeHealing(probe, 3 * kHour);
  EXPECT_GT(at3h.oedemaMean, 0.0);
  EXPECT_GE(at3h.oedemaMax, at3h.oedemaMean);
  EXPECT_NEAR(at3h.swellingMaxMm, at3h.oedemaMax * p.swelling_full_mm, 1e-12);
  EXPECT_LT(at3h.swellingMaxMm, 1.0) << "a fraction of a millimetre";
}

// Elastic fibres lag collagen: no change in total elastin through month 3 (El-Domyati
// 2015; ASJ 2021), an increase by month 6 (Aust 2008).
TEST(Healing, ElastinLagsCollagenAndFollowsTheDermalDose) {
  ns::scene::Scene scene = healingScene();
  GridShape shape = gridFromDomain(scene.domain);
  auto at = [&](double depth, double age) {
    HealingState h = createHealing(scene, shape);
    treat(h, depth, 0.5);
    advanceSurfaceCpu(h, 1);
    return summarizeHealing(h, age);
  };
  EXPECT_GT(at(600, 56 * kDay).collagenIndex, 0.0);
  EXPECT_EQ(at(600, 56 * kDay).elastinIndex, 0.0) << "week 8: collagen forming, elastic fibres not yet";
  EXPECT_EQ(at(600, 90 * kDay).elastinIndex, 0.0) << "flat through month 3";
  double sixMonths = at(600, 181 * kDay).elastinIndex;
  EXPECT_GT(sixMonths, 0.0);
  EXPECT_GT(sixMonths, at(600, 120 * kDay).elastinIndex);
  EXPECT_GT(sixMonths, at(300, 181 * kDay).elastinIndex) << "deeper needling builds more";
  EXPECT_NEAR(elastinPhase(scene.healing, 135 * kDay), 0.5, 1e-9) << "halfway between month 3 and month 6";
}

// A four-session course (28 days apart) gives each session again and builds more
// than one session by the same time; each entry's indices are measured just before
// the next session.
TEST(Healing, ACourseGivesTheSessionAgainAndAccumulates) {
  ns::scene::Scene scene = healingScene();
  GridShape shape = gridFromDomain(scene.domain);
  HealingState single = createHealing(scene, shape);
  scene.course = {4, 28};
  HealingState course = createHealing(scene, shape);
  treat(single, 600, 0.5);
  treat(course, 600, 0.5);
  advanceSurfaceCpu(single, 1);
  advanceSurfaceCpu(course, 1);
  EXPECT_EQ(nextSessionDue_s(single), -1.0) << "no course: nothing to give";
  double now = 1;
  while (nextSessionDue_s(course) >= 0) {
    double due = nextSessionDue_s(course);
    advanceSurfaceCpu(course, due - now);
    now = due;
    unsigned long long before = course.punctures;
    giveNextSession(course);
    EXPECT_EQ(course.punctures - before, single.punctures) << "the first session's punctures again";
    advanceSurfaceCpu(course, 1);
    now += 1;
  }
  EXPECT_EQ(sessionsGiven(course), 4);
  EXPECT_TRUE(course.firstSession.empty()) << "nothing kept once every session is given";
  EXPECT_NEAR(now, 84 * kDay + 1, 1.0);
  double end = 84 * kDay + 180 * kDay;
  HealingSummary one = summarizeHealing(single, end), four = summarizeHealing(course, end);
  EXPECT_GT(four.collagenIndex, 3.0 * one.collagenIndex) << "four sessions build more than one";
  EXPECT_GT(four.elastinIndex, 3.0 * one.elastinIndex);
  EXPECT_EQ(four.overTreatedFraction, one.overTreatedFraction) << "judged per session, not summed over the course";
  std::vector<CourseEntry> entries = courseSummary(course, end);
  ASSERT_EQ(entries.size(), 4u);
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(entries[k].session, k + 1);
    EXPECT_NEAR(entries[k].at_s, k * 28 * kDay, 1e-6);
    if (k > 0) {
      EXPECT_GT(entries[k].collagenIndex, entries[k - 1].collagenIndex);
    }
  }
  EXPECT_NEAR(entries[0].measured_at_s, 28 * kDay, 1e-6);
  EXPECT_EQ(entries[3].measured_at_s, end);
  EXPECT_NEAR(entries[3].collagenIndex, four.collagenIndex, 1e-12);
  EXPECT_TRUE(courseSummary(single, end).empty());
}

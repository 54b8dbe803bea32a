// The C++ twin against analytic solutions. Tolerances come from the grid: each
// comment gives the expected size of the discretisation error.
#include <gtest/gtest.h>

#include <cstdio>

#include "analytic_cases.h"
#include "sim_test_util.h"

using namespace ns::test;

namespace {
const Stepper kExplicit = runExplicit;
const Stepper kLod = runLod;
}  // namespace

TEST(AnalyticTwin, SemiInfiniteErfcProfile) {
  double explicitError = erfcCaseError(kExplicit, 1.0);
  double lodError = erfcCaseError(kLod, 12.0);
  std::printf("erfc: max |C - erfc| explicit %.2e, lod(12x) %.2e\n", explicitError, lodError);
  // h = 5 µm against a diffusion length of 141 µm: O((h/ℓ)²) ≈ 1e-3 in space.
  EXPECT_LT(explicitError, 2e-3);
  // LOD steps of 12× the explicit limit (≈ 10 s at t = 500 s): first order in time.
  EXPECT_LT(lodError, 1.5e-2);
}

TEST(AnalyticTwin, GaussianPointSource) {
  // At half the positivity limit (the solver's explicit step) every Fourier mode of
  // the point source decays monotonically; at the limit itself the checkerboard
  // mode would survive as (−0.96)^n and spoil the centre value.
  PointSourceErrors e = pointSourceCaseErrors(kExplicit, 0.5);
  // The discrete operator grows the second moment by exactly 2D per axis per unit
  // time, and forward Euler integrates that linear growth exactly: float rounding only.
  std::printf("point source: second moment rel. error %.2e, centre rel. error %.2e\n", e.secondMoment, e.centre);
  EXPECT_LT(e.secondMoment, 1e-4);
  // Centre value: σ = 4 cells, so the lattice kernel differs from the Gaussian by
  // O(h²/σ²) ≈ 2-3 %.
  EXPECT_LT(e.centre, 0.04);
}

TEST(AnalyticTwin, MembraneLagTime) {
  // 50 cells across the membrane: the lag time to within 1 %.
  double error = lagTimeCaseError(kExplicit);
  std::printf("lag time: rel. error %.2e\n", error);
  EXPECT_LT(error, 0.01);
}

TEST(AnalyticTwin, SteadyFluxThroughLayeredSlab) {
  // Harmonic face means with interfaces on faces make the steady state exact:
  // the error is float rounding. LOD reaches it in large steps.
  double error = layeredSlabFluxError(kLod, 1e5, 40);
  std::printf("layered slab steady flux: rel. error %.2e\n", error);
  EXPECT_LT(error, 1e-4);
}

TEST(AnalyticTwin, SlowestModeDecay) {
  // Discrete eigenvalue differs from π²D/L² by (πh/2L)²/3 ≈ 1e-4; forward Euler
  // adds λ·dt/2 ≈ 2e-4 per e-fold.
  double explicitError = slowestModeError(kExplicit, 1.0), lodError = slowestModeError(kLod, 30.0);
  std::printf("slowest mode: rel. amplitude error explicit %.2e, lod(30x) %.2e\n", explicitError, lodError);
  EXPECT_LT(explicitError, 1e-3);
  // Backward Euler at 30× the explicit step: λ·dt/2 ≈ 0.5 %.
  EXPECT_LT(lodError, 1e-2);
}

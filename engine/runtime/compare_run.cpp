// --compare KEY=A,B run: in a window one run split in two (split_compare.h), headless
// two runs one after the other, their reports and screenshots put side by side.
#include <algorithm>
#include <cstdio>

#include "runtime/compare.h"
#include "runtime/live_run.h"
#include "runtime/modes.h"
#include "runtime/report.h"
#include "runtime/split_compare.h"

namespace ns::runtime {
namespace {

int writeCompareReport(const Options& options, const CompareSpec& spec, const scene::Scene& scene,
                       const nlohmann::json& shownValues, HalfResult (&halves)[2]);

// A half's options: a demonstration, not a trainee's session — no records, no start
// dialog, no recording, no ghost; the dial is the scene's when the dial is compared.
Options demonstration(const Options& options, const CompareSpec& spec, const std::string& label) {
  Options o = options;
  o.recordFile.clear();
  o.outboxDir.clear();
  o.trainee.clear();
  o.dataDir.clear();
  o.lrsUrl.clear();
  o.ghostFile.clear();
  o.guest = true;
  o.dialFromScene = spec.key == "pen.depth_mm";
  o.compareLabel = label;
  return o;
}

// The two halves side by side, A on the left.
core::ImageRGBA8 sideBySide(const core::ImageRGBA8& a, const core::ImageRGBA8& b) {
  core::ImageRGBA8 out;
  out.width = a.width + b.width;
  out.height = std::max(a.height, b.height);
  out.pixels.assign(size_t(out.width) * out.height * 4, 0);
  for (uint32_t y = 0; y < out.height; ++y) {
    if (y < a.height) std::copy_n(&a.pixels[size_t(y) * a.width * 4], a.width * 4, &out.pixels[size_t(y) * out.width * 4]);
    if (y < b.height)
      std::copy_n(&b.pixels[size_t(y) * b.width * 4], b.width * 4, &out.pixels[(size_t(y) * out.width + a.width) * 4]);
  }
  return out;
}

}  // namespace

// --compare KEY=A,B: each half its own run of the scene with the key set, the same
// pen input, to the same simulated time; the report holds both (compare.a.*,
// compare.b.*), a screenshot shows them side by side, each half the width.
int runCompare(const Options& options) {
  CompareSpec spec;
  std::string expected, error;
  if (!parseCompareSpec(options.compare, spec, expected))
    return badInput("--compare: expected " + expected + ", got '" + options.compare + "'");
  if (!options.lessonFile.empty()) return badInput("--compare: cannot run with --lesson");
  scene::Scene scenes[2];
  const nlohmann::json* values[2] = {&spec.a, &spec.b};
  for (int i = 0; i < 2; ++i)  // both checked before either runs
    if (!loadComparedScene(options.sceneFile, spec.key, *values[i], scenes[i], error)) return badInput(error);
  auto label = [&](int i) { return std::string(i == 0 ? "A" : "B") + ": " + spec.key + " = " + (i == 0 ? spec.aText : spec.bText); };
  nlohmann::json shownValues = {spec.a.is_discarded() ? nlohmann::json(kSceneValue) : spec.a,
                                spec.b.is_discarded() ? nlohmann::json(kSceneValue) : spec.b};
  if (!options.headless) {  // the window split in two, both halves in step (runtime/split_compare.h)
    Options a = demonstration(options, spec, label(0));
    SplitCompare split;
    split.scene = scenes[1];
    split.key = spec.key;
    split.labelA = label(0);
    split.labelB = label(1);
    split.values = shownValues;
    split.dialFromScene = a.dialFromScene;
    RunInputs inputs;
    if (!makeFeatures(a, inputs.features, error)) return badInput(error);
    inputs.features.push_back(makeSplitFeature(std::move(split)));
    return runScene(a, scenes[0], std::move(inputs));
  }
  HalfResult halves[2];
  int code = kExitOk;
  for (int i = 0; i < 2 && !g_stopRequested; ++i) {
    Options half = demonstration(options, spec, label(i));
    half.reportFile.clear();
    half.width = std::max(64, options.width / 2);
    RunInputs inputs;
    if (!makeFeatures(half, inputs.features, error)) return badInput(error);
    inputs.features.push_back(makeCompareHalfFeature(label(i)));
    int halfCode = runScene(half, scenes[i], std::move(inputs), &halves[i]);
    if (halfCode == kExitBadInput) return halfCode;
    code = std::max(code, halfCode);
  }
  if (!options.screenshotFile.empty()) {
    if (core::writePng(options.screenshotFile, sideBySide(halves[0].image, halves[1].image), error)) {
      std::fprintf(stderr, "needlesim: screenshot written to %s (A left, B right)\n", options.screenshotFile.c_str());
    } else {
      std::fprintf(stderr, "needlesim: --screenshot: %s\n", error.c_str());
      code = kExitRuntime;
    }
  }
  return std::max(code, writeCompareReport(options, spec, scenes[0], shownValues, halves));
}

namespace {

// Both halves' reports in one (compare.a.*, compare.b.*), validation added up.
int writeCompareReport(const Options& options, const CompareSpec& spec, const scene::Scene& scene,
                       const nlohmann::json& shownValues, HalfResult (&halves)[2]) {
  std::string error;
  auto count = [&](const char* key) {
    return halves[0].report["validation"].value(key, 0u) + halves[1].report["validation"].value(key, 0u);
  };
  nlohmann::json report = {
      {"version", NEEDLESIM_VERSION}, {"mode", options.mode}, {"headless", options.headless},
      {"scene", {{"path", scene.path}, {"name", scene.name}}},
      {"validation", {{"enabled", halves[0].report["validation"].value("enabled", false)},
                      {"errors", count("errors")}, {"warnings", count("warnings")}}},
      {"compare", {{"key", spec.key}, {"values", shownValues}, {"a", halves[0].report}, {"b", halves[1].report}}}};
  if (options.reportFile.empty()) return kExitOk;
  if (!writeReport(options.reportFile, report, error)) {
    std::fprintf(stderr, "needlesim: --report: %s\n", error.c_str());
    return kExitRuntime;
  }
  std::fprintf(stderr, "needlesim: report written to %s\n", options.reportFile.c_str());
  return kExitOk;
}

}  // namespace


}  // namespace ns::runtime

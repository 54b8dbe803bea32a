#include "runtime/report.h"

#include "core/files.h"
#include "core/stats.h"

namespace ns::runtime {

nlohmann::json buildReport(const RunSummary& s) {
  nlohmann::json report;
  report["version"] = s.version;
  report["scene"] = {{"path", s.scenePath}, {"name", s.sceneName}};
  report["mode"] = s.mode;
  report["headless"] = s.headless;
  report["resolution"] = {s.width, s.height};
  report["validation"] = {{"enabled", s.validationEnabled},
                          {"errors", s.validationErrors},
                          {"warnings", s.validationWarnings}};
  report["device"] = {{"name", s.deviceName}, {"type", s.deviceType}};
  report["frames"] = s.frames;
  report["frames_rendered"] = s.framesRendered;
  auto percentiles = [](const std::vector<double>& v) {
    return nlohmann::json{{"p50", core::percentile(v, 50)}, {"p95", core::percentile(v, 95)}, {"p99", core::percentile(v, 99)}};
  };
  auto seriesPercentiles = [](const core::TimeSeries& v) {
    return nlohmann::json{{"p50", core::seriesPercentile(v, 50)}, {"p95", core::seriesPercentile(v, 95)},
                          {"p99", core::seriesPercentile(v, 99)}};
  };
  report["frame_ms"] = seriesPercentiles(s.frameMs);
  // A long run's first and last minute of frames (at 60 per second) side by side:
  // a per-frame cost that grew with the session shows as a ratio.
  constexpr size_t kMinute = 3600;
  static_assert(kMinute <= core::TimeSeries::kKept);
  if (s.frameMs.count >= 2 * kMinute) {
    report["frame_ms"]["first_minute"] = percentiles(core::firstValues(s.frameMs, kMinute));
    report["frame_ms"]["last_minute"] = percentiles(core::lastValues(s.frameMs, kMinute));
  }
  report["gpu_ms"] = {{"simulation", seriesPercentiles(s.gpuComputeMs)}, {"render", seriesPercentiles(s.gpuRenderMs)},
                      {"frames_timed", s.gpuRenderMs.count}};
  if (!s.screenshot.empty()) report["screenshot"] = s.screenshot;
  if (!s.simulation.is_null()) report["sim"] = s.simulation;
  if (!s.pen.is_null()) report["pen"] = s.pen;
  if (!s.channels.is_null()) report["channels"] = s.channels;
  if (!s.healing.is_null()) report["healing"] = s.healing;
  if (!s.technique.is_null()) report["technique"] = s.technique;
  if (!s.records.is_null()) report["records"] = s.records;
  if (!s.ui.is_null()) report["ui"] = s.ui;
  if (!s.surface.is_null()) report["surface"] = s.surface;
  return report;
}

bool writeReport(const std::string& path, const nlohmann::json& report, std::string& error) {
  return core::writeTextAtomic(path, report.dump(2) + "\n", error);
}

}  // namespace ns::runtime

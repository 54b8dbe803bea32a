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
  // Exec to the first frame finished (RunStats); null when no frame was rendered.
  if (s.startup_s >= 0) report["startup_s"] = {{"first_frame", s.startup_s}, {"cpu", s.startupCpu_s}};
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
  // Pass by pass (a frame that did not draw a pass counts 0 for it): the passes'
  // p50s add up to about the render's (simulation and present aside).
  nlohmann::json passes = nlohmann::json::object();
  for (const auto& [name, series] : s.gpuPassMs)
    passes[name] = {{"p50", core::seriesPercentile(series, 50)}, {"p95", core::seriesPercentile(series, 95)}};
  report["gpu_ms"]["passes"] = passes;
  if (!s.render.is_null()) report["render"] = s.render;
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

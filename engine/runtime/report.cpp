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
  report["frame_ms"] = {{"p50", core::percentile(s.frameMs, 50)},
                        {"p95", core::percentile(s.frameMs, 95)},
                        {"p99", core::percentile(s.frameMs, 99)}};
  auto percentiles = [](const std::vector<double>& v) {
    return nlohmann::json{{"p50", core::percentile(v, 50)}, {"p95", core::percentile(v, 95)}, {"p99", core::percentile(v, 99)}};
  };
  report["gpu_ms"] = {{"simulation", percentiles(s.gpuComputeMs)}, {"render", percentiles(s.gpuRenderMs)},
                      {"frames_timed", s.gpuRenderMs.size()}};
  if (!s.screenshot.empty()) report["screenshot"] = s.screenshot;
  if (!s.simulation.is_null()) report["sim"] = s.simulation;
  if (!s.pen.is_null()) report["pen"] = s.pen;
  if (!s.channels.is_null()) report["channels"] = s.channels;
  if (!s.healing.is_null()) report["healing"] = s.healing;
  if (!s.technique.is_null()) report["technique"] = s.technique;
  if (!s.records.is_null()) report["records"] = s.records;
  return report;
}

bool writeReport(const std::string& path, const nlohmann::json& report, std::string& error) {
  return core::writeTextAtomic(path, report.dump(2) + "\n", error);
}

}  // namespace ns::runtime

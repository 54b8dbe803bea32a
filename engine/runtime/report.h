#pragma once
// The run report (contract keys in ../shared/product.md). Built as JSON and written
// atomically, so a tool polling for the file never reads half of it.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/stats.h"

namespace ns::runtime {

struct RunSummary {
  std::string version;
  std::string scenePath;
  std::string sceneName;
  std::string mode;
  bool headless = false;
  unsigned width = 0, height = 0;
  std::string deviceName;
  std::string deviceType;
  unsigned validationErrors = 0;
  unsigned validationWarnings = 0;
  bool validationEnabled = false;
  unsigned long long frames = 0;          // stepped
  unsigned long long framesRendered = 0;  // of those, drawn (headless runs draw only what is seen)
  core::TimeSeries frameMs;
  double startup_s = -1, startupCpu_s = -1;  // RunStats
  core::TimeSeries gpuComputeMs, gpuRenderMs;  // per pass, from timestamps
  std::vector<std::pair<std::string, core::TimeSeries>> gpuPassMs;  // gpu_ms.passes.<name>, in frame order
  nlohmann::json render;      // render.* (the 3D view's scale: runtime/gpu_host.h)
  std::string screenshot;
  nlohmann::json simulation;  // sim.* (runtime/simulation.h)
  nlohmann::json pen;         // pen.* (runtime/pen_session.h)
  nlohmann::json channels;    // channels.*
  nlohmann::json healing;     // healing.*
  nlohmann::json technique;   // technique.*
  nlohmann::json records;     // records.*
  nlohmann::json lesson;      // lesson.* (--lesson: for the records; the lesson feature reports it)
  nlohmann::json ui;          // ui.*
  nlohmann::json surface;     // surface.* (a mesh's: its file, size and regions) (scale, layout: the panels' rectangles and the view's share)
};

nlohmann::json buildReport(const RunSummary& summary);
bool writeReport(const std::string& path, const nlohmann::json& report, std::string& error);

}  // namespace ns::runtime

// The window's keyboard shortcuts and the educator's pin clicks (see run.h).
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "core/files.h"
#include "runtime/run.h"

namespace ns::runtime {
namespace {

constexpr double kNotice_s = 6.0;

// F12: the current frame as needlesim-YYYYMMDD-HHMMSS.png in the output folder,
// said on screen and on stderr.
void saveKeyScreenshot(Run& run) {
  std::string error, folder = outputFolder(run.options, error);
  if (folder.empty()) {
    showNotice(run, "screenshot failed: " + error);
    return;
  }
  std::time_t now = std::time(nullptr);
  char name[64];
  std::strftime(name, sizeof(name), "needlesim-%Y%m%d-%H%M%S.png", std::localtime(&now));
  std::string path = (std::filesystem::path(folder) / name).string();
  if (core::writePng(path, captureFrame(run.host), error))
    showNotice(run, "screenshot written to " + path);
  else
    showNotice(run, "screenshot failed: " + error);
}

}  // namespace

std::string outputFolder(const Options& options, std::string& error) {
  std::string folder = options.outboxDir.empty() ? "screenshots" : options.outboxDir;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec || !std::filesystem::is_directory(folder)) {
    error = folder + ": cannot create the folder (" + ec.message() + ")";
    return "";
  }
  return std::filesystem::absolute(folder, ec).lexically_normal().string();
}

void showNotice(Run& run, const std::string& text) {
  std::fprintf(stderr, "needlesim: %s\n", text.c_str());
  run.notice = text;
  run.noticeUntil_s = run.stats.clock_s + kNotice_s;
}

void handleShortcuts(Run& run) {
  CameraControls& keys = run.cameraControls;
  bool visitorProof = screenOwned(run);  // a kiosk: nothing a visitor can break, no quit, no hiding, no files
  // Esc asks; then Enter quits and Esc stays (both may come within one slow frame).
  if (!run.quitAsked && !visitorProof && takeKeyPress(keys, GLFW_KEY_ESCAPE)) run.quitAsked = true;
  if (run.quitAsked) {
    if (takeKeyPress(keys, GLFW_KEY_ENTER) || takeKeyPress(keys, GLFW_KEY_KP_ENTER)) run.quitNow = true;
    if (takeKeyPress(keys, GLFW_KEY_ESCAPE)) run.quitAsked = false;
  }
  keys.dialogKeys = run.quitAsked;
  if (run.quitAsked) return;
  if (!visitorProof && takeKeyPress(keys, GLFW_KEY_TAB)) run.view.panelsHidden = !run.view.panelsHidden;
  if (!visitorProof && takeKeyPress(keys, GLFW_KEY_F12)) saveKeyScreenshot(run);  // a visitor writes no files
  if (!visitorProof && takeKeyPress(keys, GLFW_KEY_H)) run.helpShown = !run.helpShown;
  if (!visitorProof && takeKeyPress(keys, GLFW_KEY_F3)) run.frameStatsShown = !run.frameStatsShown;
  forEachFeature(run, [&](Feature& f) { f.keys(run, run.keyRequests); });  // a presenter's keys, a kiosk's chord
}

}  // namespace ns::runtime

#pragma once
// The needlesim command line (contract: ../shared/product.md). Parsing never exits
// the process: it returns false with one line naming the flag and what it expects.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns::runtime {

struct Options {
  std::string sceneFile;                 // empty: built-in default scene
  std::string mode = "trainee";          // trainee | educator | kiosk
  bool headless = false;
  std::optional<long long> frames;
  std::optional<double> simSeconds;
  std::optional<double> timeScale;
  std::string simBackend = "gpu";        // gpu | cpu
  std::string replayFile;
  std::string recordFile;
  std::optional<int> oscPort;
  std::string oscBind = "127.0.0.1";  // --osc-port ADDR:P listens elsewhere
  // --camera: a real pen tracked by a camera (runtime/camera_pen.h)
  std::string cameraSource;
  std::optional<double> cameraFps;
  std::string cameraCalib, penRig, padRig;
  std::string padRegion;                 // --pad-region NAME: the face region the camera's pad lies on
  bool cameraLive = false;               // --camera-live: a file played at its own pace, as a camera gives frames
  std::string calibrateCamera;           // --calibrate-camera OUT.json (runtime/camera_calibration.h)
  std::string calibrateTip;              // --calibrate-tip OUT.json (runtime/camera_calibration.h)
  std::string boardRig;                  // --board-rig FILE (default assets/rigs/board.json)
  // Filled from the camera's remembered calibrations (runtime/remembered_calibration.h),
  // not by a flag: which device it is, and whether cameraCalib / penRig came from there.
  std::string cameraIdentity;
  bool calibRemembered = false, penRigRemembered = false;
  std::string meshFile;
  std::string screenshotFile;
  std::string reportFile;
  bool validate = false;
  std::string lessonFile;
  std::string outboxDir;
  std::string trainee;                   // --trainee: the records' actor
  bool guest = false;                    // --guest: no start dialog, no name (extension)
  std::string dataDir;                   // --data-dir: the records database
  std::string lrsUrl;                    // --lrs: an xAPI base (overrides the config file's)
  std::string kioskConfig;               // --kiosk-config FILE (kiosk/kiosk_config.h)
  bool classView = false;                // --class: the educator's class view (issue 35)
  std::string classId;                   // --class-id ID (overrides the config's class_id)
  std::string classExport;               // --class-export FILE.csv
  // Extensions beyond the contract.
  int width = 1280;
  int height = 720;
  std::string device;                    // name substring or index (see vk::ContextOptions)
  bool noUi = false;                     // hide the overlay (golden images)
  std::optional<float> uiScale;          // 1..2.5 (default: the monitor's content scale)
  std::optional<float> renderScale;      // --render-scale: the 3D view pinned at 0.25..1 (default: dynamic)
  bool frameStats = false;               // --frame-stats: the frame panel (F3) open from the start
  std::vector<std::string> pins;         // --pin X,Y,Z=LABEL (educator annotations, repeatable)
  std::string compare;                   // --compare KEY=A,B (runtime/compare.h)
  std::string ghostFile;                 // --ghost FILE: a second recording drawn as a ghost pen
  std::vector<std::pair<double, double>> seeks;  // --seek [AT:]T: a review goes to T once played to AT (runtime/review.h)
  bool dialFromScene = false;            // a replay's dial is the scene's pen.depth_mm (compare of the dial)
  std::string compareLabel;              // a half of --compare: "A: pen.depth_mm = 0.5" (panels give way to it)
  bool vsync = true;
  bool help = false;
  bool version = false;
};

bool parseOptions(int argc, const char* const* argv, Options& options, std::string& error);
std::string usageText();

}  // namespace ns::runtime

#pragma once
// The needlesim command line (contract: ../shared/product.md). Parsing never exits
// the process: it returns false with one line naming the flag and what it expects.
#include <optional>
#include <string>

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
  std::string meshFile;
  std::string screenshotFile;
  std::string reportFile;
  bool validate = false;
  std::string lessonFile;
  std::string outboxDir;
  std::string trainee;                   // --trainee: the records' actor
  std::string dataDir;                   // --data-dir: the records database
  std::string lrsUrl;                    // --lrs: an xAPI base (overrides the config file's)
  // Extensions beyond the contract.
  int width = 1280;
  int height = 720;
  std::string device;                    // name substring or index (see vk::ContextOptions)
  bool noUi = false;                     // hide the overlay (golden images)
  bool vsync = true;
  bool help = false;
  bool version = false;
};

bool parseOptions(int argc, const char* const* argv, Options& options, std::string& error);
std::string usageText();

}  // namespace ns::runtime

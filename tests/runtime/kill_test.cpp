// Outputs appear whole or not at all, also under kill -9: runs are killed at
// pseudo-random moments (a fixed seed), before, during and after they write their
// report, screenshot and outbox records; every file that carries its final name
// must then parse completely.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "core/image.h"
#include "support/cli_support.h"

namespace fs = std::filesystem;

namespace {

// Starts needlesim with `args` (stderr to a file), kills it with SIGKILL after
// `delay`; true when it was still running at that moment.
bool runAndKill(const std::vector<std::string>& args, std::chrono::microseconds delay, const fs::path& errFile) {
  pid_t child = ::fork();
  if (child == 0) {
    FILE* err = std::freopen(errFile.c_str(), "w", stderr);
    (void)err;
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(NS_NEEDLESIM_BINARY));
    for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(NS_NEEDLESIM_BINARY, argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  bool running = ::kill(child, SIGKILL) == 0;
  int status = 0;
  ::waitpid(child, &status, 0);
  return running && WIFSIGNALED(status);
}

// Every file in `dir` (recursively) under its final name parses completely.
void expectWholeFiles(const fs::path& dir, int& whole) {
  for (auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name.find(".tmp.") != std::string::npos || name.ends_with(".part") || name == "stderr.txt") continue;
    if (name.ends_with(".json")) {
      std::string text, error;
      ASSERT_TRUE(ns::core::readText(entry.path().string(), text, error)) << error;
      EXPECT_TRUE(nlohmann::json::accept(text)) << entry.path() << " is cut off (" << text.size() << " bytes)";
      whole++;
    } else if (name.ends_with(".png")) {
      ns::core::ImageRGBA8 image;
      std::string error;
      EXPECT_TRUE(ns::core::readPng(entry.path().string(), image, error)) << entry.path() << ": " << error;
      whole++;
    }
  }
}

}  // namespace

TEST(KillNine, OutputsAreWholeOrAbsentAtAnyMoment) {
  std::mt19937 rng(17);
  // One undisturbed run first: how long a run takes here sets where kills land.
  fs::path dir = ns::test::scratchDir("kill", "reference");
  auto argsFor = [](const fs::path& d) {
    fs::create_directories(d / "outbox");
    return std::vector<std::string>{"--headless", "--frames", "4", "--width", "320", "--height", "200",
                                    "--sim-seconds", "120", "--report", (d / "report.json").string(),
                                    "--screenshot", (d / "shot.png").string(), "--outbox", (d / "outbox").string()};
  };
  std::string command = std::string("'") + NS_NEEDLESIM_BINARY + "'";
  for (auto& a : argsFor(dir)) command += " '" + a + "'";
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(ns::test::runShell(command + " 2> '" + (dir / "stderr.txt").string() + "'"), 0);
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  int reference = 0;
  expectWholeFiles(dir, reference);
  ASSERT_GE(reference, 3) << "report, screenshot and the outbox records";

  int killed = 0, whole = 0;
  // Half anywhere in the run, half around its end, where the files are written.
  std::uniform_real_distribution<double> anywhere(0.1, 0.95), nearTheEnd(0.85, 1.05);
  for (int i = 0; i < 12; ++i) {
    fs::path d = ns::test::scratchDir("kill", "run" + std::to_string(i));
    double moment = i % 2 ? nearTheEnd(rng) : anywhere(rng);
    auto delay = std::chrono::microseconds(long(moment * double(full.count())));
    killed += runAndKill(argsFor(d), delay, d / "stderr.txt");
    expectWholeFiles(d, whole);
  }
  EXPECT_GE(killed, 1) << "some runs were killed, not finished";
  std::printf("kill -9: %d of 12 runs killed mid-run, %d whole files found, none cut off\n", killed, whole);
}

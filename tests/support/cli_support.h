#pragma once
// Helpers for tests that run the needlesim binary as a user or a script would.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include <gtest/gtest.h>

#include "core/files.h"

namespace ns::test {

// A fresh, empty folder build/test-output/<group>/<name> for one test's files.
inline std::filesystem::path scratchDir(const std::string& group, const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(NS_BINARY_DIR) / "test-output" / group / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs a shell command; returns its exit status (-1 when it did not exit normally).
inline int runShell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#ifdef NS_NEEDLESIM_BINARY
// The binary under test, quoted for a shell command line.
inline std::string binary() { return std::string("'") + NS_NEEDLESIM_BINARY + "'"; }
#endif

// Writes a test's input file (atomically, as the program's own files are written).
inline void write(const std::filesystem::path& path, const std::string& text) {
  std::string error;
  ASSERT_TRUE(core::writeTextAtomic(path.string(), text, error)) << error;
}

inline nlohmann::json readJsonFile(const std::filesystem::path& path) {
  std::string text, error;
  if (!core::readText(path.string(), text, error)) return nlohmann::json();
  return nlohmann::json::parse(text);
}

}  // namespace ns::test

#pragma once
#include <filesystem>
#include <string>

#include "records/xapi.h"

namespace ns::test {

inline std::filesystem::path recordsScratch(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(NS_BINARY_DIR) / "test-output" / "records" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A free session's statements (attempted, completed) for trainee `who`.
inline std::vector<nlohmann::json> someStatements(const std::string& who, double score = 60) {
  records::SessionFacts f;
  f.trainee = who;
  f.registration = records::newUuid();
  f.sceneName = "default";
  f.mode = "trainee";
  f.version = "test";
  f.started = records::Clock::now();
  f.duration_s = 30;
  f.score = score;
  return records::sessionStatements(f, records::Site{});
}

}  // namespace ns::test

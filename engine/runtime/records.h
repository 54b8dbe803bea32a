#pragma once
// Session records for learning-management systems: with --outbox DIR, each run
// leaves a session record (what the report says about the pen, the technique and
// the healing) and one xAPI statement ("completed", with the technique score), each
// written atomically. The report's records.* says where and how many.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns::runtime {

struct RecordsResult {
  std::string outbox;
  unsigned statements = 0;
  std::vector<std::string> files;
  std::string error;  // empty when everything was written
};

// `session` holds the report sections (scene, pen, channels, healing, technique, sim time).
RecordsResult writeSessionRecords(const std::string& outbox, const nlohmann::json& session, double score,
                                  double duration_s, const std::string& sceneName, const std::string& mode);

// An xAPI 1.0.3 statement for a completed session (pure: tests check its shape).
nlohmann::json xapiStatement(double score, double duration_s, const std::string& sceneName, const std::string& mode,
                             const std::string& timestamp);

}  // namespace ns::runtime

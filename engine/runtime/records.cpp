#include "runtime/records.h"

#include <cmath>
#include <ctime>

#include "core/files.h"

namespace ns::runtime {

nlohmann::json xapiStatement(double score, double duration_s, const std::string& sceneName, const std::string& mode,
                             const std::string& timestamp) {
  char duration[32];
  std::snprintf(duration, sizeof(duration), "PT%.1fS", std::max(0.0, duration_s));
  return {{"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "urn:needlesim"}, {"name", mode}}}}},
          {"verb", {{"id", "http://adlnet.gov/expapi/verbs/completed"}, {"display", {{"en-US", "completed"}}}}},
          {"object",
           {{"objectType", "Activity"},
            {"id", "urn:needlesim:scene:" + sceneName},
            {"definition", {{"name", {{"en-US", sceneName}}}, {"type", "http://adlnet.gov/expapi/activities/simulation"}}}}},
          {"result",
           {{"score", {{"scaled", std::clamp(score / 100.0, 0.0, 1.0)}, {"raw", score}, {"min", 0}, {"max", 100}}},
            {"completion", true},
            {"duration", duration}}},
          {"timestamp", timestamp}};
}

RecordsResult writeSessionRecords(const std::string& outbox, const nlohmann::json& session, double score,
                                  double duration_s, const std::string& sceneName, const std::string& mode) {
  RecordsResult result;
  result.outbox = outbox;
  if (outbox.empty()) return result;
  std::time_t now = std::time(nullptr);
  char stamp[32], iso[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", std::gmtime(&now));
  std::strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::string base = outbox + "/needlesim-session-" + stamp;
  std::string error;
  if (!core::writeTextAtomic(base + ".json", session.dump(2) + "\n", error)) {
    result.error = error;
    return result;
  }
  result.files.push_back(base + ".json");
  nlohmann::json statement = xapiStatement(score, duration_s, sceneName, mode, iso);
  if (!core::writeTextAtomic(base + ".xapi.json", statement.dump(2) + "\n", error)) {
    result.error = error;
    return result;
  }
  result.files.push_back(base + ".xapi.json");
  result.statements = 1;
  return result;
}

}  // namespace ns::runtime

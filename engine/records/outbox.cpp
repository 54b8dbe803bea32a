#include "records/outbox.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "core/files.h"
#include "core/json_limits.h"
#include "core/private_files.h"
#include "records/xapi.h"

namespace ns::records {
namespace fs = std::filesystem;
namespace {

const std::string kSuffix = ".xapi.json";

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// core::writeFileAtomic's temporary files end in ".tmp.<pid>": one whose writer is
// gone (killed mid-write) is litter, never a statement.
bool isOrphanTemp(const std::string& name) {
  size_t at = name.rfind(".tmp.");
  if (at == std::string::npos) return false;
  std::string pid = name.substr(at + 5);
  if (pid.empty() || !std::all_of(pid.begin(), pid.end(), ::isdigit)) return false;
  return ::kill(pid_t(std::stol(pid)), 0) != 0 && errno == ESRCH;
}

std::string idFromName(const std::string& name) {
  // <stamp>-<36-char uuid>.xapi.json
  if (name.size() < kSuffix.size() + 36) return "";
  return name.substr(name.size() - kSuffix.size() - 36, 36);
}

}  // namespace

bool writeStatement(const std::string& outbox, const nlohmann::json& statement, std::string& path, std::string& error) {
  std::string id = statement.value("id", "");
  if (!isUuid(id)) {
    error = "statement without a UUID id";
    return false;
  }
  std::string stamp = isoTimestamp(Clock::now());
  stamp.erase(std::remove_if(stamp.begin(), stamp.end(), [](char c) { return c == '-' || c == ':' || c == '.'; }),
              stamp.end());  // 20240501T093000125Z: sorts by time
  path = (fs::path(outbox) / (stamp + "-" + id + kSuffix)).string();
  return core::writePrivateTextAtomic(path, statement.dump() + "\n", error);  // 0600: a trainee's record
}

bool quarantine(const std::string& path, const std::string& why, std::string& error) {
  fs::path from(path), folder = from.parent_path() / "quarantine";
  std::error_code ec;
  std::string ignoredError;
  core::createPrivateFolders(folder.string(), ignoredError);  // the rename below says if it failed
  fs::path to = folder / from.filename();
  fs::rename(from, to, ec);
  if (ec) {
    error = path + ": cannot move to quarantine: " + ec.message();
    return false;
  }
  std::string ignored;
  core::writePrivateTextAtomic(to.string() + ".why.txt", why + "\n", ignored);
  return true;
}

OutboxScan scanOutbox(const std::string& outbox) {
  OutboxScan scan;
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::directory_iterator(outbox, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string name = it->path().filename().string();
    if (isOrphanTemp(name))
      fs::remove(it->path(), ec);
    else if (endsWith(name, kSuffix))
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (auto& file : files) {
    std::string text, error, why;
    if (!core::readText(file.string(), text, error)) continue;  // gone: another program delivered it
    core::JsonParse parsed = core::parseJson(text);  // depth-limited (core/json_limits.h): it is sent on, printed
    nlohmann::json statement = std::move(parsed.value);
    if (!parsed.ok) {
      why = parsed.tooDeep ? "not JSON: " + parsed.error : "not JSON";
    } else if (auto problems = checkStatement(statement); !problems.empty()) {
      why = "not a valid xAPI 1.0.3 statement: " + problems.front();
    } else if (statement.value("id", "") != idFromName(file.filename().string())) {
      why = "its id does not match its file name";
    }
    if (!why.empty()) {
      std::string line = file.string() + ": " + why + "; moved to quarantine";
      if (!quarantine(file.string(), why, error)) line = error;
      scan.quarantined.push_back(line);
      continue;
    }
    scan.pending.push_back({file.string(), statement["id"].get<std::string>(), std::move(statement)});
  }
  return scan;
}

void removeDelivered(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

size_t countPending(const std::string& outbox) {
  size_t n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(outbox, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (endsWith(it->path().filename().string(), kSuffix)) ++n;
  return n;
}

}  // namespace ns::records

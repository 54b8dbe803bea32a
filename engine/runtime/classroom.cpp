#include "runtime/classroom.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/files.h"
#include "core/private_files.h"
#include "records/outbox.h"
#include "records/store.h"
#include "records/xapi.h"
#include "runtime/live_run.h"

namespace ns::runtime {
namespace fs = std::filesystem;

bool openClassroom(const Options& options, ClassroomRun& c, std::string& error) {
  records::RecordsConfig config;
  if (!records::loadRecordsConfig(records::configPath(), config, error)) return false;
  c.classId = options.classId.empty() ? config.classId : options.classId;
  const char* flag = options.classView ? "--class" : "--class-export";
  if (c.classId.empty()) {
    error = std::string(flag) + ": expected a class: --class-id ID or class_id in " + records::configPath();
    return false;
  }
  c.lrs = config.lrs;
  if (!options.lrsUrl.empty()) c.lrs.url = options.lrsUrl;
  c.dataDir = options.dataDir.empty() ? records::defaultDataDir() : options.dataDir;
  c.outbox = options.outboxDir.empty() ? (fs::path(c.dataDir) / "outbox").string() : options.outboxDir;
  c.cachePath = records::classCachePath(c.dataDir, c.classId);
  c.exportPath = options.classExport;
  std::error_code ec;
  if (!c.exportPath.empty()) {
    fs::path parent = fs::path(c.exportPath).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      error = "--class-export: " + c.exportPath + ": folder '" + parent.string() + "' does not exist";
      return false;
    }
  }
  if (!records::loadClassCache(c.cachePath, c.classId, c.cache, error)) return false;
  // The store only for the pictures, and only when it is there (a view makes none).
  if (fs::exists(fs::path(c.dataDir) / "records.sqlite", ec)) {
    records::Store store;
    if (records::openStore(c.dataDir, store).ok) c.pictures = records::sessionPictures(store);
    records::closeStore(store);
  }
  rebuildClassroom(c, nullptr);
  return true;
}

void rebuildClassroom(ClassroomRun& c, const records::ClassRefresh* refresh) {
  std::vector<nlohmann::json> statements;
  for (auto& [id, s] : c.cache.statements) statements.push_back(s);
  std::vector<nlohmann::json> local = records::outboxClassStatements(c.outbox, c.classId);
  statements.insert(statements.end(), local.begin(), local.end());
  std::string problem = c.view.problem;
  unsigned read = c.view.statementsRead, other = c.view.skippedOtherClass, malformed = c.view.skippedMalformed;
  c.view = records::buildClassroom(c.classId, statements, c.pictures);
  // Local: the outbox's statements the LRS has not given us (de-duplicated above).
  std::set<std::string> seen;
  for (auto& [id, s] : c.cache.statements) seen.insert(id);
  for (auto& s : local) c.view.localStatements += seen.insert(s["id"].get<std::string>()).second ? 1u : 0u;
  c.view.fetchedAt = c.cache.fetchedAt;
  c.view.problem = problem;
  c.view.statementsRead = read;
  c.view.skippedOtherClass = other;
  c.view.skippedMalformed = malformed;
  if (refresh) {
    c.view.problem = refresh->ok ? "" : refresh->problem;
    c.view.statementsRead = refresh->read;
    c.view.skippedOtherClass = refresh->otherClass;
    c.view.skippedMalformed = refresh->malformed;
  }
  c.view.source = c.lrs.url.empty() ? "local" : (refresh && refresh->ok) ? "lrs" : "cache";
}

records::ClassRefresh fetchClass(const records::LrsConfig& lrs, const std::string& cachePath, records::ClassCache& cache,
                                 const std::atomic<bool>* cancel) {
  records::ClassRefresh r = records::refreshClass(lrs, cache, records::isoTimestamp(records::Clock::now()), cancel);
  std::string error;
  if (r.ok && !records::saveClassCache(cachePath, cache, error)) r.problem = "the class cache could not be written: " + error;
  return r;
}

void takeFetch(ClassroomRun& c, records::ClassCache cache, const records::ClassRefresh& r) {
  if (r.ok) c.cache = std::move(cache);  // the view shows what was read, saved or not
  std::string said = r.ok ? r.problem : r.problem + "; showing the cached class";
  if (!said.empty()) std::fprintf(stderr, "needlesim: class %s: %s\n", c.classId.c_str(), said.c_str());
  rebuildClassroom(c, &r);
  if (r.ok && !r.problem.empty()) c.view.problem = r.problem;
}

void refreshClassroom(ClassroomRun& c) {
  if (c.lrs.url.empty()) {
    rebuildClassroom(c, nullptr);
    return;
  }
  records::ClassCache next = c.cache;
  records::ClassRefresh r = fetchClass(c.lrs, c.cachePath, next);
  takeFetch(c, std::move(next), r);
}

double classroomAge_s(const ClassroomRun& c) {
  auto age = records::secondsBetween(c.cache.fetchedAt, records::isoTimestamp(records::Clock::now()));
  return age ? std::max(0.0, *age) : -1;
}

nlohmann::json classroomReport(const ClassroomRun& c) {
  nlohmann::json j = records::classroomJson(c.view, classroomAge_s(c));
  if (!c.lastExport.empty()) j["export"] = c.lastExport;
  return j;
}

bool exportClassroom(ClassroomRun& c, const std::string& path, std::string& error) {
  // Trainees' names and scores: the owner's alone, as the records are (issue 31).
  bool ok = core::writePrivateTextAtomic(path, records::classroomCsv(c.view), error);
  c.lastExport = ok ? "written: " + path : "export failed: " + error;
  return ok;
}

int runClassExport(const Options& options) {
  ClassroomRun c;
  std::string error;
  if (!openClassroom(options, c, error)) return badInput(error);
  refreshClassroom(c);
  if (!exportClassroom(c, options.classExport, error)) {
    std::fprintf(stderr, "needlesim: --class-export: %s\n", error.c_str());
    return kExitRuntime;
  }
  if (!options.reportFile.empty()) {
    nlohmann::json report = {{"version", NEEDLESIM_VERSION}, {"mode", "class-export"}, {"classroom", classroomReport(c)}};
    if (!core::writeTextAtomic(options.reportFile, report.dump(2) + "\n", error)) {
      std::fprintf(stderr, "needlesim: --report: %s\n", error.c_str());
      return kExitRuntime;
    }
  }
  return kExitOk;
}

}  // namespace ns::runtime

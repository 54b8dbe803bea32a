#include "runtime/records.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/files.h"
#include "core/private_files.h"
#include "records/outbox.h"

namespace ns::runtime {
namespace fs = std::filesystem;

bool beginRecords(const Options& options, RecordsRun& r, std::string& error) {
  if (!records::loadRecordsConfig(records::configPath(), r.config, error)) return false;
  if (!options.lrsUrl.empty()) r.config.lrs.url = options.lrsUrl;
  // An educator looking at the class (--class) is not one of its sessions.
  r.classId = options.classView ? "" : options.classId.empty() ? r.config.classId : options.classId;
  r.station = r.config.station;
  if (r.station.empty()) {
    char host[256] = "";
    if (::gethostname(host, sizeof(host) - 1) == 0) r.station = host;
  }
  bool lrs = !r.config.lrs.url.empty();
  r.trainee = options.trainee.empty() ? "guest" : options.trainee;
  r.registration = records::newUuid();
  r.started = records::Clock::now();
  // The store is kept when someone is named or a data folder given: an anonymous
  // run leaves nothing in the home folder.
  if (!options.trainee.empty() || !options.dataDir.empty())
    r.dataDir = options.dataDir.empty() ? records::defaultDataDir() : options.dataDir;
  r.keepSession = !r.dataDir.empty();
  std::error_code ec;
  if (!options.outboxDir.empty()) {
    if (!fs::is_directory(options.outboxDir, ec)) {
      error = "--outbox: " + options.outboxDir + ": not an existing folder";
      return false;
    }
    r.outbox = options.outboxDir;
    r.sessionFile = true;
  } else if (!r.dataDir.empty() || lrs) {
    r.outbox = (fs::path(r.dataDir.empty() ? records::defaultDataDir() : r.dataDir) / "outbox").string();
    std::string why;
    if (!core::createPrivateFolders(r.outbox, why)) {  // 0700: the trainees' records
      error = "--data-dir: " + why;
      return false;
    }
  }
  if (!r.dataDir.empty()) {
    records::StoreOpen open = records::openStore(r.dataDir, r.store);
    r.storeProblem = open.error;
    // Never fatal: the run goes on and its statements still reach the outbox.
    if (!open.error.empty()) std::fprintf(stderr, "needlesim: records: %s\n", open.error.c_str());
    // "dana lee" after "Dana Lee" is Dana Lee: the records, statements and report
    // carry the first spelling.
    if (!options.trainee.empty()) r.trainee = records::storedTraineeName(r.store, r.trainee);
  }
  if (lrs && !r.outbox.empty()) {
    records::startDelivery(r.delivery, r.outbox, r.config.lrs);
    r.delivering = true;
  }
  return true;
}

namespace {

void writeOne(RecordsRun& r, const nlohmann::json& statement) {
  std::string path, why;
  if (!records::writeStatement(r.outbox, statement, path, why)) {
    r.writeProblem = why;
    std::fprintf(stderr, "needlesim: records: %s\n", why.c_str());
    return;
  }
  r.files.push_back(path);
  ++r.written;
}

void wake(RecordsRun& r) {
  if (r.delivering) records::wakeDelivery(r.delivery);
}

}  // namespace

void startSessionRecords(RecordsRun& r, const std::string& sceneName, const std::string& mode,
                         const std::string& version, const nlohmann::json& lesson) {
  r.started = records::Clock::now();
  r.facts = {r.trainee, r.registration, sceneName, mode, version, r.started};
  r.facts.lesson = lesson;
  r.facts.classId = r.classId;
  r.facts.station = r.station;
  if (r.outbox.empty() || r.attemptedWritten) return;
  writeOne(r, records::attemptedStatement(r.facts, r.config.site));
  r.attemptedWritten = true;
  wake(r);
}

bool chooseTrainee(RecordsRun& r, const Options& options, const std::string& name, std::string& error) {
  r.trainee = name;
  r.keepSession = true;
  r.dataDir = options.dataDir.empty() ? records::defaultDataDir() : options.dataDir;
  if (!r.store.db) {
    records::StoreOpen open = records::openStore(r.dataDir, r.store);
    r.storeProblem = open.error;
    if (!open.error.empty()) std::fprintf(stderr, "needlesim: records: %s\n", open.error.c_str());
  }
  r.trainee = records::storedTraineeName(r.store, name);
  if (r.outbox.empty()) {
    std::error_code ec;
    r.outbox = (fs::path(r.dataDir) / "outbox").string();
    std::string why;
    if (!core::createPrivateFolders(r.outbox, why)) {  // 0700: the trainees' records
      error = "records: " + why;
      r.outbox.clear();
      return false;
    }
  }
  if (!r.config.lrs.url.empty() && !r.delivering) {
    records::startDelivery(r.delivery, r.outbox, r.config.lrs);
    r.delivering = true;
  }
  return true;
}

std::vector<std::string> knownTrainees(RecordsRun& r, const Options& options, std::string& problem) {
  std::string dir = options.dataDir.empty() ? records::defaultDataDir() : options.dataDir;
  std::error_code ec;
  if (!r.store.db && fs::exists(fs::path(dir) / "records.sqlite", ec)) {
    records::StoreOpen open = records::openStore(dir, r.store);
    if (!open.error.empty()) r.storeProblem = open.error;
  }
  problem = r.storeProblem;
  return r.store.db ? records::listTrainees(r.store) : std::vector<std::string>{};
}

void writeStepStatements(RecordsRun& r, const nlohmann::json& lessonReport) {
  if (r.outbox.empty() || !lessonReport.is_object() || !lessonReport.contains("steps")) return;
  r.facts.lesson = lessonReport;
  bool wrote = false;
  for (auto& step : lessonReport["steps"]) {
    std::string id = step.value("id", "");
    if (!records::stepDone(step) || r.stepsWritten.count(id)) continue;
    writeOne(r, records::progressedStatement(r.facts, r.config.site, step));
    r.stepsWritten.insert(id);
    wrote = true;
  }
  if (wrote) wake(r);
}

nlohmann::json finishRecords(RecordsRun& r, const SessionOutcome& o, std::string& error) {
  nlohmann::json out = {{"outbox", r.outbox}, {"trainee", r.trainee}, {"session", r.registration}, {"statements", 0},
                        {"written", 0}, {"sent", 0}, {"pending", 0}, {"lrs_status", "none"},
                        {"tls_verify", true},  // no option turns it off (records/lrs.cpp): the report says so
                        {"files", nlohmann::json::array()}};
  auto ended = records::Clock::now();
  if (!r.outbox.empty()) {
    if (r.sessionFile) {
      std::string path = (fs::path(r.outbox) / ("needlesim-session-" + r.registration + ".json")).string();
      nlohmann::json session = o.session;
      session["trainee"] = r.trainee;
      session["registration"] = r.registration;
      if (core::writePrivateTextAtomic(path, session.dump(2) + "\n", error)) out["files"].push_back(path);
    }
    records::SessionFacts facts{r.trainee, r.registration, o.sceneName, o.mode, o.version, r.started,
                                o.duration_s, o.score, o.technique, o.lesson, r.classId, r.station};
    // What the run has not written yet: all of it when it never started (a window
    // closed on the start dialog), else the steps done last and the closing ones.
    if (!r.attemptedWritten) writeOne(r, records::attemptedStatement(facts, r.config.site));
    r.attemptedWritten = true;
    r.facts = facts;
    writeStepStatements(r, o.lesson);
    for (auto& statement : records::closingStatements(facts, r.config.site)) writeOne(r, statement);
    if (!r.writeProblem.empty()) error = r.writeProblem;  // one went missing (this run's, at any time)
    for (auto& path : r.files) out["files"].push_back(path);
    out["statements"] = r.written;
    out["written"] = r.written;
  }
  if (r.store.db && r.keepSession) {
    records::SessionRecord s;
    s.id = r.registration;
    s.trainee = r.trainee;
    s.startedAt = records::isoTimestamp(r.started);
    s.endedAt = records::isoTimestamp(ended);
    s.mode = o.mode;
    s.scene = o.sceneName;
    s.duration_s = o.duration_s;
    s.score = o.score;
    s.technique = o.technique;
    s.summaryImage = o.summaryImage;
    if (o.lesson.is_object()) {
      s.lesson = o.lesson;
      s.lessonId = o.lesson.value("id", "");
      s.score = o.lesson.value("score", 0.0);
      s.completed = o.lesson.value("completed", false);
      if (s.completed) s.passed = o.lesson.value("passed", false);
      // Where this trainee resumes the lesson: its first step not yet done.
      std::string resume;
      if (!s.completed)
        for (auto& step : o.lesson["steps"])
          if (!step.value("completed", false) && !step.value("skipped", false)) {
            resume = step.value("id", "");
            break;
          }
      std::string why;
      if (!records::saveLessonPosition(r.store, r.trainee, s.lessonId, resume, s.endedAt, why)) error = why;
      out["lesson_position"] = resume;
    } else {
      s.completed = true;
    }
    std::string why;
    if (!records::recordSession(r.store, s, why)) error = r.store.path + ": " + why;
    out["store"] = r.store.path;
    out["picture"] = s.summaryImage;
  }
  if (!r.classId.empty()) out["class_id"] = r.classId;
  if (!r.storeProblem.empty()) out["store_problem"] = r.storeProblem;
  if (r.delivering) {
    records::drainDelivery(r.delivery, r.config.lrs.drain_s);
    records::stopDelivery(r.delivery);
    r.delivering = false;
    records::DeliveryStats stats = records::deliveryStats(r.delivery);
    out["sent"] = stats.sent;
    out["lrs_status"] = stats.lastStatus.empty() ? "not tried" : stats.lastStatus;
    out["quarantined"] = stats.problems;
    for (auto& line : stats.problems) std::fprintf(stderr, "needlesim: records: %s\n", line.c_str());
  }
  if (!r.outbox.empty()) out["pending"] = records::countPending(r.outbox);
  return out;
}

ui::ProgressView progressView(RecordsRun& r, const std::string& trainee, bool educator) {
  ui::ProgressView v;
  if (!r.store.db || !r.keepSession) return v;  // a guest has no progress to show
  v.trainee = trainee.empty() ? r.trainee : trainee;
  v.educator = educator;
  if (educator) v.trainees = records::listTrainees(r.store);
  v.problem = r.storeProblem;
  records::Progress p = records::traineeProgress(r.store, v.trainee, 30);
  v.sessions = p.sessions.size();
  for (auto& s : p.sessions) {
    if (s.techniqueScore) v.techniqueScores.push_back(float(*s.techniqueScore));
    if (!s.lessonId.empty()) v.lessonScores.push_back(float(s.score));
  }
  for (auto& [region, values] : p.regionAccuracy) v.regions.push_back({region, std::vector<float>(values.begin(), values.end())});
  v.warnings = p.warnings;
  for (size_t i = p.sessions.size(); i-- > 0 && v.last.size() < 5;) {
    auto& s = p.sessions[i];
    std::string when = s.at.substr(0, 10) + " " + s.at.substr(11, 5);
    std::string verdict = s.passed ? (*s.passed ? "passed" : "failed") : "";
    std::optional<double> lesson = s.lessonId.empty() ? std::nullopt : std::optional<double>(s.score);
    v.last.push_back({when, s.lessonId.empty() ? s.scene : s.lessonId, s.techniqueScore, lesson, verdict, s.summaryImage});
  }
  return v;
}

void endRecords(RecordsRun& r) {
  if (r.delivering) records::stopDelivery(r.delivery);
  r.delivering = false;
  records::closeStore(r.store);
}

std::optional<std::string> resumeStepFor(RecordsRun& r, const std::string& lessonId) {
  if (!r.keepSession || !r.store.db) return std::nullopt;  // no store this run
  return records::lessonPosition(r.store, r.trainee, lessonId);
}

}  // namespace ns::runtime

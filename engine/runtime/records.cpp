#include "runtime/records.h"

#include <cstdio>
#include <filesystem>

#include "core/files.h"
#include "records/outbox.h"

namespace ns::runtime {
namespace fs = std::filesystem;

bool beginRecords(const Options& options, RecordsRun& r, std::string& error) {
  if (!records::loadRecordsConfig(records::configPath(), r.config, error)) return false;
  if (!options.lrsUrl.empty()) r.config.lrs.url = options.lrsUrl;
  bool lrs = !r.config.lrs.url.empty();
  r.trainee = options.trainee.empty() ? "guest" : options.trainee;
  r.registration = records::newUuid();
  r.started = records::Clock::now();
  // The store is kept when someone is named or a data folder given: an anonymous
  // run leaves nothing in the home folder.
  if (!options.trainee.empty() || !options.dataDir.empty())
    r.dataDir = options.dataDir.empty() ? records::defaultDataDir() : options.dataDir;
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
    fs::create_directories(r.outbox, ec);
    if (ec) {
      error = "--data-dir: " + r.outbox + ": cannot create: " + ec.message();
      return false;
    }
  }
  if (!r.dataDir.empty()) {
    records::StoreOpen open = records::openStore(r.dataDir, r.store);
    r.storeProblem = open.error;
    // Never fatal: the run goes on and its statements still reach the outbox.
    if (!open.error.empty()) std::fprintf(stderr, "needlesim: records: %s\n", open.error.c_str());
  }
  if (lrs && !r.outbox.empty()) {
    records::startDelivery(r.delivery, r.outbox, r.config.lrs);
    r.delivering = true;
  }
  return true;
}

nlohmann::json finishRecords(RecordsRun& r, const SessionOutcome& o, std::string& error) {
  nlohmann::json out = {{"outbox", r.outbox}, {"trainee", r.trainee}, {"session", r.registration}, {"statements", 0},
                        {"written", 0}, {"sent", 0}, {"pending", 0}, {"lrs_status", "none"},
                        {"files", nlohmann::json::array()}};
  auto ended = records::Clock::now();
  if (!r.outbox.empty()) {
    if (r.sessionFile) {
      std::string path = (fs::path(r.outbox) / ("needlesim-session-" + r.registration + ".json")).string();
      nlohmann::json session = o.session;
      session["trainee"] = r.trainee;
      session["registration"] = r.registration;
      if (core::writeTextAtomic(path, session.dump(2) + "\n", error)) out["files"].push_back(path);
    }
    records::SessionFacts facts{r.trainee, r.registration, o.sceneName, o.mode, o.version, r.started,
                                o.duration_s, o.score, o.technique, o.lesson};
    unsigned written = 0;
    for (auto& statement : records::sessionStatements(facts, r.config.site)) {
      std::string path, why;
      if (!records::writeStatement(r.outbox, statement, path, why)) {
        error = why;
        continue;
      }
      out["files"].push_back(path);
      ++written;
    }
    out["statements"] = written;
    out["written"] = written;
  }
  if (r.store.db) {
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
  }
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
  if (!r.store.db) return v;
  v.trainee = trainee.empty() ? r.trainee : trainee;
  v.educator = educator;
  if (educator) v.trainees = records::listTrainees(r.store);
  v.problem = r.storeProblem;
  records::Progress p = records::traineeProgress(r.store, v.trainee, 30);
  for (auto& s : p.sessions) v.scores.push_back(float(s.score));
  for (auto& [region, values] : p.regionAccuracy) v.regions.push_back({region, std::vector<float>(values.begin(), values.end())});
  v.warnings = p.warnings;
  for (size_t i = p.sessions.size(); i-- > 0 && v.last.size() < 5;) {
    auto& s = p.sessions[i];
    std::string when = s.at.substr(0, 10) + " " + s.at.substr(11, 5);
    std::string verdict = s.passed ? (*s.passed ? "passed" : "failed") : "";
    v.last.push_back({when, s.lessonId.empty() ? s.scene : s.lessonId, s.score, verdict, s.summaryImage});
  }
  return v;
}

void endRecords(RecordsRun& r) {
  if (r.delivering) records::stopDelivery(r.delivery);
  r.delivering = false;
  records::closeStore(r.store);
}

std::optional<std::string> resumeStepFor(RecordsRun& r, const std::string& lessonId) {
  if (r.dataDir.empty() || !r.store.db) return std::nullopt;  // no store this run
  return records::lessonPosition(r.store, r.trainee, lessonId);
}

}  // namespace ns::runtime

#pragma once
// The local store of trainees' sessions: one SQLite file (records.sqlite in the
// data directory), in WAL mode so two programs on one file are safe, with a
// versioned schema (PRAGMA user_version) migrated forward on open. A file that is
// not a readable database is moved aside (records.sqlite.corrupt-<time>) and
// reported, never silently replaced.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace ns::records {

constexpr int kStoreSchemaVersion = 2;

struct Store {
  sqlite3* db = nullptr;
  std::string path;
};

struct StoreOpen {
  bool ok = false;
  std::string error;        // why it could not be opened (one line)
  std::string movedAside;   // a corrupt file's new name, when one was moved
  int fromVersion = 0, toVersion = 0;
};

// Opens (creating the folder and the file when needed) <dataDir>/records.sqlite.
StoreOpen openStore(const std::string& dataDir, Store& store);
void closeStore(Store& store);

struct SessionRecord {
  std::string id;                 // the session's registration UUID
  std::string trainee;
  std::string startedAt, endedAt; // ISO 8601 UTC
  std::string mode, scene;
  std::string lessonId;           // empty: a free session
  double score = 0;               // the lesson's score, else the technique score (0-100)
  double duration_s = 0;
  std::optional<bool> passed;     // a finished lesson's verdict
  bool completed = false;
  std::string summaryImage;       // a picture of the session, when one was written
  nlohmann::json technique;       // the report's technique object
  nlohmann::json lesson;          // the report's lesson object (steps), or null
};

// One session, its steps, warnings and dial accuracy by region, in one transaction.
bool recordSession(Store& store, const SessionRecord& session, std::string& error);

// Where a trainee stopped in a lesson (the step to resume at); an empty step
// clears it (the lesson was finished).
bool saveLessonPosition(Store& store, const std::string& trainee, const std::string& lessonId,
                        const std::string& stepId, const std::string& at, std::string& error);
std::optional<std::string> lessonPosition(Store& store, const std::string& trainee, const std::string& lessonId);

std::vector<std::string> listTrainees(Store& store);
// The stored spelling of the trainee `name` means (case and spacing ignored,
// records/trainees.h), else `name` tidied: every function here taking a trainee
// goes through it, so "dana lee" after "Dana Lee" is one trainee.
std::string storedTraineeName(Store& store, const std::string& name);

struct ProgressPoint {
  std::string sessionId, at, scene, lessonId, summaryImage;
  double score = 0;                       // the lesson's score, else the technique score (as stored)
  std::optional<double> techniqueScore;   // how the needling was done (none: the pen never touched the skin)
  std::optional<bool> passed;
};

struct Progress {
  std::vector<ProgressPoint> sessions;                      // oldest first
  std::map<std::string, std::vector<double>> regionAccuracy; // in-range fraction per session, oldest first
  std::vector<std::pair<std::string, int>> warnings;        // how many sessions each warning recurred in, most first
};

// Every session of this store with a summary picture: id -> the picture's path (the
// class view shows a session's picture when it ran on this station).
std::map<std::string, std::string> sessionPictures(Store& store);

// The trainee's last `limit` sessions, for the Progress panel.
Progress traineeProgress(Store& store, const std::string& trainee, size_t limit = 50);

}  // namespace ns::records

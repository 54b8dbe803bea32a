#include "records/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/private_files.h"
#include "records/trainees.h"
#include "records/xapi.h"

namespace ns::records {
namespace fs = std::filesystem;
namespace {

// Each entry takes the schema from version i to i + 1. Never edit a shipped one:
// add the next. Version 2 split warnings and dial accuracy by region out of the
// technique JSON (so the Progress panel reads them with plain queries) and added
// the lesson positions; its backfill turns version-1 sessions into rows too.
const char* kMigrations[] = {
    R"(CREATE TABLE trainees (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
       CREATE TABLE sessions (id TEXT PRIMARY KEY, trainee_id INTEGER NOT NULL REFERENCES trainees(id),
         started_at TEXT NOT NULL, ended_at TEXT NOT NULL, mode TEXT NOT NULL, scene TEXT NOT NULL,
         lesson_id TEXT NOT NULL DEFAULT '', score REAL NOT NULL, duration_s REAL NOT NULL, passed INTEGER,
         completed INTEGER NOT NULL, summary_image TEXT NOT NULL DEFAULT '', technique TEXT NOT NULL DEFAULT '{}');
       CREATE INDEX sessions_by_trainee ON sessions(trainee_id, started_at);
       CREATE TABLE steps (session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL, step_id TEXT NOT NULL,
         completed INTEGER NOT NULL, skipped INTEGER NOT NULL, at_s REAL, time_s REAL, PRIMARY KEY (session_id, idx));)",
    R"(CREATE TABLE session_warnings (session_id TEXT NOT NULL REFERENCES sessions(id), warning TEXT NOT NULL);
       CREATE TABLE session_regions (session_id TEXT NOT NULL REFERENCES sessions(id), region TEXT NOT NULL,
         in_range_fraction REAL NOT NULL, punctures INTEGER NOT NULL);
       CREATE TABLE lesson_positions (trainee_id INTEGER NOT NULL REFERENCES trainees(id), lesson_id TEXT NOT NULL,
         step_id TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (trainee_id, lesson_id));
       INSERT INTO session_warnings SELECT s.id, w.value FROM sessions s, json_each(s.technique, '$.warnings') w;
       INSERT INTO session_regions SELECT s.id, r.key, coalesce(json_extract(r.value, '$.in_range_fraction'), 0),
         coalesce(json_extract(r.value, '$.punctures'), 0) FROM sessions s, json_each(s.technique, '$.regions') r;)",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kStoreSchemaVersion);

bool exec(sqlite3* db, const char* sql, std::string& error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  error = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return false;
}

// A prepared statement that finalizes itself.
struct Query {
  sqlite3_stmt* stmt = nullptr;
  Query(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr); }
  ~Query() { sqlite3_finalize(stmt); }
  Query& text(int i, const std::string& v) { sqlite3_bind_text(stmt, i, v.c_str(), -1, SQLITE_TRANSIENT); return *this; }
  Query& real(int i, double v) { sqlite3_bind_double(stmt, i, v); return *this; }
  Query& integer(int i, long long v) { sqlite3_bind_int64(stmt, i, v); return *this; }
  Query& null(int i) { sqlite3_bind_null(stmt, i); return *this; }
  bool step() { return stmt && sqlite3_step(stmt) == SQLITE_ROW; }
  bool run() { return stmt && sqlite3_step(stmt) == SQLITE_DONE; }
  std::string col(int i) { auto* t = sqlite3_column_text(stmt, i); return t ? reinterpret_cast<const char*>(t) : ""; }
  double real(int i) { return sqlite3_column_double(stmt, i); }
  bool isNull(int i) { return sqlite3_column_type(stmt, i) == SQLITE_NULL; }
};

int userVersion(sqlite3* db) {
  Query q(db, "PRAGMA user_version");
  return q.step() ? int(sqlite3_column_int(q.stmt, 0)) : -1;
}

enum class Health { Ok, Corrupt, Unknown };

// Whether the file reads as a database at all (garbage fails here, not at open).
// Only SQLite's own verdict counts as corrupt: a busy or locked file (another
// program converting it to WAL) is not, and is never moved aside.
Health health(sqlite3* db, std::string& why) {
  Query q(db, "PRAGMA quick_check");
  int rc = q.stmt ? sqlite3_step(q.stmt) : sqlite3_errcode(db);
  if (rc == SQLITE_ROW) {
    std::string result = q.col(0);
    if (result == "ok") return Health::Ok;
    why = result;
    return Health::Corrupt;
  }
  why = sqlite3_errmsg(db);
  int primary = sqlite3_extended_errcode(db) & 0xFF;
  return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT ? Health::Corrupt : Health::Unknown;
}

// Switching a new file to WAL needs the file to itself for a moment. SQLite does not
// wait for that (its busy handler would deadlock two programs each holding a read
// lock), so when two programs open a new store at once one is told "locked" at
// once: it tries again for as long as any other lock is waited for.
bool useWriteAheadLog(sqlite3* db, std::string& error) {
  constexpr int kWaitMs = 10000, kStepMs = 20;
  for (int waited = 0;; waited += kStepMs) {
    if (exec(db, "PRAGMA journal_mode = WAL", error)) return true;
    int primary = sqlite3_extended_errcode(db) & 0xFF;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || waited >= kWaitMs) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(kStepMs));
  }
}

bool migrate(sqlite3* db, StoreOpen& result) {
  std::string error;
  if (!exec(db, "BEGIN IMMEDIATE", error)) {  // one program migrates; the other waits, then sees it done
    result.error = "cannot lock for migration: " + error;
    return false;
  }
  int version = userVersion(db);
  result.fromVersion = version;
  if (version > kStoreSchemaVersion) {
    exec(db, "ROLLBACK", error);
    result.error = "schema version " + std::to_string(version) + " is newer than this NeedleSim knows (" +
                   std::to_string(kStoreSchemaVersion) + ")";
    return false;
  }
  for (int v = version; v < kStoreSchemaVersion; ++v)
    if (!exec(db, kMigrations[v], error)) {
      std::string ignored;
      exec(db, "ROLLBACK", ignored);
      result.error = "migration to schema " + std::to_string(v + 1) + " failed: " + error;
      return false;
    }
  std::string setVersion = "PRAGMA user_version = " + std::to_string(kStoreSchemaVersion);
  if (!exec(db, setVersion.c_str(), error) || !exec(db, "COMMIT", error)) {
    result.error = "migration failed: " + error;
    return false;
  }
  result.toVersion = kStoreSchemaVersion;
  return true;
}

// The stored spelling of the trainee `name` means (records/trainees.h: case and
// spacing ignored), else `name` tidied: one person is one row, the first spelling kept.
std::string storedName(sqlite3* db, const std::string& name) {
  Query q(db, "SELECT name FROM trainees");
  while (q.step())
    if (sameTrainee(q.col(0), name)) return q.col(0);
  return tidyTraineeName(name);
}

long long traineeId(sqlite3* db, const std::string& typed, bool create) {
  std::string name = storedName(db, typed);
  if (create) Query(db, "INSERT OR IGNORE INTO trainees(name, created_at) VALUES (?, ?)").text(1, name).text(2, isoTimestamp(Clock::now())).run();
  Query q(db, "SELECT id FROM trainees WHERE name = ?");
  q.text(1, name);
  return q.step() ? sqlite3_column_int64(q.stmt, 0) : -1;
}

}  // namespace

StoreOpen openStore(const std::string& dataDir, Store& store) {
  StoreOpen result;
  std::error_code ec;
  std::string privacy;
  // The trainees' records are theirs and the site's: the folders we create are 0700,
  // the database (and so its -wal and -shm, which SQLite creates with the database's
  // mode) 0600, an older one made so (issue 31).
  core::createPrivateFolders(dataDir, privacy);  // a failure shows as the open's
  store.path = (fs::path(dataDir) / "records.sqlite").string();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (int fd = ::open(store.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
    for (const char* side : {"", "-wal", "-shm", "-journal"}) core::makeFilePrivate(store.path + side, privacy);
    if (sqlite3_open_v2(store.path.c_str(), &store.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
      result.error = store.path + ": cannot open: " + (store.db ? sqlite3_errmsg(store.db) : "out of memory");
      closeStore(store);
      return result;
    }
    sqlite3_busy_timeout(store.db, 10000);
    std::string why;
    Health h = health(store.db, why);
    if (h == Health::Ok) break;
    closeStore(store);
    if (h == Health::Unknown) {
      result.error = store.path + ": cannot read: " + why;
      return result;
    }
    if (attempt == 1) {
      result.error = store.path + ": unreadable even when new: " + why;
      return result;
    }
    // Corrupt: keep it for whoever wants to rescue it, start a new one, and say so.
    std::string stamp = isoTimestamp(Clock::now());
    stamp.erase(std::remove_if(stamp.begin(), stamp.end(), [](char c) { return c == ':' || c == '-' || c == '.'; }), stamp.end());
    result.movedAside = store.path + ".corrupt-" + stamp;
    fs::rename(store.path, result.movedAside, ec);
    if (ec) {
      result.error = store.path + ": not a readable database (" + why + ") and cannot be moved aside: " + ec.message();
      return result;
    }
    for (const char* side : {"-wal", "-shm"})
      if (fs::exists(store.path + side, ec)) fs::rename(store.path + side, result.movedAside + side, ec);
    result.error = store.path + ": not a readable database (" + why + "); moved to " + result.movedAside;
  }
  std::string error;
  if (!useWriteAheadLog(store.db, error) ||
      !exec(store.db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", error)) {
    result.error = store.path + ": " + error;
    closeStore(store);
    return result;
  }
  std::string moved = result.error;
  if (!migrate(store.db, result)) {
    result.error = store.path + ": " + result.error;
    closeStore(store);
    return result;
  }
  result.error = moved;  // reported, but the store is open
  result.ok = true;
  return result;
}

void closeStore(Store& store) {
  if (store.db) sqlite3_close_v2(store.db);
  store.db = nullptr;
}

bool recordSession(Store& store, const SessionRecord& s, std::string& error) {
  sqlite3* db = store.db;
  if (!db) {
    error = "no store";
    return false;
  }
  if (!exec(db, "BEGIN IMMEDIATE", error)) return false;
  auto fail = [&](const std::string& what) {
    error = what + ": " + sqlite3_errmsg(db);
    std::string ignored;
    exec(db, "ROLLBACK", ignored);
    return false;
  };
  long long trainee = traineeId(db, s.trainee, true);
  if (trainee < 0) return fail("trainee");
  Query insert(db,
               "INSERT INTO sessions(id, trainee_id, started_at, ended_at, mode, scene, lesson_id, score, duration_s, passed, "
               "completed, summary_image, technique) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  insert.text(1, s.id).integer(2, trainee).text(3, s.startedAt).text(4, s.endedAt).text(5, s.mode).text(6, s.scene);
  insert.text(7, s.lessonId).real(8, s.score).real(9, s.duration_s);
  if (s.passed) insert.integer(10, *s.passed); else insert.null(10);
  insert.integer(11, s.completed).text(12, s.summaryImage).text(13, s.technique.is_object() ? s.technique.dump() : "{}");
  if (!insert.run()) return fail("session " + s.id);
  if (s.lesson.is_object() && s.lesson.contains("steps")) {
    long long idx = 0;
    for (auto& step : s.lesson["steps"]) {
      Query q(db, "INSERT INTO steps VALUES (?,?,?,?,?,?,?)");
      q.text(1, s.id).integer(2, idx++).text(3, step.value("id", "")).integer(4, step.value("completed", false));
      q.integer(5, step.value("skipped", false));
      if (step.contains("at_s") && step["at_s"].is_number()) q.real(6, step["at_s"]); else q.null(6);
      if (step.contains("time_s") && step["time_s"].is_number()) q.real(7, step["time_s"]); else q.null(7);
      if (!q.run()) return fail("step");
    }
  }
  if (s.technique.is_object() && s.technique.contains("warnings"))
    for (auto& w : s.technique["warnings"])
      if (w.is_string() && !Query(db, "INSERT INTO session_warnings VALUES (?,?)").text(1, s.id).text(2, w).run())
        return fail("warning");
  if (s.technique.is_object() && s.technique.contains("regions") && s.technique["regions"].is_object())
    for (auto& [name, r] : s.technique["regions"].items()) {
      Query q(db, "INSERT INTO session_regions VALUES (?,?,?,?)");
      q.text(1, s.id).text(2, name).real(3, r.value("in_range_fraction", 0.0)).integer(4, r.value("punctures", 0));
      if (!q.run()) return fail("region");
    }
  return exec(db, "COMMIT", error) || fail("commit");
}

bool saveLessonPosition(Store& store, const std::string& trainee, const std::string& lessonId, const std::string& stepId,
                        const std::string& at, std::string& error) {
  long long id = traineeId(store.db, trainee, true);
  bool ok = stepId.empty()
                ? Query(store.db, "DELETE FROM lesson_positions WHERE trainee_id = ? AND lesson_id = ?").integer(1, id).text(2, lessonId).run()
                : Query(store.db, "INSERT OR REPLACE INTO lesson_positions VALUES (?,?,?,?)").integer(1, id).text(2, lessonId).text(3, stepId).text(4, at).run();
  if (!ok) error = std::string("lesson position: ") + sqlite3_errmsg(store.db);
  return ok;
}

std::optional<std::string> lessonPosition(Store& store, const std::string& trainee, const std::string& lessonId) {
  Query q(store.db,
          "SELECT step_id FROM lesson_positions p JOIN trainees t ON t.id = p.trainee_id WHERE t.name = ? AND p.lesson_id = ?");
  q.text(1, storedName(store.db, trainee)).text(2, lessonId);
  if (q.step()) return q.col(0);
  return std::nullopt;
}

std::string storedTraineeName(Store& store, const std::string& name) {
  return store.db ? storedName(store.db, name) : tidyTraineeName(name);
}

std::vector<std::string> listTrainees(Store& store) {
  std::vector<std::string> names;
  Query q(store.db, "SELECT name FROM trainees ORDER BY name");
  while (q.step()) names.push_back(q.col(0));
  return names;
}

std::map<std::string, std::string> sessionPictures(Store& store) {
  std::map<std::string, std::string> out;
  if (!store.db) return out;
  Query q(store.db, "SELECT id, summary_image FROM sessions WHERE summary_image != ''");
  while (q.step()) out[q.col(0)] = q.col(1);
  return out;
}

Progress traineeProgress(Store& store, const std::string& trainee, size_t limit) {
  Progress p;
  Query q(store.db,
          "SELECT * FROM (SELECT s.id, s.started_at, s.scene, s.lesson_id, s.summary_image, s.score, s.passed, "
          "CASE WHEN json_extract(s.technique, '$.contact_s') > 0 THEN json_extract(s.technique, '$.score') END FROM sessions s "
          "JOIN trainees t ON t.id = s.trainee_id WHERE t.name = ? ORDER BY s.started_at DESC LIMIT ?) ORDER BY started_at");
  q.text(1, storedName(store.db, trainee)).integer(2, (long long)limit);
  while (q.step()) {
    ProgressPoint point{q.col(0), q.col(1), q.col(2), q.col(3), q.col(4), q.real(5), std::nullopt};
    if (!q.isNull(6)) point.passed = q.real(6) != 0;
    if (!q.isNull(7)) point.techniqueScore = q.real(7);
    p.sessions.push_back(point);
  }
  std::map<std::string, int> warnings;
  for (size_t i = 0; i < p.sessions.size(); ++i) {
    Query r(store.db, "SELECT region, in_range_fraction FROM session_regions WHERE session_id = ?");
    r.text(1, p.sessions[i].sessionId);
    while (r.step()) p.regionAccuracy[r.col(0)].push_back(r.real(1));
    Query w(store.db, "SELECT DISTINCT warning FROM session_warnings WHERE session_id = ?");
    w.text(1, p.sessions[i].sessionId);
    while (w.step()) ++warnings[w.col(0)];
  }
  p.warnings.assign(warnings.begin(), warnings.end());
  std::stable_sort(p.warnings.begin(), p.warnings.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return p;
}

}  // namespace ns::records

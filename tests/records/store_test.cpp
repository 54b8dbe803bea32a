// The trainees' store: sessions and progress, migrations, a corrupt file moved
// aside, and two programs writing one file at once.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "records/store.h"
#include "records_test_util.h"

namespace {
namespace fs = std::filesystem;
using namespace ns::records;
using nlohmann::json;

SessionRecord session(const std::string& trainee, const std::string& day, double score, double cheekAccuracy,
                      std::vector<std::string> warnings) {
  SessionRecord s;
  s.id = newUuid();
  s.trainee = trainee;
  s.startedAt = day + "T09:00:00.000Z";
  s.endedAt = day + "T09:10:00.000Z";
  s.mode = "trainee";
  s.scene = "face";
  s.score = score;
  s.duration_s = 600;
  s.completed = true;
  s.technique = {{"score", score}, {"warnings", warnings},
                 {"regions", {{"cheek", {{"punctures", 400}, {"in_range_fraction", cheekAccuracy}}},
                              {"forehead", {{"punctures", 200}, {"in_range_fraction", 0.5}}}}}};
  return s;
}

// A lesson's score (its steps done) and the technique score judge different things:
// progress keeps them apart, so a lesson passed at 100 beside needling scored 30 is
// never one point on one axis. A session without needling has no technique score.
TEST(Store, ProgressKeepsLessonAndTechniqueScoresApart) {
  fs::path dir = ns::test::recordsScratch("store_two_scores");
  Store store;
  ASSERT_TRUE(openStore(dir.string(), store).ok);
  std::string error;
  SessionRecord lesson = session("gale", "2024-05-01", 100, 0.9, {});
  lesson.lessonId = "first-glide-cheek";
  lesson.passed = true;
  lesson.technique = {{"score", 30}, {"contact_s", 12.0}};
  SessionRecord free = session("gale", "2024-05-02", 55, 0.9, {});
  free.technique = {{"score", 55}, {"contact_s", 20.0}};
  SessionRecord idle = session("gale", "2024-05-03", 0, 0.9, {});
  idle.technique = {{"score", 0}, {"contact_s", 0.0}};
  for (const SessionRecord& s : {lesson, free, idle}) ASSERT_TRUE(recordSession(store, s, error)) << error;
  Progress p = traineeProgress(store, "gale");
  ASSERT_EQ(p.sessions.size(), 3u);
  EXPECT_EQ(p.sessions[0].score, 100);
  EXPECT_EQ(p.sessions[0].techniqueScore.value_or(-1), 30);
  EXPECT_EQ(p.sessions[1].techniqueScore.value_or(-1), 55);
  EXPECT_FALSE(p.sessions[2].techniqueScore) << "no needling, no technique score";
  closeStore(store);
}

TEST(Store, ThreeSessionsOnThreeDaysGiveAThreePointTrend) {
  fs::path dir = ns::test::recordsScratch("store_trend");
  Store store;
  StoreOpen open = openStore(dir.string(), store);
  ASSERT_TRUE(open.ok) << open.error;
  EXPECT_EQ(open.fromVersion, 0);
  EXPECT_EQ(open.toVersion, kStoreSchemaVersion);
  std::string error;
  // Recorded out of order: the trend is by day.
  ASSERT_TRUE(recordSession(store, session("erin", "2024-05-03", 81, 0.9, {"angle"}), error)) << error;
  ASSERT_TRUE(recordSession(store, session("erin", "2024-05-01", 55, 0.4, {"angle", "dwell"}), error)) << error;
  ASSERT_TRUE(recordSession(store, session("erin", "2024-05-02", 68, 0.7, {"angle"}), error)) << error;
  ASSERT_TRUE(recordSession(store, session("frank", "2024-05-02", 40, 0.2, {}), error)) << error;
  Progress p = traineeProgress(store, "erin");
  ASSERT_EQ(p.sessions.size(), 3u);
  EXPECT_EQ(p.sessions[0].score, 55);
  EXPECT_EQ(p.sessions[1].score, 68);
  EXPECT_EQ(p.sessions[2].score, 81);
  EXPECT_EQ(p.regionAccuracy["cheek"], (std::vector<double>{0.4, 0.7, 0.9}));
  ASSERT_EQ(p.warnings.size(), 2u);
  EXPECT_EQ(p.warnings[0], (std::pair<std::string, int>{"angle", 3}));
  EXPECT_EQ(p.warnings[1], (std::pair<std::string, int>{"dwell", 1}));
  EXPECT_EQ(listTrainees(store), (std::vector<std::string>{"erin", "frank"}));
  EXPECT_EQ(traineeProgress(store, "erin", 2).sessions.size(), 2u) << "the last sessions only";
  // A lesson in progress remembers its step per trainee; finishing clears it.
  ASSERT_TRUE(saveLessonPosition(store, "erin", "first-glide-cheek", "dial", "2024-05-03T10:00:00Z", error));
  EXPECT_EQ(lessonPosition(store, "erin", "first-glide-cheek").value_or(""), "dial");
  EXPECT_FALSE(lessonPosition(store, "frank", "first-glide-cheek"));
  ASSERT_TRUE(saveLessonPosition(store, "erin", "first-glide-cheek", "", "2024-05-04T10:00:00Z", error));
  EXPECT_FALSE(lessonPosition(store, "erin", "first-glide-cheek"));
  closeStore(store);
  // Reopened: everything still there, WAL mode, nothing migrated twice.
  open = openStore(dir.string(), store);
  ASSERT_TRUE(open.ok);
  EXPECT_EQ(open.fromVersion, kStoreSchemaVersion);
  EXPECT_EQ(traineeProgress(store, "erin").sessions.size(), 3u);
  sqlite3_stmt* q;
  sqlite3_prepare_v2(store.db, "PRAGMA journal_mode", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "wal");
  sqlite3_finalize(q);
  closeStore(store);
}

TEST(Store, AVersionOneFileIsMigratedWithItsSessions) {
  fs::path dir = ns::test::recordsScratch("store_migrate");
  sqlite3* db;
  ASSERT_EQ(sqlite3_open((dir / "records.sqlite").c_str(), &db), SQLITE_OK);
  // Schema 1 as it shipped, with one session.
  const char* v1 = R"(CREATE TABLE trainees (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
       CREATE TABLE sessions (id TEXT PRIMARY KEY, trainee_id INTEGER NOT NULL REFERENCES trainees(id),
         started_at TEXT NOT NULL, ended_at TEXT NOT NULL, mode TEXT NOT NULL, scene TEXT NOT NULL,
         lesson_id TEXT NOT NULL DEFAULT '', score REAL NOT NULL, duration_s REAL NOT NULL, passed INTEGER,
         completed INTEGER NOT NULL, summary_image TEXT NOT NULL DEFAULT '', technique TEXT NOT NULL DEFAULT '{}');
       CREATE INDEX sessions_by_trainee ON sessions(trainee_id, started_at);
       CREATE TABLE steps (session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL, step_id TEXT NOT NULL,
         completed INTEGER NOT NULL, skipped INTEGER NOT NULL, at_s REAL, time_s REAL, PRIMARY KEY (session_id, idx));
       INSERT INTO trainees VALUES (1, 'gina', '2024-01-01T00:00:00Z');
       INSERT INTO sessions VALUES ('s1', 1, '2024-01-01T09:00:00Z', '2024-01-01T09:05:00Z', 'trainee', 'face', '', 64, 300,
         NULL, 1, '', '{"warnings":["dwell"],"regions":{"chin":{"punctures":90,"in_range_fraction":0.75}}}');
       PRAGMA user_version = 1;)";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Store store;
  StoreOpen open = openStore(dir.string(), store);
  ASSERT_TRUE(open.ok) << open.error;
  EXPECT_EQ(open.fromVersion, 1);
  EXPECT_EQ(open.toVersion, 2);
  Progress p = traineeProgress(store, "gina");
  ASSERT_EQ(p.sessions.size(), 1u);
  EXPECT_EQ(p.sessions[0].score, 64);
  EXPECT_EQ(p.regionAccuracy["chin"], std::vector<double>{0.75});
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].first, "dwell");
  closeStore(store);
}

TEST(Store, ACorruptFileIsMovedAsideAndReportedANewerOneRefused) {
  fs::path dir = ns::test::recordsScratch("store_corrupt");
  { std::ofstream(dir / "records.sqlite") << std::string(8192, 'Z'); }
  Store store;
  StoreOpen open = openStore(dir.string(), store);
  ASSERT_TRUE(open.ok) << open.error;
  EXPECT_FALSE(open.movedAside.empty());
  EXPECT_NE(open.error.find("moved to"), std::string::npos) << open.error;
  EXPECT_TRUE(fs::exists(open.movedAside)) << "kept for rescue, never silently replaced";
  EXPECT_EQ(fs::file_size(open.movedAside), 8192u);
  std::string error;
  EXPECT_TRUE(recordSession(store, session("hana", "2024-05-01", 50, 0.5, {}), error)) << error;
  ASSERT_EQ(sqlite3_exec(store.db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  closeStore(store);
  open = openStore(dir.string(), store);
  EXPECT_FALSE(open.ok);
  EXPECT_NE(open.error.find("schema version 99 is newer"), std::string::npos) << open.error;
}

TEST(Store, TwoProgramsWritingOneFileLoseNothing) {
  fs::path dir = ns::test::recordsScratch("store_two");
  constexpr int kEach = 40;
  pid_t children[2];
  for (int c = 0; c < 2; ++c) {
    children[c] = fork();
    ASSERT_GE(children[c], 0);
    if (children[c] == 0) {
      Store store;
      if (StoreOpen open = openStore(dir.string(), store); !open.ok) {
        std::fprintf(stderr, "child %d: %s\n", c, open.error.c_str());
        _exit(3);
      }
      std::string error;
      for (int i = 0; i < kEach; ++i)
        if (!recordSession(store, session(c ? "ivan" : "jade", "2024-05-01", i, 0.5, {"angle"}), error)) {
          std::fprintf(stderr, "child %d: %s\n", c, error.c_str());
          _exit(4);
        }
      closeStore(store);
      _exit(0);
    }
  }
  for (pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  }
  Store store;
  ASSERT_TRUE(openStore(dir.string(), store).ok);
  EXPECT_EQ(traineeProgress(store, "ivan", 1000).sessions.size(), size_t(kEach));
  EXPECT_EQ(traineeProgress(store, "jade", 1000).sessions.size(), size_t(kEach));
  closeStore(store);
}

}  // namespace

// Issue 30: one person, two spellings, one trainee; the first spelling is kept.
TEST(Store, ASecondSpellingIsTheSameTrainee) {
  fs::path dir = ns::test::recordsScratch("store_spelling");
  Store store;
  ASSERT_TRUE(openStore(dir.string(), store).ok);
  std::string error;
  ASSERT_TRUE(recordSession(store, session("Dana Lee", "2024-05-01", 50, 0.5, {}), error)) << error;
  ASSERT_TRUE(recordSession(store, session("dana  LEE ", "2024-05-02", 60, 0.6, {}), error)) << error;
  EXPECT_EQ(listTrainees(store), (std::vector<std::string>{"Dana Lee"}));
  EXPECT_EQ(traineeProgress(store, "DANA LEE").sessions.size(), 2u);
  ASSERT_TRUE(saveLessonPosition(store, "dana lee", "first-glide-cheek", "dial", "2024-05-03T10:00:00Z", error));
  EXPECT_EQ(lessonPosition(store, "Dana Lee", "first-glide-cheek").value_or(""), "dial");
  EXPECT_EQ(storedTraineeName(store, " dana   lee"), "Dana Lee");
  EXPECT_EQ(storedTraineeName(store, " Erin  Moss "), "Erin Moss");
  closeStore(store);
}


// The classroom (issue 35): several stations (separate data directories) write for
// several trainees and deliver to the LRS stand-in; the class is read back with the
// xAPI query interface in pages, merged with a station's outbox, cached. An outage,
// a malformed page and another class's statements leave the cache as it was, and
// the view shows exactly the class's sessions, each once.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "records/classroom.h"
#include "records/lrs.h"
#include "records/outbox.h"
#include "records_test_util.h"
#include "support/lrs_standin.h"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using namespace ns::records;
using ns::test::LrsFault;

LrsConfig readerConfig(const ns::test::LrsStandIn& lrs) {
  LrsConfig c;
  c.url = lrs.base();
  c.user = lrs.user;
  c.password = lrs.password;
  c.timeout_s = 2;
  c.batch = 10;
  return c;
}

struct Station {
  fs::path dir;
  std::string name;
  std::string outbox() const { return (dir / "outbox").string(); }
};

Station makeStation(const fs::path& root, const std::string& name) {
  Station s{root / name, name};
  fs::create_directories(s.outbox());
  return s;
}

// A trainee's face session of the class, `minutesAgo` minutes ago, scored `score`.
SessionFacts faceSession(const std::string& classId, const std::string& trainee, double score, int minutesAgo) {
  SessionFacts f;
  f.trainee = trainee;
  f.registration = newUuid();
  f.sceneName = "face";
  f.mode = "trainee";
  f.version = "test";
  f.started = Clock::now() - std::chrono::minutes(minutesAgo);
  f.score = score;
  f.classId = classId;
  return f;
}

// One session's statements written to the station's outbox; returns the registration.
std::string train(const Station& st, const std::string& classId, const std::string& trainee, const std::string& lesson,
                  double score, bool passed, std::vector<std::string> warnings, int minutesAgo) {
  SessionFacts f = faceSession(classId, trainee, score, minutesAgo);
  f.duration_s = 60;
  f.station = st.name;
  f.technique = {{"score", score}, {"warnings", warnings},
                 {"regions", {{"cheek", {{"punctures", 100}, {"in_range_fraction", score / 100}}}}}};
  if (!lesson.empty())
    f.lesson = {{"id", lesson}, {"title", lesson}, {"completed", true}, {"passed", passed}, {"score", score},
                {"pass_mark", 70}, {"steps", json::array()}};
  for (auto& s : sessionStatements(f, Site{})) {
    std::string path, error;
    EXPECT_TRUE(writeStatement(st.outbox(), s, path, error)) << error;
  }
  return f.registration;
}

struct ClassFixture : ::testing::Test {
  fs::path root;
  ns::test::LrsStandIn lrs;
  Station a, b, c;
  void SetUp() override {
    root = ns::test::recordsScratch(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ns::test::startLrs(lrs);
    a = makeStation(root, "bench-a");
    b = makeStation(root, "bench-b");
    c = makeStation(root, "bench-c");
  }
  void TearDown() override { ns::test::stopLrs(lrs); }
  void deliver(const Station& st) {
    DeliveryStats stats;
    ASSERT_TRUE(deliverPending(st.outbox(), readerConfig(lrs), stats)) << stats.lastStatus;
  }
  // Ana on a and b, Ben on b, Cleo on c: 5 sessions of class "spring"; one of
  // class "autumn" on c (same LRS).
  void classOfThree() {
    train(a, "spring", "Ana Lima", "cheek", 62, false, {"angle", "overlap"}, 50);
    train(b, "spring", "ana lima", "cheek", 81, true, {"angle"}, 40);
    train(b, "spring", "Ben Okafor", "forehead", 55, false, {"angle", "dry"}, 30);
    train(b, "spring", "Ben Okafor", "", 70, false, {"angle"}, 20);
    train(c, "spring", "Cleo, \"CJ\" Park", "cheek", 90, true, {}, 10);
    train(c, "autumn", "Dora Autumn", "cheek", 99, true, {}, 5);
    deliver(a);
    deliver(b);
    deliver(c);
  }
};

const TraineeSummary* find(const Classroom& c, const std::string& name) {
  for (auto& t : c.trainees)
    if (t.name == name) return &t;
  return nullptr;
}

TEST_F(ClassFixture, SeveralStationsReadBackInPagesAreTheClassEachSessionOnce) {
  classOfThree();
  lrs.pageSize = 2;
  ClassCache cache;
  cache.classId = "spring";
  ClassRefresh r = refreshClass(readerConfig(lrs), cache, "2026-12-07T10:00:00.000Z");
  ASSERT_TRUE(r.ok) << r.problem;
  // 5 completed + 4 passed/failed of spring (the free session has no verdict).
  EXPECT_EQ(r.read, 9u);
  EXPECT_EQ(r.added, 9u);
  EXPECT_EQ(r.otherClass, 0u) << "the LRS filtered by the class activity";
  EXPECT_GE(r.pages, 3u + 2u) << "3 verbs, and `more` followed";
  EXPECT_EQ(cache.statements.size(), 9u);
  EXPECT_FALSE(cache.since.empty());
  {
    std::lock_guard lock(lrs.mutex);
    EXPECT_EQ(lrs.queries, 3);
    EXPECT_EQ(lrs.unauthorized + lrs.missingVersion, 0);
    EXPECT_NE(lrs.queryUrls.front().find("activity=urn%3Aneedlesim%3Aclass%3Aspring"), std::string::npos);
    EXPECT_NE(lrs.queryUrls.front().find("related_activities=true"), std::string::npos);
  }

  // Station a's own statements are still in its outbox too (as after a dropped
  // answer) and a new session waits there undelivered: each counted once.
  std::string pending = train(a, "spring", "Ana Lima", "forehead", 75, true, {"overlap"}, 1);
  std::vector<json> all;
  for (auto& [id, s] : cache.statements) all.push_back(s);
  std::vector<json> local = outboxClassStatements(a.outbox(), "spring");
  EXPECT_EQ(local.size(), 3u) << "attempted, completed, passed of the new session; the rest of a was delivered";
  all.insert(all.end(), local.begin(), local.end());
  for (auto& [id, s] : cache.statements) all.push_back(s);  // again: duplicates
  Classroom view = buildClassroom("spring", all, {{pending, "/pictures/ana.png"}});
  ASSERT_EQ(view.trainees.size(), 3u);
  const TraineeSummary* ana = find(view, "Ana Lima");
  ASSERT_TRUE(ana);
  EXPECT_EQ(ana->sessions, 3);
  EXPECT_EQ(ana->stations, (std::set<std::string>{"bench-a", "bench-b"}));
  EXPECT_EQ(ana->passedLessons, (std::vector<std::string>{"cheek", "forehead"}));
  EXPECT_DOUBLE_EQ(*ana->lastScore, 75);
  EXPECT_DOUBLE_EQ(*ana->bestScore, 81);
  EXPECT_EQ(ana->recurringWarnings, (std::vector<std::string>{"angle", "overlap"}));
  EXPECT_EQ(ana->history.back().picture, "/pictures/ana.png");
  EXPECT_EQ(ana->history.front().picture, "") << "ran on another station";
  const TraineeSummary* ben = find(view, "Ben Okafor");
  ASSERT_TRUE(ben);
  EXPECT_EQ(ben->sessions, 2);
  EXPECT_TRUE(ben->passedLessons.empty());
  ASSERT_EQ(ben->lessons.size(), 2u);
  EXPECT_EQ(ben->lessons[1].lesson, "scene:face");
  EXPECT_EQ(find(view, "Cleo, \"CJ\" Park")->sessions, 1);
  EXPECT_EQ(find(view, "Dora Autumn"), nullptr);
  ASSERT_FALSE(view.recurring.empty());
  EXPECT_EQ(view.recurring.front().warning, "angle");
  EXPECT_EQ(view.recurring.front().trainees, 2);  // Ana and Ben

  // Incremental: nothing new, nothing read; one new delivered session, only it.
  ClassRefresh again = refreshClass(readerConfig(lrs), cache, "2026-12-07T10:05:00.000Z");
  ASSERT_TRUE(again.ok) << again.problem;
  EXPECT_EQ(again.read, 0u);
  deliver(a);
  ClassRefresh third = refreshClass(readerConfig(lrs), cache, "2026-12-07T10:06:00.000Z");
  ASSERT_TRUE(third.ok) << third.problem;
  EXPECT_EQ(third.read, 2u) << "the new session's completed and passed";
  EXPECT_EQ(cache.statements.size(), 11u);
  {
    std::lock_guard lock(lrs.mutex);
    EXPECT_NE(lrs.queryUrls.back().find("since="), std::string::npos);
  }
}

TEST_F(ClassFixture, AnOutageOrAMalformedPageLeavesTheCacheAsItWas) {
  classOfThree();
  lrs.pageSize = 2;
  ClassCache cache;
  cache.classId = "spring";
  ASSERT_TRUE(refreshClass(readerConfig(lrs), cache, "2026-12-07T10:00:00.000Z").ok);
  train(b, "spring", "Ben Okafor", "forehead", 72, true, {}, 1);
  deliver(b);
  ClassCache before = cache;

  ns::test::queueFaults(lrs, {LrsFault::None, LrsFault::ServerError});  // the second page fails
  ClassRefresh outage = refreshClass(readerConfig(lrs), cache, "2026-12-07T11:00:00.000Z");
  EXPECT_FALSE(outage.ok);
  EXPECT_NE(outage.problem.find("503"), std::string::npos) << outage.problem;
  EXPECT_EQ(outage.problem.find('\n'), std::string::npos);
  EXPECT_EQ(cache.statements.size(), before.statements.size());
  EXPECT_EQ(cache.since, before.since);
  EXPECT_EQ(cache.fetchedAt, before.fetchedAt);

  ns::test::queueFaults(lrs, {LrsFault::MalformedPage});
  ClassRefresh malformed = refreshClass(readerConfig(lrs), cache, "2026-12-07T11:00:00.000Z");
  EXPECT_FALSE(malformed.ok);
  EXPECT_NE(malformed.problem.find("not a statement result"), std::string::npos) << malformed.problem;
  EXPECT_EQ(cache.statements.size(), before.statements.size());

  ns::test::stopLrs(lrs);  // the LRS gone altogether
  LrsConfig gone = readerConfig(lrs);
  gone.timeout_s = 0.3;
  ClassRefresh down = refreshClass(gone, cache, "2026-12-07T11:00:00.000Z");
  EXPECT_FALSE(down.ok);
  EXPECT_NE(down.problem.find("did not answer"), std::string::npos) << down.problem;
  EXPECT_EQ(cache.statements.size(), before.statements.size());
}

TEST_F(ClassFixture, AnotherClassesStatementsAreSkippedAndCountedWhenTheLrsSendsThem) {
  classOfThree();
  lrs.ignoreActivityFilter = true;
  lrs.pageSize = 3;
  ClassCache cache;
  cache.classId = "spring";
  ClassRefresh r = refreshClass(readerConfig(lrs), cache, "2026-12-07T10:00:00.000Z");
  ASSERT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.otherClass, 2u) << "Dora's completed and passed (autumn)";
  EXPECT_EQ(r.added, 9u);
  for (auto& [id, s] : cache.statements) EXPECT_EQ(statementClass(s), "spring");
  // A statement of no class and one without an actor.
  json stray = ns::test::someStatements("Eve")[1];
  ns::test::storeDirectly(lrs, stray);
  json broken = ns::test::someStatements("Finn")[1];
  broken["context"]["contextActivities"] = {{"grouping", {{{"id", classIri("spring")}}}}};
  broken.erase("actor");
  ns::test::storeDirectly(lrs, broken);
  ClassRefresh more = refreshClass(readerConfig(lrs), cache, "2026-12-07T10:01:00.000Z");
  ASSERT_TRUE(more.ok) << more.problem;
  EXPECT_EQ(more.added, 0u);
  EXPECT_EQ(more.otherClass, 1u);
  EXPECT_EQ(more.malformed, 1u);
}

TEST_F(ClassFixture, TheCacheIsTheOwnersAloneAndABadOneIsNamed) {
  ClassCache cache;
  cache.classId = "spring";
  cache.fetchedAt = "2026-12-07T10:00:00.000Z";
  cache.since = "2026-12-07T09:59:00.000Z";
  json s = ns::test::someStatements("Ana")[1];
  cache.statements[s["id"]] = s;
  std::string path = classCachePath((root / "data").string(), "spring"), error;
  ASSERT_TRUE(saveClassCache(path, cache, error)) << error;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ClassCache back;
  ASSERT_TRUE(loadClassCache(path, "spring", back, error)) << error;
  EXPECT_EQ(back.statements.size(), 1u);
  EXPECT_EQ(back.since, cache.since);
  EXPECT_EQ(back.fetchedAt, cache.fetchedAt);
  EXPECT_FALSE(loadClassCache(path, "autumn", back, error));
  EXPECT_NE(error.find("class_id"), std::string::npos) << error;
  std::ofstream(path) << "{not json";
  EXPECT_FALSE(loadClassCache(path, "spring", back, error));
  EXPECT_EQ(error.rfind(path, 0), 0u) << error;
  EXPECT_TRUE(loadClassCache((root / "none.json").string(), "spring", back, error));
  EXPECT_TRUE(back.statements.empty());
}

TEST(Classroom, CsvQuotesWhatItMustAndDefusesFormulas) {
  EXPECT_EQ(csvField("Ana Lima"), "Ana Lima");
  EXPECT_EQ(csvField("Park, \"CJ\""), "\"Park, \"\"CJ\"\"\"");
  EXPECT_EQ(csvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
}

TEST(Classroom, TrendComparesTheLastSessionsWithTheOnesBefore) {
  // One trainee, 6 sessions: "angle" in the first three, only once in the last three.
  std::vector<json> statements;
  for (int i = 0; i < 6; ++i) {
    SessionFacts f = faceSession("spring", "Ana", 50 + i, 60 - i);
    f.technique = {{"score", f.score}, {"passes", 2}, {"warnings", i < 3 || i == 5 ? json::array({"angle"}) : json::array()}};
    for (auto& s : sessionStatements(f, Site{})) statements.push_back(s);
  }
  Classroom c = buildClassroom("spring", statements, {});
  ASSERT_EQ(c.trainees.size(), 1u);
  EXPECT_EQ(c.trainees[0].sessions, 6);
  EXPECT_DOUBLE_EQ(*c.trainees[0].lastScore, 55);
  EXPECT_DOUBLE_EQ(*c.trainees[0].bestScore, 55);
  ASSERT_EQ(c.recurring.size(), 1u);  // in 3 of the last 5 sessions
  EXPECT_DOUBLE_EQ(c.recurring[0].recentShare, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*c.recurring[0].earlierShare, 1.0);
  EXPECT_EQ(c.recurring[0].trend, "falling");
  std::string csv = classroomCsv(c);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "class_id,trainee,lesson,sessions,last_score,best_score,passed,last_at,stations,recurring_warnings,regions_last");
  EXPECT_NE(csv.find("spring,Ana,scene:face,6,55.0,55.0,no,"), std::string::npos) << csv;
  EXPECT_EQ(*secondsBetween("2026-12-07T10:00:00.000Z", "2026-12-07T10:01:30.500Z"), 90.5);
}

}  // namespace

namespace {

// Statements from an LRS are input like any other: every field of the wrong type is
// skipped or ignored, never a throw, and the sane statement beside them still counts.
TEST(Classroom, StatementsOfAnyShapeAreTakenOrSkippedNeverThrown) {
  std::vector<json> statements;
  SessionFacts f = faceSession("spring", "Ana", 70, 0);
  f.technique = {{"score", 70}, {"passes", 2}};
  json good = sessionStatements(f, Site{}).back();
  statements.push_back(good);
  for (const char* path : {"/actor", "/verb", "/verb/id", "/object", "/object/id", "/context", "/context/registration",
                           "/context/contextActivities", "/context/contextActivities/grouping", "/timestamp", "/result",
                           "/result/score", "/result/score/raw", "/result/extensions",
                           "/result/extensions/urn:needlesim:ext:technique",
                           "/result/extensions/urn:needlesim:ext:technique/passes"})
    for (json bad : {json(42), json("text"), json::array({1, "x"}), json::object({{"x", 1}}), json(nullptr), json(-1e308)}) {
      json s = good;
      s["id"] = newUuid();
      s["context"]["registration"] = newUuid();
      s[json::json_pointer(path)] = bad;
      statements.push_back(s);
    }
  json weird = good;
  weird["id"] = newUuid();
  weird["context"]["registration"] = newUuid();
  weird["result"]["extensions"][extensionIri("technique")] = {{"warnings", {{"a", 1}}}, {"regions", {{"cheek", 3}, {"x", {{"in_range_fraction", "high"}}}}}};
  statements.push_back(weird);
  Classroom c;
  ASSERT_NO_THROW(c = buildClassroom("spring", statements, {}));
  ASSERT_FALSE(c.trainees.empty());
  EXPECT_NO_THROW(classroomCsv(c));
  EXPECT_NO_THROW(classroomJson(c, 1).dump());
  for (auto& t : c.trainees)
    for (auto& s : t.history)
      if (s.score) EXPECT_TRUE(*s.score >= 0 && *s.score <= 100);
}

// Found while writing the class fuzzer (issue 31): what the LRS sends is anyone's text.
TEST(Classroom, ALessonIdThatDecodesToNoTextIsKeptAsItCameAndTheReportIsWritten) {
  SessionFacts f = faceSession("spring", "Ana", 70, 0);
  json s = sessionStatements(f, Site{}).back();
  s["object"]["id"] = "urn:needlesim:lesson:%FF%FEcheek";  // decodes to bytes that are not UTF-8
  Classroom c = buildClassroom("spring", {s}, {});
  ASSERT_EQ(c.trainees.size(), 1u);
  ASSERT_EQ(c.trainees[0].lessons.size(), 1u);
  EXPECT_EQ(c.trainees[0].lessons[0].lesson, "%FF%FEcheek");
  EXPECT_NO_THROW(classroomJson(c, 1).dump(2));  // threw type_error 316: the program aborted
  s["object"]["id"] = "urn:needlesim:lesson:Z%C3%B6e%20cheek";  // text: decoded as before
  EXPECT_EQ(buildClassroom("spring", {s}, {}).trainees[0].lessons[0].lesson, "Z\xC3\xB6" "e cheek");
}

TEST(Classroom, ATimestampIsOneCsvCellNeverAFormula) {
  SessionFacts f = faceSession("spring", "Ana", 70, 0);
  json s = sessionStatements(f, Site{}).back();
  s["timestamp"] = "=HYPERLINK(\"http://x\",\"a\"),b";
  std::string csv = classroomCsv(buildClassroom("spring", {s}, {}));
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\"),b\","), std::string::npos) << csv;
}

TEST(Classroom, APageIsReadAloneAndItsMoreLinkStaysWithTheLrs) {
  SessionFacts f = faceSession("spring", "Ana", 70, 0);
  json mine = sessionStatements(f, Site{}).back();
  mine["stored"] = "2026-12-07T10:00:00.000Z";
  json other = sessionStatements(faceSession("autumn", "Dora", 90, 0), Site{}).back();
  json page = {{"statements", {mine, other, json{{"id", "x"}}}}, {"more", "/xapi/statements?more=2"}};
  std::map<std::string, json> found;
  std::string latest, next;
  ClassRefresh r;
  ASSERT_TRUE(readClassPage(page.dump(), "https://lrs.example/xapi/", "spring", found, latest, next, r)) << r.problem;
  EXPECT_EQ(found.size(), 1u);
  EXPECT_EQ(r.read, 3u);
  EXPECT_EQ(r.otherClass, 1u);
  EXPECT_EQ(r.malformed, 1u);
  EXPECT_EQ(latest, "2026-12-07T10:00:00.000Z");
  EXPECT_EQ(next, "https://lrs.example/xapi/statements?more=2");
  page["more"] = "https://elsewhere.example/steal\nsecond line";
  ClassRefresh away;
  EXPECT_FALSE(readClassPage(page.dump(), "https://lrs.example/xapi/", "spring", found, latest, next, away));
  EXPECT_TRUE(next.empty());
  EXPECT_EQ(away.problem.find('\n'), std::string::npos) << away.problem;
  ClassRefresh notPage;
  EXPECT_FALSE(readClassPage("[1, 2]", "https://lrs.example/xapi/", "spring", found, latest, next, notPage));
  EXPECT_FALSE(notPage.problem.empty());
}

TEST(Classroom, ASessionsWarningsAreKeptOnceEachInTheirOrder) {
  SessionFacts f = faceSession("spring", "Ana", 70, 0);
  json s = sessionStatements(f, Site{}).back();
  s["result"]["extensions"][extensionIri("technique")] = {{"warnings", {"dry", "angle", "dry", 3, "overlap", "angle"}}};
  Classroom c = buildClassroom("spring", {s}, {});
  ASSERT_EQ(c.trainees.size(), 1u);
  EXPECT_EQ(c.trainees[0].history.at(0).warnings, (std::vector<std::string>{"dry", "angle", "overlap"}));
}

}  // namespace

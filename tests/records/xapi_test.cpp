// Statements a session produces, and the xAPI 1.0.3 rules an LRS enforces.
#include <gtest/gtest.h>

#include "records/xapi.h"

namespace {
using nlohmann::json;
using namespace ns::records;

SessionFacts lessonFacts(bool completed, bool passed) {
  SessionFacts f;
  f.trainee = "Alice Martin";
  f.registration = newUuid();
  f.sceneName = "face";
  f.mode = "trainee";
  f.version = "0.1.0";
  f.started = Clock::now();
  f.duration_s = 125.5;
  f.score = 72;
  f.technique = {{"score", 72}, {"warnings", {"angle"}}, {"regions", {{"cheek", {{"punctures", 300}, {"in_range_fraction", 0.8}}}}}};
  f.lesson = {{"id", "first-glide-cheek"}, {"title", "First glide"}, {"completed", completed}, {"passed", passed},
              {"score", 80}, {"pass_mark", 70},
              {"steps", {{{"id", "serum"}, {"completed", true}, {"at_s", 10.0}, {"time_s", 10.0}, {"skipped", false}, {"criteria", json::array()}},
                         {{"id", "dial"}, {"completed", completed}, {"at_s", completed ? json(40.0) : json(nullptr)},
                          {"time_s", completed ? json(30.0) : json(nullptr)}, {"skipped", false}, {"criteria", json::array()}}}}};
  return f;
}

std::vector<std::string> verbs(const std::vector<json>& statements) {
  std::vector<std::string> out;
  for (auto& s : statements) out.push_back(s["verb"]["display"]["en-US"]);
  return out;
}

TEST(Xapi, AFinishedLessonIsAttemptedProgressedCompletedAndPassed) {
  auto statements = sessionStatements(lessonFacts(true, true), Site{});
  EXPECT_EQ(verbs(statements), (std::vector<std::string>{"attempted", "progressed", "progressed", "completed", "passed"}));
  std::set<std::string> ids;
  for (auto& s : statements) {
    EXPECT_TRUE(checkStatement(s).empty()) << s.dump(2) << "\n" << checkStatement(s).front();
    ids.insert(s["id"].get<std::string>());
    EXPECT_EQ(s["actor"]["account"]["name"], "Alice Martin");
    EXPECT_EQ(s["context"]["registration"], statements[0]["context"]["registration"]);
  }
  EXPECT_EQ(ids.size(), statements.size()) << "every statement its own id";
  EXPECT_EQ(statements[0]["object"]["id"], "urn:needlesim:lesson:first-glide-cheek");
  EXPECT_EQ(statements[1]["object"]["id"], "urn:needlesim:lesson:first-glide-cheek:step:serum");
  EXPECT_EQ(statements[1]["context"]["contextActivities"]["parent"][0]["id"], "urn:needlesim:lesson:first-glide-cheek");
  EXPECT_EQ(statements[1]["result"]["duration"], "PT10S");
  EXPECT_EQ(statements[4]["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
  EXPECT_EQ(statements[4]["result"]["success"], true);
  EXPECT_DOUBLE_EQ(statements[4]["result"]["score"]["scaled"].get<double>(), 0.8);
  EXPECT_EQ(statements[3]["result"]["duration"], "PT2M5.50S");
}

TEST(Xapi, AFailedLessonSaysFailedAndAnUnfinishedOneNeither) {
  EXPECT_EQ(verbs(sessionStatements(lessonFacts(true, false), Site{})).back(), "failed");
  EXPECT_EQ(verbs(sessionStatements(lessonFacts(false, false), Site{})),
            (std::vector<std::string>{"attempted", "progressed"}));
}

TEST(Xapi, AFreeSessionIsAttemptedAndCompletedWithItsScore) {
  SessionFacts f = lessonFacts(true, true);
  f.lesson = nullptr;
  f.sceneName = "cheek patch";
  auto statements = sessionStatements(f, Site{"https://academy.example/", "NeedleSim"});
  ASSERT_EQ(verbs(statements), (std::vector<std::string>{"attempted", "completed"}));
  EXPECT_EQ(statements[1]["object"]["id"], "urn:needlesim:scene:cheek%20patch");
  EXPECT_EQ(statements[1]["result"]["score"]["raw"], 72.0);
  EXPECT_EQ(statements[1]["actor"]["account"]["homePage"], "https://academy.example/");
  for (auto& s : statements) EXPECT_TRUE(checkStatement(s).empty());
  f.trainee = "alice@academy.example";
  EXPECT_EQ(sessionStatements(f, Site{})[0]["actor"]["mbox"], "mailto:alice@academy.example");
}

TEST(Xapi, FormsOfTimesDurationsAndIds) {
  EXPECT_EQ(isoDuration(0), "PT0S");
  EXPECT_EQ(isoDuration(3725.25), "PT1H2M5.25S");
  EXPECT_EQ(isoDuration(60), "PT1M");
  EXPECT_EQ(isoDuration(-3), "PT0S");
  for (const char* d : {"PT0S", "PT1H2M5.25S", "P1D", "P2W", "PT1M"}) EXPECT_TRUE(isIsoDuration(d)) << d;
  for (const char* d : {"P", "PT", "1S", "PT1.S", "PTS", "P1H"}) EXPECT_FALSE(isIsoDuration(d)) << d;
  EXPECT_TRUE(isIsoTimestamp(isoTimestamp(Clock::now())));
  EXPECT_TRUE(isIsoTimestamp("2024-05-01T09:30:00+02:00"));
  for (const char* t : {"2024-05-01 09:30:00Z", "2024-13-01T09:30:00Z", "2024-05-01T09:30:00", "2024-05-01T09:30:00-00:00"})
    EXPECT_FALSE(isIsoTimestamp(t)) << t;
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(isUuid(newUuid()));
  EXPECT_FALSE(isUuid("not-a-uuid"));
  EXPECT_TRUE(isIri("urn:needlesim:lesson:a%20b"));
  EXPECT_FALSE(isIri("no scheme"));
  EXPECT_FALSE(isIrl("urn:x:y"));
}

TEST(Xapi, TheRulesAnLrsEnforcesCatchEachBreak) {
  json good = sessionStatements(lessonFacts(true, true), Site{}).back();
  ASSERT_TRUE(checkStatement(good).empty());
  auto broken = [&](auto change) {
    json s = good;
    change(s);
    return checkStatement(s);
  };
  auto firstProblem = [&](auto change) {
    auto p = broken(change);
    return p.empty() ? std::string("(none)") : p.front();
  };
  EXPECT_EQ(firstProblem([](json& s) { s["result"]["score"]["scaled"] = 1.5; }), "result.score.scaled: outside [-1, 1]");
  EXPECT_EQ(firstProblem([](json& s) { s["id"] = "1234"; }), "id: expected a UUID");
  EXPECT_EQ(firstProblem([](json& s) { s.erase("actor"); }), "actor: required");
  EXPECT_EQ(firstProblem([](json& s) { s["actor"]["mbox"] = "mailto:a@b.c"; }),
            "actor: an Agent needs exactly one of mbox, mbox_sha1sum, openid, account");
  EXPECT_EQ(firstProblem([](json& s) { s["actor"]["account"]["homePage"] = "needlesim"; }),
            "actor.account.homePage: required, an IRL (http or https URL)");
  EXPECT_EQ(firstProblem([](json& s) { s["verb"]["id"] = "passed"; }), "verb.id: required, an IRI");
  EXPECT_EQ(firstProblem([](json& s) { s["object"]["id"] = "a lesson"; }), "object.id: required, an IRI");
  EXPECT_EQ(firstProblem([](json& s) { s["result"]["duration"] = "125 s"; }), "result.duration: expected an ISO 8601 duration");
  EXPECT_EQ(firstProblem([](json& s) { s["timestamp"] = "yesterday"; }), "timestamp: expected an ISO 8601 timestamp");
  EXPECT_EQ(firstProblem([](json& s) { s["context"]["registration"] = "r1"; }), "context.registration: expected a UUID");
  EXPECT_EQ(firstProblem([](json& s) { s["result"]["extensions"]["score"] = 1; }),
            "result.extensions: key 'score' is not an IRI");
  EXPECT_EQ(firstProblem([](json& s) { s["mood"] = "good"; }), "statement.mood: not an xAPI 1.0.3 property");
  EXPECT_EQ(firstProblem([](json& s) { s["result"]["score"]["raw"] = 120; }), "result.score.raw: above max");
  EXPECT_EQ(firstProblem([](json& s) { s["verb"]["display"] = {{"en_US", "passed"}}; }),
            "verb.display.en_US: not an RFC 5646 language tag");
}

}  // namespace

// Found by fuzz_records: an outbox entry of any JSON shape is a list of problems (the
// entry is then quarantined), never an exception that ends the program.
TEST(Xapi, AnyShapeOfJsonIsProblemsNeverAnException) {
  for (const char* text : {R"({"id": 1, "actor": [], "verb": {"id": null}, "object": "x", "timestamp": 5})",
                           R"({"actor": {"account": 3}, "verb": [], "object": {"definition": "d"}, "result": 7})",
                           R"({"context": {"contextActivities": {"parent": "p"}}, "object": {"objectType": 1}})",
                           R"([1, 2])", R"("text")", R"(null)"}) {
    nlohmann::json j = nlohmann::json::parse(text);
    std::vector<std::string> problems;
    EXPECT_NO_THROW(problems = checkStatement(j)) << text;
    EXPECT_FALSE(problems.empty()) << text;
  }
}

namespace {

// Issue 35: every statement of a station names its class as a grouping activity (an
// LRS filters on it: activity=<class IRI>&related_activities=true) and its station.
TEST(Xapi, EveryStatementCarriesTheClassAsAGroupingActivityAndTheStation) {
  SessionFacts f = lessonFacts(true, true);
  f.classId = "spring-a";
  f.station = "bench-3";
  auto statements = sessionStatements(f, Site{});
  ASSERT_EQ(statements.size(), 5u);  // attempted, 2 progressed, completed, passed
  for (auto& s : statements) {
    EXPECT_TRUE(checkStatement(s).empty()) << checkStatement(s).front();
    EXPECT_EQ(statementClass(s), "spring-a");
    EXPECT_EQ(s["context"]["extensions"][extensionIri("station")], "bench-3");
    bool scene = false, klass = false;
    for (auto& a : s["context"]["contextActivities"]["grouping"]) {
      scene = scene || a["id"] == sceneIri("face");
      klass = klass || a["id"] == "urn:needlesim:class:spring-a";
    }
    EXPECT_TRUE(scene && klass) << s["context"].dump();
  }
  EXPECT_EQ(statements[1]["context"]["contextActivities"]["parent"][0]["id"], lessonIri("first-glide-cheek"));
  // A free session (no lesson, so no scene grouping) still carries its class.
  SessionFacts free = lessonFacts(true, true);
  free.lesson = nullptr;
  free.classId = "spring-a";
  for (auto& s : sessionStatements(free, Site{})) {
    EXPECT_TRUE(checkStatement(s).empty());
    EXPECT_EQ(statementClass(s), "spring-a");
  }
  // Without a class: no class grouping, as before.
  for (auto& s : sessionStatements(lessonFacts(true, true), Site{})) EXPECT_EQ(statementClass(s), "");
}

TEST(Xapi, AClassIdIsOneSafeSegment) {
  EXPECT_EQ(classIdProblem("spring-2027.A_1"), "");
  for (std::string bad : std::vector<std::string>{"", "two words", "a/b", "é", std::string(65, 'a'), "x?y"}) EXPECT_NE(classIdProblem(bad), "") << bad;
}

}  // namespace

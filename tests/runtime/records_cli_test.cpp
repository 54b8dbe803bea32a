// Records end to end through the needlesim binary: a trainee's lesson runs land in
// the store and, as xAPI statements, at an LRS stand-in that is down for the first
// run; the second run delivers both runs' statements, each exactly once.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "records/store.h"
#include "records/xapi.h"
#include "support/cli_support.h"
#include "support/lrs_standin.h"
#include "input/replay.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path scratch(const std::string& name) { return ns::test::scratchDir("records", name); }

using ns::test::binary;

using ns::test::write;

// Two steps on the cheek: two directions, then a third (short enough for a test).
const char* kLesson = R"({
  "id": "glide-directions", "title": "Glide in directions", "scene": ")" NS_SOURCE_DIR R"(/scenes/cheek.json",
  "pass_mark": 50,
  "steps": [
    {"id": "two", "title": "Two directions", "instruction": "Glide horizontally, then vertically.",
     "complete_when": {"metric": "technique.passes.directions", ">=": 2}},
    {"id": "three", "title": "A third", "instruction": "Now obliquely.",
     "complete_when": {"metric": "technique.passes.directions", ">=": 3}}
  ]})";

// Strokes through the middle of the patch along each direction (dial 0.75 mm).
std::string strokes(const std::vector<glm::dvec2>& directions) {
  ns::input::PenSample s;
  s.dir = {0, 0, -1};
  s.depth_mm = 0.75;
  std::string text;
  double t = 0;
  auto add = [&](glm::dvec2 p, bool contact) {
    s.t_s = t;
    s.pos_mm = {p.x, p.y, 0.0};
    s.contact = contact;
    text += ns::input::replayLine(s) + "\n";
  };
  for (glm::dvec2 d : directions) {
    add(-d * 1.5, false);
    for (int i = 0; i <= 60; ++i, t += 0.006) add(-d * 1.5 + d * (3.0 * i / 60), true);
    add(d * 1.5, false);
    t += 0.3;
  }
  t += 1.0;
  add({0, 0}, false);
  return text;
}

json recordsRun(const fs::path& dir, const std::string& tag, const std::string& replay, const std::string& extra) {
  write(dir / "lesson.json", kLesson);
  write(dir / (tag + ".jsonl"), replay);
  std::string command = "NEEDLESIM_CONFIG='" + (dir / "config.json").string() +
                        "' NEEDLESIM_LRS_USER=station NEEDLESIM_LRS_PASSWORD=s3cret " + binary() +
                        " --headless --lesson '" + (dir / "lesson.json").string() + "' --replay '" +
                        (dir / (tag + ".jsonl")).string() + "' --report '" + (dir / (tag + ".json")).string() + "' " +
                        extra + " 2> '" + (dir / (tag + ".err")).string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 0) << command;
  return ns::test::readJsonFile(dir / (tag + ".json"));
}

}  // namespace

TEST(RecordsCli, ATraineesRunsReachTheStoreAndTheLrsExactlyOnceThoughItWasDown) {
  fs::path dir = scratch("down_then_up");
  ns::test::LrsStandIn lrs;
  ns::test::startLrs(lrs);  // to learn a free port; down for the first run
  int port = lrs.port;
  ns::test::stopLrs(lrs);
  json config = {{"site", {{"home_page", "https://academy.example/"}}},
                 {"lrs", {{"url", lrs.base()}, {"timeout_s", 1}, {"backoff_s", {0.05, 0.2}}, {"drain_s", 2}}}};
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "config.json").string(), config.dump(), error));
  std::string who = "--trainee 'Alice Martin' --data-dir '" + (dir / "data").string() + "'";

  json first = recordsRun(dir, "first", strokes({{1, 0}, {0, 1}, {0.7071, 0.7071}}), who);
  ASSERT_TRUE(first.contains("records")) << first.dump(2);
  const json& r1 = first["records"];
  ASSERT_EQ(first["lesson"]["completed"], true);
  size_t steps = first["lesson"]["steps"].size();
  EXPECT_EQ(r1["written"], 3 + steps) << "attempted, a progressed per step, completed, passed or failed";
  EXPECT_EQ(r1["statements"], r1["written"]);
  EXPECT_EQ(r1["sent"], 0);
  EXPECT_EQ(r1["pending"], r1["written"]);
  EXPECT_NE(r1["lrs_status"].get<std::string>().find("no answer"), std::string::npos) << r1["lrs_status"];
  EXPECT_EQ(r1["outbox"], (dir / "data" / "outbox").string());
  EXPECT_EQ(r1["lesson_position"], "") << "finished: nothing to resume";

  ns::test::startLrs(lrs, port);
  ASSERT_EQ(lrs.port, port);
  json second = recordsRun(dir, "second", strokes({{1, 0}}), who);
  const json& r2 = second["records"];
  ASSERT_EQ(second["lesson"]["completed"], false);
  size_t expected = r1["written"].get<size_t>() + r2["written"].get<size_t>();
  EXPECT_EQ(r2["sent"], expected) << "the first run's statements went out with the second's";
  EXPECT_EQ(r2["pending"], 0);
  EXPECT_EQ(r2["lrs_status"], "200");
  EXPECT_EQ(r2["lesson_position"], "two") << "an unfinished lesson remembers its step";
  ns::test::stopLrs(lrs);

  EXPECT_EQ(lrs.stored.size(), expected);
  EXPECT_TRUE(lrs.problems.empty());
  std::multiset<std::string> verbs;
  std::set<std::string> registrations;
  for (auto& [id, s] : lrs.stored) {
    EXPECT_EQ(lrs.timesOffered[id], 1) << "nothing sent twice when the LRS answers";
    EXPECT_TRUE(ns::records::checkStatement(s).empty());
    EXPECT_EQ(s["actor"]["account"]["name"], "Alice Martin");
    EXPECT_EQ(s["actor"]["account"]["homePage"], "https://academy.example/");
    verbs.insert(s["verb"]["display"]["en-US"].get<std::string>());
    registrations.insert(s["context"]["registration"].get<std::string>());
  }
  EXPECT_EQ(registrations.size(), 2u) << "one registration per session";
  EXPECT_EQ(verbs.count("attempted"), 2u);
  EXPECT_EQ(verbs.count("completed"), 1u);
  EXPECT_EQ(verbs.count("passed"), 1u);
  EXPECT_GE(verbs.count("progressed"), steps);

  ns::records::Store store;
  ASSERT_TRUE(ns::records::openStore((dir / "data").string(), store).ok);
  ns::records::Progress p = ns::records::traineeProgress(store, "Alice Martin");
  ASSERT_EQ(p.sessions.size(), 2u);
  EXPECT_EQ(p.sessions[0].score, first["lesson"]["score"].get<double>());
  EXPECT_EQ(p.sessions[0].passed, std::optional<bool>(true));
  EXPECT_FALSE(p.sessions[1].passed) << "unfinished: no verdict";
  EXPECT_FALSE(p.regionAccuracy["cheek"].empty());
  EXPECT_EQ(ns::records::lessonPosition(store, "Alice Martin", "glide-directions").value_or(""), r2["lesson_position"]);
  ns::records::closeStore(store);
}

TEST(RecordsCli, CredentialsNeverComeFromTheCommandLine) {
  fs::path dir = scratch("credentials");
  std::string command = binary() + " --headless --lrs 'http://user:pw@127.0.0.1:9/xapi/' 2> '" + (dir / "err").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 2);
  std::string err, error;
  ns::core::readText((dir / "err").string(), err, error);
  EXPECT_NE(err.find("--lrs: expected a URL without credentials"), std::string::npos) << err;
  // A bad config file is refused naming the file and key.
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "config.json").string(), R"({"lrs": {"timeout_s": "soon"}})", error));
  command = "NEEDLESIM_CONFIG='" + (dir / "config.json").string() + "' " + binary() + " --headless 2> '" +
            (dir / "err").string() + "'";
  EXPECT_EQ(ns::test::runShell(command), 2);
  ns::core::readText((dir / "err").string(), err, error);
  EXPECT_NE(err.find("config.json: lrs.timeout_s: expected a number"), std::string::npos) << err;
}

// A lesson left unfinished resumes at its step for the same trainee: the steps done
// before count as done (at 0 s), and finishing it clears the position.
TEST(RecordsCli, AnUnfinishedLessonResumesAtItsStep) {
  fs::path dir = scratch("resume");
  std::string error;
  json config = {{"site", {{"home_page", "https://academy.example/"}}}};
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "config.json").string(), config.dump(), error));
  std::string who = "--trainee 'Bo Chen' --data-dir '" + (dir / "data").string() + "'";
  json first = recordsRun(dir, "first", strokes({{1, 0}, {0, 1}}), who);
  ASSERT_EQ(first["lesson"]["steps"][0]["completed"], true) << first["lesson"].dump(2);
  ASSERT_EQ(first["lesson"]["steps"][1]["completed"], false);
  EXPECT_EQ(first["records"]["lesson_position"], "three");
  json second = recordsRun(dir, "second", strokes({{1, 0}, {0, 1}, {0.7071, 0.7071}}), who);
  const json& l = second["lesson"];
  EXPECT_EQ(l["completed"], true) << l.dump(2);
  EXPECT_EQ(l["steps"][0]["completed"], true);
  EXPECT_EQ(l["steps"][0]["at_s"], 0.0) << "done in the earlier session";
  EXPECT_EQ(l["steps"][1]["completed"], true);
  EXPECT_EQ(second["records"]["lesson_position"], "");
  std::string err;
  ASSERT_TRUE(ns::core::readText((dir / "second.err").string(), err, error));
  EXPECT_NE(err.find("resumes the lesson at step 'three'"), std::string::npos) << err;
}

// Records end to end through the needlesim binary: a trainee's lesson runs land in
// the store and, as xAPI statements, at an LRS stand-in that is down for the first
// run; the second run delivers both runs' statements, each exactly once.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>
#include <nlohmann/json.hpp>
#include <set>

#include "records/store.h"
#include "records/xapi.h"
#include "support/cli_support.h"
#include "support/stroke_replay.h"
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

// Strokes through the middle of the patch along each direction (dial 0.75 mm), the
// pen lifted at the skin, a last sample 1 s later.
std::string strokes(const std::vector<glm::dvec2>& directions) {
  return ns::test::strokesFrom(0.0, directions, 0.75, 0.0, 1.0);
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

// Issue 30: `--trainee "dana lee"` after `--trainee "Dana Lee"` made a second
// trainee. The second run is Dana Lee's: one trainee in the store, two sessions, the
// first spelling in the report (and so in the statements' actor).
TEST(RecordsCli, ASecondSpellingOfANameIsTheSameTrainee) {
  fs::path dir = scratch("spelling");
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "config.json").string(), "{}", error));
  std::string data = " --data-dir '" + (dir / "data").string() + "'";
  json first = recordsRun(dir, "first", strokes({{1, 0}}), "--trainee 'Dana Lee'" + data);
  json second = recordsRun(dir, "second", strokes({{1, 0}}), "--trainee '  dana   LEE '" + data);
  EXPECT_EQ(first["records"]["trainee"], "Dana Lee");
  EXPECT_EQ(second["records"]["trainee"], "Dana Lee") << "the stored spelling is shown";
  ns::records::Store store;
  ASSERT_TRUE(ns::records::openStore((dir / "data").string(), store).ok);
  EXPECT_EQ(ns::records::listTrainees(store), (std::vector<std::string>{"Dana Lee"}));
  EXPECT_EQ(ns::records::traineeProgress(store, "Dana Lee").sessions.size(), 2u);
  ns::records::closeStore(store);
}

namespace {

// A headless lesson run that never ends on its own: the replay does the first step
// (two directions) and stops; --frames keeps the run going. Returns its pid.
pid_t startEndlessLesson(const fs::path& dir, const std::string& config, const std::vector<std::string>& extra) {
  write(dir / "lesson.json", kLesson);
  write(dir / "two.jsonl", strokes({{1, 0}, {0, 1}}));
  std::vector<std::string> args = {NS_NEEDLESIM_BINARY, "--headless", "--lesson", (dir / "lesson.json").string(),
                                   "--replay", (dir / "two.jsonl").string(), "--frames", "100000000",
                                   "--trainee", "Dee Ray", "--data-dir", (dir / "data").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_t child = ::fork();
  if (child == 0) {
    FILE* err = std::freopen((dir / "stderr.txt").c_str(), "w", stderr);
    (void)err;
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::setenv("NEEDLESIM_CONFIG", config.c_str(), 1);
    ::setenv("NEEDLESIM_LRS_USER", "station", 1);
    ::setenv("NEEDLESIM_LRS_PASSWORD", "s3cret", 1);
    ::execv(NS_NEEDLESIM_BINARY, argv.data());
    _exit(127);
  }
  return child;
}

// Polls `done` every 0.1 s (up to 10 minutes on a loaded machine) while the run goes
// on; false when the run ended first.
bool whileRunning(pid_t child, const std::function<bool()>& done) {
  for (int i = 0; i < 6000 && !done(); ++i) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

bool killed(pid_t child) {
  bool running = ::kill(child, SIGKILL) == 0;
  int status = 0;
  ::waitpid(child, &status, 0);
  return running && WIFSIGNALED(status);
}

std::multiset<std::string> verbsOf(const std::vector<json>& statements) {
  std::multiset<std::string> verbs;
  for (const json& s : statements) {
    EXPECT_TRUE(ns::records::checkStatement(s).empty()) << s.dump(2);
    std::string verb = s["verb"]["display"]["en-US"].get<std::string>();
    if (verb == "progressed") {
      EXPECT_EQ(s["object"]["id"], ns::records::stepIri("glide-directions", "two"));
    }
    verbs.insert(verb);
  }
  return verbs;
}

}  // namespace

// Statements are written as the session goes on, not at its end: the first step's
// `progressed` is in the outbox while the run still goes, and a kill -9 then keeps
// it. No timing: the test waits for the file (however long the machine takes), then
// kills the run.
TEST(RecordsCli, AStepsStatementIsInTheOutboxAsSoonAsTheStepIsDone) {
  fs::path dir = scratch("per_step");
  fs::path box = dir / "box";
  fs::create_directories(box);
  pid_t child = startEndlessLesson(dir, (dir / "none.json").string(), {"--outbox", box.string()});
  auto inBox = [&] {
    std::vector<json> statements;
    for (auto& e : fs::directory_iterator(box))
      if (e.path().string().ends_with(".xapi.json")) statements.push_back(ns::test::readJsonFile(e.path()));
    return statements;
  };
  bool running = whileRunning(child, [&] { return verbsOf(inBox()).count("progressed") > 0; });
  ASSERT_TRUE(running) << "the run ended before its step was done";
  ASSERT_TRUE(killed(child)) << "the run was still going when the step's statement appeared";
  std::multiset<std::string> verbs = verbsOf(inBox());  // what a crash at this moment leaves
  EXPECT_EQ(verbs.count("attempted"), 1u) << "written when the session started";
  EXPECT_EQ(verbs.count("progressed"), 1u) << "step one, written when it was done";
  EXPECT_EQ(verbs.count("completed"), 0u) << "the lesson never finished";
  EXPECT_EQ(verbs.size(), 2u);
}

// ... and the background sender delivers it while the run goes on: the LRS holds the
// step's statement before the run ends (it is killed then, never finishing).
TEST(RecordsCli, AStepsStatementReachesTheLrsWhileTheRunGoesOn) {
  fs::path dir = scratch("per_step_lrs");
  ns::test::LrsStandIn lrs;
  ns::test::startLrs(lrs);
  json config = {{"lrs", {{"url", lrs.base()}, {"timeout_s", 2}, {"backoff_s", {0.05, 0.5}}}}};
  write(dir / "config.json", config.dump());
  pid_t child = startEndlessLesson(dir, (dir / "config.json").string(), {});
  auto atLrs = [&] {
    std::lock_guard lock(lrs.mutex);
    std::vector<json> statements;
    for (auto& [id, s] : lrs.stored) statements.push_back(s);
    return statements;
  };
  bool running = whileRunning(child, [&] { return verbsOf(atLrs()).count("progressed") > 0; });
  ASSERT_TRUE(running) << "the run ended before its step reached the LRS";
  ASSERT_TRUE(killed(child)) << "the run was still going when the LRS had the step";
  std::multiset<std::string> verbs = verbsOf(atLrs());
  EXPECT_EQ(verbs.count("attempted"), 1u);
  EXPECT_EQ(verbs.count("progressed"), 1u);
  EXPECT_EQ(verbs.count("completed"), 0u);
  ns::test::stopLrs(lrs);
  EXPECT_TRUE(lrs.problems.empty());
}

// The classroom end to end through the needlesim binary (issue 35): two stations
// (separate data directories, their own config files) train three sessions of class
// "spring" and one of class "autumn" and deliver them to the LRS stand-in; a third
// station exports the class as CSV with the LRS up (each session once, the other
// class absent), then with it down (the cached class, and the failure said); bad
// flags exit 2 with one line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/files.h"
#include "support/cli_support.h"
#include "support/lrs_standin.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string readAll(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string env(const fs::path& config) {
  return "NEEDLESIM_CONFIG='" + config.string() + "' NEEDLESIM_LRS_USER=station NEEDLESIM_LRS_PASSWORD=s3cret ";
}

void writeConfig(const fs::path& path, const std::string& lrs, const std::string& station, const std::string& classId) {
  json config = {{"lrs", {{"url", lrs}, {"timeout_s", 1}, {"backoff_s", {0.05, 0.2}}, {"drain_s", 3}}}, {"station", station}};
  if (!classId.empty()) config["class_id"] = classId;
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic(path.string(), config.dump(), error)) << error;
}

// A short free session of `trainee` on a station; its statements reach the LRS.
void train(const fs::path& dir, const std::string& station, const std::string& trainee, const std::string& extra) {
  std::string tag = station + "-" + std::to_string(std::hash<std::string>{}(trainee + extra) % 10000);
  std::string command = env(dir / (station + ".json")) + ns::test::binary() + " --headless --sim-seconds 0.5 --trainee '" +
                        trainee + "' --data-dir '" + (dir / station).string() + "' --report '" +
                        (dir / (tag + ".json")).string() + "' " + extra + " 2> '" + (dir / (tag + ".err")).string() + "'";
  ASSERT_EQ(ns::test::runShell(command), 0) << command << "\n" << readAll(dir / (tag + ".err"));
  json report = ns::test::readJsonFile(dir / (tag + ".json"));
  EXPECT_EQ(report["records"]["pending"], 0) << report["records"].dump();
}

int exportClass(const fs::path& dir, const std::string& tag, const std::string& extra) {
  return ns::test::runShell(env(dir / "office.json") + ns::test::binary() + " --class-export '" +
                            (dir / (tag + ".csv")).string() + "' --data-dir '" + (dir / "office").string() +
                            "' --report '" + (dir / (tag + ".json")).string() + "' " + extra + " 2> '" +
                            (dir / (tag + ".err")).string() + "'");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

TEST(ClassCli, StationsWriteTheClassAndAnExportShowsEachSessionOnceThenTheCacheWhenTheLrsIsDown) {
  fs::path dir = ns::test::scratchDir("class", "stations");
  ns::test::LrsStandIn lrs;
  ns::test::startLrs(lrs);
  lrs.pageSize = 2;  // pages followed through `more`
  writeConfig(dir / "bench-a.json", lrs.base(), "bench-a", "spring");
  writeConfig(dir / "bench-b.json", lrs.base(), "bench-b", "");
  writeConfig(dir / "office.json", lrs.base(), "office", "");
  train(dir, "bench-a", "Ana Lima", "");
  train(dir, "bench-b", "Ana Lima", "--class-id spring");
  train(dir, "bench-b", "Ben Okafor", "--class-id spring");
  train(dir, "bench-b", "Dora Autumn", "--class-id autumn");

  ASSERT_EQ(exportClass(dir, "up", "--class-id spring"), 0) << readAll(dir / "up.err");
  json report = ns::test::readJsonFile(dir / "up.json");
  const json& c = report["classroom"];
  EXPECT_EQ(c["source"], "lrs");
  EXPECT_EQ(c["statements_read"], 3) << "three sessions' completed statements";
  ASSERT_EQ(c["trainees"].size(), 2u) << c.dump(2);
  EXPECT_EQ(c["trainees"][0]["name"], "Ana Lima");
  EXPECT_EQ(c["trainees"][0]["sessions"], 2);
  EXPECT_EQ(c["trainees"][0]["stations"], json({"bench-a", "bench-b"}));
  EXPECT_EQ(c["trainees"][1]["name"], "Ben Okafor");
  EXPECT_EQ(c["trainees"][1]["sessions"], 1);
  for (const char* key : {"name", "sessions", "last_score", "best_score", "passed_lessons", "last_at", "recurring_warnings"})
    EXPECT_TRUE(c["trainees"][0].contains(key)) << key;
  EXPECT_TRUE(c["recurring"].is_array());
  std::vector<std::string> csv = lines(readAll(dir / "up.csv"));
  ASSERT_EQ(csv.size(), 3u) << readAll(dir / "up.csv");
  EXPECT_EQ(csv[0].substr(0, 40), "class_id,trainee,lesson,sessions,last_sc");
  EXPECT_EQ(csv[1].rfind("spring,Ana Lima,scene:", 0), 0u) << csv[1];
  EXPECT_NE(csv[1].find(",2,"), std::string::npos) << csv[1];
  EXPECT_EQ(csv[2].rfind("spring,Ben Okafor,scene:", 0), 0u) << csv[2];
  EXPECT_EQ(readAll(dir / "up.csv").find("Dora"), std::string::npos);

  ns::test::stopLrs(lrs);  // the LRS down: the cached class, said in one line
  ASSERT_EQ(exportClass(dir, "down", "--class-id spring"), 0) << readAll(dir / "down.err");
  const json down = ns::test::readJsonFile(dir / "down.json")["classroom"];
  EXPECT_EQ(down["source"], "cache");
  EXPECT_NE(down["problem"].get<std::string>().find("did not answer"), std::string::npos) << down.dump();
  EXPECT_EQ(down["trainees"], c["trainees"]);
  EXPECT_EQ(readAll(dir / "down.csv"), readAll(dir / "up.csv"));
  std::vector<std::string> said = lines(readAll(dir / "down.err"));
  ASSERT_EQ(said.size(), 1u) << readAll(dir / "down.err");
  EXPECT_NE(said[0].find("showing the cached class"), std::string::npos) << said[0];
}

TEST(ClassCli, BadClassFlagsExit2WithOneLine) {
  fs::path dir = ns::test::scratchDir("class", "bad_flags");
  writeConfig(dir / "office.json", "http://127.0.0.1:9/xapi/", "office", "");
  auto run = [&](const std::string& tag, const std::string& args) {
    int status = ns::test::runShell(env(dir / "office.json") + ns::test::binary() + " " + args + " 2> '" +
                                    (dir / (tag + ".err")).string() + "'");
    std::vector<std::string> said = lines(readAll(dir / (tag + ".err")));
    EXPECT_EQ(said.size(), 1u) << tag << ": " << readAll(dir / (tag + ".err"));
    return std::make_pair(status, said.empty() ? std::string() : said[0]);
  };
  std::string data = " --data-dir '" + (dir / "data").string() + "'";
  auto [s1, l1] = run("no_educator", "--headless --class --class-id spring" + data);
  EXPECT_EQ(s1, 2);
  EXPECT_NE(l1.find("--mode educator"), std::string::npos) << l1;
  auto [s2, l2] = run("bad_id", "--class-export x.csv --class-id 'two words'");
  EXPECT_EQ(s2, 2);
  EXPECT_NE(l2.find("--class-id"), std::string::npos) << l2;
  auto [s3, l3] = run("no_id", "--class-export '" + (dir / "x.csv").string() + "'" + data);
  EXPECT_EQ(s3, 2);
  EXPECT_NE(l3.find("class_id"), std::string::npos) << l3;
  auto [s4, l4] = run("not_csv", "--class-export x.txt --class-id spring");
  EXPECT_EQ(s4, 2);
  fs::create_directories(dir / "data");
  ns::test::write(dir / "data" / "classroom-spring.json", "{\"class_id\": \"spring\", \"statements\": 3}");
  auto [s5, l5] = run("bad_cache", "--class-export '" + (dir / "x.csv").string() + "' --class-id spring" + data);
  EXPECT_EQ(s5, 2);
  EXPECT_NE(l5.find("classroom-spring.json"), std::string::npos) << l5;
  auto [s6, l6] = run("no_folder", "--class-export '" + (dir / "nowhere" / "x.csv").string() + "' --class-id spring");
  EXPECT_EQ(s6, 2);
  EXPECT_FALSE(fs::exists(dir / "x.csv"));
}

}  // namespace

// The outbox: whole files named by statement id, corrupt entries quarantined, and
// no half file after a kill -9 in the middle of writing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "core/files.h"
#include "records/outbox.h"
#include "records_test_util.h"

namespace {
namespace fs = std::filesystem;
using namespace ns::records;

TEST(Outbox, StatementsAreWrittenByIdAndReadBackOldestFirst) {
  fs::path box = ns::test::recordsScratch("outbox_basic");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i)
    for (auto& s : ns::test::someStatements("bob")) {
      std::string path, error;
      ASSERT_TRUE(writeStatement(box.string(), s, path, error)) << error;
      EXPECT_NE(path.find(s["id"].get<std::string>()), std::string::npos) << "the id is in the name";
      ids.push_back(s["id"]);
    }
  OutboxScan scan = scanOutbox(box.string());
  EXPECT_TRUE(scan.quarantined.empty());
  ASSERT_EQ(scan.pending.size(), 6u);
  std::set<std::string> seen;
  for (auto& e : scan.pending) seen.insert(e.id);
  EXPECT_EQ(seen, std::set<std::string>(ids.begin(), ids.end()));
  EXPECT_EQ(countPending(box.string()), 6u);
  removeDelivered(scan.pending[0].path);
  removeDelivered(scan.pending[0].path);  // twice (another program sent it too): harmless
  EXPECT_EQ(countPending(box.string()), 5u);
}

TEST(Outbox, ACorruptEntryIsQuarantinedNeverLostNeverFatal) {
  fs::path box = ns::test::recordsScratch("outbox_corrupt");
  auto statements = ns::test::someStatements("carol");
  std::string path, error;
  ASSERT_TRUE(writeStatement(box.string(), statements[0], path, error));
  std::string bad = (box / ("20240101T000000000Z-" + ns::records::newUuid() + ".xapi.json")).string();
  { std::ofstream(bad) << "{\"id\": \"trunc"; }
  nlohmann::json invalid = statements[1];
  invalid["result"]["score"]["scaled"] = 7;
  std::string invalidPath;
  ASSERT_TRUE(writeStatement(box.string(), invalid, invalidPath, error));
  OutboxScan scan = scanOutbox(box.string());
  ASSERT_EQ(scan.pending.size(), 1u);
  ASSERT_EQ(scan.quarantined.size(), 2u);
  EXPECT_NE(scan.quarantined[0].find("not JSON"), std::string::npos) << scan.quarantined[0];
  EXPECT_NE(scan.quarantined[1].find("result.score.scaled"), std::string::npos) << scan.quarantined[1];
  EXPECT_TRUE(fs::exists(box / "quarantine" / fs::path(bad).filename()));
  EXPECT_TRUE(fs::exists(box / "quarantine" / (fs::path(bad).filename().string() + ".why.txt")));
  EXPECT_TRUE(fs::exists(box / "quarantine" / fs::path(invalidPath).filename()));
}

TEST(Outbox, AKillInTheMiddleOfWritingLeavesNoHalfFile) {
  fs::path box = ns::test::recordsScratch("outbox_kill");
  // A writer that pads its statements (so each write takes a while) and never stops.
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string padding(256 * 1024, 'x');
    for (;;)
      for (auto s : ns::test::someStatements("dave")) {
        s["result"]["extensions"]["urn:needlesim:ext:padding"] = padding;
        std::string path, error;
        writeStatement(box.string(), s, path, error);
      }
  }
  // Kill it at some point after it wrote a few.
  for (int i = 0; i < 2000 && countPending(box.string()) < 5; ++i) usleep(2000);
  usleep(3000);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  size_t files = countPending(box.string());
  EXPECT_GE(files, 5u);
  OutboxScan scan = scanOutbox(box.string());
  EXPECT_TRUE(scan.quarantined.empty()) << scan.quarantined.front();
  EXPECT_EQ(scan.pending.size(), files) << "every statement file whole";
  for (auto& entry : fs::directory_iterator(box))
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos)
        << "the dead writer's temporary file was cleared: " << entry.path();
}

}  // namespace

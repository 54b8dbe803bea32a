// Issue 31, privacy and trust: the records database and the outbox are readable by
// their owner only, whatever the umask; a config file holding LRS credentials is
// refused while others can read it (as ssh refuses a private key).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/files.h"
#include "core/private_files.h"
#include "records/config.h"
#include "records/outbox.h"
#include "records/store.h"
#include "records_test_util.h"

namespace {
namespace fs = std::filesystem;
using namespace ns::records;

unsigned modeOf(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// Every file written under a permissive umask, as a careless service might run.
struct PermissiveUmask {
  mode_t old = ::umask(0);
  ~PermissiveUmask() { ::umask(old); }
};

}  // namespace

TEST(Privacy, TheStoreAndItsFolderAreTheOwnersOnly) {
  PermissiveUmask umask;
  fs::path dir = ns::test::recordsScratch("privacy_store") / "data" / "needlesim";
  Store store;
  StoreOpen open = openStore(dir.string(), store);
  ASSERT_TRUE(open.error.empty()) << open.error;
  closeStore(store);
  EXPECT_EQ(modeOf(dir), 0700u);
  EXPECT_EQ(modeOf(dir.parent_path()), 0700u);  // created by us too
  EXPECT_EQ(modeOf(dir / "records.sqlite"), 0600u);
  // A store an older version left readable by others is made private when opened.
  ::chmod((dir / "records.sqlite").c_str(), 0644);
  ASSERT_TRUE(openStore(dir.string(), store).error.empty());
  closeStore(store);
  EXPECT_EQ(modeOf(dir / "records.sqlite"), 0600u);
}

TEST(Privacy, OutboxStatementsAndQuarantineAreTheOwnersOnly) {
  PermissiveUmask umask;
  fs::path box = ns::test::recordsScratch("privacy_outbox");
  std::string path, error;
  ASSERT_TRUE(writeStatement(box.string(), ns::test::someStatements("bob")[0], path, error)) << error;
  EXPECT_EQ(modeOf(path), 0600u);
  ASSERT_TRUE(ns::core::writeTextAtomic((box / "20260101T000000000Z-bad.xapi.json").string(), "{", error));
  OutboxScan scan = scanOutbox(box.string());
  ASSERT_EQ(scan.quarantined.size(), 1u);
  EXPECT_EQ(modeOf(box / "quarantine"), 0700u);
}

TEST(Privacy, PrivateWritesAndFoldersAreExactlyTheOwnersWhateverTheUmask) {
  PermissiveUmask umask;
  fs::path dir = ns::test::recordsScratch("privacy_files");
  std::string error;
  unsigned before = modeOf(dir);
  ASSERT_TRUE(ns::core::createPrivateFolders((dir / "a" / "b").string(), error)) << error;
  EXPECT_EQ(modeOf(dir / "a"), 0700u);
  EXPECT_EQ(modeOf(dir / "a" / "b"), 0700u);
  EXPECT_EQ(modeOf(dir), before);  // an existing folder is left as it is
  ASSERT_TRUE(ns::core::writePrivateTextAtomic((dir / "a" / "f.json").string(), "{}\n", error)) << error;
  EXPECT_EQ(modeOf(dir / "a" / "f.json"), 0600u);
  ASSERT_TRUE(ns::core::writeTextAtomic((dir / "a" / "g.json").string(), "{}\n", error)) << error;
  EXPECT_EQ(modeOf(dir / "a" / "g.json"), 0666u);  // ordinary files keep the umask's say
}

TEST(Privacy, AConfigWithCredentialsIsRefusedWhileOthersCanReadIt) {
  fs::path dir = ns::test::recordsScratch("privacy_config");
  fs::path file = dir / "config.json";
  std::string error;
  ASSERT_TRUE(ns::core::writeTextAtomic(file.string(),
                                        R"({"lrs": {"url": "https://lrs.example/xapi/", "user": "u", "password": "p"}})",
                                        error));
  for (unsigned mode : {0644u, 0640u, 0604u, 0660u, 0602u}) {
    ::chmod(file.c_str(), mode);
    RecordsConfig config;
    EXPECT_FALSE(loadRecordsConfig(file.string(), config, error)) << std::oct << mode;
    EXPECT_EQ(error.find('\n'), std::string::npos);
    EXPECT_NE(error.find(file.string() + ": lrs.password: expected a file only its owner can read"), std::string::npos)
        << error;
    EXPECT_NE(error.find("chmod 600"), std::string::npos) << error;
  }
  ::chmod(file.c_str(), 0600);
  RecordsConfig config;
  EXPECT_TRUE(loadRecordsConfig(file.string(), config, error)) << error;
  EXPECT_EQ(config.lrs.password, "p");
  // Without credentials the file may be anyone's to read (the site, the URL).
  ASSERT_TRUE(ns::core::writeTextAtomic(file.string(), R"({"lrs": {"url": "https://lrs.example/xapi/"}})", error));
  ::chmod(file.c_str(), 0644);
  RecordsConfig plain;
  EXPECT_TRUE(loadRecordsConfig(file.string(), plain, error)) << error;
}

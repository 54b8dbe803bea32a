#include <gtest/gtest.h>

#include <filesystem>

#include "core/files.h"

namespace fs = std::filesystem;

namespace {

fs::path tempDir(const char* name) {
  fs::path dir = fs::temp_directory_path() / ("ns_files_test_" + std::string(name));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(Files, AtomicWriteReplacesAndLeavesNoTemporary) {
  fs::path dir = tempDir("replace");
  std::string path = (dir / "out.json").string();
  std::string error, text;
  ASSERT_TRUE(ns::core::writeTextAtomic(path, "first", error)) << error;
  ASSERT_TRUE(ns::core::writeTextAtomic(path, "second", error)) << error;
  ASSERT_TRUE(ns::core::readText(path, text, error)) << error;
  EXPECT_EQ(text, "second");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
}

TEST(Files, WriteIntoMissingFolderFailsWithPathAndKeepsNothing) {
  fs::path dir = tempDir("missing");
  std::string path = (dir / "no_such_folder" / "out.json").string();
  std::string error;
  EXPECT_FALSE(ns::core::writeTextAtomic(path, "x", error));
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(path));
}

TEST(Files, ReadingMissingFileOrFolderNamesTheFile) {
  std::string error, text;
  EXPECT_FALSE(ns::core::readText("/nonexistent/scene.json", text, error));
  EXPECT_NE(error.find("/nonexistent/scene.json"), std::string::npos);
  EXPECT_FALSE(ns::core::readText(fs::temp_directory_path().string(), text, error));
  EXPECT_NE(error.find("directory"), std::string::npos) << error;
}

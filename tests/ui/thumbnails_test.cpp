// The Progress panel's pictures: at most five textures, scaled down on the CPU, a
// missing or broken file left without one (drawn as a placeholder, never a crash),
// and every texture freed when the next set is loaded and at the end.
#include <filesystem>

#include "core/files.h"
#include "core/image.h"
#include "support/test_image.h"
#include "support/gpu_test.h"
#include "ui/thumbnails.h"

namespace fs = std::filesystem;
using ns::test::GpuTest;

using ns::test::gradientImage;

TEST(Thumbnails, ShrinkKeepsTheAspectAndAveragesBoxes) {
  ns::core::ImageRGBA8 image{4, 2, {0, 0, 0, 255, 100, 0, 0, 255, 200, 0, 0, 255, 200, 0, 0, 255,
                                    0, 0, 0, 255, 100, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255}};
  ns::core::ImageRGBA8 half = ns::ui::shrinkImage(image, 2);
  ASSERT_EQ(half.width, 2u);
  ASSERT_EQ(half.height, 1u);
  EXPECT_EQ(half.pixels[0], 50);   // (0 + 100 + 0 + 100) / 4
  EXPECT_EQ(half.pixels[4], 100);  // (200 + 200 + 0 + 0) / 4
  EXPECT_EQ(half.pixels[3], 255);
  ns::core::ImageRGBA8 wide = ns::ui::shrinkImage(gradientImage(1280, 720), 192);
  EXPECT_EQ(wide.width, 192u);
  EXPECT_EQ(wide.height, 108u);
  EXPECT_EQ(ns::ui::shrinkImage(image, 64).width, 4u) << "narrower pictures stay as they are";
}

TEST_F(GpuTest, AtMostFivePicturesAreLoadedAndMissingOnesHaveNone) {
  fs::path dir = fs::path(NS_BINARY_DIR) / "test-output" / "ui" / "thumbnails";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string error;
  std::vector<std::string> paths;
  for (int i = 0; i < 3; ++i) {
    std::string path = (dir / ("session" + std::to_string(i) + ".png")).string();
    ASSERT_TRUE(ns::core::writePng(path, gradientImage(640 + 40 * i, 360), error)) << error;
    paths.push_back(path);
  }
  std::string broken = (dir / "broken.png").string();
  ASSERT_TRUE(ns::core::writeTextAtomic(broken, "not a png", error));
  paths.insert(paths.begin() + 1, (dir / "gone.png").string());  // written once, deleted since
  paths.insert(paths.begin() + 2, "");                           // a session without a picture
  paths.push_back(broken);
  paths.push_back(paths.front());  // a sixth: beyond the panel's five
  ns::vk::Context& c = ctx();
  uint64_t before = c.liveAllocations;
  ns::ui::Thumbnails t;
  ns::ui::createThumbnails(c, VK_NULL_HANDLE, VK_NULL_HANDLE, t);
  ns::ui::loadThumbnails(c, t, paths);
  ASSERT_EQ(t.items.size(), ns::ui::kMaxThumbnails);
  EXPECT_TRUE(t.items[0].loaded());
  EXPECT_FALSE(t.items[1].loaded());
  EXPECT_FALSE(t.items[1].problem.empty()) << "a missing file says why";
  EXPECT_FALSE(t.items[2].loaded());
  EXPECT_TRUE(t.items[3].loaded());
  EXPECT_TRUE(t.items[4].loaded());
  EXPECT_EQ(t.items[0].width, ns::ui::kThumbnailWidth);
  EXPECT_EQ(t.items[0].height, 108u);  // 640 x 360 -> 192 x 108
  EXPECT_EQ(t.items[3].height, 101u);  // 680 x 360
  EXPECT_EQ(t.items[4].height, 96u);   // 720 x 360
  EXPECT_EQ(c.liveAllocations - before, 3u) << "one texture per picture, none for the rest";
  ns::ui::loadThumbnails(c, t, {paths[3], broken});  // another trainee: the old ones are freed
  ASSERT_EQ(t.items.size(), 2u);
  EXPECT_TRUE(t.items[0].loaded());
  EXPECT_FALSE(t.items[1].loaded());
  EXPECT_EQ(c.liveAllocations - before, 1u);
  ns::ui::destroyThumbnails(c, t);
  EXPECT_EQ(c.liveAllocations, before);
}

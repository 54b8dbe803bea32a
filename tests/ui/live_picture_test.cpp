// The camera's picture in a panel: a grey frame becomes the texture's RGBA in the
// frame's own command buffer (no wait), a picture of another size replaces the
// texture, nonsense sizes are ignored, and everything is freed at the end. Run with
// validation and synchronization validation like every GPU test.
#include <vector>

#include "support/gpu_test.h"
#include "ui/live_picture.h"
#include "vk/commands.h"
#include "vk/readback.h"

using ns::test::GpuTest;

namespace {

std::vector<uint8_t> greyRamp(uint32_t w, uint32_t h, int offset) {
  std::vector<uint8_t> grey(size_t(w) * h);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) grey[size_t(y) * w + x] = uint8_t((x * 3 + y * 5 + offset) & 255);
  return grey;
}

}  // namespace

TEST_F(GpuTest, ALivePictureIsUploadedInTheFramesCommandsAndFreed) {
  ns::vk::Context& c = ctx();
  uint64_t before = c.liveAllocations;
  ns::ui::Thumbnails t;
  ns::ui::createThumbnails(c, VK_NULL_HANDLE, VK_NULL_HANDLE, t);
  ns::ui::LivePicture p;
  EXPECT_FALSE(ns::ui::drawLivePicture(t, p, 0, 0, 10, 10)) << "nothing to draw before the first picture";

  for (int frame = 0; frame < 4; ++frame) {  // frames alternate between the two slots' staging buffers
    std::vector<uint8_t> grey = greyRamp(48, 27, frame);
    ns::ui::setLivePicture(c, t, p, grey.data(), 48, 27);
    ASSERT_TRUE(p.waiting);
    ns::vk::submitAndWait(c, [&](VkCommandBuffer cmd) { ns::ui::recordLivePictureUpload(c, p, cmd, uint32_t(frame % 2)); });
    EXPECT_FALSE(p.waiting);
    std::vector<uint8_t> rgba = ns::vk::readbackRGBA8(c, p.image, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
    ASSERT_EQ(rgba.size(), size_t(48) * 27 * 4);
    for (size_t i : {size_t(0), size_t(47), size_t(48 * 13 + 20), size_t(48 * 27 - 1)}) {
      EXPECT_EQ(rgba[4 * i], grey[i]) << "texel " << i << ", frame " << frame;
      EXPECT_EQ(rgba[4 * i + 1], grey[i]);
      EXPECT_EQ(rgba[4 * i + 3], 255);
    }
  }
  EXPECT_EQ(p.uploads, 4u);
  uint64_t oneSize = c.liveAllocations - before;

  // Unchanged: nothing recorded. Another size: a new texture of that size, not one more.
  ns::vk::submitAndWait(c, [&](VkCommandBuffer cmd) { ns::ui::recordLivePictureUpload(c, p, cmd, 0); });
  EXPECT_EQ(p.uploads, 4u);
  std::vector<uint8_t> big = greyRamp(96, 54, 1);
  ns::ui::setLivePicture(c, t, p, big.data(), 96, 54);
  ns::vk::submitAndWait(c, [&](VkCommandBuffer cmd) { ns::ui::recordLivePictureUpload(c, p, cmd, 1); });
  EXPECT_EQ(p.width, 96u);
  EXPECT_EQ(c.liveAllocations - before, oneSize);
  std::vector<uint8_t> rgba = ns::vk::readbackRGBA8(c, p.image, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
  EXPECT_EQ(rgba[4 * (96 * 53 + 95)], big[96 * 53 + 95]);

  // Nonsense is ignored: the picture stays as it was.
  ns::ui::setLivePicture(c, t, p, big.data(), 0, 54);
  ns::ui::setLivePicture(c, t, p, nullptr, 96, 54);
  ns::ui::setLivePicture(c, t, p, big.data(), ns::ui::kMaxLivePictureWidth + 1, 1);
  EXPECT_FALSE(p.waiting);
  EXPECT_EQ(p.width, 96u);

  ns::ui::destroyLivePicture(c, p);
  ns::ui::destroyThumbnails(c, t);
  EXPECT_EQ(c.liveAllocations, before);
}

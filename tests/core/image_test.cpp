#include <gtest/gtest.h>

#include <filesystem>

#include "core/image.h"
#include "support/test_image.h"

using ns::test::gradientImage;

TEST(Image, PngRoundTripIsLossless) {
  auto image = gradientImage(37, 21);
  std::string path = (std::filesystem::temp_directory_path() / "ns_image_roundtrip.png").string();
  std::string error;
  ASSERT_TRUE(ns::core::writePng(path, image, error)) << error;
  ns::core::ImageRGBA8 back;
  ASSERT_TRUE(ns::core::readPng(path, back, error)) << error;
  EXPECT_EQ(back.width, 37u);
  EXPECT_EQ(back.height, 21u);
  EXPECT_EQ(back.pixels, image.pixels);
}

TEST(Image, NotAPngIsAClearError) {
  std::string path = (std::filesystem::temp_directory_path() / "ns_not_a.png").string();
  std::string error;
  ASSERT_TRUE(ns::core::writePng(path, gradientImage(4, 4), error));
  { std::FILE* f = std::fopen(path.c_str(), "wb"); std::fputs("hello", f); std::fclose(f); }
  ns::core::ImageRGBA8 back;
  EXPECT_FALSE(ns::core::readPng(path, back, error));
  EXPECT_NE(error.find(path), std::string::npos);
}

TEST(Image, CompareMeasuresMeanAndPercentile) {
  auto a = gradientImage(100, 100);
  auto b = a;
  auto same = ns::core::compareImages(a, b);
  EXPECT_TRUE(same.sameSize);
  EXPECT_EQ(same.meanDiff, 0.0);
  EXPECT_EQ(same.maxDiff, 0.0);
  // 2 % of pixels differ by 100 in red: the mean is 2, the 99th percentile sees them.
  for (int i = 0; i < 200; ++i) {
    a.pixels[size_t(i) * 4] = 20;
    b.pixels[size_t(i) * 4] = 120;
  }
  auto diff = ns::core::compareImages(a, b);
  EXPECT_NEAR(diff.meanDiff, 2.0, 1e-9);
  EXPECT_EQ(diff.p99Diff, 100.0);
  EXPECT_EQ(diff.maxDiff, 100.0);
  EXPECT_FALSE(ns::core::compareImages(a, gradientImage(10, 10)).sameSize);
}

#pragma once
// RGBA8 images on the CPU: PNG in and out, and the perceptual comparison used by
// golden tests (mean and high percentile of per-pixel difference, not exact bytes,
// so harmless rasterisation differences between drivers do not fail a test).
#include <cstdint>
#include <string>
#include <vector>

namespace ns::core {

struct ImageRGBA8 {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> pixels;  // row-major, top row first, 4 bytes per pixel
};

bool writePng(const std::string& path, const ImageRGBA8& image, std::string& error);
bool readPng(const std::string& path, ImageRGBA8& image, std::string& error);

struct ImageDifference {
  bool sameSize = false;
  double meanDiff = 0;     // mean over pixels of the max channel difference, 0..255
  double p99Diff = 0;      // 99th percentile of the same
  double maxDiff = 0;
  ImageRGBA8 diffImage;    // differences amplified for people to look at
};

ImageDifference compareImages(const ImageRGBA8& expected, const ImageRGBA8& actual);

}  // namespace ns::core

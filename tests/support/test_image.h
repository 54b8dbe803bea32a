#pragma once
// A test picture: red across, green down, blue at half — every pixel different
// enough that a lossy or shifted copy shows.
#include <cstdint>
#include <vector>

#include "core/image.h"

namespace ns::test {

inline core::ImageRGBA8 gradientImage(uint32_t w, uint32_t h) {
  core::ImageRGBA8 image{w, h, std::vector<uint8_t>(size_t(w) * h * 4)};
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      uint8_t* p = &image.pixels[(size_t(y) * w + x) * 4];
      p[0] = uint8_t(x * 255 / (w - 1));
      p[1] = uint8_t(y * 255 / (h - 1));
      p[2] = 128;
      p[3] = 255;
    }
  return image;
}

}  // namespace ns::test

#include "core/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>

#include "core/files.h"

namespace ns::core {

bool writePng(const std::string& path, const ImageRGBA8& image, std::string& error) {
  std::vector<uint8_t> encoded;
  auto append = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    auto* bytes = static_cast<uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  int ok = stbi_write_png_to_func(append, &encoded, static_cast<int>(image.width),
                                  static_cast<int>(image.height), 4, image.pixels.data(),
                                  static_cast<int>(image.width * 4));
  if (!ok) {
    error = path + ": PNG encoding failed";
    return false;
  }
  return writeFileAtomic(path, encoded.data(), encoded.size(), error);
}

bool readPng(const std::string& path, ImageRGBA8& image, std::string& error) {
  std::vector<char> bytes;
  if (!readFile(path, bytes, error)) return false;
  int width = 0, height = 0, channels = 0;
  stbi_uc* data = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                        static_cast<int>(bytes.size()), &width, &height,
                                        &channels, 4);
  if (!data) {
    error = path + ": not a readable PNG (" + stbi_failure_reason() + ")";
    return false;
  }
  image.width = static_cast<uint32_t>(width);
  image.height = static_cast<uint32_t>(height);
  image.pixels.assign(data, data + size_t(width) * height * 4);
  stbi_image_free(data);
  return true;
}

ImageDifference compareImages(const ImageRGBA8& expected, const ImageRGBA8& actual) {
  ImageDifference result;
  result.sameSize = expected.width == actual.width && expected.height == actual.height;
  if (!result.sameSize) return result;
  size_t count = size_t(expected.width) * expected.height;
  std::vector<uint8_t> perPixel(count);
  result.diffImage = {expected.width, expected.height, std::vector<uint8_t>(count * 4)};
  double sum = 0;
  for (size_t i = 0; i < count; ++i) {
    int worst = 0;
    for (int c = 0; c < 3; ++c)
      worst = std::max(worst, std::abs(int(expected.pixels[i * 4 + c]) - int(actual.pixels[i * 4 + c])));
    perPixel[i] = static_cast<uint8_t>(worst);
    sum += worst;
    // Amplified red on a dimmed copy of the expected image shows where it differs.
    uint8_t grey = static_cast<uint8_t>(expected.pixels[i * 4 + 1] / 4);
    result.diffImage.pixels[i * 4 + 0] = static_cast<uint8_t>(std::min(255, grey + worst * 8));
    result.diffImage.pixels[i * 4 + 1] = grey;
    result.diffImage.pixels[i * 4 + 2] = grey;
    result.diffImage.pixels[i * 4 + 3] = 255;
  }
  result.meanDiff = count ? sum / double(count) : 0;
  std::vector<uint8_t> sorted = perPixel;
  std::sort(sorted.begin(), sorted.end());
  if (count) {
    result.p99Diff = sorted[std::min(count - 1, size_t(double(count) * 0.99))];
    result.maxDiff = sorted.back();
  }
  return result;
}

}  // namespace ns::core

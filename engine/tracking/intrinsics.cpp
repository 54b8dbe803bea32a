#include "core/json_limits.h"
#include "tracking/intrinsics.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <vector>

#include "core/files.h"

namespace ns::tracking {
namespace {

using nlohmann::json;

struct KeyError {
  std::string message;
};

double number(const json& doc, const char* key, double lo, double hi, const char* expected) {
  if (!doc.contains(key)) throw KeyError{std::string(key) + ": missing, expected " + expected};
  const json& v = doc[key];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo || v.get<double>() > hi)
    throw KeyError{std::string(key) + ": expected " + expected + ", got " + core::jsonExcerpt(v)};
  return v.get<double>();
}

int integer(const json& doc, const char* key, int lo, int hi, const char* expected) {
  if (!doc.contains(key) || !doc[key].is_number_integer() || doc[key].get<long long>() < lo ||
      doc[key].get<long long>() > hi)
    throw KeyError{std::string(key) + ": expected " + expected + (doc.contains(key) ? ", got " + core::jsonExcerpt(doc[key]) : ", missing")};
  return doc[key].get<int>();
}

}  // namespace

bool parseIntrinsics(const std::string& text, const std::string& path, Intrinsics& out, std::string& error) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = path + ": not a JSON object (camera intrinsics: width, height, fx, fy, cx, cy, dist)";
    return false;
  }
  try {
    Intrinsics k;
    k.width = integer(doc, "width", 16, 16384, "the image width in pixels, 16..16384");
    k.height = integer(doc, "height", 16, 16384, "the image height in pixels, 16..16384");
    // Focal lengths from a fisheye (~0.2 × width) to a long telephoto (~20 × width).
    k.fx = number(doc, "fx", 0.2 * k.width, 20.0 * k.width, "the focal length in pixels, 0.2..20 × width");
    k.fy = number(doc, "fy", 0.2 * k.width, 20.0 * k.width, "the focal length in pixels, 0.2..20 × width");
    k.cx = number(doc, "cx", 0, k.width, "the principal point's x inside the image, 0..width");
    k.cy = number(doc, "cy", 0, k.height, "the principal point's y inside the image, 0..height");
    if (!doc.contains("dist") || !doc["dist"].is_array() || doc["dist"].size() != 5)
      throw KeyError{"dist: expected five numbers [k1, k2, p1, p2, k3]" +
                     (doc.contains("dist") ? ", got " + core::jsonExcerpt(doc["dist"]) : std::string(", missing"))};
    for (int i = 0; i < 5; ++i) {
      const json& v = doc["dist"][i];
      // Real lenses stay well inside ±100; larger is a unit or sign mistake.
      if (!v.is_number() || !std::isfinite(v.get<double>()) || std::fabs(v.get<double>()) > 100)
        throw KeyError{"dist[" + std::to_string(i) + "]: expected a finite number within ±100, got " + core::jsonExcerpt(v)};
      k.dist[i] = v.get<double>();
    }
    if (doc.contains("rms_px")) k.rms_px = number(doc, "rms_px", 0, 100, "the calibration's RMS in pixels, 0..100");
    out = k;
    return true;
  } catch (const KeyError& e) {
    error = path + ": " + e.message;
    return false;
  }
}

bool loadIntrinsics(const std::string& path, Intrinsics& out, std::string& error) {
  std::vector<char> bytes;
  if (!core::readFile(path, bytes, error)) return false;
  return parseIntrinsics(std::string(bytes.begin(), bytes.end()), path, out, error);
}

std::string intrinsicsJson(const Intrinsics& k) {
  json doc = {{"width", k.width}, {"height", k.height}, {"fx", k.fx}, {"fy", k.fy}, {"cx", k.cx},
              {"cy", k.cy},       {"dist", k.dist},     {"rms_px", k.rms_px}};
  return doc.dump(1) + "\n";
}

bool checkFrameSize(const Intrinsics& k, const std::string& path, int width, int height, std::string& error) {
  if (k.width == width && k.height == height) return true;
  error = path + ": width/height: the intrinsics are for " + std::to_string(k.width) + "x" +
          std::to_string(k.height) + " but the frames are " + std::to_string(width) + "x" + std::to_string(height) +
          " (calibrate at the capture size; no scaling)";
  return false;
}

cv::Matx33d cameraMatrix(const Intrinsics& k) { return {k.fx, 0, k.cx, 0, k.fy, k.cy, 0, 0, 1}; }

cv::Mat distCoeffs(const Intrinsics& k) {
  return (cv::Mat_<double>(1, 5) << k.dist[0], k.dist[1], k.dist[2], k.dist[3], k.dist[4]);
}

}  // namespace ns::tracking

#pragma once
// Camera intrinsics (contract: ../shared/product.md): OpenCV's pinhole model with
// Brown–Conrady distortion,
//   { "width": 1280, "height": 720, "fx": 920.0, "fy": 920.0, "cx": 640.0, "cy": 360.0,
//     "dist": [k1, k2, p1, p2, k3], "rms_px": 0.31 }
// The size must equal the frames' (no scaling); rms_px is informational.
#include <array>
#include <string>

#include <opencv2/core.hpp>

namespace ns::tracking {

struct Intrinsics {
  int width = 1280, height = 720;
  double fx = 920, fy = 920, cx = 640, cy = 360;
  std::array<double, 5> dist{0, 0, 0, 0, 0};
  double rms_px = 0;
};

bool parseIntrinsics(const std::string& text, const std::string& path, Intrinsics& out, std::string& error);
bool loadIntrinsics(const std::string& path, Intrinsics& out, std::string& error);
std::string intrinsicsJson(const Intrinsics& k);
// The intrinsics' size against a frame's: one line naming the file when they differ.
bool checkFrameSize(const Intrinsics& k, const std::string& path, int width, int height, std::string& error);

cv::Matx33d cameraMatrix(const Intrinsics& k);
cv::Mat distCoeffs(const Intrinsics& k);  // 1×5, what OpenCV's calls take

}  // namespace ns::tracking

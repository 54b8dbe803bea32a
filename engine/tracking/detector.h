#pragma once
// AprilTag 3 (tag36h11) on a grey image or a region of it. The detector is created
// once (its decode tables take a while) and reused for every frame; it is not shared
// between threads.
#include <array>
#include <vector>

#include <opencv2/core.hpp>

struct apriltag_detector;
struct apriltag_family;

namespace ns::tracking {

struct TagDetection {
  int id = 0;
  int hamming = 0;  // bits corrected
  // The black square's corners in full-image pixels, in the printed image's
  // TL, TR, BR, BL order (the rig's blackCorners order).
  std::array<cv::Point2f, 4> corners;
};

struct Detector {
  apriltag_detector* td = nullptr;
  apriltag_family* family = nullptr;
};

Detector createDetector(int threads);
void destroyDetector(Detector& detector);

// Webcams send their frames tone-mapped (sRGB-like, about gamma 2.2), not in linear
// light. A blurred black-to-white edge then has its mid-grey off the true edge, toward
// the dark side: every tag looks smaller than it is, the rig farther. Measured on
// rendered video tone-mapped at 1.8 (45 cm, blur and JPEG): tip RMS 2.2–3.8 mm read as
// it came, 0.57–0.87 mm with the curve undone (docs/tracking.md).
constexpr double kWebcamToneGamma = 2.2;

// The frame as one channel of linear light: grey, then out = 255 · (in / 255)^gamma
// (gamma 1: grey only).
void toLinearGrey(const cv::Mat& image, double gamma, cv::Mat& grey);

// Tags inside `roi` of `grey` (8-bit, one channel), found on a `decimate`-times
// smaller image for the quads and refined on the full one (refine_edges).
std::vector<TagDetection> detectTags(Detector& detector, const cv::Mat& grey, cv::Rect roi, float decimate);

}  // namespace ns::tracking

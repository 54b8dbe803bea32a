#pragma once
// Synthetic camera frames of the rigs with known poses, so the tracker is tested and
// measured without a camera. Each tag's printed image is warped onto its projected
// quad (3× supersampled, then area-averaged, so edges are anti-aliased as a lens
// would), faces are shaded by their angle to the camera and drawn far to near with
// back faces culled; the pen's shaft, a hand and (optionally) a finger over the
// sleeve occlude; optics blur, motion blur (several poses over the exposure,
// averaged) and sensor noise follow. A webcam's own faults can be added: its lens's
// distortion (the camera's `dist`, applied as a remap of the pinhole picture, so the
// tracker is given the same intrinsics a calibration would), uneven light (vignetting
// and a gradient across the view), its tone curve, and JPEG compression (MJPEG is what
// most USB webcams send at 720p/30).
#include <map>
#include <random>
#include <vector>

#include <opencv2/core.hpp>

#include "tracking/intrinsics.h"
#include "tracking/rig.h"

namespace ns::tracking {

struct RenderOptions {
  double blurSigma_px = 0.7;   // optics and focus
  double noiseSigma = 2.0;     // sensor noise, grey levels (0–255)
  bool hand = true;            // the hand holding the pen, behind the sleeve
  bool finger = false;         // a finger across the sleeve's back ring
  // A webcam's faults (off by default: the clean video the targets are set on).
  bool lensDistortion = false; // bend the picture by the camera's `dist`
  double vignetting = 0;       // light lost at the picture's corners (0..1)
  double lightGradient = 0;    // light falling from one side of the view to the other (0..1)
  double gamma = 2.2;          // tone curve as a webcam's: out = 255 · (in / 255)^(1/gamma) (1: linear light)
  int jpegQuality = 0;         // 1..100: each frame through JPEG at that quality
};

struct SyntheticRenderer {
  Intrinsics camera;
  Rig pen, pad;
  std::map<int, cv::Mat> images;  // tag id → its printed image (float, 0..1)
  std::mt19937 rng{12345};
  cv::Mat distortX, distortY;  // for each pixel of the bent picture, where it is in the pinhole one
};

SyntheticRenderer createRenderer(const Rig& pen, const Rig& pad, const Intrinsics& camera);
void destroyRenderer(SyntheticRenderer& r);

// One frame (8-bit grey, the camera's size). `padToCamera`: the pad frame in the
// camera's; `penToPad`: the pen's pose in the pad frame, one per moment of the
// exposure (one: no motion blur).
cv::Mat renderFrame(SyntheticRenderer& r, const cv::Matx44d& padToCamera, const std::vector<cv::Matx44d>& penToPad,
                    const RenderOptions& options);

}  // namespace ns::tracking

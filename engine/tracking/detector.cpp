#include "tracking/detector.h"

#include <apriltag/apriltag.h>
#include <apriltag/tag36h11.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "tracking/rig.h"

namespace ns::tracking {

Detector createDetector(int threads) {
  Detector d;
  d.family = tag36h11_create();
  d.td = apriltag_detector_create();
  // Up to 2 corrected bits: tag36h11's minimum distance is 11, so false decodes stay rare.
  apriltag_detector_add_family_bits(d.td, d.family, 2);
  d.td->nthreads = std::max(1, threads);
  d.td->refine_edges = true;
  d.td->quad_sigma = 0.0f;
  d.td->decode_sharpening = 0.25;
  return d;
}

void destroyDetector(Detector& d) {
  if (d.td) apriltag_detector_destroy(d.td);
  if (d.family) tag36h11_destroy(d.family);
  d = {};
}

void toLinearGrey(const cv::Mat& image, double gamma, cv::Mat& grey) {
  cv::Mat g;
  if (image.channels() == 1) g = image;
  else cv::cvtColor(image, g, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  if (gamma == 1.0) {
    grey = g;
    return;
  }
  cv::Mat lut(1, 256, CV_8U);
  for (int i = 0; i < 256; ++i) lut.at<uchar>(i) = cv::saturate_cast<uchar>(255.0 * std::pow(i / 255.0, gamma));
  cv::LUT(g, lut, grey);
}

std::vector<TagDetection> detectTags(Detector& d, const cv::Mat& grey, cv::Rect roi, float decimate) {
  CV_Assert(grey.type() == CV_8UC1);
  roi &= cv::Rect(0, 0, grey.cols, grey.rows);
  std::vector<TagDetection> out;
  if (roi.width < 16 || roi.height < 16) return out;
  cv::Mat view = grey(roi);  // no copy: apriltag reads through the stride
  image_u8_t im{view.cols, view.rows, static_cast<int32_t>(view.step[0]), view.data};
  d.td->quad_decimate = decimate;
  zarray_t* found = apriltag_detector_detect(d.td, &im);
  for (int i = 0; i < zarray_size(found); ++i) {
    apriltag_detection_t* det;
    zarray_get(found, i, &det);
    TagDetection t;
    t.id = det->id;
    t.hamming = det->hamming;
    // apriltag's p[] runs counter-clockwise from the image's bottom-left (tag
    // coordinates (-1, 1), (1, 1), (1, -1), (-1, -1) with y down): BL, BR, TR, TL.
    // apriltag puts a pixel's centre at +0.5 (pixel i spans [i, i+1)); OpenCV, whose
    // projection and cornerSubPix the rest uses, at the integer: measured on the
    // synthetic frames, every corner came out +0.5 px in x and y before this shift.
    static constexpr int order[4] = {3, 2, 1, 0};
    for (int k = 0; k < 4; ++k)
      t.corners[k] = {static_cast<float>(det->p[order[k]][0] - 0.5 + roi.x),
                      static_cast<float>(det->p[order[k]][1] - 0.5 + roi.y)};
    out.push_back(t);
  }
  apriltag_detections_destroy(found);
  return out;
}

}  // namespace ns::tracking

#include "tracking/tag_image.h"

#include <apriltag/apriltag.h>
#include <apriltag/tag36h11.h>

#include <cstdlib>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tracking/rig.h"

namespace ns::tracking {

cv::Mat tagImage(int id, int cellPx) {
  apriltag_family_t* family = tag36h11_create();
  image_u8_t* im = apriltag_to_image(family, id);
  cv::Mat cells(im->height, im->width, CV_8UC1);
  for (int y = 0; y < im->height; ++y)
    for (int x = 0; x < im->width; ++x) cells.at<uint8_t>(y, x) = im->buf[y * im->stride + x];
  // Debian's libapriltag does not export image_u8_destroy; this is its body (the
  // image and its pixels are two malloc'd blocks).
  free(im->buf);
  free(im);
  tag36h11_destroy(family);
  CV_Assert(cells.cols == kTagTotalCells);
  cv::Mat out;
  cv::resize(cells, out, {}, cellPx, cellPx, cv::INTER_NEAREST);
  return out;
}

bool writeTagPng(int id, int cellPx, const std::string& path, std::string& error) {
  if (cv::imwrite(path, tagImage(id, cellPx))) return true;
  error = path + ": could not write the tag image";
  return false;
}

}  // namespace ns::tracking

#pragma once
// tag36h11 images made from libapriltag's own family data, so the project needs no
// downloaded marker images: what the rig files' `image` paths name is written by
// tools/make_rigs from here, and the synthetic renderer draws the same pixels.
#include <string>

#include <opencv2/core.hpp>

namespace ns::tracking {

// The tag's whole printed image (10×10 cells, white border included), 8-bit grey,
// `cellPx` pixels per cell (nearest neighbour: the cells stay crisp squares).
cv::Mat tagImage(int id, int cellPx);
bool writeTagPng(int id, int cellPx, const std::string& path, std::string& error);

}  // namespace ns::tracking

#pragma once
// A printed page drawn at 300 dpi in millimetres (origin at the page's centre, +y up,
// as the rigs' x, y), written as a PDF whose page is exactly the paper's size (the
// image fills it, so printed at 100 % a millimetre is a millimetre) and as a PNG.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace printables {

enum class Paper { A4, Letter };

struct Page {
  double width_mm = 0, height_mm = 0;
  double px_per_mm = 300.0 / 25.4;
  cv::Mat image;  // 8-bit grey, white paper
};

Page createPage(Paper paper, bool landscape);
cv::Point px(const Page& p, double x_mm, double y_mm);

// Tag `id` (tag36h11) as printed: the whole image (white rim included) `size_mm`
// square, its top-left corner at (left_mm, top_mm).
void drawTag(Page& p, int id, double left_mm, double top_mm, double size_mm);
void drawRect(Page& p, double x0, double y0, double x1, double y1, int thickness_px);
void drawDashed(Page& p, double x0, double y0, double x1, double y1);
void drawCross(Page& p, double x, double y, double arm_mm);
void drawArrow(Page& p, double x0, double y0, double x1, double y1, const std::string& label);
// Text with its baseline's left end at (x, y), letters `height_mm` tall.
void textAt(Page& p, double x, double y, const std::string& text, double height_mm);
// A 50 mm bar with a tick every 10 mm, its left end at (x, y).
void checkBar(Page& p, double x, double y);
// A title and lines under it from (x, y) down, and the check bar under them.
void titleBlock(Page& p, double x, double y, const std::string& title, const std::vector<std::string>& lines);

bool writePdf(const Page& p, const std::string& path, std::string& error);
bool writePng(const Page& p, const std::string& path, std::string& error);

}  // namespace printables

#include "page.h"

#include <zlib.h>

#include <cmath>
#include <cstdio>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/files.h"
#include "tracking/tag_image.h"

namespace printables {

Page createPage(Paper paper, bool landscape) {
  Page p;
  double w = paper == Paper::A4 ? 210.0 : 215.9, h = paper == Paper::A4 ? 297.0 : 279.4;
  p.width_mm = landscape ? h : w;
  p.height_mm = landscape ? w : h;
  p.image = cv::Mat(int(std::lround(p.height_mm * p.px_per_mm)), int(std::lround(p.width_mm * p.px_per_mm)), CV_8UC1,
                    cv::Scalar(255));
  return p;
}

cv::Point px(const Page& p, double x, double y) {
  return {int(std::lround((x + p.width_mm / 2) * p.px_per_mm)), int(std::lround((p.height_mm / 2 - y) * p.px_per_mm))};
}

void drawTag(Page& p, int id, double left, double top, double size) {
  cv::Mat cells = ns::tracking::tagImage(id, 1), tag;
  cv::Point at = px(p, left, top), end = px(p, left + size, top - size);
  cv::resize(cells, tag, cv::Size(end.x - at.x, end.y - at.y), 0, 0, cv::INTER_NEAREST);
  if (tag.channels() != 1) cv::cvtColor(tag, tag, cv::COLOR_BGR2GRAY);
  tag.copyTo(p.image(cv::Rect(at.x, at.y, tag.cols, tag.rows)));
  cv::rectangle(p.image, cv::Rect(at.x, at.y, tag.cols, tag.rows), cv::Scalar(200), 1);  // where to cut, if anyone does
  char label[16];
  std::snprintf(label, sizeof label, "%d", id);
  cv::putText(p.image, label, {end.x - int(size * 0.18 * p.px_per_mm), end.y - 3}, cv::FONT_HERSHEY_SIMPLEX,
              0.5, cv::Scalar(170), 1, cv::LINE_AA);
}

void drawRect(Page& p, double x0, double y0, double x1, double y1, int thickness) {
  cv::rectangle(p.image, px(p, x0, y1), px(p, x1, y0), cv::Scalar(0), thickness);
}

void drawDashed(Page& p, double x0, double y0, double x1, double y1) {
  double len = std::hypot(x1 - x0, y1 - y0);
  for (double s = 0; s < len; s += 3.0) {
    double e = std::min(len, s + 1.5);
    cv::line(p.image, px(p, x0 + (x1 - x0) * s / len, y0 + (y1 - y0) * s / len),
             px(p, x0 + (x1 - x0) * e / len, y0 + (y1 - y0) * e / len), cv::Scalar(90), 2);
  }
}

void drawCross(Page& p, double x, double y, double arm) {
  cv::line(p.image, px(p, x - arm, y), px(p, x + arm, y), cv::Scalar(0), 2);
  cv::line(p.image, px(p, x, y - arm), px(p, x, y + arm), cv::Scalar(0), 2);
}

void drawArrow(Page& p, double x0, double y0, double x1, double y1, const std::string& label) {
  cv::arrowedLine(p.image, px(p, x0, y0), px(p, x1, y1), cv::Scalar(60), 2, cv::LINE_AA, 0, 0.15);
  textAt(p, x1 + 1.5, y1 + 1.5, label, 3.0);
}

void textAt(Page& p, double x, double y, const std::string& text, double height) {
  // Hershey simplex capitals are ~22 px tall at scale 1.
  double scale = height * p.px_per_mm / 22.0;
  cv::putText(p.image, text, px(p, x, y), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0),
              std::max(1, int(std::lround(scale * 1.6))), cv::LINE_AA);
}

void checkBar(Page& p, double x, double y) {
  cv::rectangle(p.image, px(p, x, y + 1.5), px(p, x + 50, y), cv::Scalar(0), cv::FILLED);
  for (int mm = 0; mm <= 50; mm += 10) cv::line(p.image, px(p, x + mm, y), px(p, x + mm, y - 3), cv::Scalar(0), 2);
  textAt(p, x + 52, y - 1, "50 mm: measure it", 3.0);
}

void titleBlock(Page& p, double x, double y, const std::string& title, const std::vector<std::string>& lines) {
  textAt(p, x, y, title, 4.2);
  for (size_t i = 0; i < lines.size(); ++i) textAt(p, x, y - 7.0 - 5.0 * double(i), lines[i], 3.0);
  checkBar(p, x, y - 9.0 - 5.0 * double(lines.size()));
}

bool writePdf(const Page& p, const std::string& path, std::string& error) {
  cv::Mat img = p.image.isContinuous() ? p.image : p.image.clone();
  uLongf packedSize = compressBound(uLong(img.total()));
  std::string packed(packedSize, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize, img.data, uLong(img.total()), 9) != Z_OK) {
    error = path + ": cannot compress the page";
    return false;
  }
  packed.resize(packedSize);
  double wpt = p.width_mm / 25.4 * 72.0, hpt = p.height_mm / 25.4 * 72.0;
  char buffer[512];
  std::string content;
  std::snprintf(buffer, sizeof buffer, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q\n", wpt, hpt);
  content = buffer;
  std::vector<std::string> objects;
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  std::snprintf(buffer, sizeof buffer,
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] /Resources << /XObject << /Im0 5 0 R >> >> "
                "/Contents 4 0 R >>",
                wpt, hpt);
  objects.push_back(buffer);
  objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
  std::snprintf(buffer, sizeof buffer,
                "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
                "/Filter /FlateDecode /Length %zu >>\nstream\n",
                img.cols, img.rows, packed.size());
  objects.push_back(buffer + packed + "\nendstream");
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    std::snprintf(buffer, sizeof buffer, "%010zu 00000 n \n", o);
    pdf += buffer;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return ns::core::writeTextAtomic(path, pdf, error);
}

bool writePng(const Page& p, const std::string& path, std::string& error) {
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", p.image, bytes)) {
    error = path + ": cannot encode the page";
    return false;
  }
  return ns::core::writeTextAtomic(path, std::string(bytes.begin(), bytes.end()), error);
}

}  // namespace printables

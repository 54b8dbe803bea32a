// The sheets a trainee prints (assets/print, tools/make_printables): every tag is
// where its rig says, to 0.15 mm on the printed page, and the PDF's
// page is exactly the paper's size (printed at 100 %, a millimetre is a millimetre).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include "support.h"
#include "tracking/detector.h"
#include "tracking/rig_design.h"

namespace ns::tracking {
namespace {

std::string printPath(const std::string& name) { return std::string(NS_SOURCE_DIR) + "/assets/print/" + name; }

// Each tag of `rig` found on the page, its black square's corners within 0.1 mm of
// the rig's (pad and board: the page's centre is the rig's origin, +y up).
void expectTagsWhereTheRigSays(const std::string& png, const Rig& rig, double width_mm, double height_mm) {
  cv::Mat page = cv::imread(printPath(png), cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(page.empty()) << png;
  double pxPerMm = 300.0 / 25.4;
  EXPECT_NEAR(page.cols / pxPerMm, width_mm, 0.1) << png;
  EXPECT_NEAR(page.rows / pxPerMm, height_mm, 0.1) << png;
  Detector d = createDetector(2);
  std::vector<TagDetection> found = detectTags(d, page, {0, 0, page.cols, page.rows}, 2.0f);
  destroyDetector(d);
  int matched = 0;
  double worst = 0;
  for (const TagDetection& t : found) {
    int i = findTag(rig, t.id);
    if (i < 0) continue;
    ++matched;
    std::array<glm::dvec3, 4> want = blackCorners(rig.tags[size_t(i)]);
    for (int k = 0; k < 4; ++k) {
      // Page px (OpenCV's convention: a pixel's centre at the integer) to rig mm.
      double x = (t.corners[size_t(k)].x + 0.5) / pxPerMm - width_mm / 2, y = height_mm / 2 - (t.corners[size_t(k)].y + 0.5) / pxPerMm;
      worst = std::max(worst, std::hypot(x - want[size_t(k)].x, y - want[size_t(k)].y));
    }
  }
  EXPECT_EQ(matched, int(rig.tags.size())) << png;
  EXPECT_LT(worst, 0.15) << png << ": a corner this many mm from where the rig puts it";
}

TEST(Printables, TagsLieWhereTheirRigsSay) {
  expectTagsWhereTheRigSays("pad-a4.png", shippedPadRig(), 297, 210);
  expectTagsWhereTheRigSays("pad-letter.png", shippedPadRig(kPadThickness_mm, kPadPitchLetter_mm), 279.4, 215.9);
  expectTagsWhereTheRigSays("calibration-board-a4.png", shippedBoardRig(), 210, 297);
  expectTagsWhereTheRigSays("calibration-board-letter.png", shippedBoardRig(), 215.9, 279.4);
}

TEST(Printables, TheShippedRigFilesAreTheDesign) {
  EXPECT_EQ(rigJson(test::shippedRig("pad-letter.json")), rigJson(shippedPadRig(kPadThickness_mm, kPadPitchLetter_mm)));
  EXPECT_EQ(rigJson(test::shippedRig("board.json")), rigJson(shippedBoardRig()));
}

TEST(Printables, TheSleeveSheetHoldsEveryPenTag) {
  for (const char* png : {"pen-sleeve-a4.png", "pen-sleeve-letter.png"}) {
    cv::Mat page = cv::imread(printPath(png), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(page.empty()) << png;
    Detector d = createDetector(2);
    std::vector<TagDetection> found = detectTags(d, page, {0, 0, page.cols, page.rows}, 2.0f);
    destroyDetector(d);
    std::set<int> ids;
    for (const TagDetection& t : found) ids.insert(t.id);
    for (const RigTag& t : shippedPenRig().tags) EXPECT_TRUE(ids.count(t.id)) << png << ": tag " << t.id;
    // 16 mm tags: their black squares 12.8 mm across.
    for (const TagDetection& t : found)
      EXPECT_NEAR(cv::norm(t.corners[0] - t.corners[1]) / (300.0 / 25.4), kPenTag_mm * 0.8, 0.15) << png;
  }
}

TEST(Printables, PdfPagesAreThePapersSize) {
  struct Want { const char* file; double w_mm, h_mm; };
  for (Want w : {Want{"pad-a4.pdf", 297, 210}, Want{"pad-letter.pdf", 279.4, 215.9}, Want{"pen-sleeve-a4.pdf", 210, 297},
                 Want{"calibration-board-letter.pdf", 215.9, 279.4}}) {
    std::ifstream in(printPath(w.file), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::smatch m;
    std::string s = text.str();
    ASSERT_TRUE(std::regex_search(s, m, std::regex(R"(/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\])"))) << w.file;
    EXPECT_NEAR(std::stod(m[1]) / 72.0 * 25.4, w.w_mm, 0.01) << w.file;
    EXPECT_NEAR(std::stod(m[2]) / 72.0 * 25.4, w.h_mm, 0.01) << w.file;
    EXPECT_EQ(s.rfind("%%EOF"), s.size() - 6) << w.file;
  }
}

}  // namespace
}  // namespace ns::tracking

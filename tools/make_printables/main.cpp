// Writes the sheets a trainee prints for the camera pen (assets/print): the pad sheet,
// the pen's sleeve (a net to cut, fold and glue) and the calibration board, each for
// A4 and US Letter, as a PDF (print this, at 100 %) and a PNG (to look at), all at
// 300 dpi, with a 50 mm check bar. Everything is drawn from the rigs in code
// (tracking/rig_design.h), so a printed tag lies exactly where its rig file says.
//   make_printables assets/print [docs/images]   (the second: the setup guide's pictures)
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/files.h"
#include "page.h"
#include "tracking/rig_design.h"
#include "tracking/synthetic.h"
#include "tracking/synthetic_motion.h"
#include "tracking/tag_image.h"

using namespace ns;
using printables::Page;

namespace {

// The pad sheet, landscape: the rig's tags at their x, y (pad frame: origin at the
// practice area's centre, +y away from the trainee), the pad's outline, the axes.
Page padSheet(printables::Paper paper, const tracking::Rig& rig, const char* rigFile) {
  Page p = printables::createPage(paper, true);
  for (const tracking::RigTag& t : rig.tags) printables::drawTag(p, t.id, t.corners_mm[0].x, t.corners_mm[0].y, t.corners_mm[1].x - t.corners_mm[0].x);
  printables::drawRect(p, -80, -50, 80, 50, 2);  // a 160 × 100 mm practice pad
  printables::drawCross(p, 0, 0, 8);
  printables::drawArrow(p, 0, 0, 30, 0, "+x");
  printables::drawArrow(p, 0, 0, 0, 30, "+y");
  printables::textAt(p, -78, 45, "practice pad here (10 mm thick), its centre on the cross", 3.0);
  double bottom = -p.height_mm / 2;
  printables::textAt(p, -60, bottom + 6, "the trainee sits on this side", 3.2);
  printables::titleBlock(p, -76, -14, std::string("NeedleSim pad sheet (") + rigFile + ")",
                         {"Print at 100 % (no 'fit to page');", "check the 50 mm bar with a ruler.",
                          "Lay the sheet flat, the practice pad", "inside this box; keep the tags uncovered."});
  return p;
}

// The pen's sleeve as two strips, one per ring: six 18 mm faces and a glue tab each,
// folded into a hexagonal tube; the top of each strip toward the back of the pen.
Page sleeveSheet(printables::Paper paper) {
  Page p = printables::createPage(paper, false);
  tracking::Rig rig = tracking::shippedPenRig();
  const double face = tracking::kPenFace_mm, tag = tracking::kPenTag_mm, tab = 8;
  for (int ring = 0; ring < 2; ++ring) {
    double x0 = -(6 * face + tab) / 2, yTop = 60 - ring * 45;  // page mm, +y up
    printables::drawRect(p, x0, yTop - face, x0 + 6 * face + tab, yTop, 1);
    for (int f = 0; f < 6; ++f) {
      const tracking::RigTag& t = rig.tags[size_t(ring * 6 + f)];
      double fx = x0 + f * face;
      printables::drawTag(p, t.id, fx + (face - tag) / 2, yTop - (face - tag) / 2, tag);
      if (f > 0) printables::drawDashed(p, fx, yTop - face, fx, yTop);
    }
    printables::drawDashed(p, x0 + 6 * face, yTop - face, x0 + 6 * face, yTop);
    printables::textAt(p, x0 + 6 * face + 1, yTop - face / 2, "glue", 2.5);
    printables::textAt(p, x0, yTop + 3,
                       ring == 0 ? "Ring 1 (nearer the tip): its lower edge 8 mm behind the needle face"
                                 : "Ring 2: right behind ring 1 (edges touching), turned by half a face (30 degrees)",
                       3.0);
    printables::textAt(p, x0, yTop - face - 4.5, "this edge toward the needle tip", 2.5);
  }
  printables::titleBlock(p, -90, 125, "NeedleSim pen sleeve (assets/rigs/pen.json)",
                         {"Print at 100 % on card; check the 50 mm bar.",
                          "Cut along the solid lines, fold on the dashed ones, glue each strip",
                          "into a hexagonal tube (tags outward, 31 mm across flats).",
                          "Slide ring 1 onto the pen's nose where the cartridge was,",
                          "ring 2 behind it turned half a face; docs/camera-pen-setup.md shows how."});
  return p;
}

Page boardSheet(printables::Paper paper) {
  Page p = printables::createPage(paper, false);
  for (const tracking::RigTag& t : tracking::shippedBoardRig().tags)
    printables::drawTag(p, t.id, t.corners_mm[0].x, t.corners_mm[0].y, t.corners_mm[1].x - t.corners_mm[0].x);
  printables::titleBlock(p, -76, p.height_mm / 2 - 12, "NeedleSim calibration board (assets/rigs/board.json)",
                         {"Print at 100 %, check the 50 mm bar,", "tape it flat (README: 'Calibrate the camera')."});
  return p;
}

// The assembly instructions' picture of the sleeve on a pen, on the pad sheet, as the
// synthetic camera renders the shipped rigs (tracking/synthetic.h): close up, and
// from where the webcam should be (45 cm, 45 degrees).
bool writeAssemblyPictures(const std::filesystem::path& dir, std::string& error) {
  tracking::Intrinsics k = tracking::syntheticCamera();
  tracking::SyntheticRenderer r = tracking::createRenderer(tracking::shippedPenRig(), tracking::shippedPadRig(), k);
  tracking::RenderOptions options;
  options.noiseSigma = 0;
  cv::Matx44d pen = tracking::penPose({0, 0, 0}, 15, 200, 20);
  struct Shot { const char* name; double distance_mm, elevation_deg; };
  for (Shot shot : {Shot{"camera-sleeve-closeup.png", 170, 55}, Shot{"camera-view.png", 450, 45}}) {
    cv::Mat image = tracking::renderFrame(r, tracking::padToCamera(shot.distance_mm, shot.elevation_deg), {pen}, options);
    std::vector<uchar> bytes;
    cv::Mat small;
    cv::resize(image, small, cv::Size(640, 360), 0, 0, cv::INTER_AREA);
    if (!cv::imencode(".png", small, bytes) ||
        !core::writeTextAtomic((dir / shot.name).string(), std::string(bytes.begin(), bytes.end()), error))
      return false;
  }
  tracking::destroyRenderer(r);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: make_printables OUTPUT_DIR [PICTURES_DIR]\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  struct Sheet {
    std::string name;
    Page page;
  };
  std::vector<Sheet> sheets;
  for (printables::Paper paper : {printables::Paper::A4, printables::Paper::Letter}) {
    std::string suffix = paper == printables::Paper::A4 ? "-a4" : "-letter";
    tracking::Rig pad = paper == printables::Paper::A4
                            ? tracking::shippedPadRig()
                            : tracking::shippedPadRig(tracking::kPadThickness_mm, tracking::kPadPitchLetter_mm);
    sheets.push_back({"pad" + suffix, padSheet(paper, pad, paper == printables::Paper::A4 ? "assets/rigs/pad.json" : "assets/rigs/pad-letter.json")});
    sheets.push_back({"pen-sleeve" + suffix, sleeveSheet(paper)});
    sheets.push_back({"calibration-board" + suffix, boardSheet(paper)});
  }
  std::string error;
  for (Sheet& s : sheets) {
    if (!printables::writePdf(s.page, (dir / (s.name + ".pdf")).string(), error) ||
        !printables::writePng(s.page, (dir / (s.name + ".png")).string(), error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    std::printf("%s: %.0f x %.0f mm\n", s.name.c_str(), s.page.width_mm, s.page.height_mm);
  }
  if (argc == 3 && !writeAssemblyPictures(argv[2], error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  return 0;
}

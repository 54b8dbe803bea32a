#pragma once
// A marker rig (contract: ../shared/product.md, "A real pen, tracked by a camera"):
//   { "name": "...", "units": "mm",
//     "tags": [ { "family": "tag36h11", "id": 0, "image": "tags/tag36h11_00000.png",
//                 "corners_mm": [[x,y,z] x4] } ] }
// `corners_mm` are where the printed image's top-left, top-right, bottom-right and
// bottom-left corners (of the whole image, white border included) lie in the rig's
// frame. A bad file is refused whole with one line naming the file, the key and
// what was expected (the CLI exits 2 with it).
#include <glm/glm.hpp>

#include <array>
#include <string>
#include <vector>

namespace ns::tracking {

// tag36h11: a 10×10 cell image, 1 white cell of border, then the black square the
// detector reports the corners of (8×8 cells), then the 6×6 data bits.
constexpr int kTagTotalCells = 10;
constexpr int kTagBorderCells = 8;
constexpr int kTag36h11Codes = 587;

struct RigTag {
  std::string family = "tag36h11";
  int id = 0;
  std::string image;                     // relative to the rig file, as written
  std::array<glm::dvec3, 4> corners_mm;  // the image's TL, TR, BR, BL in the rig frame
};

struct Rig {
  std::string name;
  std::string path;  // the file it came from ("" when built in code)
  std::vector<RigTag> tags;
};

bool parseRig(const std::string& text, const std::string& path, Rig& rig, std::string& error);
bool loadRig(const std::string& path, Rig& rig, std::string& error);
std::string rigJson(const Rig& rig);  // what parseRig reads back

// The detector's four corners of a tag (its black square) in the rig frame, in the
// image's TL, TR, BR, BL order: the printed corners pulled in by one cell.
std::array<glm::dvec3, 4> blackCorners(const RigTag& tag);
// The outward normal of a tag's face (the side the image is printed on).
glm::dvec3 tagNormal(const RigTag& tag);
// Index of the tag with this id in the rig, −1 if none.
int findTag(const Rig& rig, int id);

}  // namespace ns::tracking

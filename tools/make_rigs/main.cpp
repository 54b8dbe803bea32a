// Writes the rigs the project ships and prints: assets/rigs/pen.json, pad.json (A4),
// pad-letter.json (US Letter), board.json (the calibration board) and the tag images
// they name (tags/tag36h11_NNNNN.png, 10 px per cell: printed
// scaled to the rig's corners with nearest-neighbour, they stay crisp).
//   make_rigs assets/rigs
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/files.h"
#include "tracking/rig_design.h"
#include "tracking/tag_image.h"

using namespace ns;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_rigs OUTPUT_DIR\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir / "tags");
  std::string error;
  for (auto [name, rig] : {std::pair{"pen.json", tracking::shippedPenRig()}, std::pair{"pad.json", tracking::shippedPadRig()},
                           std::pair{"pad-letter.json", tracking::shippedPadRig(tracking::kPadThickness_mm, tracking::kPadPitchLetter_mm)},
                           std::pair{"board.json", tracking::shippedBoardRig()}}) {
    if (!core::writeTextAtomic((dir / name).string(), tracking::rigJson(rig), error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    for (const tracking::RigTag& t : rig.tags)
      if (!tracking::writeTagPng(t.id, 10, (dir / t.image).string(), error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
      }
    std::printf("%s: %zu tags\n", (dir / name).c_str(), rig.tags.size());
  }
  return 0;
}

#pragma once
// The rigs the project ships (assets/rigs/pen.json, assets/rigs/pad.json), made in
// code so the files, the printables and the tests agree; docs/tracking.md says why
// they look the way they do.
//
// Pen: a hexagonal sleeve that replaces the cartridge on the pen's nose, two rings
// of six 16 mm tags from 9 to 43 mm behind the tip. Six faces show two or three
// tags at any roll; two rings give points along the axis; the tags sit in front of
// the fingers, and the lever arm from the tags' centre to the tip is ~26 mm, so
// 1° of orientation error costs ~0.45 mm at the tip.
// Pad: twelve 36 mm tags on the printed sheet around the practice pad (which lies
// in the middle, its surface the plane z = 0), printed at z = −thickness.
#include "tracking/rig.h"

namespace ns::tracking {

constexpr double kPenTag_mm = 16.0;
constexpr double kPenFace_mm = 18.0;          // face width: the tag plus a 1 mm rim each side
constexpr double kPenRingZ_mm[2] = {17.0, 35.0};  // centres of the two rings behind the tip
constexpr double kPenSleeveTop_mm = 44.0;
constexpr int kPenFirstId = 0;
constexpr double kPadTag_mm = 36.0;
constexpr double kPadThickness_mm = 10.0;
constexpr int kPadFirstId = 20;
constexpr double kPadPitchA4_mm = 60.0;      // between the tags' centres across the sheet
constexpr double kPadPitchLetter_mm = 56.0;  // Letter is 17.6 mm narrower: the row closes up
// The calibration board: a planar grid of tags on an A4 / Letter page.
constexpr int kBoardCols = 5, kBoardRows = 7;
constexpr double kBoardTag_mm = 24.0, kBoardPitch_mm = 30.0;
constexpr int kBoardFirstId = 40;

// The sleeve's apothem (centre to a face).
double penApothem_mm();
Rig shippedPenRig();
// The pad sheet for A4 (assets/rigs/pad.json) or, with kPadPitchLetter_mm, for
// US Letter (pad-letter.json): the A4 sheet's outer tags would reach within 2 mm
// of a Letter page's edge, where printers do not print.
Rig shippedPadRig(double thickness_mm = kPadThickness_mm, double pitch_mm = kPadPitchA4_mm);
// The calibration board (assets/rigs/board.json): its tags' centres on a grid, the
// page's centre at the origin, z = 0 (flat on a table or a wall).
Rig shippedBoardRig();
std::string tagImageName(int id);  // "tags/tag36h11_00000.png"

}  // namespace ns::tracking

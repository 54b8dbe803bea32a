// Writes the kiosk's attract demonstration on the face (scenes/kiosk/attract-face.jsonl,
// replay JSONL): the pen glides a crosshatch over the left cheek of our face mesh
// (assets/face.glb), 15 mm square, rows 3 mm apart, 25 mm/s, dial 0.75 mm (the cheek's
// 0.5-1.0 mm, reference section 4 [V]), the pen along the skin's inward normal. It
// starts with a short stroke at the square's edge, so the tissue block (the micro
// view's serum and channels) straddles the treated skin's edge. About 10 s long:
// the attract loop's captions and time-lapse (scenes/kiosk/kiosk.json) follow it.
//   scripts/kiosk/make-attract-recording.sh   (builds this and writes the file)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include "input/replay.h"
#include "scene/surface_mesh.h"
#include "scene/surface_query.h"

namespace {

constexpr double kCentreX_mm = 42.0, kCentreZ_mm = -40.0;  // the cheek seen from the front (tests/runtime/face_cli_test)
constexpr double kHalf_mm = 7.5, kRow_mm = 3.0, kSpeed_mm_s = 25.0, kStep_mm = 0.5, kDial_mm = 0.75;
constexpr double kLift_mm = 4.0, kLift_s = 0.15;

struct Writer {
  const ns::scene::SurfaceMesh& mesh;
  const ns::scene::SurfaceIndex& index;
  std::ofstream out;
  double t = 0;
  bool ok = true;
  // The skin seen from the front at (x, z); the tip there (lifted: above it).
  void sample(double x, double z, bool contact) {
    ns::scene::SurfaceHit hit;
    if (!ns::scene::raycastSurface(mesh, index, {x, 300, z}, {0, -1, 0}, 1000, hit)) {
      ok = false;
      return;
    }
    ns::input::PenSample s;
    s.t_s = t;
    s.pos_mm = contact ? hit.point : hit.point + hit.normal * kLift_mm;
    s.dir = -hit.normal;
    s.contact = contact;
    s.depth_mm = kDial_mm;
    out << ns::input::replayLine(s) << "\n";
  }
  void pass(double x0, double z0, double x1, double z1) {
    sample(x0, z0, false);
    t += kLift_s;
    double length = std::hypot(x1 - x0, z1 - z0);
    int steps = std::max(1, int(std::ceil(length / kStep_mm)));
    for (int i = 0; i <= steps; ++i) {
      double f = double(i) / steps;
      sample(x0 + (x1 - x0) * f, z0 + (z1 - z0) * f, true);
      if (i < steps) t += length / steps / kSpeed_mm_s;
    }
    t += 0.02;
    sample(x1, z1, false);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_attract_recording FACE.glb OUT.jsonl\n");
    return 2;
  }
  ns::scene::SurfaceMesh mesh;
  std::string error;
  std::vector<std::string> warnings;
  if (!ns::scene::loadSurfaceMesh(argv[1], mesh, error, warnings)) {
    std::fprintf(stderr, "make_attract_recording: %s\n", error.c_str());
    return 1;
  }
  ns::scene::SurfaceIndex index = ns::scene::buildSurfaceIndex(mesh);
  std::string tmp = std::string(argv[2]) + ".tmp";
  Writer w{mesh, index, std::ofstream(tmp)};
  const double cx = kCentreX_mm, cz = kCentreZ_mm;
  w.t = 0.3;
  // First touch on the square's edge: the tissue block (4 mm) goes there, half of it
  // needled, half intact skin beside it (the micro view compares them).
  w.pass(cx + kHalf_mm - 1, cz, cx + kHalf_mm, cz);
  for (double dz = -kHalf_mm; dz <= kHalf_mm + 1e-9; dz += kRow_mm) w.pass(cx - kHalf_mm, cz + dz, cx + kHalf_mm, cz + dz);
  for (double dx = -kHalf_mm; dx <= kHalf_mm + 1e-9; dx += kRow_mm) w.pass(cx + dx, cz - kHalf_mm, cx + dx, cz + kHalf_mm);
  w.t += 0.3;
  w.sample(cx, cz, false);  // lifted over the treated skin
  w.out.close();
  if (!w.ok || !w.out) {
    std::fprintf(stderr, "make_attract_recording: the cheek square left the face mesh (or %s could not be written)\n", argv[2]);
    return 1;
  }
  std::rename(tmp.c_str(), argv[2]);
  std::printf("make_attract_recording: %s, %.1f s\n", argv[2], w.t);
  return 0;
}

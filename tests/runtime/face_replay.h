#pragma once
// Replays written on the face mesh (tips on its skin, the pen along the inward
// normal) and on the flat patch, for the face's end-to-end tests.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "scene/surface_mesh.h"
#include "scene/surface_query.h"

namespace ns::test {

struct Face {
  ns::scene::SurfaceMesh mesh;
  ns::scene::SurfaceIndex index;
};

inline const Face& face() {
  static Face f = [] {
    Face out;
    std::string error;
    std::vector<std::string> warnings;
    EXPECT_TRUE(ns::scene::loadSurfaceMesh(NS_SOURCE_DIR "/assets/face.glb", out.mesh, error, warnings)) << error;
    out.index = ns::scene::buildSurfaceIndex(out.mesh);
    return out;
  }();
  return f;
}

// Writes replay lines: on the face, the pen perpendicular to the skin at the face
// point seen from the front at (x, z); on the patch (`patch`), the pen straight down
// at (x, y, 0). It glides from point to point at 20 mm/s.
struct ReplayWriter {
  std::ofstream out;
  double t = 0, dial_mm = 0.75;
  bool patch = false;
  // On the face: when set, (x, z) are mm on the tangent plane of this skin frame (x
  // along its t, z along its b), each point put on the skin along the frame's normal.
  bool onFrame = false;
  ns::scene::SurfaceFrame frame;
  void sample(double x, double z, bool contact) {
    glm::dvec3 tip(x, z, 0.0), dir(0.0, 0.0, -1.0);
    if (!patch && onFrame) {
      ns::scene::SurfaceHit hit;
      glm::dvec3 above = frame.origin + frame.t * x + frame.b * z + frame.n * 20.0;
      ASSERT_TRUE(ns::scene::raycastSurface(face().mesh, face().index, above, -frame.n, 100, hit)) << x << " " << z;
      tip = hit.point;
      dir = -hit.normal;
    } else if (!patch) {
      ns::scene::SurfaceHit hit;
      ASSERT_TRUE(ns::scene::raycastSurface(face().mesh, face().index, {x, 300, z}, {0, -1, 0}, 1000, hit)) << x << " " << z;
      tip = hit.point;  // lifted or not, at the skin: contact holds until the next sample
      dir = -hit.normal;
    }
    char line[256];
    std::snprintf(line, sizeof(line),
                  "{\"t\": %.3f, \"pos_mm\": [%.4f, %.4f, %.4f], \"dir\": [%.5f, %.5f, %.5f], \"contact\": %s, \"depth_mm\": %.2f}\n",
                  t, tip.x, tip.y, tip.z, dir.x, dir.y, dir.z, contact ? "true" : "false", dial_mm);
    out << line;
  }
  void pass(glm::dvec2 from, glm::dvec2 to) {
    sample(from.x, from.y, false);
    t += 0.05;
    int steps = int(std::ceil(glm::length(to - from) / 1.0));
    for (int i = 0; i <= steps; ++i) {
      glm::dvec2 p = from + (to - from) * (double(i) / steps);
      sample(p.x, p.y, true);
      t += 0.05;
    }
    sample(to.x, to.y, false);
    t += 0.1;
  }
  // The pen held still at one point for `seconds` (every strike at the same place).
  void hold(glm::dvec2 at, double seconds) {
    sample(at.x, at.y, false);
    t += 0.05;
    for (double end = t + seconds; t < end; t += 0.05) sample(at.x, at.y, true);
    sample(at.x, at.y, false);
    t += 0.1;
  }
};

// The skin frame of the face point seen from the front at (x, z).
inline ns::scene::SurfaceFrame faceFrameAt(double x, double z) {
  ns::scene::SurfaceHit hit;
  EXPECT_TRUE(ns::scene::raycastSurface(face().mesh, face().index, {x, 300, z}, {0, -1, 0}, 1000, hit));
  return ns::scene::skinFrame(hit.point, hit.normal);
}

// Crosshatched passes (horizontal, vertical, oblique) over a square of half width
// `half` centred at (x, z), starting at its centre (where the tissue block goes).
inline void crosshatch(ReplayWriter& w, double cx, double cz, double half = 4.0) {
  for (double row = -half + 1; row <= half - 1 + 1e-9; row += 2) w.pass({cx - half, cz + row}, {cx + half, cz + row});
  for (double col = -half + 1; col <= half - 1 + 1e-9; col += 2) w.pass({cx + col, cz - half}, {cx + col, cz + half});
  for (double k = -half + 1; k <= half - 1 + 1e-9; k += 2)
    w.pass({cx - half + k, cz - half - k}, {cx + half + k, cz + half - k});
}

}  // namespace ns::test

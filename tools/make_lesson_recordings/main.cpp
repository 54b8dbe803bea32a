// Writes the recordings the shipped lessons are tested with (tests/lesson/recordings/):
// for each lesson one that does what it asks, and ones that break one criterion (a
// wrong answer, one direction only, a dial too deep for the region, a puncture on a
// no-go region, needling before the serum). Face strokes are placed on our face mesh
// (assets/face.glb) by ray casts from the front, the pen along the skin's inward
// normal, so they land where the region map says.
//   build/tools/make_lesson_recordings assets/face.glb tests/lesson/recordings
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "input/replay.h"
#include "scene/surface_mesh.h"
#include "scene/surface_query.h"

namespace {

using ns::input::LessonEvent;
using ns::input::PenSample;

struct Writer {
  std::ofstream out;
  double t = 0;
  PenSample last;
  void sample(glm::dvec3 pos, glm::dvec3 dir, bool contact, double dial_mm) {
    last.t_s = t;
    last.pos_mm = pos;
    last.dir = dir;
    last.contact = contact;
    last.depth_mm = dial_mm;
    out << ns::input::replayLine(last) << "\n";
  }
  void wait(double seconds) {  // the pen stays where it is (lifted)
    t += seconds;
    last.contact = false;
    last.t_s = t;
    out << ns::input::replayLine(last) << "\n";
  }
  void move(LessonEvent::Kind kind, const std::string& answer = "") {
    last.contact = false;
    last.t_s = t;
    out << ns::input::replayLine(last, LessonEvent{t, kind, answer}) << "\n";
  }
};

// The flat patch: passes through the middle along each direction at 10 mm/s.
void patchPasses(Writer& w, const std::vector<glm::dvec2>& directions, double dial_mm, double half_mm = 1.5) {
  for (glm::dvec2 d : directions)
    for (double offset : {-0.6, 0.0, 0.6}) {
      glm::dvec2 side(-d.y * offset, d.x * offset);
      glm::dvec2 a = side - d * half_mm, b = side + d * half_mm;
      w.sample({a.x, a.y, 3.0}, {0, 0, -1}, false, dial_mm);
      w.t += 0.2;
      int steps = int(std::ceil(2 * half_mm / 0.05));
      for (int i = 0; i <= steps; ++i, w.t += 0.005) {
        glm::dvec2 p = a + (b - a) * (double(i) / steps);
        w.sample({p.x, p.y, 0.0}, {0, 0, -1}, true, dial_mm);
      }
      w.sample({b.x, b.y, 3.0}, {0, 0, -1}, false, dial_mm);
      w.t += 0.2;
    }
}

void firstGlide(const std::string& dir, const std::string& name, const std::vector<glm::dvec2>& directions,
                double dial_mm) {
  Writer w{std::ofstream(dir + "/first-glide-cheek." + name + ".jsonl")};
  w.sample({3, 3, 8}, {0, 0, -1}, false, 0.75);
  w.wait(6.0);  // serum: 5 s of reading
  w.move(LessonEvent::Kind::Answer, "0.5 to 1.0 mm");
  w.wait(1.0);
  patchPasses(w, directions, dial_mm);
  w.sample({0, 0, 2.0}, {0, 0, -1}, false, dial_mm);  // over the channels: the micro view
  w.wait(14.0);
  w.wait(4.0);  // the hour's jump and its criteria
}

void depthQuiz(const std::string& dir, const std::string& name, const std::vector<std::string>& answers) {
  Writer w{std::ofstream(dir + "/depth-by-region." + name + ".jsonl")};
  w.sample({0, 0, 400}, {0, -1, 0}, false, 0.75);
  for (const std::string& answer : answers) {
    w.wait(1.0);
    w.move(LessonEvent::Kind::Answer, answer);
  }
  w.wait(2.0);
}

struct Face {
  ns::scene::SurfaceMesh mesh;
  ns::scene::SurfaceIndex index;
};

// The face seen from the front at (x, z): the skin there, if it is `region`.
bool faceAt(const Face& f, double x, double z, const std::string& region, ns::scene::SurfaceHit& hit) {
  if (!ns::scene::raycastSurface(f.mesh, f.index, {x, 300, z}, {0, -1, 0}, 1000, hit)) return false;
  return region.empty() || f.mesh.regionNames[size_t(hit.region)] == region;
}

// No lid or lip vermilion within a cartridge's reach (1.5 mm) of the ray at `origin`:
// a practitioner keeps the whole needle head off them.
bool clearOfNoGo(const Face& f, glm::dvec3 origin, glm::dvec3 across, glm::dvec3 up, glm::dvec3 dir) {
  const double reach_mm = 1.5;
  for (glm::dvec3 offset : {across, -across, up, -up, glm::dvec3(0.0)}) {
    ns::scene::SurfaceHit hit;
    if (!ns::scene::raycastSurface(f.mesh, f.index, origin + offset * reach_mm, dir, 1000, hit)) continue;
    const std::string& name = f.mesh.regionNames[size_t(hit.region)];
    for (const char* noGo : {"orbital", "lip_vermilion"}) {  // (the anatomical head's parts of them too)
      auto members = ns::scene::regionMembers(noGo);
      if (std::find(members.begin(), members.end(), name) != members.end()) return false;
    }
  }
  return true;
}

// Glides over `region` (its vertices with sign(x) == side, or all for side 0) in
// rows `spacing_mm` apart as seen along the region's mean normal there (so rows keep
// their spacing on the skin where the region turns away from the front), at
// `speed_mm_s`, lifting the pen wherever a row leaves the region.
void faceRaster(Writer& w, const Face& f, const std::string& region, int side, double dial_mm, double spacing_mm,
                double speed_mm_s) {
  auto mine = [&](size_t v) {
    return f.mesh.regionNames[f.mesh.regions[v]] == region &&
           (side == 0 || (side > 0) == (f.mesh.positions[v].x >= 0));
  };
  glm::dvec3 centre(0.0), normal(0.0);
  size_t n = 0;
  for (size_t v = 0; v < f.mesh.positions.size(); ++v)
    if (mine(v)) centre += glm::dvec3(f.mesh.positions[v]), normal += glm::dvec3(f.mesh.normals[v]), ++n;
  if (!n) return;
  centre /= double(n);
  normal = glm::normalize(normal);
  glm::dvec3 across = glm::normalize(glm::cross(glm::dvec3(0, 0, 1), normal));  // rows run across the face
  glm::dvec3 up = glm::cross(normal, across);
  glm::dvec2 lo(1e9), hi(-1e9);
  for (size_t v = 0; v < f.mesh.positions.size(); ++v)
    if (mine(v)) {
      glm::dvec3 d = glm::dvec3(f.mesh.positions[v]) - centre;
      glm::dvec2 p(glm::dot(d, across), glm::dot(d, up));
      lo = glm::min(lo, p), hi = glm::max(hi, p);
    }
  const double step_mm = 0.5;
  for (double b = lo.y + spacing_mm / 2; b < hi.y; b += spacing_mm) {
    bool inStroke = false;
    ns::scene::SurfaceHit hit, lastHit;
    for (double a = lo.x; a <= hi.x + step_mm; a += step_mm) {
      glm::dvec3 origin = centre + across * a + up * b + normal * 200.0;
      bool on = a <= hi.x && ns::scene::raycastSurface(f.mesh, f.index, origin, -normal, 1000, hit) &&
                f.mesh.regionNames[size_t(hit.region)] == region && (side == 0 || (side > 0) == (hit.point.x >= 0)) &&
                clearOfNoGo(f, origin, across, up, -normal);
      if (on) {
        if (!inStroke) {  // come down onto the skin
          w.sample(hit.point + hit.normal * 3.0, -hit.normal, false, dial_mm);
          w.t += 0.1;
        }
        w.sample(hit.point, -hit.normal, true, dial_mm);
        w.t += step_mm / speed_mm_s;
        lastHit = hit;
        inStroke = true;
      } else if (inStroke) {  // lift off
        w.sample(lastHit.point + lastHit.normal * 3.0, -lastHit.normal, false, dial_mm);
        w.t += 0.1;
        inStroke = false;
      }
    }
  }
}

// One strike's worth of contact at the front-view point (x, z).
void dab(Writer& w, const Face& f, double x, double z, double dial_mm) {
  ns::scene::SurfaceHit hit;
  if (!faceAt(f, x, z, "", hit)) return;
  w.sample(hit.point + hit.normal * 3.0, -hit.normal, false, dial_mm);
  w.t += 0.1;
  w.sample(hit.point, -hit.normal, true, dial_mm);
  w.t += 0.05;
  w.sample(hit.point + hit.normal * 3.0, -hit.normal, false, dial_mm);
  w.t += 0.1;
}

// A point of `region` near the middle of its front view (the +x side): the middle
// itself when the front sees the region there, else the region's vertex nearest it
// that the front sees (a ring, as a lid's margin, has its middle elsewhere).
bool regionPoint(const Face& f, const std::string& region, double& x, double& z) {
  double sx = 0, sz = 0;
  std::vector<size_t> mine;
  for (size_t v = 0; v < f.mesh.positions.size(); ++v)
    if (f.mesh.regionNames[f.mesh.regions[v]] == region && f.mesh.positions[v].x >= 0)
      sx += f.mesh.positions[v].x, sz += f.mesh.positions[v].z, mine.push_back(v);
  if (mine.empty()) return false;
  x = sx / double(mine.size()), z = sz / double(mine.size());
  ns::scene::SurfaceHit hit;
  if (faceAt(f, x, z, region, hit)) return true;
  auto away = [&](size_t v) { return std::hypot(f.mesh.positions[v].x - x, f.mesh.positions[v].z - z); };
  std::sort(mine.begin(), mine.end(), [&](size_t a, size_t b) { return away(a) < away(b); });
  for (size_t v : mine)
    if (faceAt(f, f.mesh.positions[v].x, f.mesh.positions[v].z, region, hit)) {
      x = f.mesh.positions[v].x, z = f.mesh.positions[v].z;
      return true;
    }
  return false;
}

void fullFace(const std::string& dir, const Face& f) {
  const double speed_mm_s = 40.0;
  {  // the whole procedure
    Writer w{std::ofstream(dir + "/full-face-procedure.pass.jsonl")};
    w.sample({0, 0, 400}, {0, -1, 0}, false, 0.25);
    w.wait(17.0);  // cleanse 8 s, numb 3 s, serum 3 s of reading
    // Rows closer on the small regions, whose edges (kept off the lids and lip) are
    // a larger share of them.
    struct Part { const char* region; int side; double dial_mm, spacing_mm; };
    for (Part p : {Part{"forehead", 1, 0.25, 2.4}, Part{"forehead", -1, 0.25, 2.4}, Part{"cheek", 1, 0.75, 2.4},
                   Part{"cheek", -1, 0.75, 2.4}, Part{"nose", 0, 0.25, 1.6}, Part{"perioral", 1, 0.25, 1.6},
                   Part{"perioral", -1, 0.25, 1.6}, Part{"chin", 0, 0.75, 2.4}})
      faceRaster(w, f, p.region, p.side, p.dial_mm, p.spacing_mm, speed_mm_s);
    w.wait(6.0);  // no-go, a day, six weeks
  }
  {  // needled before the serum was on
    Writer w{std::ofstream(dir + "/full-face-procedure.dry.jsonl")};
    w.sample({0, 0, 400}, {0, -1, 0}, false, 0.25);
    w.wait(2.0);
    double x, z;
    if (regionPoint(f, "forehead", x, z)) dab(w, f, x, z, 0.25);
    w.wait(20.0);
  }
  {  // an educator skips the regions; during the chin the pen touches the lid
    Writer w{std::ofstream(dir + "/full-face-procedure.no-go.jsonl")};
    w.sample({0, 0, 400}, {0, -1, 0}, false, 0.25);
    w.wait(17.0);
    for (int i = 0; i < 4; ++i) {  // forehead, cheeks, nose, perioral
      w.move(LessonEvent::Kind::Skip);
      w.wait(0.6);
    }
    double x, z;  // during the chin: a slip onto the lid's margin (the mannequin's map: "orbital")
    if (regionPoint(f, "lid_margin", x, z) || regionPoint(f, "orbital", x, z)) dab(w, f, x, z, 0.25);
    w.wait(0.6);
    w.move(LessonEvent::Kind::Skip);  // the chin
    w.wait(4.0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_lesson_recordings FACE.glb OUTDIR\n");
    return 2;
  }
  std::string dir = argv[2];
  firstGlide(dir, "pass", {{1, 0}, {0, 1}, {0.7071, 0.7071}}, 0.75);
  firstGlide(dir, "one-direction", {{1, 0}, {1, 0}, {1, 0}}, 0.75);
  firstGlide(dir, "too-deep", {{1, 0}, {0, 1}, {0.7071, 0.7071}}, 1.5);
  depthQuiz(dir, "pass", {"0.25-0.5 mm", "0.25 mm", "0.25 mm", "0.5-1.0 mm", "1.0-2.0 mm"});
  depthQuiz(dir, "thick-cheek-wrong", {"0.25-0.5 mm", "0.25 mm", "0.25 mm", "0.5-1.0 mm", "2.5-3.0 mm"});
  Face face;
  std::string error;
  std::vector<std::string> warnings;
  if (!ns::scene::loadSurfaceMesh(argv[1], face.mesh, error, warnings)) {
    std::fprintf(stderr, "make_lesson_recordings: %s\n", error.c_str());
    return 1;
  }
  face.index = ns::scene::buildSurfaceIndex(face.mesh);
  fullFace(dir, face);
  return 0;
}

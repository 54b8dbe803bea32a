// A live pen's samples are dropped once everything has read them, so a window open
// all day holds seconds of them. Two sessions fed the same pen, one keeping every
// sample, must agree on everything the run reports.
#include <gtest/gtest.h>

#include <cmath>

#include "runtime/face_replay.h"
#include "runtime/session.h"
#include "scene/skin_surface.h"
#include "training/technique.h"

namespace {

using namespace ns;

// The interactive pen at frame `i`: glides to and fro across 12 mm, on the skin for
// 4 s out of every 5, tilted a little on the way back (so the feedback has warnings).
using PenAt = input::PenSample (*)(int i);

input::PenSample patchPen(int i) {
  double t = i / 60.0, phase = std::fmod(t, 5.0);
  input::PenSample s;
  s.pos_mm = {-6.0 + 3.0 * phase, std::fmod(std::floor(t / 5.0), 8.0) - 4.0, 0.0};
  s.contact = phase < 4.0;
  s.dir = phase < 2.0 ? glm::dvec3(0, 0, -1) : glm::normalize(glm::dvec3(0.2, 0, -1));
  s.depth_mm = 0.5;
  return s;
}

input::PenSample facePen(int i) {
  double t = i / 60.0, phase = std::fmod(t, 5.0);
  double x = 36.0 + 3.0 * phase, z = -40.0 + std::fmod(std::floor(t / 5.0), 8.0);  // the cheek
  scene::SurfaceHit hit;
  EXPECT_TRUE(scene::raycastSurface(test::face().mesh, test::face().index, {x, 300, z}, {0, -1, 0}, 1000, hit));
  input::PenSample s;
  s.pos_mm = hit.point;
  s.dir = -hit.normal;
  s.contact = phase < 4.0;
  s.depth_mm = 0.75;
  return s;
}

struct Run {
  scene::Scene scene;
  scene::SkinSurface skin;
  runtime::Session session;
};

void createRun(Run& run, bool face, double keep_s) {
  runtime::Options options;
  if (face) {
    ASSERT_TRUE(scene::loadScene(NS_SOURCE_DIR "/scenes/face.json", run.scene).ok);
    scene::SurfaceMesh mesh = test::face().mesh;
    scene::fitToMillimetres(mesh);
    run.skin = scene::meshSurface(std::move(mesh));
  } else {
    run.scene = scene::defaultScene();
    run.skin = scene::patchSurface(run.scene);
  }
  std::string error;
  ASSERT_TRUE(runtime::createSession(options, run.scene, run.skin, run.session, error)) << error;
  run.session.keepSamples_s = keep_s;
}

void play(Run& run, PenAt penAt, int frames) {
  for (int i = 0; i < frames; ++i) {
    input::PenSample pen = penAt(i);
    runtime::SessionInput in;
    in.step_s = 1.0 / 60.0;
    in.interactive = &pen;
    in.feedbackShown = i % 30 == 0;
    runtime::advanceSession(run.session, run.scene, in);
  }
}

void expectSameRun(bool face, PenAt penAt) {
  const int frames = 60 * 150;  // two and a half minutes of a 60 fps window
  Run kept, dropped;
  createRun(kept, face, 1e30);
  createRun(dropped, face, 10.0);
  play(kept, penAt, frames);
  play(dropped, penAt, frames);

  EXPECT_EQ(kept.session.pen.track.samples.size(), size_t(frames));
  EXPECT_LE(dropped.session.pen.track.samples.size(), size_t(60 * 10 + 1024 + 2)) << "10 s kept and a batch";
  EXPECT_EQ(dropped.session.pen.localTrack.samples.size(), dropped.session.pen.localHits.size());
  nlohmann::json penKept = runtime::penReport(kept.session.pen), penDropped = runtime::penReport(dropped.session.pen);
  EXPECT_EQ(penDropped["samples"], frames);
  EXPECT_EQ(penDropped, penKept);
  EXPECT_GT(penKept["punctures"].get<double>(), 1000);
  EXPECT_EQ(runtime::channelsReport(dropped.session.pen), runtime::channelsReport(kept.session.pen));
  nlohmann::json a = training::techniqueJson(runtime::finalTechnique(kept.session, kept.scene));
  nlohmann::json b = training::techniqueJson(runtime::finalTechnique(dropped.session, dropped.scene));
  EXPECT_EQ(b, a);
  EXPECT_GE(a["passes"].get<int>(), 25);  // one a 5 s glide
  input::PenSample nowKept = runtime::currentLocalPen(kept.session.pen), nowDropped = runtime::currentLocalPen(dropped.session.pen);
  EXPECT_EQ(nowDropped.pos_mm, nowKept.pos_mm);
}

TEST(PenHistory, APatchWindowKeepsSecondsOfSamplesAndReportsTheSame) { expectSameRun(false, patchPen); }

// On the face the treatment frame's copies and their latest skin point go with them.
TEST(PenHistory, AFaceWindowKeepsSecondsOfSamplesAndReportsTheSame) { expectSameRun(true, facePen); }

}  // namespace

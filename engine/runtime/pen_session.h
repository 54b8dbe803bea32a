#pragma once
// The pen during a run: where its samples come from (a replay, an OSC tracker, or
// the mouse / a gamepad in the window), the recording, the pen model and the
// punctures it made, and the channels handed to the solver.
//
// Time: the pen has its own session clock. Replays advance it a fixed 1/60 s per
// frame (as fast as frames go, and the same report at any frame rate); live
// sources advance it by wall time, headless too.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "input/osc_source.h"
#include "input/pen_sample.h"
#include "input/recorder.h"
#include <memory>

#include "runtime/camera_pen.h"
#include "pen/pen_model.h"
#include "runtime/options.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "shared.h"
#include "sim/grid.h"

namespace ns::runtime {

enum class PenSourceKind { Interactive, Replay, Osc, Camera };

struct PenSession {
  PenSourceKind source = PenSourceKind::Interactive;
  input::PenTrack track;
  // A live pen's samples are dropped from the front once everything has read them
  // (dropOldSamples): a window open all day keeps seconds of them, not hours.
  size_t droppedSamples = 0;
  pen::PenModel model;
  // The punctures made since the last takeNewPunctures (the history is not kept:
  // what the report needs of it are the running sums below).
  std::vector<pen::Puncture> fresh;
  struct ChannelSums {
    unsigned long long count = 0, torn = 0;
    double depthSum_um = 0, depthMax_um = 0, elongationSum_um = 0;
    // Where the needles went (scene mm): the treated area, which the micro view keeps clear of.
    glm::dvec3 entryMin_mm{1e30}, entryMax_mm{-1e30};
  } channels;
  double clock_s = 0;
  input::OscSource osc;
  std::unique_ptr<CameraPen> camera;  // --camera: the tracker's samples (runtime/camera_pen.h)
  input::Recorder recorder;
  bool recording = false;
  input::PenSample interactive;  // the mouse / gamepad pen (window only)
  bool interactiveSeen = false;
  // The skin the pen strikes (the patch or a mesh), in its scene mm; it must outlive
  // the session. The treatment frame is the skin's tangent frame where the pen first
  // touched it (x along the skin's horizontal, z out of the skin; the patch's is the
  // scene's own). Seen in that frame — positions on its tangent plane, each axis
  // against the skin's own normal — the samples and punctures (`local*`, kept only
  // when that frame is not the scene's) feed the technique feedback and the tissue
  // block.
  const scene::SkinSurface* skin = nullptr;
  bool anchored = false;
  scene::SurfaceFrame anchor;
  std::string anchorRegion;  // the region under the first touch
  input::PenTrack localTrack;
  // Each local sample's skin point and region, and the latest sample on the skin
  // (a copy, so it outlives dropped samples): a sample's position is that one's plus
  // the step along the skin.
  struct LocalHit {
    bool onSkin = false;
    glm::dvec3 point{0.0};
    std::string region;
  };
  std::vector<LocalHit> localHits;
  struct LastOnSkin {
    bool seen = false;
    glm::dvec3 point{0.0};      // on the skin, scene mm
    glm::dvec2 local_mm{0.0};   // in the treatment frame
  } lastOnSkin;
  std::string regionNow;  // the region under the pen ("" when no skin is under it)
  size_t nextLessonEvent = 0;  // the track's lesson moves before it have been taken
  size_t nextTimeJump = 0;     // the track's time-lapse jumps before it have been taken
  double playbackUntil_s = -1; // a lesson's recording drives the pen until then
};

bool createPenSession(const Options& options, const scene::Scene& scene, const scene::SkinSurface& skin,
                      PenSession& session, std::string& error);
// Ends the recording (renames it into place) and closes the OSC socket.
bool finishPenSession(PenSession& session, std::string& error);

// Live: the samples come at wall-clock pace (the window, OSC, a camera device).
// A replay and a camera's video file are played back as fast as frames go.
bool isLive(const PenSession& session);
// A played-back source (a replay, a camera's file) whose last sample the clock passed.
bool replayFinished(const PenSession& session);
// Whether the samples are played back from a file (a replay or a camera's video).
bool playedFromFile(const PenSession& session);

// Advances the pen clock by `seconds`, polls OSC, records what arrived, runs the pen
// model up to the clock. The interactive pen (if `interactive` is non-null) is
// sampled at the new clock time.
void advancePenSession(PenSession& session, double seconds, const input::PenSample* interactive);

// Drops a live pen's samples (and their treatment-frame copies) older than `keep_s`
// before the clock, of those the first `consumed` (what the technique feedback has
// taken) and the pen model have used; nothing for a replay, which is read whole, or
// during a demonstration. Drops in batches, so a frame pays nothing most of the time.
// Returns how many samples left the front: readers holding indices move them back.
size_t dropOldSamples(PenSession& session, size_t consumed, double keep_s);

// The lesson moves of the track (a replay's "lesson" lines) up to the pen clock,
// each once.
std::vector<input::LessonEvent> takeLessonEvents(PenSession& session);
// The simulated seconds of the track's time-lapse jumps (a replay's "jump_s" lines) up
// to the pen clock, each once.
double takeTimeJumps(PenSession& session);
// A time-lapse jump the person asked for now (a Jump button, the educator's J K L):
// written to a --record, so a replay takes it at the same moment.
void recordTimeJump(PenSession& session, double jump_s);

// Plays `recording` as the pen from the clock on, for its length (a lesson's
// demonstration): its samples, moved to start now, replace what the source had in
// that time; the mouse, a gamepad and OSC are not read meanwhile. A --record gets
// the demonstration's samples.
void startPlayback(PenSession& session, const input::PenTrack& recording);
bool playingBack(const PenSession& session);

// The punctures made since the last call, in scene mm; `local` gets the same
// punctures in the treatment frame (the tissue block's).
std::vector<pen::Puncture> takeNewPunctures(PenSession& session, std::vector<pen::Puncture>& local);

// A puncture (scene mm, on a mesh) seen in `frame`: its entry on the frame's tangent
// plane, its axis and drag turned from the skin's normal at the entry to the frame's.
// The treatment frame's copies and each tissue block's are made this way.
pen::Puncture punctureInFrame(const scene::SurfaceFrame& frame, const pen::Puncture& p);

// Whether the pen is near the skin (drawn, followed by the micro view).
bool penNearSkin(const PenSession& session);
// The pen as it is now (for drawing and the panel), in scene mm.
input::PenSample currentPen(const PenSession& session);
// The same in the treatment frame (the patch: unchanged).
input::PenSample currentLocalPen(const PenSession& session);

// What technique feedback sees of the samples: the treatment frame's on a mesh, the
// scene's on the patch.
const input::PenTrack& techniqueTrack(const PenSession& session);
// The region under techniqueTrack's sample `i` ("": none known; the patch: its region).
const std::string& techniqueSampleRegion(const PenSession& session, size_t i);

nlohmann::json penReport(const PenSession& session);
nlohmann::json channelsReport(const PenSession& session);

}  // namespace ns::runtime

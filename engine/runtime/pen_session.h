#pragma once
// The pen during a run: where its samples come from (a replay, an OSC tracker, or
// the mouse / a gamepad in the window), the recording, the pen model and the
// punctures it made, and the channels handed to the solver.
//
// Time: the pen has its own session clock. Replays advance it a fixed 1/60 s per
// frame (as fast as frames go, and the same report at any frame rate); live
// sources advance it by wall time, headless too.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "input/osc_source.h"
#include "input/pen_sample.h"
#include "input/recorder.h"
#include "pen/pen_model.h"
#include "runtime/options.h"
#include "scene/scene.h"
#include "shared.h"
#include "sim/grid.h"

namespace ns::runtime {

enum class PenSourceKind { Interactive, Replay, Osc };

struct PenSession {
  PenSourceKind source = PenSourceKind::Interactive;
  input::PenTrack track;
  pen::PenModel model;
  std::vector<pen::Puncture> punctures;
  size_t stamped = 0;            // punctures already handed to the solver
  double clock_s = 0;
  input::OscSource osc;
  input::Recorder recorder;
  bool recording = false;
  input::PenSample interactive;  // the mouse / gamepad pen (window only)
  bool interactiveSeen = false;
};

bool createPenSession(const Options& options, const scene::Scene& scene, PenSession& session, std::string& error);
// Ends the recording (renames it into place) and closes the OSC socket.
bool finishPenSession(PenSession& session, std::string& error);

bool isLive(const PenSession& session);
bool replayFinished(const PenSession& session);

// Advances the pen clock by `seconds`, polls OSC, records what arrived, runs the pen
// model up to the clock. The interactive pen (if `interactive` is non-null) is
// sampled at the new clock time.
void advancePenSession(PenSession& session, double seconds, const input::PenSample* interactive);

// The punctures made since the last call.
std::vector<pen::Puncture> takeNewPunctures(PenSession& session);

// The pen as it is now (for drawing and the panel).
input::PenSample currentPen(const PenSession& session);

nlohmann::json penReport(const PenSession& session);
nlohmann::json channelsReport(const PenSession& session);

}  // namespace ns::runtime

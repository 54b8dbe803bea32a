#pragma once
// The session: what the person at the simulator is doing, advanced once per frame
// before the simulation steps — the pen (its source, strikes and punctures) and the
// live technique feedback. The ways of running (educator, compare, ghost ...) are
// the run's features (runtime/feature.h), not the session's.
#include <string>
#include <vector>

#include "runtime/coaching.h"
#include "runtime/options.h"
#include "runtime/pen_session.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"

namespace ns::runtime {

struct Session {
  PenSession pen;
  Coaching coaching;
  glm::dvec2 lastViewAxis{1.0, 0.0};
  // A live pen's samples kept behind the clock once the feedback has taken them
  // (negative: all — a kiosk drops its own between tries): memory stays flat however
  // long a window runs.
  double keepSamples_s = 10.0;
};

// What one advance produced: the punctures made, in scene mm and in the
// treatment frame (the tissue block's), for the simulation.
struct SessionStep {
  std::vector<pen::Puncture> punctures, inBlock;
};

bool createSession(const Options& options, const scene::Scene& scene, const scene::SkinSurface& skin,
                   Session& session, std::string& error);
// The final assessment (report, export): every sample and puncture, rebuilt now.
const training::TechniqueReport& finalTechnique(Session& session, const scene::Scene& scene);
// Ends the recording and closes the sources; false (with the reason) if the
// recording could not be finished.
bool finishSession(Session& session, std::string& error);

// What a frame hands the session.
struct SessionInput {
  double step_s = 0;                              // pen time this frame
  const input::PenSample* interactive = nullptr;  // the mouse / gamepad pen (window only)
  bool paused = false;    // everything stops: no pen time passes, nothing strikes (the pen is still drawn)
  glm::dvec2 viewAxis{1.0, 0.0};  // the view's horizontal in the treatment frame (pass directions)
  bool feedbackShown = false;     // someone sees the technique panel this frame
};

// Advances the session: the interactive pen is sampled, the pen model strikes, the
// technique tracker takes what happened, and the feedback is refreshed when shown.
SessionStep advanceSession(Session& session, const scene::Scene& scene, const SessionInput& input);

}  // namespace ns::runtime

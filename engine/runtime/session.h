#pragma once
// The session: what the person at the simulator is doing, advanced once per frame
// before the simulation steps — the pen (its source, strikes and punctures), the
// live technique feedback and, as the product grows, the mode's and the lesson's
// state machines (educator, kiosk, lessons advance here, from the same inputs).
#include <string>
#include <vector>

#include "runtime/coaching.h"
#include "runtime/options.h"
#include "runtime/pen_session.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"

namespace ns::runtime {

struct Session {
  std::string mode = "trainee";  // trainee | educator | kiosk
  PenSession pen;
  Coaching coaching;
};

// What one advance produced: the punctures made, in scene mm and in the
// treatment frame (the tissue block's), for the simulation.
struct SessionStep {
  std::vector<pen::Puncture> punctures, inBlock;
};

bool createSession(const Options& options, const scene::Scene& scene, const scene::SkinSurface& skin,
                   Session& session, std::string& error);
// Ends the recording and closes the sources; false (with the reason) if the
// recording could not be finished.
bool finishSession(Session& session, std::string& error);

// Advances the session by `step_s` of pen time: the interactive pen (window only,
// may be null) is sampled, the pen model strikes, and the feedback is refreshed
// when someone will see it (`feedbackShown`).
SessionStep advanceSession(Session& session, const scene::Scene& scene, double step_s,
                           const input::PenSample* interactive, bool feedbackShown);

}  // namespace ns::runtime

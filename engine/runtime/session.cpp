#include "runtime/session.h"

namespace ns::runtime {

bool createSession(const Options& options, const scene::Scene& scene, const scene::SkinSurface& skin, Session& s,
                   std::string& error) {
  createCoaching(s.coaching, scene, skin);
  return createPenSession(options, scene, skin, s.pen, error);
}

// (At the end of a run the pen clock has passed every sample a replay will play.)
const training::TechniqueReport& finalTechnique(Session& s, const scene::Scene& scene) {
  updateCoaching(s.coaching, scene, s.pen, {}, s.lastViewAxis, false, true);
  return s.coaching.report;
}

bool finishSession(Session& s, std::string& error) { return finishPenSession(s.pen, error); }

SessionStep advanceSession(Session& s, const scene::Scene& scene, const SessionInput& in) {
  SessionStep step;
  if (in.interactive) s.pen.interactive = *in.interactive;  // drawn where it is, paused or not
  if (in.paused) return step;
  advancePenSession(s.pen, in.step_s, in.interactive);
  step.punctures = takeNewPunctures(s.pen, step.inBlock);
  s.lastViewAxis = in.viewAxis;
  updateCoaching(s.coaching, scene, s.pen, step.punctures, in.viewAxis, in.feedbackShown, false);
  if (s.keepSamples_s >= 0) s.coaching.samplesSeen -= dropOldSamples(s.pen, s.coaching.samplesSeen, s.keepSamples_s);
  return step;
}

}  // namespace ns::runtime

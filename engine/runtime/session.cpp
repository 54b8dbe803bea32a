#include "runtime/session.h"

namespace ns::runtime {

bool createSession(const Options& options, const scene::Scene& scene, const scene::SkinSurface& skin, Session& s,
                   std::string& error) {
  s.mode = options.mode;
  return createPenSession(options, scene, skin, s.pen, error);
}

bool finishSession(Session& s, std::string& error) { return finishPenSession(s.pen, error); }

SessionStep advanceSession(Session& s, const scene::Scene& scene, double step_s, const input::PenSample* interactive,
                           bool feedbackShown) {
  if (interactive) s.pen.interactive = *interactive;
  advancePenSession(s.pen, step_s, interactive);
  SessionStep step;
  step.punctures = takeNewPunctures(s.pen, &step.inBlock);
  if (feedbackShown) updateCoaching(s.coaching, scene, s.pen, false);
  return step;
}

}  // namespace ns::runtime

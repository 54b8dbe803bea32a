#pragma once
// The kiosk's loop as a plain state machine, advanced once per frame on the run's
// clock: attract → (any input) → try → (all steps done, or the try's time up) →
// score → (score_s) → attract; a try with no input for idle_reset_s goes straight
// back to attract. A cycle is one return to attract (after a score or an idle reset).
// The caller resets the stand on StartTry (every try from the same clean state).
#include "kiosk/kiosk_config.h"

namespace ns::kiosk {

enum class Phase { Attract, Try, Score };
const char* phaseName(Phase phase);  // "attract", "try", "score"

enum class Event { None, StartTry, FinishTry, Reset, IdleReset };

struct Counts {
  unsigned long long cycles = 0, tries = 0, scores = 0, idleResets = 0;
};

struct Machine {
  Phase phase = Phase::Attract;
  double phaseStart_s = 0;  // when the current phase began
  double lastInput_s = 0;   // the visitor's latest input (in a try)
  Counts counts;
};

// `input`: the visitor did something this frame; `tryDone`: the try's steps are all done.
Event advance(Machine& machine, const KioskConfig& config, double now_s, bool input, bool tryDone);

// Seconds left of the phase (the try's countdown, the score screen's), >= 0.
double secondsLeft(const Machine& machine, const KioskConfig& config, double now_s);

}  // namespace ns::kiosk

#include "kiosk/kiosk_machine.h"

#include <algorithm>

namespace ns::kiosk {

const char* phaseName(Phase phase) {
  switch (phase) {
    case Phase::Attract: return "attract";
    case Phase::Try: return "try";
    case Phase::Score: return "score";
  }
  return "?";
}

Event advance(Machine& m, const KioskConfig& c, double now, bool input, bool tryDone) {
  switch (m.phase) {
    case Phase::Attract:
      if (!input) return Event::None;
      m.phase = Phase::Try;
      m.phaseStart_s = m.lastInput_s = now;
      m.counts.tries++;
      return Event::StartTry;
    case Phase::Try:
      if (input) m.lastInput_s = now;
      if (tryDone || now - m.phaseStart_s >= c.try_s) {
        m.phase = Phase::Score;
        m.phaseStart_s = now;
        m.counts.scores++;
        return Event::FinishTry;
      }
      if (now - m.lastInput_s >= c.idle_reset_s) {  // walked away mid-try
        m.phase = Phase::Attract;
        m.phaseStart_s = now;
        m.counts.idleResets++;
        m.counts.cycles++;
        return Event::IdleReset;
      }
      return Event::None;
    case Phase::Score:
      if (now - m.phaseStart_s < c.score_s) return Event::None;
      m.phase = Phase::Attract;
      m.phaseStart_s = now;
      m.counts.cycles++;
      return Event::Reset;
  }
  return Event::None;
}

double secondsLeft(const Machine& m, const KioskConfig& c, double now) {
  double length = m.phase == Phase::Try ? c.try_s : m.phase == Phase::Score ? c.score_s : 0;
  return std::max(0.0, length - (now - m.phaseStart_s));
}

}  // namespace ns::kiosk

#include "runtime/ghost.h"

#include <algorithm>
#include <cmath>

#include "input/replay.h"
#include "runtime/run.h"
#include "ui/pen_panel.h"

namespace ns::runtime {

bool loadGhost(const std::string& file, Ghost& ghost, std::string& error) {
  if (!input::loadReplay(file, ghost.track, error)) {
    error = "--ghost: " + error;
    return false;
  }
  ghost.active = true;
  ghost.file = file;
  return true;
}

input::PenSample ghostAt(const Ghost& ghost, double clock_s) {
  return input::sampleAt(ghost.track, std::clamp(clock_s, 0.0, ghost.track.endTime()));
}

void advanceGhost(Ghost& ghost, double clock_s) {
  if (!ghost.active) return;
  double to = std::min(clock_s, ghost.track.endTime());
  if (to > ghost.played_s) {
    // Contact time: the segment's start sample holds until the next (as the pen's).
    input::PenSample at = ghostAt(ghost, ghost.played_s);
    if (at.contact) ghost.contact_s += to - ghost.played_s;
    ghost.played_s = to;
  }
  for (double t = ghost.marks.empty() ? 0.0 : ghost.marks.back().t_s + 1.0; t <= to + 1e-9; t += 1.0) {
    input::PenSample s = ghostAt(ghost, t);
    ghost.marks.push_back({t, s.pos_mm, s.contact});
  }
}

nlohmann::json ghostReport(const Ghost& ghost) {
  nlohmann::json positions = nlohmann::json::array();
  for (const Ghost::Mark& m : ghost.marks)
    positions.push_back({{"t", m.t_s}, {"pos_mm", {m.pos_mm.x, m.pos_mm.y, m.pos_mm.z}}, {"contact", m.contact}});
  return {{"file", ghost.file}, {"duration_s", ghost.track.endTime()}, {"played_s", ghost.played_s},
          {"contact_s", ghost.contact_s}, {"positions", positions}};
}

namespace {

class GhostFeature : public Feature {
 public:
  explicit GhostFeature(Ghost ghost) : ghost_(std::move(ghost)) {}
  const char* name() const override { return "ghost"; }
  void afterTick(Run& run, const SessionInput&, SessionStep&) override { advanceGhost(ghost_, run.session.pen.clock_s); }
  void overlays(const Run& run, ui::Dock&, ui::UiRequests&) override {
    ui::drawGhostPen(projectPen(run, ghostAt(ghost_, run.session.pen.clock_s)));
  }
  void rewind(Run&) override {
    ghost_.marks.clear();
    ghost_.contact_s = 0;
    ghost_.played_s = 0;
  }
  void report(Run&, nlohmann::json& report) override { report["ghost"] = ghostReport(ghost_); }

 private:
  Ghost ghost_;
};

}  // namespace

std::unique_ptr<Feature> makeGhostFeature(Ghost ghost) { return std::make_unique<GhostFeature>(std::move(ghost)); }

}  // namespace ns::runtime

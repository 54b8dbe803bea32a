#pragma once
// Live technique feedback during a run: the assessment refreshed twice a second,
// histories for the plots, and the panel's view.
#include <chrono>
#include <string>
#include <vector>

#include "runtime/pen_session.h"
#include "scene/scene.h"
#include "training/technique.h"
#include "ui/technique_panel.h"

namespace ns::runtime {

struct Coaching {
  training::TechniqueReport report;
  std::chrono::steady_clock::time_point lastAssessment{};
  std::vector<float> angleHistory, spacingHistory;  // last ~10 s of frames
};

// Records this frame's angle and spacing; reassesses every 0.5 s (or when forced).
void updateCoaching(Coaching& coaching, const scene::Scene& scene, const PenSession& pen, bool force);
ui::TechniqueView techniqueView(const Coaching& coaching, const scene::Scene& scene, const PenSession& pen);

}  // namespace ns::runtime

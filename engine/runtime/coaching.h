#pragma once
// Live technique feedback during a run: a TechniqueTracker fed every frame with the
// new samples (treatment frame) and punctures, so its cost never grows with the
// session; the report rebuilt from its sums twice a second while someone looks;
// histories for the plots; the panel's view.
#include <chrono>
#include <string>
#include <vector>

#include "runtime/pen_session.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "training/technique.h"
#include "training/technique_tracker.h"
#include "ui/technique_panel.h"

namespace ns::runtime {

struct Coaching {
  training::TechniqueTracker tracker;
  size_t samplesSeen = 0;
  training::TechniqueReport report;
  std::chrono::steady_clock::time_point lastAssessment{};
  std::vector<float> angleHistory, spacingHistory;  // last ~10 s of frames
};

void createCoaching(Coaching& coaching, const scene::Scene& scene, const scene::SkinSurface& skin);

// Feeds what the pen did since the last call: its new samples and `punctures` (scene
// mm; `viewAxis`: the view's horizontal in the treatment frame's plane, for pass
// directions). With `shown`, records this frame's angle and spacing for the plots and
// rebuilds the report every 0.5 s (or now, with `force`).
void updateCoaching(Coaching& coaching, const scene::Scene& scene, const PenSession& pen,
                    const std::vector<pen::Puncture>& punctures, glm::dvec2 viewAxis, bool shown, bool force);
ui::TechniqueView techniqueView(const Coaching& coaching, const scene::Scene& scene, const PenSession& pen);

}  // namespace ns::runtime

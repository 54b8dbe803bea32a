#pragma once
// The Progress panel (issue 16): the trainee's score over sessions, dial accuracy
// by region, the warnings that recur and the last sessions; an educator picks any
// trainee. No Vulkan types and no database: the runtime fills the view from the
// records store when the run starts and when another trainee is picked.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ui/requests.h"
#include "ui/thumbnails.h"

namespace ns::ui {

struct ProgressSessionRow {
  std::string when;       // "2024-05-01 09:30"
  std::string what;       // the lesson's id, or the scene's name
  std::optional<double> technique;  // the technique score (none: no needling)
  std::optional<double> lesson;     // a lesson's score (steps done), with its verdict
  std::string verdict;    // "passed", "failed" or ""
  std::string picture;    // the session's summary picture, when one was written
};

struct ProgressView {
  std::string trainee;                 // empty: no records this run (the panel is not drawn)
  std::vector<std::string> trainees;   // educator: everyone in the store
  bool educator = false;
  // Two scores, two plots: each judges something else and neither is drawn on the
  // other's axis. Oldest first; sessions without one are left out of its plot.
  std::vector<float> techniqueScores;  // how the needling was done (0-100)
  std::vector<float> lessonScores;     // lessons: the share of their steps done (0-100 %)
  size_t sessions = 0;
  std::vector<std::pair<std::string, std::vector<float>>> regions;  // in-range fraction per session
  std::vector<std::pair<std::string, int>> warnings;                // sessions each recurred in
  std::vector<ProgressSessionRow> last;                             // newest first
  std::string problem;                 // the store could not be read
};

// `pictures`: the last sessions' summary images, loaded by the runtime (loadThumbnails)
// when the view changes; a row without one shows a plain placeholder.
void drawProgressPanel(const ProgressView& view, Thumbnails& pictures, UiRequests& requests);

}  // namespace ns::ui

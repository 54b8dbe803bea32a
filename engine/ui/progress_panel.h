#pragma once
// The Progress panel (issue 16): the trainee's score over sessions, dial accuracy
// by region, the warnings that recur and the last sessions; an educator picks any
// trainee. No Vulkan types and no database: the runtime fills the view from the
// records store when the run starts and when another trainee is picked.
#include <string>
#include <utility>
#include <vector>

#include "ui/requests.h"

namespace ns::ui {

struct ProgressSessionRow {
  std::string when;       // "2024-05-01 09:30"
  std::string what;       // the lesson's id, or the scene's name
  double score = 0;
  std::string verdict;    // "passed", "failed" or ""
  std::string picture;    // the session's summary picture, when one was written
};

struct ProgressView {
  std::string trainee;                 // empty: no records this run (the panel is not drawn)
  std::vector<std::string> trainees;   // educator: everyone in the store
  bool educator = false;
  std::vector<float> scores;           // oldest first
  std::vector<std::pair<std::string, std::vector<float>>> regions;  // in-range fraction per session
  std::vector<std::pair<std::string, int>> warnings;                // sessions each recurred in
  std::vector<ProgressSessionRow> last;                             // newest first
  std::string problem;                 // the store could not be read
};

void drawProgressPanel(const ProgressView& view, UiRequests& requests);

}  // namespace ns::ui

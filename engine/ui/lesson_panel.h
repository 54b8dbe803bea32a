#pragma once
// The lesson panel: the step being done (its number, title and instruction), its
// criteria ticked live with the value against the target, a quiz step's answers,
// retry and restart (educator: skip and back too), and the result at the end.
// No Vulkan types: the runtime fills the view; what the user asks goes into UiRequests.
#include <optional>
#include <string>
#include <vector>

#include "ui/dock.h"
#include "ui/requests.h"

namespace ns::ui {

struct LessonCriterionRow {
  // In words (runtime/lesson_driver: lesson/metric_text.h): "Time after treatment",
  // "1 h 12 min", "at least 1 h"; a quiz's row has no target (it would give the answer).
  std::string metric, value, target;
  bool met = false;
};

// One step in the summary at the end.
struct LessonStepRow {
  std::string title;
  bool completed = false, skipped = false;
  double time_s = 0;  // from its (last) start to its completion
  size_t criteriaMet = 0, criteria = 0;
};

struct LessonView {
  std::string title;
  size_t step = 0, steps = 0;          // step == steps: the lesson has ended
  std::string stepTitle, instruction;
  std::vector<LessonCriterionRow> criteria;
  std::vector<std::string> choices;    // a quiz step's answers
  std::string chosen;                  // the answer given ("" none)
  bool educator = false;               // skip and back offered
  double score = 0, passMark = 0;  // the share of the steps done (0-100 %), and the mark to pass
  std::optional<double> techniqueScore;  // the Technique panel's score of the needling (none: no needling)
  bool passed = false;
  std::string caption;                 // a demonstration's caption showing now
  std::vector<LessonStepRow> summary;  // at the end
};

// A demonstration's caption, large, across the bottom of `area` (the 3D view's
// part of the screen it may use).
void drawLessonCaption(const std::string& caption, const Rect& area);

// The finished lesson's first lines: the lesson's score named for what it judges (the
// share of its steps done, against the pass mark) and, named apart, the technique
// score of the needling — two judgements, never one "score".
std::vector<std::string> lessonSummaryHeadline(const LessonView& view);

void drawLessonPanel(const LessonView& view, UiRequests& requests);

}  // namespace ns::ui

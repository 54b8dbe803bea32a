#pragma once
// A lesson in the run (issue 13): loaded and checked before anything starts, then
// evaluated as the session goes on — each step's view and actions applied when it
// starts, its criteria read from the same numbers the report writes, the next step
// started when they hold. The report gains lesson.*.
#include <nlohmann/json.hpp>

#include <string>

#include "lesson/lesson.h"
#include "lesson/lesson_run.h"
#include "ui/lesson_panel.h"
#include "ui/requests.h"

namespace ns::runtime {

struct Run;

struct LessonState {
  lesson::Lesson lesson;
  lesson::LessonRun progress;
  size_t started = size_t(-1);  // the step whose view and actions were applied
  double nextEvaluation_s = 0;  // pen-clock time of the next evaluation
};

// Loads `path`; false with one line naming the file, step and key. The lesson's
// scene file (empty for the face: `scenes/face.json` beside the lessons folder).
bool loadLessonFor(const std::string& path, LessonState& state, std::string& sceneFile, std::string& error);

// Puts a serum on the skin now: `name` from the serum library (scenes/serums,
// resolved beside the scene file), which replaces the one on the skin and wipes its
// field; empty: the current serum goes on again. False with one line when the name
// is unknown or its file is bad.
bool applySerumNow(Run& run, const std::string& name, std::string& error);

// Evaluates the current step (a few times a second of pen time) and starts the next
// when it is met: call once per frame after the simulation stepped.
void advanceLesson(Run& run, LessonState& state);

// What the user asked of the lesson in the panel (answer, retry, restart; educator:
// back, skip), applied at the start of a frame.
void applyLessonRequests(Run& run, LessonState& state, const ui::UiRequests& requests);
// The panel's view of the lesson as it stands.
ui::LessonView lessonView(const LessonState& state, bool educator);

// The numbers criteria read: the report's technique, pen, channels, healing and sim
// objects as they are now.
nlohmann::json liveMetrics(Run& run);

}  // namespace ns::runtime

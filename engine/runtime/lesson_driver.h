#pragma once
// A lesson in the run (issue 13): loaded and checked before anything starts, then
// evaluated as the session goes on — each step's view and actions applied when it
// starts, its criteria read from the same numbers the report writes, the next step
// started when they hold. The report gains lesson.*.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "input/pen_sample.h"
#include "lesson/lesson.h"
#include "lesson/lesson_run.h"
#include "ui/lesson_panel.h"
#include "runtime/feature.h"
#include "runtime/run_snapshot.h"
#include "runtime/session.h"
#include "runtime/simulation.h"
#include "ui/requests.h"

namespace ns::runtime {

struct Run;

struct LessonState {
  lesson::Lesson lesson;
  lesson::LessonRun progress;
  size_t started = size_t(-1);  // the step whose view and actions were applied
  double startedAt_s = 0;       // pen clock when they were (a demonstration's captions count from it)
  double nextEvaluation_s = 0;  // pen-clock time of the next evaluation
  // The run as it was when a step started (before its actions), to retry it: the
  // first step's (restart), the current one's and the one before (educator: back).
  std::map<size_t, RunSnapshot> snapshots;
  // A step's view still to be framed once the panels have left the 3D view its room:
  // "patch" (the whole patch) or a face region's name; empty: nothing to frame.
  std::string frameArea;
  // The demonstrations the steps play (play_recording), loaded with the lesson.
  std::map<std::string, input::PenTrack> recordings;
};

// Loads `path` and the recordings its steps play; false with one line naming the
// file, step and key. The lesson's scene file (empty for the face: `scenes/face.json`
// beside the lessons folder).
bool loadLessonFor(const std::string& path, LessonState& state, std::string& sceneFile, std::string& error);

// Before the first frame: a lesson that applies the serum in a step starts with
// none on the skin (needling before that step is needling dry).
void beginLesson(Run& run, LessonState& state);

// Frames a step's treatment area in the part of the window the panels leave (once
// they have been laid out): call before the frame is drawn.
void frameLessonView(Run& run, LessonState& state);

// Resumes at the step with id `stepId` (where this trainee left the lesson): the
// earlier steps count as done, and their actions (serum, dial, time jumps) are
// taken now so the run stands where they left it. False when no step has that id.
bool resumeLesson(Run& run, LessonState& state, const std::string& stepId);

// The lesson moves a replay carries (answers, retry, restart, back, skip) up to the
// pen clock: call once per frame after the session advanced.
void applyLessonEvents(Run& run, LessonState& state, const std::vector<input::LessonEvent>& events);

// Puts a serum on the skin now: `name` from the serum library (scenes/serums,
// resolved beside the scene file), which replaces the one on the skin and wipes its
// field; empty: the current serum goes on again. False with one line when the name
// is unknown or its file is bad.
bool applySerumNow(Run& run, const std::string& name, std::string& error);
// The same for any simulation and session (B's half of a split compare); `scenePath`
// is where the serum library is looked up from.
bool applySerumTo(Simulation& sim, Session& session, const std::string& scenePath, const std::string& name,
                  std::string& error);

// Evaluates the current step (a few times a second of pen time) and starts the next
// when it is met: call once per frame after the simulation stepped.
void advanceLesson(Run& run, LessonState& state);

// What the user asked of the lesson in the panel (answer, retry, restart; educator:
// back, skip), applied at the start of a frame and written to the recording (a
// replay of it with the lesson makes the same moves).
void applyLessonRequests(Run& run, LessonState& state, const ui::UiRequests& requests);
// The panel's view of the lesson as it stands.
// `clock_s`: the pen clock (which caption of a demonstration shows).
ui::LessonView lessonView(const LessonState& state, bool educator, double clock_s);

// The lesson as a feature of the run (lesson_feature.cpp).
std::unique_ptr<Feature> makeLessonFeature(LessonState state);

// The numbers criteria read: the report's technique, pen, channels, healing and sim
// objects as they are now.
nlohmann::json liveMetrics(Run& run);

}  // namespace ns::runtime

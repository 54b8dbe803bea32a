// A lesson as a feature of the run (runtime/lesson_driver.h): begun before the
// trainee is known (a resume needs it), its moves taken from the requests and the
// recording, evaluated after each tick, its panel first in the left column, its
// demonstration's caption over the view, lesson.* in the report and the export.
#include <algorithm>

#include "runtime/lesson_driver.h"
#include "runtime/run.h"
#include "ui/dock.h"

namespace ns::runtime {
namespace {

// A lesson demonstration's caption: large, along the bottom of the 3D view, left of
// the micro view when it is shown.
void drawCaption(const Run& run, const LessonState& state, const ui::Rect& view) {
  ui::LessonView lesson = lessonView(state, false, run.session.pen.clock_s);
  if (lesson.caption.empty()) return;
  ui::Rect area = view;
  const render::RenderSettings& settings = run.view.settings;
  if (settings.showMicroView && settings.blockPlaced) {  // beside it, on the wider side
    VkRect2D micro = microViewRectOf(run);
    float left = float(micro.offset.x) - view.x - 12.0f, right = view.right() - float(micro.offset.x) - float(micro.extent.width) - 12.0f;
    if (left >= right) area.w = std::max(view.w * 0.4f, left);
    else area.x = view.right() - std::max(view.w * 0.4f, right), area.w = view.right() - area.x;
  }
  ui::drawLessonCaption(lesson.caption, area);
}

class LessonFeature : public Feature {
 public:
  explicit LessonFeature(LessonState state) : state_(std::move(state)) {}
  const char* name() const override { return "lesson"; }

  // A lesson that schedules a course replaces the scene's (whichever scene the run loads).
  void adjustScene(scene::Scene& scene) override {
    if (!state_.lesson.course) return;
    scene.course.sessions = state_.lesson.course->sessions;
    scene.course.interval_days = state_.lesson.course->interval_days;
  }

  // Before the trainee is known: the run's lesson (records and a resume read it).
  void prepare(Run& run) override {
    run.lesson = &state_;
    beginLesson(run, state_);
  }
  void apply(Run& run, ui::UiRequests& requests) override { applyLessonRequests(run, state_, requests); }
  void afterTick(Run& run, const SessionInput&, SessionStep&) override {
    applyLessonEvents(run, state_, takeLessonEvents(run.session.pen));
    advanceLesson(run, state_);
    writeLessonProgress(run);  // a step just done goes to the outbox now
  }
  void beforeRender(Run& run) override { frameLessonView(run, state_); }
  bool needsFrames() const override { return true; }  // its steps are evaluated frame by frame
  // First in the left column: what the run is about.
  void panels(const Run& run, ui::Dock& dock, ui::DockSide side, ui::UiRequests& requests) override {
    if (side != ui::DockSide::Left || run.view.panelsHidden) return;
    ui::placeNextPanel(dock, ui::DockSide::Left);
    ui::LessonView lesson = lessonView(state_, run.options.mode == "educator", run.session.pen.clock_s);
    const training::TechniqueReport& technique = run.session.coaching.report;
    if (technique.contact_s > 0) lesson.techniqueScore = technique.score;  // named beside the lesson's own
    ui::drawLessonPanel(lesson, requests);
    ui::recordPanel(dock, ui::DockSide::Left, "Lesson");
  }
  void captions(const Run& run, ui::Dock& dock) override { drawCaption(run, state_, ui::viewArea(dock)); }
  void report(Run&, nlohmann::json& report) override {
    report["lesson"] = lesson::lessonReport(state_.lesson, state_.progress);
  }
  void exportSummary(Run& run, nlohmann::json& summary) override { report(run, summary); }
  void end(Run& run) override { run.lesson = nullptr; }

 private:
  LessonState state_;
};

}  // namespace

std::unique_ptr<Feature> makeLessonFeature(LessonState state) {
  return std::make_unique<LessonFeature>(std::move(state));
}

}  // namespace ns::runtime

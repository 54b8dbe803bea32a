// Who trains this run, and the records written while it goes on (issue 16): the
// start dialog's answer applied, the session's start (its `attempted` statement,
// the Progress panel, a lesson resumed where this trainee left it) and each lesson
// step's `progressed` statement as soon as the step is done, so a crash mid-lesson
// keeps the steps done (the sender is woken and delivers them while the run goes on).
#include <cstdio>
#include <filesystem>
#include <utility>

#include "core/image.h"
#include "runtime/modes.h"
#include "runtime/records.h"
#include "runtime/run.h"

namespace ns::runtime {

bool startDialogWanted(const Options& o) {
  bool kiosk = o.mode == "kiosk";
  return !o.headless && !kiosk && o.trainee.empty() && !o.guest && !o.noUi && o.compareLabel.empty() &&
         !calibrating(o) && (o.mode == "trainee" || o.mode == "educator");  // (a calibration trains nobody)
}

void openStartDialog(Run& run) {
  ui::TraineeDialog& d = run.traineeDialog;
  d.open = true;
  run.records->keepSession = false;  // until a name is chosen: a guest's session stays out of the store
  d.trainees = knownTrainees(*run.records, run.options, d.storeProblem);
}

void showProgress(Run& run, ui::ProgressView view) {
  run.progress = std::move(view);
  if (!run.host.overlay.active) return;
  std::vector<std::string> pictures;  // the last sessions' (newest first, as the panel lists them)
  for (const ui::ProgressSessionRow& row : run.progress.last) pictures.push_back(row.picture);
  ui::loadThumbnails(run.host.ctx, run.host.overlay.thumbnails, pictures);
}

void startTraineeSession(Run& run) {
  RecordsRun& records = *run.records;
  nlohmann::json lesson;
  if (run.lesson) {
    // A lesson this trainee left unfinished resumes at its step; the steps before it
    // were reported by the session that did them.
    LessonState& state = *run.lesson;
    if (std::optional<std::string> step = resumeStepFor(records, state.lesson.id);
        step && !step->empty() && resumeLesson(run, state, *step)) {
      std::fprintf(stderr, "needlesim: %s resumes the lesson at step '%s'\n", records.trainee.c_str(), step->c_str());
      for (size_t i = 0; i < state.progress.current && i < state.lesson.steps.size(); ++i)
        records.stepsWritten.insert(state.lesson.steps[i].id);
    }
    lesson = {{"id", state.lesson.id}, {"title", state.lesson.title}};
  }
  showProgress(run, progressView(records, "", run.options.mode == "educator"));
  startSessionRecords(records, run.scene.name.empty() ? run.scene.path : run.scene.name, run.options.mode,
                      NEEDLESIM_VERSION, lesson);
  run.doneSteps = 0;
}

void applyTraineeRequests(Run& run, const ui::UiRequests& requests) {
  if (!run.records || (!requests.trainee && !requests.traineeGuest)) return;
  run.traineeDialog.open = false;
  if (requests.trainee) {
    std::string error;
    if (!chooseTrainee(*run.records, run.options, *requests.trainee, error))
      std::fprintf(stderr, "needlesim: %s\n", error.c_str());
    std::fprintf(stderr, "needlesim: training as %s\n", run.records->trainee.c_str());
  } else {
    std::fprintf(stderr, "needlesim: training as a guest (no records under a name)\n");
  }
  startTraineeSession(run);
}

void writeLessonProgress(Run& run) {
  if (!run.records || !run.lesson || run.traineeDialog.open) return;
  const lesson::LessonRun& progress = run.lesson->progress;
  size_t done = 0;
  for (const lesson::StepState& s : progress.steps) done += s.completed || s.skipped;
  if (done == run.doneSteps) return;  // nothing new: no report built (a few steps, once a frame)
  run.doneSteps = done;
  writeStepStatements(*run.records, lesson::lessonReport(run.lesson->lesson, progress));
}

std::string saveSessionPicture(Run& run) {
  RecordsRun* r = run.records;
  if (!r || !r->keepSession || r->dataDir.empty() || run.stats.framesRendered == 0) return "";
  std::error_code ec;
  std::filesystem::path folder = std::filesystem::path(r->dataDir) / "pictures";
  std::filesystem::create_directories(folder, ec);
  std::string path = (folder / (r->registration + ".png")).string(), error;
  if (!core::writePng(path, ui::shrinkImage(captureFrame(run.host), kSessionPictureWidth), error)) {
    std::fprintf(stderr, "needlesim: records: the session's picture: %s\n", error.c_str());
    return "";
  }
  return path;
}

}  // namespace ns::runtime

// The class view as a feature of the run (issue 35, --class, educator): the class
// from the cache at once, a refresh from the LRS on a thread of its own (a frame
// never waits for the network), Refresh and Export CSV through requests, the chosen
// trainee's summary pictures loaded between frames, classroom.* in the report.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/classroom.h"
#include "runtime/gpu_host.h"
#include "runtime/modes.h"
#include "runtime/run.h"
#include "ui/class_panel.h"
#include "ui/dock.h"

namespace ns::runtime {
namespace {

class ClassFeature : public Feature {
 public:
  explicit ClassFeature(ClassroomRun c) : c_(std::move(c)) {
    if (!c_.view.trainees.empty()) state_.selected = c_.view.trainees.front().name;
  }
  ~ClassFeature() override { stopFetch(); }
  const char* name() const override { return "class"; }

  bool start(Run& run, std::string& error) override {
    if (run.options.headless) {  // a script's run: the class as it is now, then the export
      refreshClassroom(c_);
      exportIfAsked();
      picturesDirty_ = true;
      return true;
    }
    (void)error;
    if (c_.lrs.url.empty()) exportIfAsked();  // no LRS: the view is already whole
    else startFetch();
    return true;
  }

  void apply(Run& run, ui::UiRequests& requests) override {
    takeFinishedFetch();
    if (requests.classRefresh) startFetch();
    if (requests.classExport) {
      std::string path = c_.exportPath.empty() ? defaultExportPath() : c_.exportPath, error;
      exportClassroom(c_, path, error);
      showNotice(run, c_.lastExport);
    }
    if (requests.classTrainee) {
      state_.selected = *requests.classTrainee;
      picturesDirty_ = true;
    }
    requests.classRefresh = requests.classExport = false;
    requests.classTrainee.reset();
    if (picturesDirty_) loadPictures(run);
  }

  void overlays(const Run& run, ui::Dock& dock, ui::UiRequests& requests) override {
    if (run.view.panelsHidden) return;
    ui::ClassPanelView view{&c_.view, classroomAge_s(c_), fetching_, c_.exportPath.empty() ? defaultExportPath() : c_.exportPath,
                            c_.lastExport};
    // Over the whole window: the class is what an educator opened this view for
    // (its close box folds it to a button; the skin and panels are beneath).
    float m = dock.margin;
    ui::drawClassPanel(view, state_, run.host.overlay.thumbnails, m, m, dock.displayW - 2 * m, dock.displayH - 2 * m,
                       requests);
  }

  void report(Run&, nlohmann::json& report) override {
    report["classroom"] = classroomReport(c_);
    // What the educator left on screen: the search typed, the rows it kept, the trainee shown.
    report["classroom"]["shown"] = {{"search", state_.search},
                                    {"rows", ui::classRows(c_.view, state_.search).size()},
                                    {"trainee", state_.selected}};
  }
  void end(Run&) override { stopFetch(); }

 private:
  std::string defaultExportPath() const {
    return (std::filesystem::path(c_.dataDir) / ("class-" + c_.classId + ".csv")).string();
  }

  void exportIfAsked() {
    std::string error;
    if (!c_.exportPath.empty() && !exportClassroom(c_, c_.exportPath, error))
      std::fprintf(stderr, "needlesim: --class-export: %s\n", error.c_str());
  }

  // The chosen trainee's newest pictures that are on this station (at most the
  // thumbnails' count; the Progress panel's are reloaded when it picks again).
  void loadPictures(Run& run) {
    picturesDirty_ = false;
    if (!run.host.overlay.active) return;
    std::vector<std::string> paths;
    for (auto& t : c_.view.trainees)
      if (t.name == state_.selected)
        for (size_t i = t.history.size(); i-- > 0 && paths.size() < ui::kMaxThumbnails;)
          if (!t.history[i].picture.empty()) paths.push_back(t.history[i].picture);
    if (!paths.empty()) ui::loadThumbnails(run.host.ctx, run.host.overlay.thumbnails, paths);
  }

  void startFetch() {
    if (c_.lrs.url.empty() || fetching_) return;
    joinFetch();
    fetching_ = true;
    records::ClassCache copy = c_.cache;
    thread_ = std::thread([this, copy]() mutable {
      records::ClassRefresh r = fetchClass(c_.lrs, c_.cachePath, copy, &stopping_);  // lrs and cachePath never change
      std::lock_guard lock(mutex_);
      done_.emplace(std::move(copy), r);
    });
  }

  void takeFinishedFetch() {
    std::optional<std::pair<records::ClassCache, records::ClassRefresh>> done;
    {
      std::lock_guard lock(mutex_);
      done.swap(done_);
    }
    if (!done) return;
    joinFetch();
    fetching_ = false;
    takeFetch(c_, std::move(done->first), done->second);
    if (!firstTaken_) exportIfAsked();
    firstTaken_ = true;
    if (state_.selected.empty() && !c_.view.trainees.empty()) state_.selected = c_.view.trainees.front().name;
    picturesDirty_ = true;
  }

  void joinFetch() {
    if (thread_.joinable()) thread_.join();
  }

  // The run ends: a request in flight is aborted (libcurl's progress callback), not waited out.
  void stopFetch() {
    stopping_ = true;
    joinFetch();
  }

  ClassroomRun c_;
  ui::ClassPanelState state_;
  std::thread thread_;
  std::mutex mutex_;
  std::optional<std::pair<records::ClassCache, records::ClassRefresh>> done_;  // under mutex_
  std::atomic<bool> stopping_{false};
  bool fetching_ = false, firstTaken_ = false, picturesDirty_ = true;
};

}  // namespace

std::unique_ptr<Feature> makeClassFeature(Options& options, std::string& error) {
  if (options.mode != "educator") {
    error = "--class: the class view is the educator's: add --mode educator (a script exports with --class-export alone)";
    return nullptr;
  }
  ClassroomRun c;
  if (!openClassroom(options, c, error)) return nullptr;
  return std::make_unique<ClassFeature>(std::move(c));
}

}  // namespace ns::runtime

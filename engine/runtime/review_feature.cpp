// The review of a recording as a feature of the run (runtime/review.h): in the window
// its frames play ticks of the recording as the wall clock and the speed ask; in any
// run the seeks asked (the timeline, --seek) rebuild the run up to their time.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "runtime/review.h"
#include "runtime/run.h"
#include "ui/dock.h"
#include "ui/serum_panel.h"  // formatDuration

namespace ns::runtime {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kAnnounceSeek_s = 10.0;  // of recording to play again: worth a word on screen first

// A review's tick: a headless replay's frame exactly (the view's axis is the
// scene's, the interval deferred into the solver's own steps), whatever the wall
// clock does, so that where it ends depends only on the recording.
void reviewTick(Run& run, bool shown) { deferStep(run.sim, advanceTick(run, kReviewTick_s, nullptr, {1.0, 0.0}, shown)); }

// Goes to `to_s` of the recording: back to the start first when it lies behind,
// then tick by tick (what straight play would have done).
void seekReview(Run& run, ReviewState& review, double to_s) {
  auto start = Clock::now();
  if (!run.options.headless) vk::waitAllFrames(run.host.ctx, run.host.frames);  // the ticks' steps use their own submissions
  to_s = std::clamp(to_s, 0.0, review.duration_s);
  if (to_s < run.session.pen.clock_s - 1e-9) rewindReview(run, review);
  while (run.session.pen.clock_s < to_s - kReviewTick_s / 2) reviewTick(run, false);
  review.seeks++;
  review.lastSeekWall_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::fprintf(stderr, "needlesim: review: at %.2f s of %s (rebuilt in %.2f s)\n", run.session.pen.clock_s,
               review.file.c_str(), review.lastSeekWall_s);
}

// Seeks asked for: in the window (the timeline) and on the command line (--seek).
void takeReviewSeeks(Run& run, ReviewState& review) {
  if (review.seekTo && !review.seekAnnounced) {  // a long rebuild blocks: say so in the frame before it
    double from = *review.seekTo < run.session.pen.clock_s ? 0.0 : run.session.pen.clock_s;
    if (*review.seekTo - from > kAnnounceSeek_s) {
      showNotice(run, "rebuilding the run from the recording up to " + ui::formatDuration(*review.seekTo) + " ...");
      review.seekAnnounced = true;
      return;
    }
  }
  review.seekAnnounced = false;
  if (auto to = std::exchange(review.seekTo, std::nullopt)) seekReview(run, review, *to);
  while (auto to = scriptedSeekDue(review, run.session.pen.clock_s)) seekReview(run, review, *to);
}

// A frame of a review in the window: as many ticks as the wall clock and the speed
// ask for, then the frame drawn as it is (drawing steps nothing).
FrameResult runReviewFrame(Run& run, ReviewState& review, double wallDt) {
  int ticks = reviewTicksDue(run, review, wallDt);
  if (ticks > 0) vk::waitAllFrames(run.host.ctx, run.host.frames);  // a tick may step (its own submission)
  for (int i = 0; i < ticks; ++i) reviewTick(run, i == ticks - 1);
  if (ticks == 0 && run.pendingJump_s > 0) {  // a time-lapse jump while the recording stands (or has ended)
    vk::waitAllFrames(run.host.ctx, run.host.frames);
    deferStep(run.sim, std::exchange(run.pendingJump_s, 0.0));
    flushDeferred(run.sim);
    run.sim.summaryTime_s = -1;  // shown at once
  }
  if (run.stats.frames % 30 == 0 || run.sim.summaryTime_s < 0) {  // the panel's profile: what has been stepped
    vk::waitAllFrames(run.host.ctx, run.host.frames);
    updateSummary(run.sim, false, false);
  }
  if (renderFrameOfRun(run, 0.0, wallDt, false) == FrameOutcome::Skipped) {
    glfwWaitEventsTimeout(0.05);
    return FrameResult::Skipped;
  }
  return FrameResult::Stepped;
}

class ReviewFeature : public Feature {
 public:
  const char* name() const override { return "review"; }

  // The snapshot to seek from and the recording's technique along its length. A
  // failure leaves the run playing the recording without the timeline.
  bool start(Run& run, std::string&) override {
    std::string error;
    if (!beginReview(run, review_, error)) {
      std::fprintf(stderr, "needlesim: review: %s\n", error.c_str());  // (the replay was read already: not expected)
      review_.active = false;
    }
    return true;
  }
  // Pause pauses the recording and the skin together; the timeline's play, speed
  // and seek (a seek is taken before this frame's ticks).
  void apply(Run&, ui::UiRequests& requests) override {
    if (!review_.active) return;
    if (requests.paused) review_.playing = !*std::exchange(requests.paused, std::nullopt);
    if (requests.reviewPlaying) review_.playing = *requests.reviewPlaying;
    if (requests.reviewSpeed) review_.speed = *requests.reviewSpeed;
    if (requests.reviewSeek_s && review_.seekOff.empty()) review_.seekTo = *requests.reviewSeek_s;
  }
  std::optional<FrameResult> takeFrame(Run& run, double wallDt) override {
    if (!review_.active) return std::nullopt;
    takeReviewSeeks(run, review_);
    if (run.options.headless) return std::nullopt;  // a headless review's frames are a replay's
    return runReviewFrame(run, review_, wallDt);
  }
  bool holdsStill() const override { return review_.active && !review_.playing; }
  void rewind(Run&) override { review_.owed_s = 0; }
  void layout(const Run& run, ui::Dock& dock) override {  // the timeline along the bottom
    if (review_.active) ui::reserveBottomStrip(dock, ui::kReviewStripHeight, !run.view.panelsHidden);
  }
  void overlays(const Run& run, ui::Dock& dock, ui::UiRequests& requests) override {
    if (review_.active) ui::drawReviewStrip(reviewView(run, review_), dock, requests);
  }
  void report(Run& run, nlohmann::json& report) override {
    if (review_.active) report["review"] = reviewReport(review_, run.session.pen.clock_s);
  }

 private:
  ReviewState review_;
};

}  // namespace

std::unique_ptr<Feature> makeReviewFeature() { return std::make_unique<ReviewFeature>(); }

}  // namespace ns::runtime

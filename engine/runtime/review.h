#pragma once
// Reviewing a recording (--replay in a window, or with --seek): the recording plays
// on a timeline — play, pause, speed ×0.25–×8, seek — with its technique plotted
// along it and a marker where each warning came up (ui/review_panel.h).
//
// Determinism: a review advances in ticks of 1/60 s of the recording, each exactly a
// headless replay's frame (the session, the punctures, the simulation's interval
// deferred into steps of the solver's own size; the frames drawn step nothing).
// The wall clock and the speed only say how many ticks a frame takes. A seek puts
// the run back as it was at the start (a snapshot taken then) and plays the ticks
// again up to the time asked, so seek-then-play ends exactly where straight play
// ends. What the presenter did meanwhile (time-lapse jumps, another serum) is not
// in the recording and is not played again.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/feature.h"
#include "runtime/options.h"
#include "runtime/run_snapshot.h"
#include "ui/review_panel.h"

namespace ns::runtime {

struct Run;

// --seek [AT:]T (options.cpp parses it): once the recording's clock reaches AT
// (default 0), go to T.
struct SeekRequest {
  double at_s = 0, to_s = 0;
};

constexpr double kReviewTick_s = 1.0 / 60.0;  // a headless replay's frame

struct ReviewState {
  bool active = false;
  std::string file;
  double duration_s = 0;
  bool playing = true;
  double speed = 1;
  double owed_s = 0;                 // recording time the wall clock has paid for, not yet played
  std::string seekOff;               // why seeking is off ("": on)
  std::vector<SeekRequest> scripted; // --seek, in order
  size_t nextScripted = 0;
  std::optional<double> seekTo;      // asked in the window
  bool seekAnnounced = false;        // its notice has been on screen for a frame
  std::shared_ptr<RunSnapshot> start;  // the run before the first tick
  std::vector<ui::ReviewSample> samples;
  std::vector<ui::ReviewMarker> markers;
  unsigned long long seeks = 0;
  double lastSeekWall_s = 0;         // how long the last seek's rebuild took
};

// Whether this run reviews: a recording in a window (trainee or educator mode, not a
// lesson's, a kiosk's or a compare's half), or any replay given --seek.
bool reviewWanted(const Options& options);
// Before the first frame: the snapshot to seek from and the recording's technique
// along its length (the pen and the tracker alone, no simulation: a fraction of a
// second a minute of recording).
bool beginReview(Run& run, ReviewState& review, std::string& error);

// How many ticks this frame plays for `wallDt` seconds of wall time (none while
// paused; the recording's end pauses).
int reviewTicksDue(Run& run, ReviewState& review, double wallDt);
// The next --seek whose AT the clock has reached, if any.
std::optional<double> scriptedSeekDue(ReviewState& review, double clock_s);
// Puts the run back as it was before the first tick (the caller then plays ticks up
// to where the seek goes): the simulation, the session, the ghost.
void rewindReview(Run& run, ReviewState& review);

ui::ReviewView reviewView(const Run& run, const ReviewState& review);
// review.* in the report: file, duration_s, played_s, seeks.
nlohmann::json reviewReport(const ReviewState& review, double clock_s);

// The review as a feature of the run (review_feature.cpp): its frames in the window,
// the seeks, the timeline strip, review.* in the report.
std::unique_ptr<Feature> makeReviewFeature();

}  // namespace ns::runtime

#include "runtime/review.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstdio>
#include <set>

#include "pen/pen_model.h"
#include "runtime/run.h"

namespace ns::runtime {
namespace {

constexpr double kSampleEvery_s = 0.1;     // the plot's resolution
constexpr double kAssessEvery_s = 1.0;     // warnings are looked for once a second of recording
constexpr double kMostWall_s = 0.25;       // a stalled frame plays at most this much wall time

// Warnings about what the pen does at a moment; coverage and passes are about the
// whole session and stand at the start of every recording, so they mark nothing.
bool marksAMoment(const std::string& id) { return id != "coverage" && id != "passes"; }

// A session of the recording alone, from its start: nothing recorded (a review's
// analysis and its rewinds play the file again, they do not write it).
bool sessionOfRecording(const Run& run, Session& session, std::string& error) {
  Options quiet = run.options;
  quiet.recordFile.clear();
  return createSession(quiet, run.scene, run.skin, session, error);
}

// The recording played by the pen and the tracker alone: the technique every 0.1 s,
// a marker where a warning comes up (as the trainee's panel would have shown it).
void analyseRecording(Run& run, ReviewState& review, std::string& error) {
  Session alone;
  if (!sessionOfRecording(run, alone, error)) return;
  long long ticks = (long long)std::ceil(review.duration_s / kReviewTick_s) + 1;
  long long sampleEvery = std::lround(kSampleEvery_s / kReviewTick_s), assessEvery = std::lround(kAssessEvery_s / kReviewTick_s);
  std::set<std::string> standing;
  for (long long i = 0; i <= ticks; ++i) {
    if (i > 0) advanceSession(alone, run.scene, {kReviewTick_s, nullptr, false, {1.0, 0.0}, false});
    const PenSession& pen = alone.pen;
    if (i % sampleEvery == 0) {
      input::PenSample now = currentLocalPen(pen);
      glm::dvec3 v = input::lateralVelocityAt(techniqueTrack(pen), pen.clock_s - 1e-3);
      review.samples.push_back({float(pen.clock_s), now.contact, float(pen::tiltDegrees(now.dir)), float(glm::length(v)),
                                float(now.depth_mm)});
    }
    if (i % assessEvery != assessEvery - 1 && i != ticks) continue;
    training::TechniqueReport report = training::trackerReport(alone.coaching.tracker);
    std::set<std::string> now;
    for (const training::Warning& w : report.warnings) {
      if (!marksAMoment(w.id)) continue;
      now.insert(w.id);
      if (!standing.count(w.id)) review.markers.push_back({pen.clock_s, w.id, w.advice});
    }
    standing = now;
  }
}

}  // namespace

bool reviewWanted(const Options& options) {
  bool lesson = !options.lessonFile.empty(), kiosk = options.mode == "kiosk";
  if (options.replayFile.empty() || lesson || kiosk || !options.compareLabel.empty()) return false;
  return !options.seeks.empty() || !options.headless;
}

bool beginReview(Run& run, ReviewState& review, std::string& error) {
  review.active = true;
  review.file = std::filesystem::path(run.options.replayFile).filename().string();
  review.duration_s = run.session.pen.track.endTime();
  for (const auto& [at, to] : run.options.seeks) review.scripted.push_back({at, to});
  if (!run.options.recordFile.empty()) review.seekOff = "seek is off while --record writes";
  review.start = std::make_shared<RunSnapshot>();
  takeSnapshot(run, *review.start);
  analyseRecording(run, review, error);
  return error.empty();
}

int reviewTicksDue(Run& run, ReviewState& review, double wallDt) {
  double clock = run.session.pen.clock_s;
  if (clock >= review.duration_s - 1e-9) review.playing = false;  // the end: the last frame stays
  if (!review.playing) {
    review.owed_s = 0;
    return 0;
  }
  review.owed_s += std::clamp(wallDt, 0.0, kMostWall_s) * review.speed;
  int ticks = int(std::floor(review.owed_s / kReviewTick_s + 1e-9));
  int left = int(std::ceil((review.duration_s - clock) / kReviewTick_s - 1e-9));
  ticks = std::clamp(ticks, 0, std::max(left, 0));
  review.owed_s = std::max(0.0, review.owed_s - ticks * kReviewTick_s);
  return ticks;
}

std::optional<double> scriptedSeekDue(ReviewState& review, double clock_s) {
  if (review.nextScripted >= review.scripted.size()) return std::nullopt;
  const SeekRequest& next = review.scripted[review.nextScripted];
  if (clock_s + 1e-9 < next.at_s) return std::nullopt;
  review.nextScripted++;
  return next.to_s;
}

void rewindReview(Run& run, ReviewState& review) {
  double timeScale = run.sim.timeScale;  // the presenter's time scale stays (the run is played again at it)
  restoreSnapshot(run, *review.start);
  run.sim.timeScale = timeScale;
  run.sim.paused = false;
  Session fresh;
  std::string error;
  if (!sessionOfRecording(run, fresh, error))  // (the file was read at the start: it is there)
    std::fprintf(stderr, "needlesim: review: %s\n", error.c_str());
  fresh.pen.interactive = run.session.pen.interactive;
  run.session = std::move(fresh);
  forEachFeature(run, [&](Feature& f) { f.rewind(run); });  // the ghost played again from its start
  review.owed_s = 0;
}

ui::ReviewView reviewView(const Run& run, const ReviewState& review) {
  ui::ReviewView v;
  v.file = review.file;
  v.clock_s = std::min(run.session.pen.clock_s, review.duration_s);
  v.duration_s = review.duration_s;
  v.playing = review.playing;
  v.speed = review.speed;
  v.canSeek = review.seekOff.empty();
  v.seekOff = review.seekOff;
  v.ghost = findFeature(run, "ghost") != nullptr;
  v.tiltLimit_deg = float(pen::kTearTilt_deg);
  v.samples = &review.samples;
  v.markers = &review.markers;
  return v;
}

nlohmann::json reviewReport(const ReviewState& review, double clock_s) {
  nlohmann::json markers = nlohmann::json::array();
  for (const ui::ReviewMarker& m : review.markers) markers.push_back({{"t_s", m.t_s}, {"id", m.id}});
  return {{"file", review.file}, {"duration_s", review.duration_s}, {"played_s", std::min(clock_s, review.duration_s)},
          {"seeks", review.seeks}, {"warning_markers", markers}};
}

}  // namespace ns::runtime

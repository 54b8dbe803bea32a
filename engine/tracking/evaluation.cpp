#include "tracking/evaluation.h"

#include <algorithm>
#include <cmath>

#include "tracking/rig_design.h"

namespace ns::tracking {
namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(std::floor(p * (v.size() - 1) + 0.5)));
  return v[i];
}

std::vector<cv::Matx44d> exposure(const TruthFrame& f, const SessionSetup& s) {
  if (s.exposureSamples <= 1) return {f.penToPad};
  std::vector<cv::Matx44d> poses;
  // The shutter is open for half the frame time; the frame's time is the middle of
  // its exposure (what a blurred image shows on average).
  double open = 0.5 / s.fps;
  for (int i = 0; i < s.exposureSamples; ++i)
    poses.push_back(sessionPose(f.t_s - open / 2 + open * i / (s.exposureSamples - 1)).penToPad);
  return poses;
}

}  // namespace

SessionScore runSession(const TrackerConfig& config, const SessionSetup& setup, int transitionFrames) {
  SessionScore score;
  std::vector<TruthFrame> all = sessionFrames(setup.fps);
  SyntheticRenderer renderer = createRenderer(config.pen, config.pad, config.camera);
  Tracker tracker = createTracker(config);
  cv::Matx44d camera = padToCamera(setup.distance_mm, setup.elevation_deg);
  std::vector<double> tipErr, axisErr, ms, reproj;
  for (int i = setup.firstFrame; i < static_cast<int>(all.size()) && score.frames < setup.maxFrames; i += setup.frameStep) {
    const TruthFrame& truth = all[i];
    cv::Mat image = renderFrame(renderer, camera, exposure(truth, setup), setup.render);
    TrackedFrame f = trackFrame(tracker, image, truth.t_s);
    score.truth.push_back(truth);
    score.results.push_back(f);
    ++score.frames;
    ms.push_back(f.ms);
    if (!f.tracked) continue;
    ++score.tracked;
    tipErr.push_back(glm::length(f.sample.pos_mm - truth.tip_mm));
    double c = std::clamp(glm::dot(glm::normalize(f.sample.dir), truth.dir), -1.0, 1.0);
    axisErr.push_back(std::acos(c) * 180.0 / M_PI);
    reproj.push_back(f.reprojection_px);
  }
  // Contact, away from the true transitions.
  int n = score.frames;
  for (int i = 0; i < n; ++i) {
    bool near = false;
    for (int j = std::max(0, i - transitionFrames); j <= std::min(n - 1, i + transitionFrames); ++j)
      near = near || score.truth[j].contact != score.truth[i].contact;
    if (near) continue;
    ++score.contactFrames;
    if (score.results[i].sample.contact == score.truth[i].contact) ++score.contactRight;
  }
  double sq = 0;
  for (double e : tipErr) sq += e * e;
  score.trackedFraction = n ? double(score.tracked) / n : 0;
  score.tipRms_mm = tipErr.empty() ? 1e9 : std::sqrt(sq / tipErr.size());
  score.tipP95_mm = percentile(tipErr, 0.95);
  score.axisMedian_deg = percentile(axisErr, 0.5);
  score.axisP95_deg = percentile(axisErr, 0.95);
  score.contactAccuracy = score.contactFrames ? double(score.contactRight) / score.contactFrames : 0;
  double sum = 0;
  for (double m : ms) sum += m;
  score.msMean = ms.empty() ? 0 : sum / ms.size();
  score.msP50 = percentile(ms, 0.5);
  score.reprojectionP50_px = percentile(reproj, 0.5);
  destroyTracker(tracker);
  destroyRenderer(renderer);
  return score;
}

input::PenTrack trackedTrack(const SessionScore& score, double dial_mm) {
  input::PenTrack track;
  bool lost = false;
  for (const TrackedFrame& f : score.results) {
    if (f.tracked) {
      input::PenSample s = f.sample;
      s.depth_mm = dial_mm;
      input::appendSample(track, s);
      lost = false;
    } else if (!lost && !track.samples.empty()) {
      input::PenSample s = track.samples.back();  // where it was last seen, off the skin
      s.t_s = f.t_s, s.contact = false;
      input::appendSample(track, s);
      lost = true;
    }
  }
  return track;
}

input::PenTrack truthTrack(const SessionScore& score, double dial_mm) {
  input::PenTrack track;
  for (const TruthFrame& f : score.truth) {
    input::PenSample s;
    s.t_s = f.t_s, s.pos_mm = f.tip_mm, s.dir = f.dir, s.contact = f.contact, s.depth_mm = dial_mm;
    input::appendSample(track, s);
  }
  return track;
}

}  // namespace ns::tracking

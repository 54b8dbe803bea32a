// The camera-pen tracker (engine/tracking) on rendered 720p video of the shipped
// rigs (fx = 920 px, pad 45 cm away, camera 45° from vertical):
//  - Track/<pipeline>: detection + pose per frame, over the session's glides and
//    taps played forth and back (so a pipeline that tracks never sees a jump);
//  - Accuracy/<pipeline>/<video>: one pass over the whole session, its accuracy
//    as counters (tracked %, tip RMS and p95, axis median, contact, ms p50);
//  - CameraToSample: a paced image-sequence capture (the live path: reader thread,
//    newest-frame mailbox) into the tracker; from a frame's arrival to its sample.
// Pipelines: ours (box around the last pose, held pad, joint PnP, filter);
// full_frame (ours without the box and the held pad); plain (the afternoon
// pipeline: full frame at full resolution, one plain solvePnP per rig).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>

#include "tracking/capture.h"
#include "tracking/evaluation.h"
#include "tracking/rig_design.h"

using namespace ns::tracking;

namespace {

enum Pipeline { kOurs, kFullFrame, kPlain };
const char* kNames[] = {"ours", "full_frame", "plain"};

TrackerConfig config(Pipeline p) {
  TrackerConfig c;
  std::string error;
  if (!loadRig(std::string(NS_SOURCE_DIR) + "/assets/rigs/pen.json", c.pen, error) ||
      !loadRig(std::string(NS_SOURCE_DIR) + "/assets/rigs/pad.json", c.pad, error))
    throw std::runtime_error(error);
  c.camera = syntheticCamera();
  c.trackRoi = p == kOurs;
  c.plain = p == kPlain;
  return c;
}

SessionSetup video(bool blurred) {
  SessionSetup s;
  if (blurred) s.exposureSamples = 3, s.render.blurSigma_px = 1.0, s.render.noiseSigma = 5.0;
  return s;
}

// Frames 30..149 of the session (the first glide, the taps, the second glide).
const std::vector<cv::Mat>& frames() {
  static std::vector<cv::Mat> all = [] {
    TrackerConfig c = config(kOurs);
    SyntheticRenderer r = createRenderer(c.pen, c.pad, c.camera);
    std::vector<cv::Mat> out;
    for (int i = 30; i < 150; ++i)
      out.push_back(renderFrame(r, padToCamera(450, 45), {sessionPose(i / 30.0).penToPad}, RenderOptions{}));
    return out;
  }();
  return all;
}

void Track(benchmark::State& state) {
  const auto& video = frames();
  Tracker t = createTracker(config(static_cast<Pipeline>(state.range(0))));
  size_t n = video.size(), k = 0;
  long tracked = 0, frames = 0;
  for (auto _ : state) {
    size_t i = k % (2 * n - 2);
    i = i < n ? i : 2 * n - 2 - i;  // forth and back
    TrackedFrame f = trackFrame(t, video[i], k / 30.0);
    tracked += f.tracked, ++frames, ++k;
  }
  state.counters["tracked_pct"] = 100.0 * tracked / std::max(1L, frames);
  state.SetLabel(kNames[state.range(0)]);
  destroyTracker(t);
}

void Accuracy(benchmark::State& state) {
  Pipeline p = static_cast<Pipeline>(state.range(0));
  bool blurred = state.range(1);
  SessionScore s;
  for (auto _ : state) s = runSession(config(p), video(blurred));
  state.counters["tracked_pct"] = 100 * s.trackedFraction;
  state.counters["tip_rms_mm"] = s.tipRms_mm;
  state.counters["tip_p95_mm"] = s.tipP95_mm;
  state.counters["axis_med_deg"] = s.axisMedian_deg;
  state.counters["contact_pct"] = 100 * s.contactAccuracy;
  state.counters["ms_p50"] = s.msP50;
  state.counters["ms_mean"] = s.msMean;
  state.SetLabel(std::string(kNames[p]) + (blurred ? " blur+noise" : " clean"));
}

void CameraToSample(benchmark::State& state) {
  std::string dir = std::string(NS_BINARY_DIR) + "/bench-output/tracking-sequence";
  std::filesystem::create_directories(dir);
  const auto& video = frames();
  for (size_t i = 0; i < video.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/%05zu.png", i);
    cv::imwrite(dir + name, video[i]);
  }
  std::vector<double> latency;
  long dropped = 0;
  for (auto _ : state) {
    Capture c;
    std::string error;
    if (!openCapture(c, dir + "/%05d.png", 30, error, true)) {
      state.SkipWithError(error.c_str());
      return;
    }
    Tracker t = createTracker(config(kOurs));
    CaptureFrame f;
    while (nextFrame(c, f, true)) {
      trackFrame(t, f.image, f.t_s);
      latency.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - f.arrived).count());
    }
    dropped += c.dropped;
    closeCapture(c);
    destroyTracker(t);
  }
  std::sort(latency.begin(), latency.end());
  state.counters["latency_ms_p50"] = latency[latency.size() / 2];
  state.counters["latency_ms_p95"] = latency[latency.size() * 95 / 100];
  state.counters["dropped"] = static_cast<double>(dropped);
}

}  // namespace

BENCHMARK(Track)->Arg(kOurs)->Arg(kFullFrame)->Arg(kPlain)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(Accuracy)
    ->Args({kOurs, 0})->Args({kPlain, 0})->Args({kOurs, 1})->Args({kPlain, 1})
    ->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(CameraToSample)->Iterations(1)->Unit(benchmark::kSecond);

BENCHMARK_MAIN();

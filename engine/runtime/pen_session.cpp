#include "runtime/pen_session.h"

#include <algorithm>
#include <cmath>

#include "input/replay.h"

namespace ns::runtime {

bool createPenSession(const Options& options, const scene::Scene& scene, PenSession& s, std::string& error) {
  s.model = pen::createPenModel(scene);
  s.interactive.depth_mm = scene.pen.depth_mm;
  s.interactive.pos_mm = {0.0, 0.0, 50.0};  // lifted away (not drawn) until the mouse or a gamepad moves it
  if (!options.replayFile.empty()) {
    if (!input::loadReplay(options.replayFile, s.track, error)) return false;
    s.source = PenSourceKind::Replay;
  } else if (options.oscPort) {
    if (!input::openOscSource(*options.oscPort, s.osc, error)) return false;
    s.osc.current.depth_mm = scene.pen.depth_mm;
    s.source = PenSourceKind::Osc;
  }
  if (!options.recordFile.empty()) {
    if (!input::openRecorder(options.recordFile, s.recorder, error)) return false;
    s.recording = true;
    if (s.source == PenSourceKind::Replay)
      for (auto& sample : s.track.samples) input::recordSample(s.recorder, sample);
  }
  return true;
}

bool finishPenSession(PenSession& s, std::string& error) {
  input::closeOscSource(s.osc);
  if (!s.recording) return true;
  s.recording = false;
  return input::finishRecorder(s.recorder, error);
}

bool isLive(const PenSession& s) { return s.source != PenSourceKind::Replay; }

bool replayFinished(const PenSession& s) {
  return s.source == PenSourceKind::Replay && s.clock_s > s.track.endTime();
}

void advancePenSession(PenSession& s, double seconds, const input::PenSample* interactive) {
  s.clock_s += std::max(0.0, seconds);
  if (s.source == PenSourceKind::Osc) {
    std::vector<input::PenSample> received;
    input::pollOscSource(s.osc, s.clock_s, s.track, &received);
    if (s.recording)
      for (auto& sample : received) input::recordSample(s.recorder, sample);
  } else if (s.source == PenSourceKind::Interactive && interactive) {
    input::PenSample sample = *interactive;
    sample.t_s = s.clock_s;
    input::appendSample(s.track, sample);
    if (s.recording) input::recordSample(s.recorder, s.track.samples.back());
    s.interactiveSeen = true;
  }
  pen::advancePen(s.model, s.track, s.clock_s, s.punctures);
}

std::vector<pen::Puncture> takeNewPunctures(PenSession& s) {
  std::vector<pen::Puncture> fresh(s.punctures.begin() + long(s.stamped), s.punctures.end());
  s.stamped = s.punctures.size();
  return fresh;
}

input::PenSample currentPen(const PenSession& s) {
  if (s.source == PenSourceKind::Interactive) return s.interactive;
  return input::sampleAt(s.track, s.clock_s);
}

nlohmann::json penReport(const PenSession& s) {
  const char* source = s.source == PenSourceKind::Replay ? "replay" : s.source == PenSourceKind::Osc ? "osc" : "interactive";
  nlohmann::json report = {{"source", source},
                           {"cycles", s.model.stats.cycles},
                           {"punctures", s.model.stats.punctures},
                           {"contact_s", s.model.stats.contact_s},
                           {"needles", s.model.needles.size()},
                           {"frequency_hz", s.model.params.frequency_hz},
                           {"samples", s.track.samples.size()},
                           {"clock_s", s.clock_s}};
  if (s.source == PenSourceKind::Osc)
    report["osc"] = {{"port", s.osc.port}, {"packets", s.osc.packets}, {"messages", s.osc.messages},
                     {"rejected", s.osc.rejected}};
  return report;
}

nlohmann::json channelsReport(const PenSession& s) {
  double sumDepth = 0, maxDepth = 0, sumElongation = 0;
  unsigned long long torn = 0;
  for (auto& p : s.punctures) {
    sumDepth += p.depth_um;
    maxDepth = std::max(maxDepth, p.depth_um);
    sumElongation += p.elongation_um;
    torn += p.torn;
  }
  double n = double(s.punctures.size());
  return {{"count", s.punctures.size()},
          {"mean_depth_um", n > 0 ? sumDepth / n : 0.0},
          {"max_depth_um", maxDepth},
          {"mean_elongation_um", n > 0 ? sumElongation / n : 0.0},
          {"torn", torn}};
}

}  // namespace ns::runtime

#include "runtime/pen_session.h"

#include "runtime/modes.h"

#include <algorithm>
#include <cmath>

#include "core/json_limits.h"
#include "input/replay.h"

namespace ns::runtime {
namespace {

// v turned by the rotation that takes unit `from` onto unit `to` (Rodrigues).
glm::dvec3 rotateBetween(glm::dvec3 from, glm::dvec3 to, glm::dvec3 v) {
  glm::dvec3 k = glm::cross(from, to);
  double sine = glm::length(k), cosine = glm::dot(from, to);
  if (sine < 1e-12) return v;
  k /= sine;
  return v * cosine + glm::cross(k, v) * sine + k * glm::dot(k, v) * (1.0 - cosine);
}

// Where a sample on the skin lies in the treatment frame: its x, y measured along the
// skin, not across the first touch's tangent plane — each step of the tip taken in the
// skin's own tangent plane at its new point (the skin frame's horizontal and the
// direction up the skin from it) and the steps added — so a 6 mm pass on the far cheek
// measures 6 mm however the face curves away from where the treatment started.
glm::dvec2 alongSkin(const PenSession& s, const scene::SurfaceHit& hit) {
  if (!s.lastOnSkin.seen) return glm::dvec2(scene::toFrame(s.anchor, hit.point));
  glm::dvec3 step = hit.point - s.lastOnSkin.point;
  scene::SurfaceFrame here = scene::treatmentFrame(*s.skin, hit);
  return s.lastOnSkin.local_mm + glm::dvec2(glm::dot(step, here.t), glm::dot(step, here.b));
}

input::PenSample localSample(PenSession& s, const input::PenSample& sample, PenSession::LocalHit& skinPoint) {
  input::PenSample local = sample;
  skinPoint = {};
  scene::SurfaceHit hit;
  if (glm::length(sample.dir) < 1e-9 || !scene::skinUnderPen(*s.skin, sample.pos_mm, sample.dir, hit)) {
    local.pos_mm = scene::liftedAwayInTreatmentFrame();
    local.dir = {0.0, 0.0, -1.0};
    local.contact = false;
    return local;
  }
  if (!s.anchored && sample.contact) {
    s.anchor = scene::treatmentFrame(*s.skin, hit);
    s.anchorRegion = scene::regionAt(*s.skin, hit);
    s.anchored = true;
  }
  glm::dvec2 onSkin = s.anchored ? alongSkin(s, hit) : glm::dvec2(0.0);
  local.pos_mm = {onSkin.x, onSkin.y, std::max(0.0, hit.distance)};
  local.dir = scene::directionToFrame(scene::strikeFrame(*s.skin, hit), sample.dir);
  if (s.anchored) skinPoint = {true, hit.point, scene::regionAt(*s.skin, hit)};
  return local;
}

pen::Puncture localPuncture(PenSession& s, const pen::Puncture& p) {
  if (!s.anchored) {
    scene::SurfaceHit at;
    at.point = p.entry_mm;
    at.normal = p.normal;
    s.anchor = scene::treatmentFrame(*s.skin, at);
    s.anchorRegion = p.region;
    s.anchored = true;
  }
  return punctureInFrame(s.anchor, p);
}

// Brings the treatment-frame copies up to date with the track and the punctures,
// and the region under the pen.
void syncLocal(PenSession& s) {
  scene::SurfaceHit hit;
  input::PenSample now = currentPen(s);
  bool under = glm::length(now.dir) > 1e-9 && scene::skinUnderPen(*s.skin, now.pos_mm, now.dir, hit);
  s.regionNow = under ? scene::regionAt(*s.skin, hit) : "";
  if (scene::treatmentFrameIsScene(*s.skin)) return;  // the patch: the track and punctures are already in it
  size_t have = s.localTrack.samples.size();
  if (s.localHits.size() != have) {  // cut back (a recording spliced in, a kiosk reset): the latest skin point before
    s.localHits.resize(have);
    s.lastOnSkin = {};
    for (size_t i = have; i-- > 0;)
      if (s.localHits[i].onSkin) {
        s.lastOnSkin = {true, s.localHits[i].point, glm::dvec2(s.localTrack.samples[i].pos_mm)};
        break;
      }
  }
  for (size_t i = have; i < s.track.samples.size(); ++i) {
    PenSession::LocalHit skinPoint;
    s.localTrack.samples.push_back(localSample(s, s.track.samples[i], skinPoint));
    if (skinPoint.onSkin) s.lastOnSkin = {true, skinPoint.point, glm::dvec2(s.localTrack.samples.back().pos_mm)};
    s.localHits.push_back(std::move(skinPoint));
  }
}

// A camera sample in the pad's frame, laid on the face: its x, y on the region's
// tangent plane at the region's middle, pressed onto the skin along that plane's
// normal; its height and axis then taken from the skin's own normal there, so a pen
// upright on the pad is upright on the cheek and 5 mm above the pad is 5 mm above it.
input::PenSample padSampleOnSkin(const PenSession& s, input::PenSample sample) {
  const scene::SurfaceFrame& f = s.padFrame;
  glm::dvec3 onPlane = scene::fromFrame(f, {sample.pos_mm.x, sample.pos_mm.y, 0.0});
  scene::SurfaceHit hit;
  glm::dvec3 point = onPlane, normal = f.n;
  if (scene::raycastSkin(*s.skin, onPlane + f.n * 40.0, -f.n, 80.0, hit)) point = hit.point, normal = hit.normal;
  sample.pos_mm = point + normal * sample.pos_mm.z;
  sample.dir = rotateBetween(f.n, normal, scene::directionFromFrame(f, sample.dir));
  return sample;
}

// The tracked camera frames up to the clock, as samples: a tracked frame at its time
// (a file's own; a live frame when it arrives), with the trainee's dial; the first
// lost frame after a tracked one as the last pose with contact false, so the pen
// leaves the skin (and a replay of the recording never stamps through the gap).
void takeCameraSamples(PenSession& s, double dial_mm) {
  CameraPen& c = *s.camera;
  std::vector<CameraPen::Ready> frames;
  takeTrackedFrames(c, s.clock_s, frames);
  for (const CameraPen::Ready& r : frames) {
    const tracking::TrackedFrame& f = r.frame;
    double t_s = c.live ? s.clock_s : f.t_s;
    input::PenSample sample;
    if (f.tracked) {
      sample = f.sample;
      sample.depth_mm = dial_mm;
      c.wasTracked = true;
    } else if (c.wasTracked) {
      sample = c.last;
      sample.contact = false;
      c.wasTracked = false;
    } else {
      continue;
    }
    sample.t_s = t_s;
    c.last = sample;  // in the pad's frame (a lost frame repeats it)
    input::appendSample(s.track, s.padOnMesh ? padSampleOnSkin(s, sample) : sample);
    if (s.recording) input::recordSample(s.recorder, s.track.samples.back());
  }
}

// The region the pad lies on (a mesh only): --pad-region, else the cheek, else the
// skin's first region.
bool placePadOnMesh(const Options& options, PenSession& s, std::string& error) {
  if (scene::treatmentFrameIsScene(*s.skin)) {
    if (!options.padRegion.empty()) {
      error = "--pad-region: the scene is a flat patch (the pad is the patch); a region needs a mesh such as scenes/face.json";
      return false;
    }
    return true;
  }
  std::string region = options.padRegion.empty() ? "cheek" : options.padRegion;
  scene::RegionView view;
  if (!scene::regionView(*s.skin, region, view)) {
    if (!options.padRegion.empty()) {
      error = "--pad-region: expected a region of the skin's map (forehead, cheek, nose, perioral, chin, neck ...), got '" +
              core::textExcerpt(region) + "'";
      return false;
    }
    if (!scene::regionView(*s.skin, s.skin->patchRegion, view)) view = {};
    region = s.skin->patchRegion;
  }
  s.padOnMesh = true;
  s.padFrame = scene::skinFrame(view.centre, view.normal);
  s.padRegion = region;
  return true;
}

}  // namespace

bool createPenSession(const Options& options, const scene::Scene& scene, const scene::SkinSurface& skin,
                      PenSession& s, std::string& error) {
  s.model = pen::createPenModel(scene);
  s.skin = &skin;
  s.interactive.depth_mm = scene.pen.depth_mm;
  s.interactive.pos_mm = scene::liftedAway(skin);  // not drawn until the mouse or a gamepad moves it
  if (!options.replayFile.empty()) {
    if (!input::loadReplay(options.replayFile, s.track, error)) return false;
    if (options.dialFromScene)  // --compare pen.depth_mm: the same path, each half at its own dial
      for (auto& sample : s.track.samples) sample.depth_mm = scene.pen.depth_mm;
    s.source = PenSourceKind::Replay;
  } else if (options.oscPort) {
    if (!input::openOscSource(*options.oscPort, s.osc, error, options.oscBind)) return false;
    s.osc.current.depth_mm = scene.pen.depth_mm;
    s.source = PenSourceKind::Osc;
  } else if (!options.cameraSource.empty() && !calibrating(options)) {  // (a calibration reads the camera itself)
    CameraPenOptions camera{options.cameraSource, options.cameraFps.value_or(30.0), options.cameraCalib,
                            options.penRig, options.padRig, scene.pen.depth_mm, options.cameraLive,
                            options.cameraIdentity, options.calibRemembered, options.penRigRemembered};
    if (!placePadOnMesh(options, s, error)) return false;
    s.camera = std::make_unique<CameraPen>();
    if (!openCameraPen(camera, *s.camera, error)) return false;
    s.source = PenSourceKind::Camera;
  }
  if (!options.recordFile.empty()) {
    if (!input::openRecorder(options.recordFile, s.recorder, error)) return false;
    s.recording = true;
    if (s.source == PenSourceKind::Replay) {  // the replay's copy, its time-lapse jumps included
      size_t j = 0;
      const std::vector<input::TimeJump>& jumps = s.track.jumps;
      for (auto& sample : s.track.samples) {
        input::recordSample(s.recorder, sample);
        for (; j < jumps.size() && jumps[j].t_s <= sample.t_s; ++j)
          input::recordTimeJump(s.recorder, input::sampleAt(s.track, jumps[j].t_s), jumps[j].jump_s);
      }
    }
  }
  syncLocal(s);
  return true;
}

bool finishPenSession(PenSession& s, std::string& error) {
  input::closeOscSource(s.osc);
  if (s.camera) closeCameraPen(*s.camera);
  if (!s.recording) return true;
  s.recording = false;
  return input::finishRecorder(s.recorder, error);
}

bool playedFromFile(const PenSession& s) {
  return s.source == PenSourceKind::Replay || (s.source == PenSourceKind::Camera && !s.camera->live);
}

bool isLive(const PenSession& s) { return !playedFromFile(s); }

bool replayFinished(const PenSession& s) {
  if (s.source == PenSourceKind::Camera) return !s.camera->live && cameraFinished(*s.camera) && s.clock_s > s.track.endTime();
  return s.source == PenSourceKind::Replay && s.clock_s > s.track.endTime();
}

void advancePenSession(PenSession& s, double seconds, const input::PenSample* interactive) {
  s.clock_s += std::max(0.0, seconds);
  double dial_mm = interactive ? interactive->depth_mm : s.interactive.depth_mm;
  if (playingBack(s)) {  // the demonstration drives; what the sources say now is dropped
    if (s.source == PenSourceKind::Osc) {
      input::PenTrack dropped;
      input::pollOscSource(s.osc, s.clock_s, dropped, nullptr);
    } else if (s.source == PenSourceKind::Camera) {
      std::vector<CameraPen::Ready> dropped;
      takeTrackedFrames(*s.camera, s.clock_s, dropped);
      s.camera->wasTracked = false;
    }
  } else if (s.source == PenSourceKind::Camera) {
    takeCameraSamples(s, dial_mm);
  } else if (s.source == PenSourceKind::Osc) {
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
  size_t before = s.fresh.size();
  pen::advancePen(s.model, *s.skin, s.track, s.clock_s, s.fresh);
  for (size_t i = before; i < s.fresh.size(); ++i) {
    const pen::Puncture& p = s.fresh[i];
    s.channels.count++;
    s.channels.torn += p.torn;
    s.channels.depthSum_um += p.depth_um;
    s.channels.depthMax_um = std::max(s.channels.depthMax_um, p.depth_um);
    s.channels.elongationSum_um += p.elongation_um;
    s.channels.entryMin_mm = glm::min(s.channels.entryMin_mm, p.entry_mm);
    s.channels.entryMax_mm = glm::max(s.channels.entryMax_mm, p.entry_mm);
  }
  syncLocal(s);
}

std::vector<pen::Puncture> takeNewPunctures(PenSession& s, std::vector<pen::Puncture>& local) {
  std::vector<pen::Puncture> fresh = std::move(s.fresh);
  s.fresh.clear();
  if (scene::treatmentFrameIsScene(*s.skin)) {
    local = fresh;
    if (!s.anchored && !fresh.empty()) {  // where the treatment started (F looks there); the frame stays the scene's
      s.anchor.origin = fresh.front().entry_mm;
      s.anchored = true;
    }
  } else {
    local.clear();
    local.reserve(fresh.size());
    for (const pen::Puncture& p : fresh) local.push_back(localPuncture(s, p));
  }
  return fresh;
}

pen::Puncture punctureInFrame(const scene::SurfaceFrame& frame, const pen::Puncture& p) {
  pen::Puncture local = p;
  glm::dvec3 entry = scene::toFrame(frame, p.entry_mm);
  local.entry_mm = {entry.x, entry.y, 0.0};
  local.axis = scene::directionToFrame(frame, rotateBetween(p.normal, frame.n, p.axis));
  local.drag_mm = scene::directionToFrame(frame, rotateBetween(p.normal, frame.n, p.drag_mm));
  local.drag_mm.z = 0.0;
  local.normal = {0.0, 0.0, 1.0};
  return local;
}

size_t dropOldSamples(PenSession& s, size_t consumed, double keep_s) {
  constexpr size_t kBatch = 1024;  // ~17 s of a 60 fps pen between drops
  std::vector<input::PenSample>& samples = s.track.samples;
  if (s.source == PenSourceKind::Replay || playingBack(s) || samples.size() < kBatch + 2) return 0;
  // The pen model samples the track from processedUntil_s on; keep the sample before it.
  double before_s = std::min(s.clock_s, s.model.processedUntil_s) - std::max(0.0, keep_s);
  size_t older = size_t(std::lower_bound(samples.begin(), samples.end(), before_s,
                                         [](const input::PenSample& p, double t) { return p.t_s < t; }) -
                        samples.begin());
  size_t drop = std::min({older, consumed, samples.size() - 1});
  if (drop < kBatch) return 0;
  samples.erase(samples.begin(), samples.begin() + long(drop));
  if (!scene::treatmentFrameIsScene(*s.skin)) {  // the copies go with them (the latest skin point is kept apart)
    s.localTrack.samples.erase(s.localTrack.samples.begin(), s.localTrack.samples.begin() + long(drop));
    s.localHits.erase(s.localHits.begin(), s.localHits.begin() + long(drop));
  }
  s.droppedSamples += drop;
  return drop;
}

std::vector<input::LessonEvent> takeLessonEvents(PenSession& s) {
  std::vector<input::LessonEvent> events;
  const std::vector<input::LessonEvent>& all = s.track.events;
  for (; s.nextLessonEvent < all.size() && all[s.nextLessonEvent].t_s <= s.clock_s; ++s.nextLessonEvent)
    events.push_back(all[s.nextLessonEvent]);
  return events;
}

double takeTimeJumps(PenSession& s) {
  double jump_s = 0;
  const std::vector<input::TimeJump>& all = s.track.jumps;
  for (; s.nextTimeJump < all.size() && all[s.nextTimeJump].t_s <= s.clock_s; ++s.nextTimeJump) jump_s += all[s.nextTimeJump].jump_s;
  return jump_s;
}

void recordTimeJump(PenSession& s, double jump_s) {
  if (s.recording && s.source != PenSourceKind::Replay && jump_s > 0)  // a replay's own jumps are in its copy already
    input::recordTimeJump(s.recorder, currentPen(s), jump_s);
}

void startPlayback(PenSession& s, const input::PenTrack& recording) {
  double start = s.clock_s, end = start + recording.endTime();
  std::vector<input::PenSample> merged;
  for (const input::PenSample& sample : s.track.samples)
    if (sample.t_s <= start) merged.push_back(sample);
  size_t kept = merged.size();
  for (input::PenSample sample : recording.samples) {
    sample.t_s += start;
    merged.push_back(sample);
    if (s.recording && s.source != PenSourceKind::Replay) input::recordSample(s.recorder, sample);
  }
  for (const input::PenSample& sample : s.track.samples)
    if (sample.t_s > end) merged.push_back(sample);
  s.track.samples = std::move(merged);
  if (s.localTrack.samples.size() > kept) s.localTrack.samples.resize(kept);  // re-seen by syncLocal
  s.playbackUntil_s = end;
  syncLocal(s);
}

bool playingBack(const PenSession& s) { return s.clock_s <= s.playbackUntil_s; }

input::PenSample currentPen(const PenSession& s) {
  if (s.source == PenSourceKind::Interactive && !playingBack(s)) return s.interactive;
  return input::sampleAt(s.track, s.clock_s);
}

bool penNearSkin(const PenSession& s) { return currentLocalPen(s).pos_mm.z < scene::kNearSkin_mm; }

input::PenSample currentLocalPen(const PenSession& s) {
  if (scene::treatmentFrameIsScene(*s.skin)) return currentPen(s);
  if (s.source == PenSourceKind::Interactive && !playingBack(s)) {
    if (s.localTrack.samples.empty()) return input::PenSample{0.0, scene::liftedAwayInTreatmentFrame()};
    return s.localTrack.samples.back();
  }
  return input::sampleAt(s.localTrack, s.clock_s);
}

const input::PenTrack& techniqueTrack(const PenSession& s) {
  return scene::treatmentFrameIsScene(*s.skin) ? s.track : s.localTrack;
}

const std::string& techniqueSampleRegion(const PenSession& s, size_t i) {
  static const std::string none;
  if (scene::treatmentFrameIsScene(*s.skin)) return s.skin->patchRegion;
  return i < s.localHits.size() ? s.localHits[i].region : none;
}

nlohmann::json penReport(const PenSession& s) {
  const char* source = s.source == PenSourceKind::Replay ? "replay"
                       : s.source == PenSourceKind::Osc  ? "osc"
                       : s.source == PenSourceKind::Camera ? "camera"
                                                           : "interactive";
  nlohmann::json report = {{"source", source},
                           {"cycles", s.model.stats.cycles},
                           {"punctures", s.model.stats.punctures},
                           {"contact_s", s.model.stats.contact_s},
                           {"needles", s.model.needles.size()},
                           {"frequency_hz", s.model.params.frequency_hz},
                           {"samples", s.droppedSamples + s.track.samples.size()},
                           {"clock_s", s.clock_s}};
  if (s.source == PenSourceKind::Osc)
    report["osc"] = {{"port", s.osc.port}, {"packets", s.osc.packets}, {"messages", s.osc.messages},
                     {"rejected", s.osc.rejected}, {"dropped", s.osc.dropped},
                     {"bind", s.osc.bindAddress}};
  return report;
}

nlohmann::json channelsReport(const PenSession& s) {
  const PenSession::ChannelSums& c = s.channels;
  double n = double(c.count);
  return {{"count", c.count},
          {"mean_depth_um", n > 0 ? c.depthSum_um / n : 0.0},
          {"max_depth_um", c.depthMax_um},
          {"mean_elongation_um", n > 0 ? c.elongationSum_um / n : 0.0},
          {"torn", c.torn}};
}

}  // namespace ns::runtime

#pragma once
// The pen as every input source reports it (contract: ../shared/product.md, replay
// JSONL and OSC). Scene millimetres; on a flat patch the skin is the plane z = 0
// with +z out of the skin, so a perpendicular pen has dir = (0, 0, -1).
#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace ns::input {

// The physical range of a pen sample, checked once where it enters (replay lines,
// OSC messages; README "Limits on input"). A number outside cannot be a pen on a
// face or a pad and would flow through every layer (1e300 mm squared is infinity).
constexpr double kMaxPenTime_s = 1e7;      // t: about 116 days of recording
constexpr double kMaxPenPos_mm = 1e4;      // each of x, y, z: within ±10 m of the origin
constexpr double kMaxAxisComponent = 1e6;  // each of dx, dy, dz before normalising
constexpr double kMinAxisLength = 1e-6;    // a usable direction: |dir| at least this
constexpr double kMaxDial_mm = 5;          // depth_mm 0..5

struct PenSample;
// True when the sample's numbers are finite and within the ranges above (the axis
// not necessarily normalised); otherwise false, `why` naming the key and the range.
bool penSampleInRange(const PenSample& s, std::string& why);

struct PenSample {
  double t_s = 0;                   // seconds from the start of the session
  glm::dvec3 pos_mm{0.0};           // needle-tip centre
  glm::dvec3 dir{0.0, 0.0, -1.0};   // pen axis, pointing into the skin (unit)
  bool contact = false;             // tip on the skin with the motor running
  double depth_mm = 0.5;            // the dial
  double pressure = 0.5;            // 0..1
};

// A growing, time-ordered list of samples, sampled between them by linear
// interpolation (normalised for the axis); contact and the dial hold their value
// until the next sample. Before the first sample the pen is off the skin.
// What the person did in a lesson at a moment of a recording (the replay line's
// optional "lesson" key): answered a quiz, retried the step, restarted the lesson
// or, as an educator, went back or skipped. A lesson replayed from a recording
// sees the same moves at the same times.
struct LessonEvent {
  enum class Kind { Answer, Retry, Restart, Back, Skip };
  double t_s = 0;
  Kind kind = Kind::Answer;
  std::string answer;  // Answer: the choice as the lesson file spells it
};

// A time-lapse jump at a moment of a recording (the replay line's optional "jump_s"
// key): the simulated clock jumped ahead by jump_s, as the +1 h / +1 day / +6 weeks
// buttons and the educator's J K L keys do. A replay takes the same jumps at the
// same times.
struct TimeJump {
  double t_s = 0;
  double jump_s = 0;  // simulated seconds, > 0
};

struct PenTrack {
  std::vector<PenSample> samples;
  std::vector<LessonEvent> events;  // in time order
  std::vector<TimeJump> jumps;      // in time order
  double endTime() const { return samples.empty() ? 0.0 : samples.back().t_s; }
};

PenSample sampleAt(const PenTrack& track, double t_s);
// Lateral velocity (mm/s, in the skin plane) of the segment containing t.
glm::dvec3 lateralVelocityAt(const PenTrack& track, double t_s);
// The full velocity (mm/s) of that segment (a mesh's skin is no plane z = 0).
glm::dvec3 velocityAt(const PenTrack& track, double t_s);
// Appends, keeping time order (a sample older than the last is moved to its time).
void appendSample(PenTrack& track, PenSample sample);

}  // namespace ns::input

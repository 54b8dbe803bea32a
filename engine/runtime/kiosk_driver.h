#pragma once
// The trade-show kiosk in the run (--mode kiosk, issue 15): the kiosk state machine
// (kiosk/kiosk_machine.h) advanced once a frame on the kiosk's clock (pen time: a
// replay's fixed 1/60 s a frame headless, wall time in the window), the guided try
// run as a lesson (scenes/kiosk/guided-try.json: its steps, criteria and actions),
// the stand reset to a clean state for every try, the score and the day's top ten.
//
// Clean state: the simulation as the run created it (fields, channel openness,
// healing surface, clock) is kept at the first frame and put back on the same device
// objects; the pen's counts, the technique feedback and the interactive pen's samples
// start empty — nothing of the last visitor is left, and nothing is created or
// destroyed from one try to the next.
#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

#include <memory>

#include "input/pen_sample.h"
#include "kiosk/day_list.h"
#include "runtime/feature.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/kiosk_machine.h"
#include "kiosk/letter_picker.h"
#include "kiosk/visitor_input.h"
#include "runtime/lesson_driver.h"
#include "render/camera.h"
#include "runtime/run_snapshot.h"
#include "sim/diffusion_solver.h"
#include "sim/healing.h"
#include "vk/object_counts.h"

namespace ns::runtime {

struct Run;

// A finished try, as the score screen shows it.
struct KioskResult {
  double score = 0;                       // 0–100: half the guided steps, half the technique score
  double stepsScore = 0, techniqueScore = 0;
  std::vector<std::string> improvements;  // the two things to improve
  int place = -1;                         // in the day's top ten (0-based), -1: not in it
};

// Resident memory and the device's live allocations at each cycle's end, from the
// warm-up cycle on: what a soak holds flat.
struct KioskMemory {
  static constexpr unsigned long long kWarmCycle = 10;  // the first cycles fill caches and pools
  long long rssWarm_kb = -1, rssLast_kb = -1, rssMax_kb = -1;
  long long vkAllocationsWarm = -1, vkAllocationsLast = -1, vkBytesWarm = -1, vkBytesLast = -1;
  // Live Vulkan objects by kind (vk/object_counts.h): at the warm-up cycle, the most
  // since, and now.
  std::array<int64_t, vk::kObjectKinds> vkObjectsWarm{}, vkObjectsMax{}, vkObjectsLast{};
};

// The run as it was before the first frame (run_snapshot: the simulation on the
// device objects it has, pen counts, feedback), put back for every try.
struct CleanStand {
  bool taken = false;
  RunSnapshot snapshot;
};

// The try's view kept on the treated skin (runtime/kiosk_view.h): the view the try's
// first step set up is the anchor; gestures move the camera only near it.
struct KioskViewGuard {
  bool anchored = false;
  render::OrbitCamera anchor;
  unsigned long long clamps = 0;  // frames a gesture was held back (report: kiosk.view.clamps)
  double treatedNdcMax = 0;       // the treated spot's farthest screen position in any try, |NDC| (≤ 1: on screen)
};

struct KioskState {
  kiosk::KioskConfig config;
  kiosk::Machine machine;
  LessonState guided;          // the guided try's steps
  input::PenTrack attract;     // the attract recording (empty: none)
  kiosk::DayList day;
  std::string dayListPath;
  double clock_s = 0;          // the kiosk's clock (see above)
  KioskResult last;
  std::vector<double> scores;  // every try's score, in order (report: kiosk.scores)
  unsigned long long resets = 0;
  KioskMemory memory;
  CleanStand clean;
  bool adminOpen = false;
  unsigned long long adminOpens = 0;  // times the admin chord opened the panel
  bool demoPlaying = false;    // the attract recording drives the pen this frame
  long long demoLoop = -1;     // the demonstration's loop now playing
  double loopSim_s = 0;        // simulated time when the loop began (its time-lapse counts from it)
  unsigned long long attractLoops = 0;  // demonstrations begun (report: kiosk.attract_loops)
  kiosk::InputWatch inputWatch;  // the visitor's inputs as of the last frame
  unsigned long long keysSeen = 0, buttonsSeen = 0;  // presses counted so far (CameraControls)
  size_t trackerSamples = 0, trackerTrackSize = 0;  // OSC samples received so far; the track's size last frame
  int forcedSleepFrames = 0;   // NEEDLESIM_FAULT=display_sleep: frames still asleep
  bool asleep = false;         // the display sleeps (framebuffer 0x0)
  unsigned long long displaySleeps = 0;  // times it fell asleep (report: kiosk.display_sleeps)
  kiosk::LetterPicker picker;  // the score screen's initials (touch, mouse or gamepad)
  std::string notice;          // the admin's last action, or why the day's list could not be written
  KioskViewGuard view;
};

// Loads and checks --kiosk-config over the shipped scenes/kiosk/kiosk.json (a bare
// --mode kiosk runs the shipped file as it is) and the guided try; false with one
// line naming the file and key.
// `sceneFile`: the scene the visitor treats.
bool loadKioskFor(const std::string& configPath, const std::string& scenesDir, KioskState& state,
                  std::string& sceneFile, std::string& error);

// One frame: `step_s` of kiosk time passed; the visitor's input is read from the pen
// (contact) and, in the window, the mouse buttons. Resets the stand on a new try.
void advanceKiosk(Run& run, KioskState& state, double step_s);
// The display asleep (the window's framebuffer 0x0, or forced: NEEDLESIM_FAULT=
// display_sleep@N): the frame draws and simulates nothing. Call once a frame.
bool kioskDisplayAsleep(Run& run, KioskState& state);
// A frame asleep: only the kiosk's clock goes on (`step_s`: the wall time since the
// last, headless 1/60 s), so a try nobody can see idles out and the score screen
// times out as they would awake; the attract loop picks up where its clock is.
void advanceKioskAsleep(Run& run, KioskState& state, double step_s);
// Writes the day's list now (the GPU was lost: it must survive the restart).
bool saveKioskDay(KioskState& state, std::string& error);
// The window's keys in kiosk mode: the admin chord opens and closes the admin panel.
void kioskKeys(Run& run, KioskState& state);
// In the attract loop the recorded demonstration drives the pen (played back on the
// pen's clock as a lesson's demonstration is, every sample at any frame rate;
// looping, the skin reset at each loop, the camera on the treated skin), in the
// window and headless alike. With a time-lapse (attract_timelapse)
// the kiosk owns the simulated clock meanwhile: each frame jumps it to the
// time-lapse's time for this moment of the loop. True when the demonstration plays.
bool kioskDemoPen(Run& run, KioskState& state);
// The attract loop's length: attract_loop_s, or the recording's if longer.
double attractLoopLength(const KioskState& state);
// The score screen's letter picker: presses `cell` (kiosk/letter_picker.h); changed
// initials go into the day's list at once, and the score screen stays a few seconds
// more for the next letter.
void pickInitials(KioskState& state, int cell);
// Whether this frame's punctures reach the skin (a try, the attract's demonstration).
bool kioskNeedles(const KioskState& state);
// The stand as a new visitor finds it (see above).
void resetStand(Run& run);
// In a try, after the frame's input: the camera held near the try's first view
// (kiosk.view in the report).
void guardTryView(Run& run, KioskState& state);

// The kiosk as a feature of the run (kiosk_feature.cpp).
std::unique_ptr<Feature> makeKioskFeature(KioskState state);

// kiosk.*: cycles, tries, scores (each try's score), idle_resets, phase.
nlohmann::json kioskReport(const KioskState& state);

// The kiosk's screens instead of the panels: attract captions, the try's instruction
// line, countdown and gauge, the score screen, the admin panel. They change the
// kiosk's own state (the picker, the admin's settings) and post the rest (quit).
void drawKioskScreens(const Run& run, KioskState& state, ui::UiRequests& requests);

}  // namespace ns::runtime

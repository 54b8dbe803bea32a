#pragma once
// The kiosk's settings (--kiosk-config FILE, JSON). The whole file is checked at
// start: an unknown key, a wrong type or a value out of range is refused with one
// line "<file>: <key>: <expected>" (the run exits 2). Paths are resolved against the
// file's folder. Keys starting with "_" and "source" strings are notes.
//
//   {
//     "try_s": 60,              guided try length (10–600)
//     "idle_reset_s": 20,       no input this long mid-try: back to attract (3–600)
//     "score_s": 15,            the score screen's time before the reset (3–600)
//     "attract": true,          the demo loop on/off (off: a still "touch to start" screen)
//     "attract_recording": "attract.jsonl",  a replay JSONL the attract loop plays on the skin
//                               in the window, looping ("": none)
//     "attract_captions": [{"at_s": 0, "text": "..."}],  over the attract loop, looping;
//                               a caption with "sim_s" instead of "at_s" shows once the skin
//                               clock (simulated time after treatment) reaches it; "{try}"
//                               in a text reads the try's length ("one-minute"), "{clock}"
//                               the skin clock as the screen shows it ("3 days")
//     "attract_timelapse": [{"at_s": 0, "sim_s": 0}, ...],  the simulated time after the
//                               demonstration's first puncture at each moment of the loop
//                               (linear between keys, held after the last; [] : real time):
//                               the healing told as a time-lapse, up to six weeks
//     "attract_loop_s": 40,     the attract loop's length (5–3600; at least the recording's)
//     "scene": "../cheek.json", the scene a visitor treats
//     "practice_square_mm": 10, on a mesh scene, the try is judged over a square of this
//                               width where the visitor needled, as on the patch's
//                               (0–100; 0: over the regions needled)
//     "guided_try": "guided-try.json",  the lesson file the try runs (its steps)
//     "admin_chord": "ctrl+alt+shift+k", modifiers and one key (a–z, 0–9, f1–f12)
//     "day_list": "",           where the day's top ten lives ("": the user's data folder)
//   }
#include <string>
#include <vector>

namespace ns::kiosk {

// A caption shows from `at_s` into the loop, or (bySkinClock) once the skin clock
// reaches `sim_s`; the latest one due, in the list's order, is shown.
struct Caption {
  double at_s = 0;
  std::string text;
  bool bySkinClock = false;
  double sim_s = 0;
};

// A key of the attract's time-lapse: at `at_s` into the loop the skin is `sim_s`
// simulated seconds on.
struct TimeKey {
  double at_s = 0, sim_s = 0;
};

// A key with modifiers, as GLFW names them (key: GLFW key code).
struct Chord {
  bool ctrl = false, alt = false, shift = false, super = false;
  int key = 0;
  std::string text;  // as written
};

struct KioskConfig {
  std::string path;  // the file ("" : built-in defaults)
  double try_s = 60, idle_reset_s = 20, score_s = 15, attractLoop_s = 40;
  bool attract = true;
  std::string attractRecording;  // resolved
  std::vector<Caption> captions;
  std::vector<TimeKey> timelapse;  // empty: the attract runs in real time
  std::string scene;      // resolved ("" : the shipped cheek scene)
  double practiceSquare_mm = 10;  // the scene's training.zone_width_mm while a kiosk runs it
  double renderScale = 0;         // the 3D view's scale per axis, 0.25..1; 0 ("auto"): dynamic
  std::string guidedTry;  // resolved ("" : the shipped guided try)
  Chord adminChord;
  std::string dayList;    // resolved ("" : defaultDayListPath())
};

// The shipped settings, scenes/kiosk/kiosk.json under `scenesDir`: what a bare
// --mode kiosk runs and where a --kiosk-config file's missing keys come from (one
// source of truth: the file lists every key). False with one line when it is bad.
bool shippedKioskConfig(const std::string& scenesDir, KioskConfig& config, std::string& error);
std::string shippedKioskConfigPath(const std::string& scenesDir);
bool parseKioskConfig(const std::string& text, const std::string& path, const std::string& scenesDir,
                      KioskConfig& config, std::string& error);
bool loadKioskConfig(const std::string& path, const std::string& scenesDir, KioskConfig& config, std::string& error);
// The simulated time `at_s` into the attract loop (linear between keys, the last held).
double timelapseAt(const std::vector<TimeKey>& keys, double at_s);
// The skin clock as the attract's time-lapse shows it, from the simulated seconds
// after treatment: "40 s", "10 min", "2 h 05 min", "3 days", "6 weeks 2 days".
std::string elapsedText(double sim_s);
// The caption due `loopAt_s` into the attract loop with the skin `skin_s` simulated
// seconds after treatment, "{try}" and "{clock}" filled in ("" : none).
std::string attractCaption(const KioskConfig& config, double loopAt_s, double skin_s);
// The try's length in words, as a visitor reads it: "one-minute", "90-second",
// "two-minute" (`adjective`), or "one minute", "90 seconds", "two minutes".
std::string tryLengthText(double try_s, bool adjective);
// `text` with every "{try}" replaced by tryLengthText(try_s, true).
std::string withTryLength(const std::string& text, double try_s);
// "ctrl+alt+shift+k" → Chord; false with what was expected.
bool parseChord(const std::string& text, Chord& chord, std::string& expected);
// $XDG_DATA_HOME/needlesim/kiosk-day.json, else ~/.local/share/needlesim/kiosk-day.json.
std::string defaultDayListPath();

}  // namespace ns::kiosk

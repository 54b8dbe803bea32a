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
//     "attract_captions": [{"at_s": 0, "text": "..."}],  over the attract loop, looping
//     "attract_loop_s": 40,     the caption loop's length (5–3600)
//     "scene": "../cheek.json", the scene a visitor treats
//     "guided_try": "guided-try.json",  the lesson file the try runs (its steps)
//     "admin_chord": "ctrl+alt+shift+k", modifiers and one key (a–z, 0–9, f1–f12)
//     "day_list": "",           where the day's top ten lives ("": the user's data folder)
//   }
#include <string>
#include <vector>

namespace ns::kiosk {

struct Caption {
  double at_s = 0;
  std::string text;
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
  std::string scene;      // resolved ("" : the shipped cheek scene)
  std::string guidedTry;  // resolved ("" : the shipped guided try)
  Chord adminChord;
  std::string dayList;    // resolved ("" : defaultDayListPath())
};

// The defaults: the shipped captions, ctrl+alt+shift+k, the shipped scene, try and
// attract recording under `scenesDir` (the scenes folder).
KioskConfig defaultKioskConfig(const std::string& scenesDir);
bool parseKioskConfig(const std::string& text, const std::string& path, const std::string& scenesDir,
                      KioskConfig& config, std::string& error);
bool loadKioskConfig(const std::string& path, const std::string& scenesDir, KioskConfig& config, std::string& error);
// "ctrl+alt+shift+k" → Chord; false with what was expected.
bool parseChord(const std::string& text, Chord& chord, std::string& expected);
// $XDG_DATA_HOME/needlesim/kiosk-day.json, else ~/.local/share/needlesim/kiosk-day.json.
std::string defaultDayListPath();

}  // namespace ns::kiosk

#pragma once
// What the user asked for in the panels and keys this frame, as one value. Panels
// read views (plain values, and const pointers to long read-only lists such as a
// review's samples) and write only here; the runtime applies the requests at the
// start of the next frame, in one place: the run's features first, then its own.
#include <optional>
#include <string>
#include <utility>

namespace ns::ui {

struct UiRequests {
  std::optional<bool> paused;         // Pause / Run
  std::optional<double> timeScale;    // simulated seconds per wall second (x1, x60, x3600)
  double jump_s = 0;                  // time-lapse jumps (+1 h, +1 day, +6 weeks), added up
  bool stepOnce = false;              // while paused: one 1/60 s frame at the time scale (educator '.')
  std::optional<bool> showField;      // serum concentration on the cut face
  std::optional<bool> showMicroView;  // the magnified slice under the pen
  std::optional<bool> showCoverage;   // coverage heat map instead of redness
  std::optional<int> cutSlice;        // y cell of the cross-section
  std::optional<float> skinTone;      // 0 = Fitzpatrick type I .. 1 = type VI
  std::optional<std::string> serum;   // put this library serum on the skin now (Serum panel)
  bool exportSummary = false;         // technique summary (PNG + JSON)
  std::optional<float> uiScale;       // rebuild the UI at this scale (1..2.5)
  bool quit = false;                  // the quit question answered "Quit"
  bool stayOpen = false;              // ... answered "Stay"
  // Educator: pin mode on or off, a pin's new label, a pin removed (by number).
  std::optional<bool> pinMode;
  std::optional<std::pair<int, std::string>> pinLabel;
  std::optional<int> removePin;
  std::optional<std::pair<float, float>> pinAt;  // a click in pin mode: window pixel
  std::optional<bool> whyItWorks;                // educator: the "why it works" view on or off
  // A lesson: a quiz answer, retry the step, restart, and (educator) back or skip.
  std::optional<std::string> lessonAnswer;
  bool lessonRetry = false, lessonRestart = false, lessonBack = false, lessonSkip = false;
  std::optional<std::string> progressTrainee;  // educator: show this trainee's progress
  // The class view (--class): refresh from the LRS, export the CSV, show a trainee.
  bool classRefresh = false, classExport = false;
  std::optional<std::string> classTrainee;
  std::optional<std::string> trainee;          // the start dialog: train as this trainee (store's spelling)
  bool traineeGuest = false;                   // ... or without a name
  // Reviewing a recording: play or pause, playback speed, seek to a time of it.
  std::optional<bool> reviewPlaying;
  std::optional<double> reviewSpeed;
  std::optional<double> reviewSeek_s;
  // What a lesson's step or a kiosk's stand sets for the trainee (applied at once,
  // through the same path: runtime applyRequestsNow): the view's orbit camera, the
  // pen's dial and the range it may turn in, and a scripted time jump (not written to
  // --record: a replay with the lesson takes the lesson's jumps itself).
  struct CameraPose {
    float target[3] = {0, 0, 0};
    float yaw_deg = 0, pitch_deg = 0, distance_mm = 0;
  };
  std::optional<CameraPose> camera;
  std::optional<std::pair<double, double>> dialLimits_mm;
  std::optional<double> dial_mm;
  double scriptedJump_s = 0;
};

}  // namespace ns::ui

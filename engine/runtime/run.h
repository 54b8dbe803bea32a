#pragma once
// One run of needlesim: everything it owns, in one place, and the frame loop.
//
// A frame is one pass in one direction (runFrame in frame_loop.cpp):
//   apply what the UI and the keys asked for last frame (the features first) →
//   gather input (window, gamepad; OSC and replays are read by the pen session) →
//   advance the session (pen, technique) and the features around it → step the
//   simulation → build the frame's view → render → panels and the features'
//   panels, which post this frame's requests.
// The ways of running (educator, ghost, compare ...) are features (runtime/feature.h)
// the run holds in `features`, made once at start-up (runtime/modes.h).
#include <csignal>
#include <string>
#include <vector>

#include <memory>
#include <optional>

#include "runtime/camera_controls.h"
#include "runtime/feature.h"
#include "runtime/kiosk_driver.h"
#include "runtime/lesson_driver.h"
#include "runtime/gpu_host.h"
#include "runtime/options.h"
#include "runtime/pen_controls.h"
#include "runtime/review.h"
#include "runtime/session.h"
#include "runtime/simulation.h"
#include "runtime/view_state.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "ui/dock.h"
#include "ui/pen_panel.h"
#include "ui/progress_panel.h"
#include "ui/requests.h"
#include "ui/trainee_dialog.h"

namespace ns::runtime {

struct RecordsRun;

struct RunStats {
  core::TimeSeries frameMs;          // wall time of each frame stepped (bounded: core/stats.h)
  unsigned long long frames = 0;     // frames stepped (pen and simulation advanced)
  unsigned long long framesRendered = 0;
  double clock_s = 0;                // wall seconds the loop has run
  // Start-up: from the process's start (exec) to its first rendered frame finished on
  // the GPU (the picture is there: presented in a window, ready to read headless);
  // wall seconds, and CPU seconds of all its threads (user + system). −1 until then.
  double startup_s = -1, startupCpu_s = -1;
};

// Where the panels were in the last frame (the dock's rectangles) and what that
// left the 3D view: the micro view goes there, the report says it (ui.layout).
struct UiLayout {
  std::vector<ui::PlacedPanel> panels;
  ui::Rect viewArea;          // between the docked columns; w = 0 before the first frame
  double viewFraction = 1.0;  // 1 - panels' area / window area
};

// What a run's loop does, decided once from the command line and the pen source.
struct LoopPlan {
  long long frameLimit = -1;   // -1: none
  double stopAt_s = -1;        // --sim-seconds (-1: none)
  bool replayEnds = false;     // the loop ends with a headless replay
  bool batchAfterReplay = false;  // ... and --sim-seconds goes on as a batch
  bool renderEveryFrame = true;   // else only frames someone will see (none headless)
};

struct Run {
  const Options& options;
  const scene::Scene& scene;
  const scene::SkinSurface& skin;
  GpuHost& host;
  Simulation& sim;
  Session& session;
  ViewState view;
  CameraControls cameraControls;     // window only
  PenControls penControls;           // window only
  ui::UiRequests requests;           // what the panels and keys asked for in the last frame
  ui::UiRequests keyRequests;        // what this frame's keys asked for (posted with the panels')
  double pendingJump_s = 0;          // a time-lapse jump, taken by the next step
  std::string lastExport;            // what the last export wrote (or why it failed)
  RunStats stats;
  LoopPlan plan;                     // set when the loop starts
  LessonState* lesson = nullptr;      // --lesson: the lesson feature's (records and a resume read it)
  KioskState* kiosk = nullptr;        // --mode kiosk: the kiosk feature's (a fault's exit saves its day)
  glm::ivec2 healingAtlas{0, 0};      // the simulation's atlas size (a kiosk reset creates it again)
  UiLayout layout;
  std::vector<std::unique_ptr<Feature>> features;  // the ways of running this run has, in frame order
  const char* gpuFault = nullptr;    // set once the GPU (or the display) failed: nothing may touch the device
  bool helpShown = false;            // H: the keyboard and mouse controls over the view
  bool frameStatsShown = false;      // F3 (--frame-stats): the frame panel, pass by pass
  bool quitAsked = false;            // Esc: the quit question is on screen
  bool quitNow = false;              // ... and was answered "Quit"
  bool stillFrame = false;           // renderStill's frame (kept by a screenshot: drawn whole)
  std::string notice;                // a line at the bottom of the view (where a screenshot went)
  double noticeUntil_s = 0;          // on the frame clock (RunStats::clock_s)
  RecordsRun* records = nullptr;      // the trainee's store and the LRS sender (runtime/records.h)
  ui::ProgressView progress;          // the Progress panel's view, read from the store at the start
  mutable ui::TraineeDialog traineeDialog;  // the start dialog (its typed text is UI state, drawn from a const Run)
  size_t doneSteps = 0;               // lesson steps done or skipped when their statements were last written
};

// Applies `requests` now, as a frame applies the last frame's: each feature's
// `apply` first, then the run's own. A lesson's step and a kiosk's stand set the
// view and the dial through it.
void applyRequestsNow(Run& run, ui::UiRequests requests);

// Calls `hook` on every feature of the run, in order.
template <typename F>
void forEachFeature(const Run& run, F&& hook) {
  for (const std::unique_ptr<Feature>& f : run.features) hook(*f);
}
// The feature named `name`, if the run has it.
const Feature* findFeature(const Run& run, const char* name);

// Whether a feature draws the whole screen (a kiosk: nothing a visitor can break).
bool screenOwned(const Run& run);
// Whether the skin is paused as the panels show it (a review pauses the recording
// and the skin together).
bool pausedAsShown(const Run& run);

// A frame's view of one half of the window (0 left, 1 right; the whole window when
// the view is not split): `sim` and `pen` seen by the run's camera.
render::FrameView halfView(Run& run, Simulation& sim, const PenSession& pen, int half);
// The renderer is handed `sim`'s shown block's field once; false when it cannot
// take another (the caller shows the first block instead).
bool bindShownField(Run& run, Simulation& sim);

// A pen sample projected onto the screen (half `half` of a split view); the run's
// pen where it is (nothing when lifted away); the micro view's frame and caption.
ui::PenOnScreen projectPen(const Run& run, const input::PenSample& now, int half = 0);
ui::PenOnScreen penOnScreen(const Run& run, int half = 0);
// The micro view's frame, caption and depth labels (the ruler's, and the depth of
// `pen`'s channels: the run's own when null).
void drawMicroViewFrame(const Run& run, int half = 0, const PenSession* pen = nullptr);

// The Status panel's skin type (0 = Fitzpatrick I .. 1 = VI) for a session's advice.
void setSkinType(Session& session, float tone);

// Set by SIGINT/SIGTERM: the loop ends the run the normal way (report, recording).
extern volatile std::sig_atomic_t g_stopRequested;

// Frames until --frames, --sim-seconds, the end of a headless replay, a closed
// window or a stop request (or `frames` frames more, when not -1: a test's). A
// headless replay whose --sim-seconds reaches past its end goes on as a batch once
// it has played.
void runLoop(Run& run, long long frames = -1);

// One tick of pen time (a frame's, or one of a review's): the session, the features
// around it (the kiosk, B's half, the ghost), the punctures handed to the
// simulation, the lesson. Returns the simulated interval the simulation owes for it.
double advanceTick(Run& run, double step, const input::PenSample* interactive, glm::dvec2 axis, bool shown);
// 4–6 of a frame: the simulation's step recorded into it (`stepHere`: unless a
// review's ticks stepped it already), the frame's view built from what it
// published, the render, the panels (whose requests the next frame applies).
FrameOutcome renderFrameOfRun(Run& run, double interval, double wallDt, bool stepHere = true);

// Renders one frame of the run as it is now (no simulated time passes): the last
// frame of a batch, for a screenshot.
bool renderStill(Run& run);

// The status, serum, pen and technique panels (docked to the sides: `dock` says
// where they went) and the on-screen pen (inside an ImGui frame); returns what the
// user asked for.
void drawPanels(const Run& run, ui::Dock& dock, ui::UiRequests& requests);

// The micro view's inset: at the bottom of the last frame's view area; in a split
// compare, at the bottom of half `half` (0 left, 1 right).
VkRect2D microViewRectOf(const Run& run, int half = 0);

// Writes the technique summary as JSON and the current frame as PNG, side by side
// (in --outbox when given, else the working folder). Returns what was written.
std::string exportSummary(Run& run, std::string& error);

// Where F12 and the export write: --outbox, else ./screenshots (created on first use).
std::string outputFolder(const Options& options, std::string& error);

// The window's keyboard shortcuts (every mode: Tab, Esc, F12; the educator's
// presenter keys) and the educator's pin clicks, once per frame.
void handleShortcuts(Run& run);

// Who trains (runtime/trainee_start.cpp). The start dialog is wanted in a window
// without --trainee or --guest (trainee and educator modes); while it is open
// nothing moves. startTraineeSession: the trainee is known (the Progress panel, a
// lesson resumed, the `attempted` statement). writeLessonProgress: once a frame,
// `progressed` for steps done since the last call.
bool startDialogWanted(const Options& options);
void openStartDialog(Run& run);
void startTraineeSession(Run& run);
void applyTraineeRequests(Run& run, const ui::UiRequests& requests);
void writeLessonProgress(Run& run);
// A kept session's summary picture when no --screenshot was asked for: the last
// frame, 480 px wide, as <data dir>/pictures/<registration>.png ("" when none).
constexpr uint32_t kSessionPictureWidth = 480;
std::string saveSessionPicture(Run& run);
// The Progress panel shows `view`; its sessions' pictures are loaded (the old ones freed).
void showProgress(Run& run, ui::ProgressView view);

// A line shown at the bottom of the view for a few seconds.
void showNotice(Run& run, const std::string& text);

}  // namespace ns::runtime

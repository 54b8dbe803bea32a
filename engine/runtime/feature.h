#pragma once
// A way of running (trainee, lesson, educator, compare, review, kiosk, ghost...) is
// a feature: one object with hooks the frame loop calls in frame order. The loop,
// the panels and the shortcuts never ask which mode they are in; they call every
// feature of the run (runtime/modes.cpp makes the list once, at start-up).
//
// Frame order (frame_loop.cpp):
//   apply     the requests of the last frame (panels, keys, screens), one value
//   keys      the window's key presses of this frame, turned into requests
//   takeFrame a feature may run the whole frame its own way (a kiosk asleep, a review)
//   beforeTick / afterTick   around each tick of the session (pen, punctures)
//   compute / secondView     what it adds to the frame's GPU work and views
//   panels    its panels, overlays and screens
//   report    its section of the report, at the end
//
// A feature changes another part's state only through a request (ui/requests.h):
// a shortcut, a presenter key or a kiosk screen's button posts one, and `apply`
// takes it at the start of the next frame, as the panels' clicks are taken.
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>
#include <nlohmann/json.hpp>

#include "input/pen_sample.h"
#include "render/frame_view.h"
#include "ui/requests.h"

namespace ns::ui {
struct Dock;
enum class DockSide;
}

namespace ns::scene {
struct Scene;
}

namespace ns::runtime {

struct Run;
struct SessionInput;
struct SessionStep;

// A row of the help overlay: a key, what it does.
struct Shortcut {
  const char* key;
  const char* action;
};

enum class FrameResult { Stepped, Skipped, Waiting, WindowClosed };  // Waiting: on the start dialog

class Feature {
 public:
  virtual ~Feature() = default;
  virtual const char* name() const = 0;

  // The scene, loaded, before anything is made from it (a kiosk's practice square).
  virtual void adjustScene(scene::Scene&) {}
  // Before the trainee is known (the start dialog, a lesson resumed for them).
  virtual void prepare(Run&) {}
  // Before the first frame, the run whole. False (with one line) refuses the run.
  virtual bool start(Run&, std::string& /*error*/) { return true; }
  // Whether the run must go frame by frame (a headless --sim-seconds run would
  // otherwise compute as one batch with no frames).
  virtual bool needsFrames() const { return false; }
  // The requests the last frame posted, applied at the start of this one, before
  // the run's own; a feature that takes a request for itself clears it.
  virtual void apply(Run&, ui::UiRequests&) {}
  // Runs this whole frame itself, before any input is read (a kiosk's display asleep).
  virtual std::optional<FrameResult> beforeInput(Run&, double /*wallDt*/) { return std::nullopt; }
  // The window's key presses this frame (window only), turned into requests.
  virtual void keys(Run&, ui::UiRequests&) {}
  // The window's pen for this frame (a feature may keep it off the skin).
  virtual void penInput(Run&, input::PenSample&) {}
  // Runs this frame itself (the result) or leaves it to the loop (nothing).
  virtual std::optional<FrameResult> takeFrame(Run&, double /*wallDt*/) { return std::nullopt; }
  // Around a tick of pen time: before the session advances, and after (with what it
  // made: a feature may keep its punctures from the skin).
  virtual void beforeTick(Run&) {}
  virtual void afterTick(Run&, const SessionInput&, SessionStep&) {}
  // Between the two: whether the tick's punctures reach the skin (a feature that
  // keeps them off empties `made`; a kiosk's stand outside a try).
  virtual void keepPunctures(Run&, double /*step_s*/, SessionStep&) {}
  // The run refreshes its summary (profile, mass: a readback), and is about to render.
  virtual void refreshSummary(Run&) {}
  virtual void beforeRender(Run&) {}
  // The frame's compute, after the run's own simulation stepped `interval`.
  virtual void compute(Run&, double /*interval*/, VkCommandBuffer) {}
  // The right half's view of a split window (only one feature may give one).
  virtual std::optional<render::FrameView> secondView(Run&) { return std::nullopt; }
  // The micro view's inset, when the feature places it (half 0 left, 1 right).
  virtual std::optional<VkRect2D> microViewRect(const Run&, int /*half*/) const { return std::nullopt; }
  // Whether the feature draws the whole UI itself (a kiosk's screens): no panels, and
  // nothing a visitor can break (no quit, no hiding the UI, no files, no closing).
  virtual bool ownsScreen() const { return false; }
  virtual void drawScreen(const Run&, ui::UiRequests&) {}
  // Whether the feature holds the skin still as the panels show it (a paused review).
  virtual bool holdsStill() const { return false; }
  // Whether the feature owns the simulated clock (a replay's own jumps are then not taken).
  virtual bool ownsClock() const { return false; }
  // Its share of the dock before any panel is placed (a strip along the bottom).
  virtual void layout(const Run&, ui::Dock&) {}
  // Its panels, placed in `side`'s column before the run's own there (called once
  // for each side); its overlays over the 3D view after the panels; its captions
  // after the run's notice line.
  virtual void panels(const Run&, ui::Dock&, ui::DockSide /*side*/, ui::UiRequests&) {}
  virtual void overlays(const Run&, ui::Dock&, ui::UiRequests&) {}
  virtual void captions(const Run&, ui::Dock&) {}
  // Its rows of the help overlay (H).
  virtual void help(std::vector<Shortcut>&) const {}
  // The run is put back to its start (a review seeking back).
  virtual void rewind(Run&) {}
  // Its section of the report, and of the technique export (after a GPU fault,
  // Run::gpuFault, nothing may touch the device).
  virtual void report(Run&, nlohmann::json&) {}
  virtual void exportSummary(Run&, nlohmann::json&) {}
  // After the report, the device still there: frees what the feature made on it.
  virtual void end(Run&) {}
  // The program's exit status when the feature decides it (a guided calibration
  // that wrote nothing: 2); asked after the report.
  virtual std::optional<int> exitCode() const { return std::nullopt; }
};

}  // namespace ns::runtime

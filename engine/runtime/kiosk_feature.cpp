// The trade-show kiosk as a feature of the run (runtime/kiosk_driver.h): the stand's
// machine around each tick (the attract loop's demonstration before it, the try's
// punctures kept or dropped after it), a display asleep taking whole frames, the
// visitor's screens instead of the panels, the admin chord, kiosk.* in the report.
#include <GLFW/glfw3.h>

#include <algorithm>

#include "runtime/kiosk_driver.h"
#include "runtime/run.h"

namespace ns::runtime {
namespace {

constexpr double kHeadlessFrame_s = 1.0 / 60.0;

class KioskFeature : public Feature {
 public:
  explicit KioskFeature(KioskState state) : k_(std::move(state)) {}
  const char* name() const override { return "kiosk"; }

  // A try is a practice square.
  void adjustScene(scene::Scene& scene) override { scene.training.zone_width_mm = k_.config.practiceSquare_mm; }
  void prepare(Run& run) override {
    run.kiosk = &k_;
    run.session.keepSamples_s = -1;  // the kiosk drops the pen's samples itself, between tries
  }
  // Read from two metres: the text follows the display's height (1.5x at 1080p, 2.5x
  // at 4K); no micro view (the visitor's screens place their own).
  bool start(Run& run, std::string&) override {
    run.view.settings.showMicroView = false;
    GpuHost& host = run.host;
    if (k_.config.renderScale > 0 && !run.options.renderScale)  // (the command line's wins)
      pinSceneScale(host, float(k_.config.renderScale), "pinned by the kiosk config's render_scale");
    if (!host.overlay.active) return true;
    int w = 0, h = int(host.target.extent.height);
    if (!run.options.headless && host.window.handle) glfwGetFramebufferSize(host.window.handle, &w, &h);
    ui::setOverlayScale(host.ctx, host.overlay, std::clamp(float(h) / 720.0f, 1.0f, 2.5f));
    return true;
  }
  bool needsFrames() const override { return true; }
  bool ownsScreen() const override { return true; }  // nothing a visitor can break: no quit, no hiding, no files
  bool ownsClock() const override { return true; }   // the attract loop's time-lapse drives the skin's clock
  // The display asleep: nothing drawn or simulated; the stand's clock goes on.
  std::optional<FrameResult> beforeInput(Run& run, double wallDt) override {
    if (!kioskDisplayAsleep(run, k_)) return std::nullopt;
    bool window = !run.options.headless;
    if (window) {
      glfwPollEvents();
      glfwSetWindowShouldClose(run.host.window.handle, GLFW_FALSE);
    }
    advanceKioskAsleep(run, k_, window ? wallDt : kHeadlessFrame_s);
    if (window) glfwWaitEventsTimeout(0.1);
    return FrameResult::Skipped;
  }
  void keys(Run& run, ui::UiRequests&) override { kioskKeys(run, k_); }
  void beforeTick(Run& run) override {
    kioskDemoPen(run, k_);   // the attract loop's demonstration
    guardTryView(run, k_);   // a try's gestures keep the treated skin on the screen
  }
  // The kiosk's loop; only a try's punctures reach the skin (a reset drops this tick's).
  void keepPunctures(Run& run, double step_s, SessionStep& made) override {
    unsigned long long resets = k_.resets;
    advanceKiosk(run, k_, step_s);
    if (resets != k_.resets || !kioskNeedles(k_)) made = {};
  }
  // Left of the middle, clear of its captions (bottom) and time-lapse (right).
  std::optional<VkRect2D> microViewRect(const Run& run, int) const override {
    VkExtent2D extent = run.host.target.extent;
    float w = 0.28f * float(extent.width), h = std::min(w / 2, 0.26f * float(extent.height));
    return VkRect2D{{int32_t(0.02f * float(extent.width)), int32_t(0.66f * float(extent.height) - h)}, {uint32_t(w), uint32_t(h)}};
  }
  void drawScreen(const Run& run, ui::UiRequests& requests) override { drawKioskScreens(run, k_, requests); }
  void report(Run&, nlohmann::json& report) override { report["kiosk"] = kioskReport(k_); }
  void end(Run& run) override { run.kiosk = nullptr; }

 private:
  KioskState k_;
};

}  // namespace

std::unique_ptr<Feature> makeKioskFeature(KioskState state) { return std::make_unique<KioskFeature>(std::move(state)); }

}  // namespace ns::runtime

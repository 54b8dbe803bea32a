#pragma once
// Dynamic resolution: the scale per axis the 3D view is drawn at, chosen from what
// the frames cost. Plain data and two functions, no Vulkan: the host feeds it each
// frame's cost and draws the next frame at the scale it returns; tests feed it
// numbers.
//
// It moves through fixed steps (kRenderScales, each about 0.7x the pixels of the
// one before) with hysteresis, so a frame rate near the budget does not flicker
// between two scales:
//   - frames are judged in windows of kWindowFrames by their median (a single slow
//     frame, a summary readback, moves nothing);
//   - the first kSettleFrames after a change are not judged (frames in flight were
//     recorded at the old scale);
//   - down one step when a window's median is over the budget;
//   - up one step only after kUpWindows windows in a row under kUpMargin of the
//     budget (a step up costs up to 1.4x the view's pixels);
//   - a step up that is followed by a window over budget is undone and further steps
//     up wait kBackoffWindows windows (then twice that, ...): a scale that does not
//     hold is not retried every second.
// A pinned scale (--render-scale, a kiosk config's render_scale) never moves.
#include <cstdint>
#include <string>
#include <vector>

namespace ns::render {

inline constexpr float kRenderScales[] = {1.0f, 0.85f, 0.71f, 0.6f, 0.5f, 0.42f, 0.35f};
inline constexpr int kRenderScaleSteps = int(sizeof(kRenderScales) / sizeof(kRenderScales[0]));
// What a pinned scale may be (below 0.25 the view is a few hundred pixels wide).
inline constexpr float kMinPinnedScale = 0.25f, kMaxPinnedScale = 1.0f;

struct RenderScaleController {
  static constexpr int kWindowFrames = 8, kSettleFrames = 3, kUpWindows = 3, kBackoffWindows = 8;
  static constexpr double kUpMargin = 0.7;

  double budget_ms = 1000.0 / 30.0;
  int step = 0;               // index into kRenderScales
  bool pinned = false;
  float pinnedScale = 1.0f;
  std::string reason = "start";  // why the scale is what it is (the report's render.scale_reason)

  // Bookkeeping (start all at zero).
  std::vector<double> window;  // this window's frame costs
  int settle = 0;              // frames still not judged after a change
  int underWindows = 0;        // windows in a row under the up margin
  int backoff = 0;             // windows to wait before the next step up
  int nextBackoff = kBackoffWindows;
  bool justRaised = false;     // the last change was a step up
  int changes = 0;
  float minSeen = 1.0f, maxSeen = 0.0f;  // the scales frames were drawn at
};

// A controller starting at `startScale` (the nearest step at or below it).
RenderScaleController makeRenderScaleController(double budget_ms, float startScale);
// Pins the scale (clamped to kMinPinnedScale..kMaxPinnedScale); `why` becomes the reason.
void pinRenderScale(RenderScaleController& c, float scale, const std::string& why);

// The scale the next frame is drawn at.
float currentRenderScale(const RenderScaleController& c);
// Feeds one frame's cost (drawn at currentRenderScale); returns the next frame's scale.
float updateRenderScale(RenderScaleController& c, double frame_ms);

}  // namespace ns::render

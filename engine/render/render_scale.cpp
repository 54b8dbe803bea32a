#include "render/render_scale.h"

#include <algorithm>
#include <cmath>

namespace ns::render {
namespace {

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

void moveTo(RenderScaleController& c, int step, const char* why) {
  c.justRaised = step < c.step;
  c.step = step;
  c.reason = why;
  c.settle = RenderScaleController::kSettleFrames;
  c.underWindows = 0;
  c.changes++;
}

// One window's verdict.
void judge(RenderScaleController& c, double median_ms) {
  bool over = median_ms > c.budget_ms;
  bool wellUnder = median_ms < c.budget_ms * RenderScaleController::kUpMargin;
  if (over) {
    if (c.justRaised) {  // the step up did not hold: back, and wait longer before the next try
      c.backoff = c.nextBackoff;
      c.nextBackoff *= 2;
    }
    if (c.step + 1 < kRenderScaleSteps)
      moveTo(c, c.step + 1, "over budget: scale lowered");
    else
      c.reason = "over budget at the lowest scale";
    return;
  }
  c.justRaised = false;
  if (c.backoff > 0) c.backoff--;
  c.underWindows = wellUnder ? c.underWindows + 1 : 0;
  if (c.underWindows >= RenderScaleController::kUpWindows && c.backoff == 0 && c.step > 0) {
    moveTo(c, c.step - 1, "under budget: scale raised");
    return;
  }
  if (c.step == 0) c.reason = "within budget at full scale";
  else if (!wellUnder) c.reason = "within budget";
}

}  // namespace

RenderScaleController makeRenderScaleController(double budget_ms, float startScale) {
  RenderScaleController c;
  c.budget_ms = budget_ms;
  c.step = kRenderScaleSteps - 1;
  for (int i = 0; i < kRenderScaleSteps; ++i)
    if (kRenderScales[i] <= startScale + 1e-4f) {
      c.step = i;
      break;
    }
  c.window.reserve(RenderScaleController::kWindowFrames);
  return c;
}

void pinRenderScale(RenderScaleController& c, float scale, const std::string& why) {
  c.pinned = true;
  c.pinnedScale = std::clamp(scale, kMinPinnedScale, kMaxPinnedScale);
  c.reason = why;
}

float currentRenderScale(const RenderScaleController& c) { return c.pinned ? c.pinnedScale : kRenderScales[c.step]; }

float updateRenderScale(RenderScaleController& c, double frame_ms) {
  float drawn = currentRenderScale(c);
  c.minSeen = std::min(c.minSeen, drawn);
  c.maxSeen = std::max(c.maxSeen, drawn);
  if (c.pinned || !std::isfinite(frame_ms) || frame_ms < 0) return drawn;
  if (c.settle > 0) {
    c.settle--;
    return drawn;
  }
  c.window.push_back(frame_ms);
  if (c.window.size() < size_t(RenderScaleController::kWindowFrames)) return drawn;
  double m = median(c.window);
  c.window.clear();
  judge(c, m);
  return currentRenderScale(c);
}

}  // namespace ns::render

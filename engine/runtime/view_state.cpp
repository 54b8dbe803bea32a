#include "runtime/view_state.h"

#include <algorithm>
#include <cmath>

namespace ns::runtime {

ui::UiRequests::CameraPose cameraRequest(const render::OrbitCamera& c) {
  return {{c.target.x, c.target.y, c.target.z}, c.yaw_deg, c.pitch_deg, c.distance_mm};
}

void applyViewRequests(ViewState& view, const ui::UiRequests& r) {
  if (r.camera) {
    const ui::UiRequests::CameraPose& p = *r.camera;
    view.camera.target = {p.target[0], p.target[1], p.target[2]};
    view.camera.yaw_deg = p.yaw_deg;
    view.camera.pitch_deg = p.pitch_deg;
    view.camera.distance_mm = p.distance_mm;
  }
  render::RenderSettings& s = view.settings;
  if (r.showField) s.showField = *r.showField;
  if (r.showMicroView) s.showMicroView = *r.showMicroView;
  if (r.showCoverage) s.showCoverage = *r.showCoverage;
  if (r.cutSlice) s.fieldSliceY = *r.cutSlice;
  if (r.skinTone) s.skinTone = *r.skinTone;
}

float microDepthScale_um(double deepestChannel_um) {
  return float(std::max(1000.0, std::ceil(deepestChannel_um * 1.2 / 250.0) * 250.0));
}

float microTopScale_um(double swellingMax_mm) {
  double rise_um = swellingMax_mm * 1000.0;
  if (!(rise_um >= 5.0)) return 0.0f;  // nothing to see: the inset starts at the surface, as before
  return -float(std::ceil(rise_um * 1.5 / 50.0) * 50.0);
}

float meanChannelDepth_um(const PenSession& pen) {
  const PenSession::ChannelSums& c = pen.channels;
  return c.count > 0 ? float(c.depthSum_um / double(c.count)) : 0.0f;
}

void followPen(ViewState& view, const PenSession& pen, const input::PenSample& local, bool placed,
               const sim::GridShape& block) {
  render::RenderSettings& s = view.settings;
  s.blockPlaced = placed;
  s.microDepth_um = microDepthScale_um(pen.channels.depthMax_um);
  if (!penNearSkin(pen)) return;
  glm::vec2 half(float(block.nx * block.hx_um / 2000.0), float(block.ny * block.hy_um / 2000.0));
  glm::vec2 at(float(local.pos_mm.x), float(local.pos_mm.y));
  bool over = std::fabs(at.x) <= half.x && std::fabs(at.y) <= half.y;
  s.microOffBlock = !over;
  if (over) {
    glm::vec2 inner = glm::max(half - glm::vec2(s.microWidth_mm / 2, 0.0f), 0.0f);
    s.microCentre_mm = glm::clamp(at, -inner, inner);
  }
}

namespace {

// The points' bounds on the screen (pixels), or false when one is behind the eye.
bool screenBounds(const render::OrbitCamera& camera, const std::vector<glm::vec3>& points, glm::vec2 window,
                  glm::vec2& lo, glm::vec2& hi) {
  glm::mat4 viewProj = render::viewProjection(camera, window.x / std::max(window.y, 1.0f));
  lo = glm::vec2(1e9f), hi = glm::vec2(-1e9f);
  for (glm::vec3 p : points) {
    glm::vec4 clip = viewProj * glm::vec4(p, 1.0f);
    if (clip.w <= 0.01f) return false;
    glm::vec2 at = (glm::vec2(clip) / clip.w * 0.5f + 0.5f) * window;
    lo = glm::min(lo, at), hi = glm::max(hi, at);
  }
  return true;
}

}  // namespace

void frameInArea(render::OrbitCamera& camera, const std::vector<glm::vec3>& points, glm::vec2 window, const ui::Rect& area) {
  if (points.empty() || area.w <= 0 || area.h <= 0) return;
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (glm::vec3 p : points) lo = glm::min(lo, p), hi = glm::max(hi, p);
  camera.target = 0.5f * (lo + hi);
  float margin = 0.06f * std::min(area.w, area.h);
  glm::vec2 areaLo(area.x + margin, area.y + margin), areaHi(area.right() - margin, area.bottom() - margin);
  for (int i = 0; i < 60; ++i) {
    glm::vec2 a, b;
    bool seen = screenBounds(camera, points, window, a, b);
    if (seen) {  // centre them in the area: the target moves along the screen's axes
      glm::vec3 eye = render::eyePosition(camera), forward = glm::normalize(camera.target - eye);
      glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 0, 1))), up = glm::cross(right, forward);
      float mmPerPixel = 2.0f * camera.distance_mm * std::tan(glm::radians(camera.fovY_deg) / 2) / window.y;
      glm::vec2 shift = 0.5f * (areaLo + areaHi) - 0.5f * (a + b);
      camera.target += (-right * shift.x + up * shift.y) * mmPerPixel;
      seen = screenBounds(camera, points, window, a, b);
    }
    if (seen && glm::all(glm::greaterThanEqual(a, areaLo)) && glm::all(glm::lessThanEqual(b, areaHi))) return;
    camera.distance_mm *= 1.08f;
  }
}

render::FrameView buildFrameView(const ViewState& view, const PenSession& pen, const sim::FieldView& field,
                                 double simTime_s) {
  render::FrameView frame{view.camera, view.settings, field};
  render::RenderSettings& s = frame.settings;
  input::PenSample now = currentPen(pen);
  s.penVisible = penNearSkin(pen);
  s.penTip_mm = glm::vec3(now.pos_mm);
  s.penAxis = glm::vec3(now.dir);
  s.penContact = now.contact;
  s.penDial_mm = float(now.depth_mm);
  s.microChannelDepth_um = meanChannelDepth_um(pen);
  s.simTime_s = float(simTime_s);
  return frame;
}

}  // namespace ns::runtime

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

void followPen(ViewState& view, const PenSession& pen, const input::PenSample& local, bool placed,
               const sim::GridShape& block) {
  render::RenderSettings& s = view.settings;
  s.blockPlaced = placed;
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
  s.simTime_s = float(simTime_s);
  return frame;
}

}  // namespace ns::runtime

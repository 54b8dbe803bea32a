#pragma once
// How the run is looked at: the camera and the display settings the user controls
// (skin tone, overlays, the cut, the micro view), kept by the runtime and turned
// into a render::FrameView once per frame with the pen's pose and the fields the
// simulation published.
#include <vector>

#include "render/frame_view.h"
#include "runtime/pen_session.h"
#include "scene/skin_surface.h"
#include "sim/grid.h"
#include "ui/dock.h"
#include "ui/requests.h"

namespace ns::runtime {

struct ViewState {
  render::OrbitCamera camera;
  render::RenderSettings settings;
  bool panelsHidden = false;  // Tab: the whole window is the 3D view
  int halves = 1;             // 2: the window shows the skin twice, side by side (a split compare)
};

// A request for this camera (the field of view and far plane stay the view's).
ui::UiRequests::CameraPose cameraRequest(const render::OrbitCamera& camera);

// The display requests of the panels (everything but the simulation's and the
// export's), applied at the start of a frame.
void applyViewRequests(ViewState& view, const ui::UiRequests& requests);

// The micro view follows the pen (in the block's frame) while it is over the
// block; on a mesh the block has a place once the pen first touched.
// `local`: the pen in the shown block's frame; `placed`: whether that block is on the skin.
void followPen(ViewState& view, const PenSession& pen, const input::PenSample& local, bool placed,
               const sim::GridShape& block);

// The micro view's depth scale for channels this deep: 1 mm, or more in 250 µm
// steps so the deepest channel and tissue under it fit. A compare uses the deeper
// half's for both, so their insets share one scale.
float microDepthScale_um(double deepestChannel_um);
// The micro view's top when the skin has swollen (the puffiest rise, mm): room above
// the surface for 1.5 × the rise, in 50 µm steps; 0 (the surface) below a 5 µm rise.
float microTopScale_um(double swellingMax_mm);
// The channels' mean depth so far (0 before the first).
float meanChannelDepth_um(const PenSession& pen);

// Frames `points` (scene mm) in `area` (pixels of a window `window` wide and high):
// the camera keeps its direction, its target moves to the points' middle and back
// along its view until all of them are inside the area with a margin, and sideways
// so they sit in the area's middle (the area is what the panels leave of the window).
void frameInArea(render::OrbitCamera& camera, const std::vector<glm::vec3>& points, glm::vec2 window, const ui::Rect& area);

// This frame as the renderer sees it.
render::FrameView buildFrameView(const ViewState& view, const PenSession& pen, const sim::FieldView& field,
                                 double simTime_s);

}  // namespace ns::runtime

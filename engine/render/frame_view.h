#pragma once
// One frame as the renderer sees it: plain data built by the runtime each frame
// (camera, what to show, the pen's pose, the micro view's place) plus the fields the
// simulation published. The renderer keeps no per-frame state of its own: the same
// FrameView always draws the same picture.
#include <glm/glm.hpp>

#include "render/camera.h"
#include "scene/scene.h"
#include "scene/skin_surface.h"
#include "sim/field_view.h"

namespace ns::render {

struct RenderSettings {
  float skinTone = 0.15f;          // 0 light .. 1 deep (tone presets)
  float wrapLighting = 0.45f;      // subsurface approximation
  glm::vec3 lightDirection{-0.35f, -0.55f, 0.75f};
  bool showField = true;           // serum concentration on the front cut face (the patch)
  float fieldScaleMax = 1.0f;      // concentration at the top of the colour scale
  int fieldSliceY = -1;            // y cell of the cut; -1: the middle
  bool showHealing = true;         // redness and pinpoint bleeding on the skin
  bool showCoverage = false;       // instead: the coverage heat map (dermal dose / optimum)
  bool showMicroView = false;      // the magnified slice under the pen, in an inset
  bool blockPlaced = true;         // the tissue block has a place on the skin (a mesh: after the first touch)
  glm::vec2 microCentre_mm{0.0f};  // where the micro view looks (the pen, or the block's centre)
  bool microOffBlock = false;      // the pen is away from the block: the view stays where it last was
  float microWidth_mm = 2.0f, microDepth_um = 1000.0f;  // the slice's width; its depth: the inset's scale
  float microChannelDepth_um = 0;  // the channels' mean depth, marked to that scale (0: none yet)
  float microTop_um = 0;           // the inset's top (µm below the surface; < 0: room above it for swelling)
  glm::ivec4 microRect{0};         // the inset in pixels (x, y, w, h), clear of the panels; w = 0: microViewRect
  // The pen, drawn where it is (pose in scene mm; the axis points into the skin).
  bool penVisible = false;
  glm::vec3 penTip_mm{0.0f}, penAxis{0.0f, 0.0f, -1.0f};
  bool penContact = false;
  float penDial_mm = 0.5f;
  float simTime_s = 0;             // when bleeding spots stop (hemostasis) is judged at this time
  bool serumOnSkin = true;         // serum on the skin now: the block's faint outline shows (wiped off: none)
};

struct FrameView {
  OrbitCamera camera;
  RenderSettings settings;
  sim::FieldView field;            // may be empty (no simulation): the cut face shows layers only
};

// The view a run starts with (its `field` left empty: set it each frame). The
// patch: the camera aims between the centre and the front cut face, which shows
// the cross-section. A mesh: the camera frames it from +y (where our face looks),
// the light turned with the view, no field on the skin (a mesh has no cut face) and
// healing shown when its UV chart can hold the healing atlas. Both: the colour
// scale tops out at the serum's surface concentration.
FrameView initialView(const scene::Scene& scene, const scene::SkinSurface& skin);

}  // namespace ns::render

#pragma once
// The kiosk try's view kept on the treated skin (issue 30): a visitor's gestures
// (orbit, pan, zoom: what a touch screen's long press, two fingers or pinch send)
// move the camera only near the view the try started with, so the skin being
// treated never leaves the screen. Plain functions of the orbit camera.
#include <glm/glm.hpp>

#include "render/camera.h"

namespace ns::runtime {

// How far a try's view may move from the one it started with (`anchor`).
// (Seen at 1920x1080: lower than 10° under the anchor's pitch, or farther than 1.3×,
// the skin shrank to a side-on strip a visitor could no longer needle.)
struct ViewLimits {
  float yaw_deg = 30.0f;                       // either way
  float pitchDown_deg = 10.0f, pitchUp_deg = 20.0f;
  float pitchMin_deg = 5.0f, pitchMax_deg = 89.0f;
  float nearFactor = 0.6f, farFactor = 1.3f;  // distance, × the anchor's
  float panFactor = 0.12f;                    // the target's offset, × the anchor's distance
};

// `camera` held within `limits` of `anchor`.
render::OrbitCamera clampToAnchor(const render::OrbitCamera& camera, const render::OrbitCamera& anchor,
                                  const ViewLimits& limits = {});
bool sameView(const render::OrbitCamera& a, const render::OrbitCamera& b);
// Where `point` lands on the screen (normalised device coordinates, -1..1 on screen).
glm::vec2 screenPosition(const render::OrbitCamera& camera, glm::vec3 point, float aspect);

}  // namespace ns::runtime

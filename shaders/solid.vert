#version 450
// Lit, vertex-coloured geometry (the pen): model and view-projection matrices. The
// model's origin (the pen's tip) is what the camera looks at; whatever lies much
// nearer the eye than it fades out (vNearness), so a pen held towards the camera
// never hides the skin under its tip. vView: towards the eye (for the glass look).
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColor;  // linear RGB, alpha at the silhouette
layout(location = 0) out vec3 vNormal;
layout(location = 1) out vec4 vColor;
layout(location = 2) out float vNearness;  // eye distance / the tip's eye distance
layout(location = 3) out vec3 vView;
layout(push_constant) uniform Push { SolidPush p; };
void main() {
  vec4 world = p.model * vec4(inPosition, 1.0);
  vNormal = mat3(p.model) * inNormal;
  vColor = inColor;
  gl_Position = p.viewProj * world;
  float tip = (p.viewProj * p.model * vec4(0.0, 0.0, 0.0, 1.0)).w;
  vNearness = gl_Position.w / max(tip, 1e-3);
  vec4 eye = inverse(p.viewProj) * vec4(0.0, 0.0, 1.0, 0.0);  // the camera's centre: clip w = 0 there
  vView = eye.xyz / eye.w - world.xyz;
}

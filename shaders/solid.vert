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
layout(location = 4) out float vEndOn;     // 1: a barrel part seen along the pen's axis
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
  // Seen along its own axis (a camera looking down an upright pen, as the kiosk's try
  // does), the barrel stands over the very spot being needled as a disc: it fades to a
  // ghost from 30° to 12° off the axis. The cartridge's last 10 mm and the needles stay.
  vec3 tipAt = (p.model * vec4(0.0, 0.0, 0.0, 1.0)).xyz;
  vec3 up = normalize(mat3(p.model) * vec3(0.0, 0.0, 1.0));  // the pen's axis, away from the skin
  float along = abs(dot(up, normalize(eye.xyz / eye.w - tipAt)));
  vEndOn = smoothstep(8.0, 14.0, inPosition.z) * smoothstep(0.866, 0.978, along);
}

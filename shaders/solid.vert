#version 450
// Lit, vertex-coloured geometry (the pen): model and view-projection matrices.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inColor;  // linear RGB, alpha
layout(location = 0) out vec3 vNormal;
layout(location = 1) out vec4 vColor;
layout(push_constant) uniform Push { SolidPush p; };
void main() {
  vNormal = mat3(p.model) * inNormal;
  vColor = inColor;
  gl_Position = p.viewProj * p.model * vec4(inPosition, 1.0);
}

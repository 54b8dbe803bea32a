#version 450
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec3 inPosition;   // mm, z up (0 = skin surface)
layout(location = 1) in vec3 inNormal;
layout(location = 2) in float inDepth_um;  // depth below the surface, for layer colours
layout(location = 3) in vec2 inUv;         // where the surface fields' atlas is (patch top, meshes)
layout(location = 0) out vec3 vPosition;
layout(location = 1) out vec3 vNormal;
layout(location = 2) out float vDepth_um;
layout(location = 3) out vec2 vUv;
layout(push_constant) uniform Push { SkinPush p; };
void main() {
  vPosition = inPosition;
  vNormal = inNormal;
  vDepth_um = inDepth_um;
  vUv = inUv;
  gl_Position = p.viewProj * vec4(inPosition, 1.0);
}

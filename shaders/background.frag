#version 450
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in float vHeight;
layout(location = 0) out vec4 outColor;
layout(push_constant) uniform Push { BackgroundPush p; };
void main() {
  float t = clamp(vHeight, 0.0, 1.0);
  outColor = vec4(mix(p.topColor.rgb, p.bottomColor.rgb, t * t * (3.0 - 2.0 * t)), 1.0);
}

#version 450
// The picture's texels as they were stored (the overlay writes sRGB-encoded colours
// into a UNORM target, as the PNG holds them).
layout(set = 0, binding = 0) uniform sampler2D picture;
layout(location = 0) in vec2 vUv;
layout(location = 0) out vec4 outColor;
void main() { outColor = vec4(texture(picture, vUv).rgb, 1.0); }

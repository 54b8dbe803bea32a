#version 450
// A picture in the ImGui overlay (the Progress panel's session thumbnails): a quad
// over the rectangle the panel laid out, in normalized device coordinates.
layout(push_constant) uniform Push { vec2 rectMin; vec2 rectMax; } push;
layout(location = 0) out vec2 vUv;
void main() {
  const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(1, 0), vec2(1, 1), vec2(0, 1));
  vec2 c = corners[gl_VertexIndex];
  vUv = c;
  gl_Position = vec4(mix(push.rectMin, push.rectMax, c), 0.0, 1.0);
}

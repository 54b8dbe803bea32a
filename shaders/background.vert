#version 450
// A full-screen triangle; the fragment shader paints a vertical gradient.
layout(location = 0) out float vHeight;
void main() {
  vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  vHeight = uv.y * 0.5;
  gl_Position = vec4(uv * 2.0 - 1.0, 1.0, 1.0);
}

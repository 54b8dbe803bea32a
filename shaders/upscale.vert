#version 450
// A full-screen triangle over the whole image; uv 0..1 across it.
layout(location = 0) out vec2 vUv;
void main() {
  vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  vUv = uv;
  gl_Position = vec4(uv * 2.0 - 1.0, 0.0, 1.0);
}

#version 450
layout(location = 0) in vec3 vNormal;
layout(location = 1) in vec4 vColor;
layout(location = 0) out vec4 outColor;
void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  vec3 l = normalize(vec3(-0.35, -0.55, 0.75));
  float diffuse = max((dot(n, l) + 0.4) / 1.4, 0.0);
  vec3 linear = vColor.rgb * (0.3 + 0.7 * diffuse);
  outColor = vec4(pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)), vColor.a);
}

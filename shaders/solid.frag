#version 450
// Wrap-lit vertex colour. Translucent parts look like glass: a quarter of their
// alpha where they face the eye, all of it at their silhouette, so the pen's shape
// reads while the skin behind it stays visible; and they fade out nearer the eye
// than 45 % of the tip's distance, fully drawn from 80 % on, and to a tenth where the
// barrel is seen along the pen's axis (see solid.vert).
// Opaque parts (the needles) stay opaque.
layout(location = 0) in vec3 vNormal;
layout(location = 1) in vec4 vColor;
layout(location = 2) in float vNearness;
layout(location = 3) in vec3 vView;
layout(location = 4) in float vEndOn;
layout(location = 0) out vec4 outColor;
void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  vec3 l = normalize(vec3(-0.35, -0.55, 0.75));
  float diffuse = max((dot(n, l) + 0.4) / 1.4, 0.0);
  vec3 linear = vColor.rgb * (0.3 + 0.7 * diffuse);
  float facing = abs(dot(n, normalize(vView)));
  float glass = vColor.a >= 0.99 ? 1.0 : mix(0.25, 1.0, pow(1.0 - facing, 2.0));
  float alpha = vColor.a * glass * smoothstep(0.45, 0.8, vNearness) * (1.0 - 0.9 * vEndOn);
  outColor = vec4(pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2)), alpha);
}

#version 450
// The skin pass: the patch's top face, or every face of a surface mesh, is skin
// (wrap-lit diffuse, a soft subsurface tint and fine pore detail); the patch's cut
// faces show the tissue layers in labelled colours.
#extension GL_GOOGLE_include_directive : require
#include "shared.h"
layout(location = 0) in vec3 vPosition;
layout(location = 1) in vec3 vNormal;
layout(location = 2) in float vDepth_um;
layout(location = 3) in vec2 vUv;
layout(location = 0) out vec4 outColor;
layout(push_constant) uniform Push { SkinPush p; };
layout(set = 0, binding = 0, std140) uniform Static { SkinStatic scene; };
// The serum field of the simulation: activity u and capacity K (C = K u), 4 x cells
// per texel. The front cut face shows the slice y = p.cutSliceY of the tissue block.
layout(set = 0, binding = 1) uniform samplerBuffer activity;
layout(set = 0, binding = 2) uniform samplerBuffer capacity;
// Healing per skin column (NS_HEALING_STRIDE texels each): a = (stimulus, erythema, dose,
// depth), b = (bleeding until s, first injury s, punctures per mm², -), c = (oedema W, O, -, -)
// (the vertex stage lifts the skin by the swelling). Columns are the texels of the UV
// atlas (a surface mesh's, or the whole patch's), or without one the block's (x, y).
layout(set = 0, binding = 3) uniform samplerBuffer healing;
// The pipeline's variant (render/skin_pass.cpp). Lavapipe runs both sides of every
// `if` under a mask, so code a draw never needs costs it anyway unless it is compiled
// out: kSurface says what the draw holds (NS_SKIN_PATCH: the patch's top and cut
// faces, NS_SKIN_MESH: a mesh's skin, NS_SKIN_EYES: its eyes), kHealing whether the
// overlay (redness, marks, the coverage map) is drawn at all (not while no column has
// been treated, nor with the overlay off).
layout(constant_id = 0) const int kSurface = NS_SKIN_PATCH;
layout(constant_id = 1) const bool kHealing = true;

// Colours per layer in the standard order (stratum corneum, viable epidermis,
// papillary dermis, reticular dermis, hypodermis, deeper): linear RGB.
const vec3 kLayerColors[6] = vec3[](vec3(0.93, 0.86, 0.70), vec3(0.80, 0.55, 0.42),
                                    vec3(0.78, 0.32, 0.32), vec3(0.90, 0.62, 0.58),
                                    vec3(0.95, 0.80, 0.35), vec3(0.60, 0.50, 0.45));

float hash(vec2 q) { return fract(sin(dot(q, vec2(127.1, 311.7))) * 43758.5453); }
float valueNoise(vec2 q) {
  vec2 i = floor(q), f = fract(q);
  vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}

int layerIndex(float depth_um) {
  int count = p.layerCount;
  for (int i = 0; i < count && i < 8; ++i) {
    float bottom = i < 4 ? scene.layerBottom0_um[i] : scene.layerBottom1_um[i - 4];
    if (depth_um < bottom) return min(i, 5);
  }
  return min(max(count - 1, 0), 5);
}

// Viridis (perceptually uniform, colour-blind safe), polynomial fit by Matt Zucker
// (shadertoy WlfXRN, CC0), output in sRGB; converted to linear for our shading.
vec3 viridis(float t) {
  const vec3 c0 = vec3(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
  const vec3 c1 = vec3(0.1050930431085774, 1.404613529898575, 1.384590162594685);
  const vec3 c2 = vec3(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
  const vec3 c3 = vec3(-4.634230498983486, -5.799100973351585, -19.33244095627987);
  const vec3 c4 = vec3(6.228269936347081, 14.17993336680509, 56.69055260068105);
  const vec3 c5 = vec3(4.776384997670288, -13.74514537774601, -65.35303263337234);
  const vec3 c6 = vec3(-5.435455855934631, 4.645852612178535, 26.3124352495832);
  t = clamp(t, 0.0, 1.0);
  vec3 srgb = c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
  return pow(clamp(srgb, 0.0, 1.0), vec3(2.2));
}

// Serum concentration in cell (x, y, z), or -1 outside the block.
float cellConcentration(int cellX, int cellY, int cellZ) {
  if (cellX < 0 || cellY < 0 || cellZ < 0 || cellX >= scene.cellsX || cellY >= scene.cellsY || cellZ >= scene.cellsZ)
    return -1.0;
  int texel = (cellZ * scene.cellsY + cellY) * scene.texelsPerRow + cellX / 4;
  int lane = cellX % 4;
  return texelFetch(activity, texel)[lane] * texelFetch(capacity, texel)[lane];
}

// Cell index along a lateral axis for a scene coordinate (the block is centred).
int lateralCell(float coordinate_mm, int cells) {
  return int(floor((coordinate_mm / scene.fieldWidth_mm + 0.5) * float(cells)));
}

// On the front cut face: the slice y = p.cutSliceY of the block.
float cutFaceConcentration(vec3 position, float depth_um) {
  int cellZ = int(floor(depth_um / (scene.fieldDepth_mm * 1000.0) * float(scene.cellsZ)));
  return cellConcentration(lateralCell(position.x, scene.cellsX), p.cutSliceY, cellZ);
}

// On the skin surface above the block: the top cell, where serum enters the channels.
float surfaceConcentration(vec3 position) {
  return cellConcentration(lateralCell(position.x, scene.cellsX), lateralCell(position.y, scene.cellsY), 0);
}

// Healing of column `c` (its two texels), zero outside the grid.
void healingColumn(ivec2 c, ivec2 cells, out vec4 a, out vec4 b) {
  a = vec4(0.0);
  b = vec4(-1.0, -1.0, 0.0, 0.0);
  if (any(lessThan(c, ivec2(0))) || any(greaterThanEqual(c, cells))) return;
  int column = c.y * cells.x + c.x;
  a = texelFetch(healing, NS_HEALING_STRIDE * column);
  b = texelFetch(healing, NS_HEALING_STRIDE * column + 1);
}

// Erythema E of column `c`, zero outside the grid (one fetch: redness is read 20
// times a pixel, the rest of the column once).
float erythemaOf(ivec2 c, ivec2 cells) {
  if (any(lessThan(c, ivec2(0))) || any(greaterThanEqual(c, cells))) return 0.0;
  return texelFetch(healing, NS_HEALING_STRIDE * (c.y * cells.x + c.x)).y;
}

// Redness (1 − e^−E), bilinear between column centres so it is smooth up close.
float rednessAt(vec2 at, ivec2 cells) {
  vec2 q = at - 0.5;
  ivec2 c = ivec2(floor(q));
  vec2 f = q - vec2(c);
  float e = mix(mix(erythemaOf(c, cells), erythemaOf(c + ivec2(1, 0), cells), f.x),
                mix(erythemaOf(c + ivec2(0, 1), cells), erythemaOf(c + ivec2(1, 1), cells), f.x), f.y);
  return 1.0 - exp(-max(e, 0.0));
}

// Redness as it looks on this skin. Erythema is more blood in the papillary dermis:
// haemoglobin absorbs green and blue far more than red (oxyhaemoglobin's bands at
// 542 and 577 nm; Anderson & Parrish 1981 [P]), so the light that comes back from
// the dermis loses green and blue. Light reflected before it reaches the dermis
// (surface and stratum corneum, ~4 % at normal incidence for n = 1.55, Fresnel [D])
// is untouched. On light skin most of what is seen comes from the dermis: the skin
// turns red. Melanin absorbs much of the light before and after the dermis on
// darker skin, so a smaller part of a darker colour changes: redness looks deeper,
// dusky or violaceous, and is harder to see (as clinical atlases of skin of colour
// describe: Mukwende, Tamony & Turner 2020, "Mind the Gap" [P]; Taylor 2002,
// J Am Acad Dermatol 46:S41 [P]). The absorption per channel is ours [A].
vec3 erythema(vec3 base, float redness) {
  const vec3 kHaemoglobin = vec3(0.15, 1.2, 0.95);  // optical depth at full redness, R G B [A]
  vec3 surface = min(base, vec3(0.035));            // reflected before the dermis
  return surface + (base - surface) * exp(-kHaemoglobin * redness);
}

// Redness as the eye sees it: light spreads about half a millimetre sideways in
// the dermis before it comes back out (skin's diffusion profile: Jensen et al. 2001,
// SIGGRAPH, "A practical model for subsurface light transport" [P]), so the
// erythema field is seen blurred by that much: the centre and four taps 0.5 mm out.
float seenRedness(vec2 at, ivec2 cells, float texel_mm) {
  float reach = 0.5 / max(texel_mm, 1e-3);
  float sum = 2.0 * rednessAt(at, cells);
  for (int i = 0; i < 4; ++i) {
    vec2 d = vec2((i & 1) == 0 ? -1.0 : 1.0, (i & 2) == 0 ? -1.0 : 1.0) * (0.7071 * reach);
    sum += rednessAt(at + d, cells);
  }
  return sum / 6.0;
}

// A puncture as it is seen: the channel's opening, narrower than the needle (70 µm
// wide at the surface for 0.2 mm needles: Kalluri, Kolli & Banga 2011, reference
// notes sec. 3), holding a little blood and serum: a dark red-brown pinpoint —
// darker while it bleeds — fading as the channel closes. Drawn at its size, or a
// pixel's when that is smaller, lighter by as much: far away a faint speck, never
// a red dash. `r` is the distance from the puncture in texels.
vec3 pinpoint(vec3 base, float r, float texel_mm, float footprint, float open, bool bleeding) {
  const float kOpeningRadius_mm = 0.04;
  float needle = kOpeningRadius_mm / max(texel_mm, 1e-3);
  float radius = max(needle, 0.6 * footprint);
  float ink = needle / radius;  // (not by area: a speck a pixel wide stays seen)
  float spot = 1.0 - smoothstep(radius - 0.5 * footprint, radius + 0.5 * footprint, r);
  vec3 hole = bleeding ? vec3(0.13, 0.015, 0.015) : vec3(0.2, 0.07, 0.055);
  float strength = bleeding ? 0.8 : 0.6 * open;  // a hole's floor half-lit, not a drop of ink
  return mix(base, hole, clamp(strength * ink * spot, 0.0, 1.0));
}

// Redness, puncture pinpoints and their bleeding — or the coverage heat map — at
// `at` (in columns, from the grid's corner) over the skin colour `base`. Marks: on
// the atlas, whose texels are about a needle wide (the block's columns are finer and
// show the channels through the serum uptake instead).
vec3 healingOverlay(vec3 base, vec2 at, ivec2 cells, bool marks, vec2 skin_mm) {
  ivec2 c = ivec2(floor(at));
  vec4 a, b;
  healingColumn(c, cells, a, b);
  if (p.surfaceOverlay == NS_OVERLAY_COVERAGE) {  // dermal dose against the optimum
    float coverage = a.z / max(scene.optimalDermalDose_um, 1e-3);
    base = mix(base, viridis(clamp(coverage, 0.0, 1.0)), coverage > 0.0 ? 0.85 : 0.0);
    if (b.z > scene.overTreatedDensity_per_mm2) base = mix(base, vec3(0.9, 0.1, 0.6), 0.6);  // over-treated
    return base;
  }
  float footprint = max(length(fwidth(at)), 1e-4);  // texels per pixel
  float texel_mm = length(fwidth(skin_mm)) / footprint;
  if (!(texel_mm > 1e-3)) texel_mm = 0.3;  // (a mesh without a chart: the face atlas's size)
  base = erythema(base, seenRedness(at, cells, texel_mm));
  bool bleeding = b.x > p.simTime_s;  // until b.x
  if (b.y < 0.0 || p.simTime_s < b.y || !(marks || bleeding)) return base;
  // On the atlas a puncture sits somewhere in its texel, not on a printed grid (the
  // block's finer columns show only the bleeding, at their centres).
  vec2 jitter = marks ? 0.3 * (vec2(hash(vec2(c)), hash(vec2(c) + 17.0)) - 0.5) : vec2(0.0);
  float r = length(at - vec2(c) - 0.5 - jitter);
  float open = exp2(-(p.simTime_s - b.y) / max(scene.closureHalfLife_s, 1.0));
  return pinpoint(base, r, texel_mm, footprint, open, bleeding);
}

// The skin's base colour (linear RGB, before lighting) for a tone 0..1: Fitzpatrick
// types I..VI at 0, 0.2, 0.4, 0.6, 0.8, 1 (the status panel's presets), linear
// between anchors. Sources and assumptions:
// - Names and order: Fitzpatrick's skin types (Arch Dermatol 1988;124:869): I pale
//   white .. IV moderate brown .. VI deeply pigmented dark brown to black [P].
// - Each anchor is a CIELAB colour whose individual typology angle
//   ITA = atan((L* - 50) / b*) falls in the ITA class (Chardon 1991; Del Bino 2013)
//   commonly paired with that type [P]: I very light (> 55 deg) L*86 a*8 b*12;
//   II light (41..55) 76/10/19; III intermediate (28..41) 66/11/21; IV tan (10..28)
//   56/12/22; V brown (-30..10) 44/12/20; VI dark (< -30) 30/9/14. The ITA-to-type
//   pairing is approximate and the exact L*, a*, b* are ours [A]: an albedo under
//   this light, not a measured reflectance.
// - 0.15, the default since before the types, keeps its colour (between I and II,
//   ITA 66 deg) as a knot of its own, so default renders are unchanged.
vec3 skinToneColour(float tone) {
  const float kTone[7] = float[](0.0, 0.15, 0.2, 0.4, 0.6, 0.8, 1.0);
  const vec3 kColour[7] = vec3[](vec3(0.867, 0.639, 0.532), vec3(0.8135, 0.564, 0.447), vec3(0.704, 0.456, 0.318),
                                 vec3(0.531, 0.316, 0.199), vec3(0.385, 0.208, 0.119), vec3(0.236, 0.117, 0.064),
                                 vec3(0.105, 0.053, 0.031));
  float t = clamp(tone, 0.0, 1.0);
  int i = 0;
  while (i < 5 && t >= kTone[i + 1]) ++i;
  return mix(kColour[i], kColour[i + 1], (t - kTone[i]) / (kTone[i + 1] - kTone[i]));
}

// An eye of the anatomical head (tools/make_face): its normals are its sphere's, so
// the normal's direction says where on the eyeball a fragment is; the gaze is
// straight ahead (+y), the pupil where the normal points along it. `r`: across the
// front, in eyeball radii (1 at the equator; the back half beyond). Sclera, a brown
// iris with radial fibres and a darker limbal ring, the pupil, and the window's
// highlight on the cornea: a wet surface catching the light.
vec3 eyeColour(vec3 n, vec3 l) {
  vec2 d = n.xz;
  float r = n.y > 0.0 ? length(d) : 2.0 - length(d);
  float aa = max(fwidth(r), 1e-4);
  const float kIris = 0.42, kPupil = 0.16;  // 11.7 mm iris, 4.5 mm pupil on a 13.8 mm socket [A]
  float fibres = 0.75 + 0.25 * valueNoise(vec2(atan(d.y, d.x) * 18.0, r * 6.0));
  vec3 iris = mix(vec3(0.16, 0.075, 0.03), vec3(0.055, 0.025, 0.012), smoothstep(kIris * 0.7, kIris, r)) * fibres;
  vec3 sclera = vec3(0.80, 0.76, 0.72) * (1.0 - 0.25 * smoothstep(0.5, 1.0, r));
  vec3 base = mix(iris, sclera, smoothstep(kIris - aa, kIris + aa, r));
  base = mix(vec3(0.01), base, smoothstep(kPupil - aa, kPupil + aa, r));
  float diffuse = 0.35 + 0.65 * max(dot(n, l), 0.0);
  vec3 h = normalize(l + vec3(0.0, 1.0, 0.0));  // the viewer looks along −y at the face
  float highlight = pow(max(dot(n, h), 0.0), 180.0);
  return base * diffuse + vec3(0.9) * highlight;
}

vec3 encodeSrgb(vec3 linear) {
  vec3 lo = linear * 12.92;
  vec3 hi = 1.055 * pow(linear, vec3(1.0 / 2.4)) - 0.055;
  return mix(lo, hi, step(vec3(0.0031308), linear));
}

void main() {
  vec3 n = normalize(vNormal);
  bool surfaceMesh = kSurface != NS_SKIN_PATCH;  // --mesh: every face is skin, lit from both sides
  if (surfaceMesh && !gl_FrontFacing) n = -n;
  // Soft shadow in the creases: a mesh's normal is as long as the skin there is open
  // to the sky (1 − the occlusion tools/make_face bakes; render/skin_pass.cpp), the
  // patch's is 1. Ambient light is cut by it whole, direct light by part: the
  // fold's own wall shadows it from most directions a studio light comes from.
  float open = surfaceMesh ? clamp(length(vNormal), 0.0, 1.0) : 1.0;
  vec3 l = normalize(p.lightDirection);
  // The vermilion's share: its border where the field the mesh carries crosses 0.5
  // (render/skin_pass.cpp; before any branch, for fwidth), about 0.5 mm soft (the field spans ±3 mm over 0..1), wider
  // where a pixel covers more.
  float lipField = surfaceMesh ? clamp((-1.0 - vDepth_um) / 0.5, 0.0, 1.0) : 0.0;
  float lipEdge = max(0.04, fwidth(lipField));
  float lip = smoothstep(0.5 - lipEdge, 0.5 + lipEdge, lipField);
  if (kSurface == NS_SKIN_EYES) {  // the anatomical head's eyes (render/skin_pass.cpp)
    outColor = vec4(encodeSrgb(eyeColour(n, l) * open), 1.0);
    return;
  }
  float wrap = p.wrapLighting;
  vec3 color = vec3(0.0);
  if (n.z > 0.5 || surfaceMesh) {
    // Pores and fine relief perturb the normal; a tone preset tints the base. The
    // detail fades out where it would be smaller than a pixel (no sparkle/aliasing).
    // Skin coordinates in mm: the patch's xy, or a mesh's UVs scaled by its chart
    // (x, y noise would streak on curved meshes; a mesh without a chart gets none).
    bool chart = !surfaceMesh || scene.chart_mm.x > 0.0;
    vec2 skin_mm = surfaceMesh ? vUv * scene.chart_mm : vPosition.xy;
    vec2 q = skin_mm * 6.0;
    float footprint = length(fwidth(q * 3.0));
    float detail = chart ? 1.0 - smoothstep(0.5, 1.5, footprint) : 0.0;
    float pores = smoothstep(0.78, 0.95, valueNoise(q * 3.0)) * detail;
    float relief = (valueNoise(q) * 0.6 + valueNoise(q * 2.3) * 0.4) * detail;
    vec3 bumped = normalize(n + vec3(dFdx(relief) * 3.0, dFdy(relief) * 3.0, 0.0));
    vec3 base = skinToneColour(p.skinTone);
    // The vermilion: thin epithelium over dense capillaries, redder and darker than
    // the skin beside it on every skin type [A].
    base = mix(base, base * vec3(0.9, 0.66, 0.64), lip);
    base *= 1.0 - 0.12 * pores * (1.0 - lip);
    if (chart) base *= 0.93 + 0.07 * valueNoise(skin_mm * 0.7);  // gentle mottling
    if (p.showField != 0 && p.serumOnSkin != 0 && surfaceConcentration(vPosition) >= 0.0) {
      // Above the simulated block, while serum is on the skin: a faint thin outline of
      // the block, where the cross-section and the micro view look. The skin itself
      // stays skin (the serum shows on the cut face and in the micro view; painting
      // it on the surface made the treated square read as a decal).
      vec2 edge = 0.5 * vec2(scene.fieldWidth_mm) - abs(vPosition.xy);
      float line = 1.0 - smoothstep(0.0, 1.5 * length(fwidth(vPosition.xy)), min(edge.x, edge.y));
      base = mix(base, vec3(0.9, 0.9, 0.95), 0.22 * line);
    }
    if (kHealing && p.surfaceOverlay != NS_OVERLAY_NONE) {
      // The healing atlas through the skin's UVs (a mesh's, the patch top's chart over
      // the whole visible patch) when there is one; else the block's columns.
      ivec2 columns = ivec2(scene.cellsX, scene.cellsY);
      if (all(greaterThan(scene.atlasCells, ivec2(0))))
        base = healingOverlay(base, vUv * vec2(scene.atlasCells), scene.atlasCells, true, skin_mm);
      else if (!surfaceMesh)
        base = healingOverlay(base, (vPosition.xy / scene.fieldWidth_mm + 0.5) * vec2(columns), columns, false, skin_mm);
    }
    float diffuse = max((dot(bumped, l) + wrap) / (1.0 + wrap), 0.0);
    // Light scattered under the surface comes back reddened: add it where the
    // plain Lambert term falls off.
    vec3 scatter = vec3(0.35, 0.08, 0.05) * (1.0 - max(dot(bumped, l), 0.0)) * 0.35;
    color = base * (0.18 * open + 0.82 * diffuse * (0.35 + 0.65 * open)) + scatter * base * open;
  } else if (kSurface == NS_SKIN_PATCH) {
    int layer = layerIndex(vDepth_um);
    vec3 base = kLayerColors[layer];
    // Fibrous streaks in the dermis, fat lobules in the hypodermis.
    float detail = valueNoise(vec2(dot(vPosition.xy, vec2(1.0)) * 4.0, vDepth_um * 0.02));
    base *= 0.9 + 0.1 * detail;
    // The front cut face is the cross-section through the tissue block: serum
    // concentration over the layer colours (viridis, 0 .. the colour-scale maximum).
    if (p.showField != 0 && n.y < -0.5) {
      float c = cutFaceConcentration(vPosition, vDepth_um);
      if (c >= 0.0) {
        float t = c / max(p.fieldScaleMax, 1e-6);
        float alpha = 0.85 * smoothstep(0.0, 0.03, t);
        base = mix(base, viridis(t), alpha);  // (no serum: the layers as they are, no grey panel)
      }
    }
    float diffuse = max((dot(n, l) + 0.5) / 1.5, 0.0);
    color = base * (0.35 + 0.65 * diffuse);
  }
  outColor = vec4(encodeSrgb(color), 1.0);
}

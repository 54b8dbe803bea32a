// Shared by C++ and GLSL: GPU struct layouts and workgroup shapes, so the two sides
// can never disagree. C++ sees the structs in namespace ns::gpu with glm types.
#ifndef NEEDLESIM_SHADERS_SHARED_H
#define NEEDLESIM_SHADERS_SHARED_H

#ifdef __cplusplus
#include <glm/glm.hpp>
#include <cstdint>
namespace ns::gpu {
using glm::ivec4;
using glm::mat4;
using glm::vec4;
#endif

// Skin patch pass (push constants, 128 bytes: the guaranteed minimum).
struct SkinPush {
  mat4 viewProj;
  vec4 lightDirAndWrap;   // xyz: direction towards the light (world), w: wrap factor
  vec4 params;            // x: layer count, y: patch half width mm, z: 1 to show healing, w: skin tone 0..1
  vec4 field;             // x: 1 to show the serum field, y: colour-scale maximum
                          // (concentration), z: y cell of the cut shown on the front face,
                          // w: simulated time (s), for bleeding spots
};

// Scene constants of the skin pass (uniform buffer, written when the scene loads).
struct SkinStatic {
  vec4 layerBottom0_um;   // bottoms of layers 0..3, µm below the surface
  vec4 layerBottom1_um;   // bottoms of layers 4..7
  ivec4 fieldCells;       // x: texels per row, y: cells in y, z: cells in z, w: cells in x
  vec4 fieldExtent_mm;    // x: domain width, y: domain depth, z: optimal dermal dose (µm, coverage map),
                          // w: channel closure half-life (s), for fading puncture marks
  ivec4 atlasCells;       // surface meshes: x, y: healing texels across u and v, z: 1 if the
                          // healing buffer is this UV atlas (else the block's columns)
  vec4 chart_mm;          // surface meshes: mm on the skin per unit of u and v (pore detail)
};

// Micro view: a magnified slice of the tissue block under the pen, drawn into an
// inset viewport (x across, depth down).
struct MicroPush {
  vec4 window;            // x: left x (mm), y: right x (mm), z: top depth (µm), w: bottom depth (µm)
  vec4 slice;             // x: y cell of the slice, y: colour-scale maximum, z: layer count
};

// Background gradient pass.
struct BackgroundPush {
  vec4 topColor;
  vec4 bottomColor;
};

// Diffusion passes (explicit step and the three implicit line solves) on vec4
// texel buffers: each texel holds 4 consecutive x cells (lavapipe fetches rgba32f
// texels vectorised). The state is the activity u = C / K (K: partition
// coefficient, the capacity), which is continuous across layer interfaces; the
// conductance G = D·K sets the fluxes.
struct DiffusionPush {
  ivec4 cells;        // x: cells in x (padded to a multiple of 4), y, z, w: texels per row (x/4)
  vec4 invSpacing2;   // 1/hx², 1/hy², 1/hz² (µm⁻²), w: dt (s)
  vec4 boundary;      // x: surface (vehicle) concentration, y: 1 if the surface is held
                      // (serum on), z: 1 if the bottom is a sink, w: unused
};

// One needle channel to stamp into the openness field, in grid coordinates: µm
// from the grid's corner in x and y, µm below the skin surface in z (+z down).
// The channel is the capsule from `entry` along `axis` for `length`, swept by `drag`.
struct ChannelStampGpu {
  vec4 entryAndRadius;   // xyz: entry point (µm), w: radius (µm)
  vec4 axisAndLength;    // xyz: unit axis into the tissue, w: length (µm)
  vec4 drag;             // xyz: lateral drag while in the skin (µm)
};

struct ChannelStampPush {
  ivec4 cells;           // x: cells in x (unpadded), y, z, w: padded cells in x
  vec4 spacing_um;       // hx, hy, hz
  ivec4 box;             // cells per stamp's box in x, y, z; w: number of stamps
};

struct TissueUpdatePush {
  ivec4 cells;           // as DiffusionPush.cells
  vec4 channel;          // x: channel diffusivity (µm²/s), y: cells in x (unpadded)
};

// Healing (docs/healing-model.md). Per skin-surface column of the serum grid, two
// vec4: a = (erythema stimulus S, erythema E, dermal dose µm, deepest channel µm),
// b = (bleeding until s, first injury s, -, -). Deposits (what new punctures add)
// come from the CPU in the same layout: a = (ΔS, Δdose, depth, -), b = (bleed until, injury time, -, -).
struct HealingPush {
  ivec4 columns;         // x: columns stepped (touched.z · touched.w), y: cells (padded) for
                         // the openness decay, z: columns per row (nx), w: 1 if deposits are new
  ivec4 touched;         // the columns ever reached: x0, y0, width, height (the rest stay zero)
  ivec4 pending;         // where the new deposits are: x0, y0, x1, y1 (exclusive)
  vec4 time;             // x: dt (s), y: openness decay factor over dt, z: onset τ (s)
  vec4 resolve;          // x: resolution τ at zero depth (s), y: extra τ per µm of depth (s/µm)
};

#ifdef __cplusplus
}  // namespace ns::gpu
#endif

// Default workgroup shape for the diffusion step: 32×4 invocations of 4 cells
// (performance-notes.md: 64–128 invocations per group suit lavapipe and GPUs).
#define NS_DIFFUSION_GROUP_X 32
#define NS_DIFFUSION_GROUP_Y 4
#define NS_DIFFUSION_GROUP_Z 1
// Channel stamping: sub-samples per cell axis for the covered fraction.
#define NS_STAMP_SUBSAMPLES 2

#endif

// Shared by C++ and GLSL: GPU struct layouts and workgroup shapes, so the two sides
// can never disagree. C++ sees the structs in namespace ns::gpu with glm types.
#ifndef NEEDLESIM_SHADERS_SHARED_H
#define NEEDLESIM_SHADERS_SHARED_H

#ifdef __cplusplus
#include <glm/glm.hpp>
#include <cstddef>
#include <cstdint>
namespace ns::gpu {
using glm::ivec2;
using glm::ivec4;
using glm::mat4;
using glm::vec2;
using glm::vec3;
using glm::vec4;
#endif

// ---- Render passes (engine/render). Layouts: push constants are std430, the
// uniform buffer std140. Every struct is whole vec4/mat4, scalars (int/float) in
// groups of 4, or two 2-vectors or a vec3 and a float filling one 16-byte slot, so
// both rules and C++ (glm, 4-byte scalars) agree; the static_asserts below check it.
// Flags are ints (0/1): a C++ bool is one byte.

// What the skin shows over its colour (SkinPush.surfaceOverlay).
#define NS_OVERLAY_NONE 0
#define NS_OVERLAY_HEALING 1    // redness, pinpoint bleeding (and puncture marks on an atlas)
#define NS_OVERLAY_COVERAGE 2   // the coverage heat map: dermal dose against the optimum

// What one draw of the skin pass holds (its pipeline's specialization constant 0).
#define NS_SKIN_PATCH 0  // the patch: skin on top, tissue layers on the cut faces
#define NS_SKIN_MESH 1   // a surface mesh's skin
#define NS_SKIN_EYES 2   // the anatomical head's eyes (vertices marked −3)

// Skin pass (push constants; at most 128 bytes, the guaranteed minimum).
struct SkinPush {
  mat4 viewProj;
  vec3 lightDirection;    // towards the light (world, normalised)
  float wrapLighting;     // wrap factor of the diffuse term (subsurface approximation)
  int layerCount;         // tissue layers the cut faces colour (8 at most)
  int surfaceOverlay;     // NS_OVERLAY_*
  float skinTone;         // 0 light .. 1 deep
  int showField;          // 1: serum concentration on the front cut face and the skin above the block
  float fieldScaleMax;    // concentration at the top of the colour scale
  int cutSliceY;          // y cell of the block shown on the front cut face
  float simTime_s;        // simulated time (s): bleeding spots and puncture marks are judged at it
  int serumOnSkin;        // 1: serum on the skin now (its uptake tints the surface above the block)
};

// Scene constants of the skin and micro-view passes (uniform buffer, written when
// the renderer is created).
struct SkinStatic {
  vec4 layerBottom0_um;   // bottoms of layers 0..3, µm below the surface
  vec4 layerBottom1_um;   // bottoms of layers 4..7
  // The serum grid (the tissue block, centred under the origin), 4 x cells per texel.
  int texelsPerRow;       // texels per x row (x padded to a multiple of 4)
  int cellsX;
  int cellsY;
  int cellsZ;
  float fieldWidth_mm;    // the block's width in x and in y (the domain is square)
  float fieldDepth_mm;    // its extent in depth (z)
  float optimalDermalDose_um;  // the dermal dose (µm) at which the coverage map reads 1
  float closureHalfLife_s;     // channel closure half-life: puncture marks fade with it
  // Surface meshes: the healing atlas over the UVs, and the chart's scale.
  ivec2 atlasCells;       // healing texels across u and v; (0, 0): the healing buffer holds the block's columns
  vec2 chart_mm;          // mm on the skin per unit of u and v (pore detail); (0, 0) on the patch
  // The coverage map's over-treated colour: punctures per mm² beyond this
  // (pen::overTreatmentDensity_per_mm2, the limit technique feedback uses).
  float overTreatedDensity_per_mm2;
  float swellingFull_mm;  // the skin's rise at full oedema (healing.swelling_full_mm)
  float patchWidth_mm;    // the patch's visible width (its chart's mm per unit of u, v); 0 on a mesh
  float padding3;
};

// Micro view: a magnified slice of the tissue block under the pen, drawn into an
// inset viewport (x across, depth down). Push constants.
struct MicroPush {
  float left_mm;          // the window: x at its left and right edges (mm)
  float right_mm;
  float top_um;           // depth at its top and bottom edges (µm below the surface)
  float bottom_um;
  int sliceY;             // y cell of the slice
  float fieldScaleMax;    // concentration at the top of the colour scale
  int layerCount;         // tissue layers coloured (8 at most)
  float channelDepth_um;  // the channels' depth, marked by a dashed line (0: none yet)
};

// Background gradient pass (push constants): display-encoded (sRGB) colours at the
// top and bottom of the frame; alpha unused.
struct BackgroundPush {
  vec4 topColor;
  vec4 bottomColor;
};

// The pen: lit, vertex-coloured solid geometry (push constants).
struct SolidPush {
  mat4 viewProj;
  mat4 model;             // the solid's frame in the scene
};

#ifdef __cplusplus
static_assert(sizeof(SkinPush) <= 128, "SkinPush: push constants beyond 128 bytes are not guaranteed");
static_assert(sizeof(SkinPush) == 112);
static_assert(offsetof(SkinPush, lightDirection) == 64 && offsetof(SkinPush, wrapLighting) == 76);
static_assert(offsetof(SkinPush, layerCount) == 80 && offsetof(SkinPush, fieldScaleMax) == 96);
static_assert(sizeof(SkinStatic) == 96, "SkinStatic: std140 size (a multiple of 16)");
static_assert(offsetof(SkinStatic, texelsPerRow) == 32 && offsetof(SkinStatic, fieldWidth_mm) == 48);
static_assert(offsetof(SkinStatic, atlasCells) == 64 && offsetof(SkinStatic, chart_mm) == 72);
static_assert(sizeof(MicroPush) == 32 && offsetof(MicroPush, sliceY) == 16);
static_assert(sizeof(BackgroundPush) == 32 && sizeof(SolidPush) == 128);
#endif

// ---- Simulation passes (engine/sim). Push constants (std430) of 4-byte scalars
// only, so every offset is the same in GLSL and C++ without alignment traps; the
// static_asserts below pin them. Flags are ints (0/1). Spacings in µm, times in s.

// Diffusion passes (explicit step and the three implicit line solves) on rgba32f
// texel buffers: each texel holds 4 consecutive x cells (lavapipe fetches rgba32f
// texels vectorised), x padded to a multiple of 4 (sim::PaddedLayout). The state is
// the activity u = C / K (K: partition coefficient, the capacity), which is
// continuous across layer interfaces; the conductance G = D·K sets the fluxes.
struct DiffusionPush {
  int texelsPerRow;            // texels per x row: padded cells in x / 4
  int cellsY;
  int cellsZ;
  float invHx2;                // 1/hx² (µm⁻²)
  float invHy2;                // 1/hy²
  float invHz2;                // 1/hz²
  float dt_s;                  // the time step
  float surfaceConcentration;  // u of the vehicle at the surface while it is held
  int surfaceHeld;             // 1: serum on the skin, u = surfaceConcentration half a cell above z = 0
  int bottomSink;              // 1: a perfect sink below the last cell; 0: no flux
  float activityFloor;         // |u| below it is stored as 0 (sim::activityFloor: no denormals)
};

// One needle channel to stamp into the openness field, in grid coordinates: µm
// from the grid's corner in x and y, µm below the skin surface in z (+z down).
// The channel is the capsule from `entry` along `axis` for `length`, swept by `drag`.
// A storage-buffer element (std430: three vec4, 48 bytes), written by sim/channel_stamp.
struct ChannelStampGpu {
  vec4 entryAndRadius;   // xyz: entry point (µm), w: radius (µm)
  vec4 axisAndLength;    // xyz: unit axis into the tissue, w: length (µm)
  vec4 drag;             // xyz: lateral drag while in the skin (µm), w: unused
};

// Channel stamping: one invocation per cell of a stamp's bounding box per stamp.
struct ChannelStampPush {
  int cellsX;            // the grid's cells (unpadded): cells outside are skipped
  int cellsY;
  int cellsZ;
  int paddedCellsX;      // row length of the openness field (x padded to a multiple of 4)
  float hx_um;           // cell spacing
  float hy_um;
  float hz_um;
  int boxX;              // cells of every stamp's bounding box in x, y and z
  int boxY;
  int boxZ;
  int stampCount;        // stamps in the buffer
};

// The tissue rebuild (G, K from the openness): one invocation per texel.
struct TissueUpdatePush {
  int texelsPerRow;      // as DiffusionPush
  int cellsY;
  int cellsZ;
  int cellsX;            // unpadded: lanes at x ≥ cellsX are padding (walls)
  float channelDiffusivity_um2_s;  // D of an open channel (filled with vehicle)
};

// Healing (docs/healing-model.md). Per skin-surface column of the serum grid,
// NS_HEALING_STRIDE (3) vec4: a = (erythema stimulus S, erythema E, dermal dose µm,
// deepest channel µm), b = (bleeding until s, first injury s, punctures per mm² (over
// a 0.25 mm² disc), -), c = (oedema stimulus W, oedema O, -, -). Deposits (what new
// punctures add) come from the CPU in the same layout: a = (ΔS, Δdose, depth, -),
// b = (bleed until, injury time, Δ punctures per mm², -), c unused (the oedema
// stimulus is the erythema's ΔS × oedemaPerStimulus: the same flare of the same injury).
#define NS_HEALING_STRIDE 3
struct HealingPush {
  int steppedColumns;    // columns stepped: touchedWidth · touchedHeight (MODE 0 invocations)
  int opennessCells;     // cells of the openness field (padded) to decay (MODE 1 invocations)
  int columnsPerRow;     // columns per row of the surface grid (its nx)
  int depositsFresh;     // 1: the deposits buffer holds new deposits for the pending rectangle
  int touchedX0;         // the columns ever reached (the rest stay zero): first column,
  int touchedY0;
  int touchedWidth;      // and extent
  int touchedHeight;
  int pendingX0;         // where the new deposits are: [x0, x1) × [y0, y1)
  int pendingY0;
  int pendingX1;
  int pendingY1;
  float dt_s;
  float opennessDecay;   // factor every channel's openness is multiplied by over dt
  float onsetTau_s;      // erythema onset τ
  float resolveTauBase_s;   // erythema resolution τ at zero depth
  float resolveTauPerUm_s;  // extra resolution τ per µm of the deepest channel
  float oedemaRiseTau_s;       // oedema: the stimulus W feeds O with this τ (the rise)
  float oedemaTauBase_s;       // oedema resolution τ at zero depth
  float oedemaTauPerUm_s;      // extra oedema resolution τ per µm of the deepest channel
  float oedemaPerStimulus;     // W deposited per unit of erythema stimulus ΔS
};

#ifdef __cplusplus
static_assert(sizeof(DiffusionPush) == 44 && offsetof(DiffusionPush, invHx2) == 12);
static_assert(offsetof(DiffusionPush, activityFloor) == 40);
static_assert(offsetof(DiffusionPush, dt_s) == 24 && offsetof(DiffusionPush, bottomSink) == 36);
static_assert(sizeof(ChannelStampGpu) == 48 && offsetof(ChannelStampGpu, drag) == 32);
static_assert(sizeof(ChannelStampPush) == 44 && offsetof(ChannelStampPush, hx_um) == 16);
static_assert(offsetof(ChannelStampPush, boxX) == 28 && offsetof(ChannelStampPush, stampCount) == 40);
static_assert(sizeof(TissueUpdatePush) == 20 && offsetof(TissueUpdatePush, channelDiffusivity_um2_s) == 16);
static_assert(sizeof(HealingPush) == 84 && offsetof(HealingPush, touchedX0) == 16);
static_assert(offsetof(HealingPush, pendingX0) == 32 && offsetof(HealingPush, dt_s) == 48);
static_assert(offsetof(HealingPush, resolveTauPerUm_s) == 64 && offsetof(HealingPush, oedemaPerStimulus) == 80);
#endif

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

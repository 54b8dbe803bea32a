#pragma once
// The scene: tissue layers, simulation domain, serum, pen, healing and time, as
// plain data with units in the names. Loaded from the scene JSON contract
// (../shared/product.md); defaults live in scenes/ with their sources.
#include <array>
#include <string>
#include <vector>

namespace ns::scene {

struct Layer {
  std::string name;
  double thickness_um = 0;
  double diffusivity_um2_s = 0;
  double partition = 1.0;  // tissue/vehicle partition coefficient (1 = equal)
  std::string source;      // citation for the numbers, from the scene file
};

struct Tissue {
  std::string region = "cheek";
  std::string skin_type = "thin";  // thin | thick: picks the recommended depth range
  int fitzpatrick = 0;             // skin type I..VI as 1..6 (0: not given; drawn between I and II)
  std::vector<Layer> layers;
  double totalThickness_um() const;
  // Index of the layer at depth z (µm below the surface); past the last layer, the last.
  size_t layerAtDepth(double depth_um) const;
};

enum class BottomBoundary { NoFlux, Sink };

struct Domain {
  double width_mm = 4.0;
  double depth_mm = 2.0;
  std::array<int, 3> cells{64, 64, 128};  // x, y (lateral), z (depth)
  BottomBoundary bottom = BottomBoundary::NoFlux;
};

// The serum's own transport in one tissue layer (matched by the layer's name):
// it replaces the tissue's values there while this serum is on the skin.
struct SerumLayer {
  std::string layer;
  double diffusivity_um2_s = 0;
  double partition = 1.0;
};

// What is on the skin. From the library (`serum.ref`: scenes/serums/<ref>.json,
// docs/serum-library.md) or given inline (the older form: a name and a channel
// diffusivity over the tissue's own layer values).
struct Serum {
  std::string name = "hyaluronic_acid_low_mw";  // the library's file name without .json when from the library
  std::string ref;                              // the library entry it came from (empty: inline)
  std::string title;                            // in words, for panels
  double molecular_weight_da = 0;               // 0: not given (inline serums)
  double hydrodynamic_radius_nm = 0;            // 0: not given
  double surface_concentration = 1.0;
  double applied_concentration_percent = 0;     // the product's strength (0: not given): turns uptake into µg/cm²
  double channel_diffusivity_um2_s = 300;
  double applied_at_s = 0;
  double removed_after_s = 14400;  // the serum stays on the skin this long, then no flux
  std::vector<SerumLayer> layers;  // per layer, over the tissue's values (empty: the tissue's)
  // Growth factors (PRP, growth-factor serums): the collagen a channel induces is
  // multiplied by up to this when the serum reached it while it was open (1: none).
  double collagen_factor = 1.0;
  bool afterNeedling = false;  // applied on the freshly needled skin, not before (PRP)
};

// Whether the serum is on the skin at simulated time t: from applied_at_s for
// removed_after_s (the surface is then held at its concentration; before and
// after, the skin is dry and the surface has no flux).
bool serumOnSkin(const Serum& serum, double time_s);
// The two times the surface condition changes: applied, removed.
std::array<double, 2> serumChanges_s(const Serum& serum);

struct Pen {
  int needles = 12;
  std::string layout = "grid";      // grid (rows × columns, as square as possible) | circle
  double needle_pitch_mm = 0.6;     // spacing between neighbouring needles in the cartridge
  double needle_diameter_um = 200;
  double depth_mm = 0.5;            // the dial
  double dial_step_mm = 0.25;       // dial settings: 0, step, 2 step, ... up to dial_max_mm
  double dial_max_mm = 2.5;
  double frequency_hz = 110;
  double penetration_efficiency = 0.6;
  double duty = 0.5;                // fraction of a motor cycle the needles spend in the skin
};

// The healing response (docs/healing-model.md has the equations and sources).
struct Healing {
  double closure_half_life_s = 1800;        // channel openness halves in this time
  bool occluded = false;
  double occluded_half_life_factor = 12;    // occlusion slows closure by this factor
  double erythema_onset_s = 600;            // redness rises within minutes
  double erythema_resolve_base_s = 51840;   // resolution time constant at zero depth (0.6 d)
  double erythema_resolve_per_mm_s = 93312; // ... plus this per mm of channel depth (1.08 d/mm)
  double erythema_per_mm = 0.5;             // stimulus per mm of channel below the stratum corneum
  double flare_radius_mm = 0.5;             // redness spreads this far around a puncture
  double hemostasis_s = 300;                // pinpoint bleeding stops after this
  double optimal_dermal_dose_um = 1000;     // injured dermal volume per area that saturates collagen
  double over_treatment_factor = 3;         // dose beyond this × optimal is flagged
  // Oedema (swelling): W' = −W/τ_rise, O' = W/τ_rise − O/τ_res(depth); sources in
  // docs/healing-model.md and scenes/default.json. Peaks ~3 h after; gone (10 % of
  // the peak) by ~48 h at 0.5 mm dial, ~72 h at 1.5 mm.
  double oedema_rise_s = 3600;              // the rise: swelling builds over the first hours
  double oedema_resolve_base_s = 50000;     // resolution τ at zero depth (13.9 h)
  double oedema_resolve_per_mm_s = 61600;   // ... plus this per mm of actual channel depth (17.1 h/mm)
  double oedema_per_mm = 0.03;              // stimulus per mm of channel below the stratum corneum [A]
  double swelling_full_mm = 0.4;            // surface rise at full oedema (index 1) [A]: no measured size
  // Elastic fibres: the mature elastin index lags collagen (flat through month 3,
  // up by month 6); elastin_fraction scales it against collagen [A].
  double elastin_lag_s = 90 * 86400.0;      // no change in total elastin through 3 months
  double elastin_full_s = 180 * 86400.0;    // increase seen at 6 months (Aust 2008)
  double elastin_fraction = 1.0;            // [A] the size at 6 months, relative to collagen's
};

// A treatment course: the recorded treatment repeated `sessions` times,
// `interval_days` apart (sessions 2–6 weeks apart in trials, monthly in the
// SkinPen study; the accepted range is README's "Limits on input").
struct Course {
  int sessions = 1;
  double interval_days = 28;
};

struct Time {
  double scale = 1.0;
};

// A grid of channels already open when the scene starts (a patch needled a moment
// before), so serum uptake can be shown without a pen. Off unless the scene says.
struct Pretreatment {
  bool enabled = false;
  double spacing_mm = 0.5;
  double depth_um = 450;
  double diameter_um = 100;
};

// Numerical settings of the diffusion solver (see sim/diffusion_solver.h).
struct SolverConfig {
  std::string scheme = "auto";      // auto | explicit | lod
  int max_explicit_substeps = 8;
  double lod_step_factor = 25.0;    // LOD step ≤ this × the explicit stability limit
  double batch_chunk_s = 5.0;       // headless --sim-seconds advances in chunks of this
};

// What a lesson or the scene asks of the trainee (technique feedback).
struct Training {
  std::vector<std::string> no_go_regions;  // needling in these regions is a no-go
  // On a mesh, the area being treated (coverage, evenness, the untreated share) is the
  // square of this width on the skin around the first puncture — a practice spot, as
  // the patch's square is — instead of every region needled (0: the regions, a full
  // treatment).
  double zone_width_mm = 0;
};

struct Scene {
  std::string path;  // where it came from ("<built-in default>" for the default)
  std::string name;
  Tissue tissue;
  Domain domain;
  Serum serum;
  Pen pen;
  Healing healing;
  Course course;
  Time time;
  Pretreatment pretreatment;
  SolverConfig solver;
  Training training;
  std::string surfaceMesh;  // `surface.mesh`: a mesh file shown as the skin (path resolved against the scene file)
};

struct LoadResult {
  bool ok = false;
  std::string error;                  // one line: file: key: expectation
  std::vector<std::string> warnings;  // e.g. unknown keys
};

// Parses scene JSON text; `path` is only used in messages.
LoadResult parseScene(const std::string& text, const std::string& path, Scene& scene);
LoadResult loadScene(const std::string& path, Scene& scene);
// The built-in default scene: the cheek patch in scenes/default.json, embedded.
Scene defaultScene();
std::string defaultSceneText();  // its JSON (a key may be set in it: --compare)

const char* bottomBoundaryName(BottomBoundary bottom);

// --- The serum library (scene/serum_json.cpp) ---------------------------------
// A serum named `ref` is scenes/serums/<ref>.json: looked for in `serums/` beside
// `anchorPath` (a scene or lesson file) and one folder up, then in the library
// compiled into the program (the repository's scenes/serums). Every number in a
// serum file names its source ("sources": {key: text}, a "source" per layer) or is
// refused; errors are one line naming the serum file and the key.
LoadResult parseSerum(const std::string& text, const std::string& path, const std::string& ref, Serum& serum);
LoadResult loadSerumRef(const std::string& ref, const std::string& anchorPath, Serum& serum);
// The serums `anchorPath` can refer to, sorted: the built-in library and any files
// found beside it.
std::vector<std::string> serumNames(const std::string& anchorPath);
// The tissue as this serum sees it: each layer the serum names takes the serum's
// diffusivity and partition.
Tissue tissueWithSerum(const Tissue& tissue, const Serum& serum);

}  // namespace ns::scene

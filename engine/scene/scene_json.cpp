// Scene JSON → Scene, with one clear line per problem: "file: key: expected …, got …".
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "scene/json_reader.h"
#include "scene/scene.h"

namespace ns::scene {
namespace {

using nlohmann::json;
using detail::ObjectReader;
using detail::SceneError;


const json& objectAt(ObjectReader& parent, const char* key) {
  const json& value = parent.required(key);
  if (!value.is_object())
    throw SceneError{parent.keyPath(key) + ": expected an object, got " + core::jsonExcerpt(value)};
  return value;
}

void readTissue(const json& node, Tissue& tissue, std::vector<std::string>& warnings) {
  ObjectReader reader(node, "tissue", warnings);
  tissue.region = reader.text("region", "cheek", false);
  tissue.skin_type = reader.text("skin_type", "thin", false);
  if (tissue.skin_type != "thin" && tissue.skin_type != "thick")
    throw SceneError{"tissue.skin_type: expected \"thin\" or \"thick\", got \"" + core::textExcerpt(tissue.skin_type) + "\""};
  double type = reader.number("fitzpatrick", 0, false, 1, false, 6, "Fitzpatrick skin type 1..6 (I..VI)");
  if (type != int(type)) throw SceneError{"tissue.fitzpatrick: expected a whole number 1..6 (I..VI), got " + std::to_string(type)};
  tissue.fitzpatrick = int(type);
  const json& layers = reader.required("layers");
  if (!layers.is_array() || layers.empty())
    throw SceneError{"tissue.layers: expected a non-empty array of layers, got " + core::jsonExcerpt(layers)};
  tissue.layers.clear();
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string path = "tissue.layers[" + std::to_string(i) + "]";
    if (!layers[i].is_object()) throw SceneError{path + ": expected an object, got " + core::jsonExcerpt(layers[i])};
    ObjectReader layerReader(layers[i], path, warnings);
    Layer layer;
    layer.name = layerReader.text("name", "", true);
    layer.thickness_um = layerReader.number("thickness_um", 0, true, 0, true, 1e5, "µm");
    layer.diffusivity_um2_s =
        layerReader.number("diffusivity_um2_s", 0, true, 0, true, 1e6, "µm²/s");
    layer.partition = layerReader.number("partition", 1.0, false, 0, true, 1e3, "dimensionless");
    layer.source = layerReader.text("source", "", false);
    layerReader.warnUnknown();
    tissue.layers.push_back(layer);
  }
  reader.warnUnknown();
}

void readDomain(const json& node, Domain& domain, std::vector<std::string>& warnings) {
  ObjectReader reader(node, "domain", warnings);
  domain.width_mm = reader.number("width_mm", 0, true, 0, true, 1000, "mm");
  domain.depth_mm = reader.number("depth_mm", 0, true, 0, true, 1000, "mm");
  const json& cells = reader.required("cells");
  bool valid = cells.is_array() && cells.size() == 3;
  for (size_t i = 0; valid && i < 3; ++i)
    valid = cells[i].is_number_integer() && cells[i].get<long long>() >= 1 &&
            cells[i].get<long long>() <= 4096;
  if (!valid)
    throw SceneError{"domain.cells: expected three integers [x, y, z], each 1..4096, got " + core::jsonExcerpt(cells)};
  for (int i = 0; i < 3; ++i) domain.cells[i] = cells[i].get<int>();
  long long total = 1LL * domain.cells[0] * domain.cells[1] * domain.cells[2];
  if (total > 64LL * 1024 * 1024)
    throw SceneError{"domain.cells: expected at most 67108864 cells in all, got " + std::to_string(total)};
  std::string bottom = reader.text("bottom", "no_flux", false);
  if (bottom == "no_flux")
    domain.bottom = BottomBoundary::NoFlux;
  else if (bottom == "sink")
    domain.bottom = BottomBoundary::Sink;
  else
    throw SceneError{"domain.bottom: expected \"no_flux\" or \"sink\", got \"" + core::textExcerpt(bottom) + "\""};
  reader.warnUnknown();
}

// "serum" (optional).
void readSerumSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("serum")) return;
  ObjectReader r(objectAt(root, "serum"), "serum", warnings);
  if (r.has("ref")) {  // the library's values first; keys beside the ref override them
    std::string ref = r.text("ref", "", true);
    LoadResult library = loadSerumRef(ref, scene.path, scene.serum);
    if (!library.ok) {
      // A bad serum file names itself; an unknown name is the scene's key.
      if (library.error.rfind("expected", 0) == 0) throw SceneError{"serum.ref: " + library.error};
      throw SceneError{"serum.ref \"" + core::textExcerpt(ref) + "\": " + library.error};
    }
    for (auto& w : library.warnings) warnings.push_back(w);
    if (r.has("name")) {
      r.text("name", "", false);
      warnings.push_back("serum.name: ignored beside serum.ref (a library serum is named by its file)");
    }
  } else {
    scene.serum.name = r.text("name", scene.serum.name, false);
  }
  scene.serum.surface_concentration =
      r.number("surface_concentration", scene.serum.surface_concentration, false, 0, false, 1e6, "relative units");
  scene.serum.channel_diffusivity_um2_s = r.number(
      "channel_diffusivity_um2_s", scene.serum.channel_diffusivity_um2_s, false, 0, true, 1e6, "µm²/s");
  scene.serum.applied_at_s = r.number("applied_at_s", scene.serum.applied_at_s, false, 0, false, 1e9, "s");
  scene.serum.removed_after_s = r.number("removed_after_s", scene.serum.removed_after_s, false, 0, true, 1e9, "s");
  scene.serum.molecular_weight_da = r.number("molecular_weight_da", scene.serum.molecular_weight_da, false, 0, false, 1e9, "Da");
  scene.serum.collagen_factor = r.number("collagen_factor", scene.serum.collagen_factor, false, 1, false, 10, "× collagen, at least 1");
  r.warnUnknown();
}

// "pen" (optional).
void readPenSection(ObjectReader& root, const json& doc, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("pen")) return;
  ObjectReader r(objectAt(root, "pen"), "pen", warnings);
  double needles = r.number("needles", scene.pen.needles, false, 1, false, 256, "count");
  if (needles != static_cast<int>(needles))
    throw SceneError{"pen.needles: expected a whole number of needles, got " + core::jsonExcerpt(doc["pen"]["needles"])};
  scene.pen.needles = static_cast<int>(needles);
  scene.pen.layout = r.text("layout", scene.pen.layout, false);
  if (scene.pen.layout != "grid" && scene.pen.layout != "circle")
    throw SceneError{"pen.layout: expected \"grid\" or \"circle\", got \"" + core::textExcerpt(scene.pen.layout) + "\""};
  scene.pen.needle_pitch_mm = r.number("needle_pitch_mm", scene.pen.needle_pitch_mm, false, 0, true, 20, "mm");
  scene.pen.needle_diameter_um = r.number("needle_diameter_um", scene.pen.needle_diameter_um, false, 0, true, 2000, "µm");
  scene.pen.dial_step_mm = r.number("dial_step_mm", scene.pen.dial_step_mm, false, 0, true, 5, "mm");
  scene.pen.dial_max_mm = r.number("dial_max_mm", scene.pen.dial_max_mm, false, 0, true, 5, "mm");
  scene.pen.depth_mm = r.number("depth_mm", scene.pen.depth_mm, false, 0, false, scene.pen.dial_max_mm, "mm, within the dial");
  scene.pen.duty = r.number("duty", scene.pen.duty, false, 0, true, 1, "fraction of a cycle");
  scene.pen.frequency_hz = r.number("frequency_hz", scene.pen.frequency_hz, false, 0, true, 1000, "Hz");
  scene.pen.penetration_efficiency =
      r.number("penetration_efficiency", scene.pen.penetration_efficiency, false, 0, true, 1, "actual/dial depth");
  r.warnUnknown();
}

// "healing" (optional).
void readHealingSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("healing")) return;
  ObjectReader r(objectAt(root, "healing"), "healing", warnings);
  scene.healing.closure_half_life_s =
      r.number("closure_half_life_s", scene.healing.closure_half_life_s, false, 0, true, 1e9, "s");
  scene.healing.occluded = r.boolean("occluded", scene.healing.occluded);
  // Each > 0 and at most 1e9 in its unit (s, mm, µm, or a factor): finite and
  // physical (README, "Limits on input").
  auto positive = [&](const char* key, double& value, const char* unit) {
    value = r.number(key, value, false, 0, true, 1e9, unit);
  };
  auto& h = scene.healing;
  positive("occluded_half_life_factor", h.occluded_half_life_factor, "x");
  positive("erythema_onset_s", h.erythema_onset_s, "s");
  positive("erythema_resolve_base_s", h.erythema_resolve_base_s, "s");
  h.erythema_resolve_per_mm_s = r.number("erythema_resolve_per_mm_s", h.erythema_resolve_per_mm_s, false, 0, false, 1e9, "s/mm");
  positive("erythema_per_mm", h.erythema_per_mm, "per mm");
  positive("flare_radius_mm", h.flare_radius_mm, "mm");
  positive("hemostasis_s", h.hemostasis_s, "s");
  positive("optimal_dermal_dose_um", h.optimal_dermal_dose_um, "um");
  positive("over_treatment_factor", h.over_treatment_factor, "x");
  positive("oedema_rise_s", h.oedema_rise_s, "s");
  positive("oedema_resolve_base_s", h.oedema_resolve_base_s, "s");
  h.oedema_resolve_per_mm_s = r.number("oedema_resolve_per_mm_s", h.oedema_resolve_per_mm_s, false, 0, false, 1e9, "s/mm");
  h.oedema_per_mm = r.number("oedema_per_mm", h.oedema_per_mm, false, 0, false, 1e9, "per mm");
  h.swelling_full_mm = r.number("swelling_full_mm", h.swelling_full_mm, false, 0, false, 2, "mm");
  positive("elastin_lag_s", h.elastin_lag_s, "s");
  h.elastin_full_s = r.number("elastin_full_s", h.elastin_full_s, false, h.elastin_lag_s, true, 1e9, "s, after elastin_lag_s");
  h.elastin_fraction = r.number("elastin_fraction", h.elastin_fraction, false, 0, false, 10, "x collagen");
  if (!(h.elastin_full_s > h.elastin_lag_s))
    throw SceneError{"healing.elastin_full_s: expected a time after healing.elastin_lag_s, got " + std::to_string(h.elastin_full_s)};
  r.warnUnknown();
}

// "course" (optional): the recorded treatment repeated. Sessions 1–12; 7–180 days
// apart (trials space sessions 2–6 weeks apart; 6 months is the longest follow-up
// the sources report).
void readCourseSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("course")) return;
  ObjectReader r(objectAt(root, "course"), "course", warnings);
  double sessions = r.number("sessions", scene.course.sessions, true, 1, false, 12, "sessions, a whole number 1..12");
  if (sessions != int(sessions))
    throw SceneError{"course.sessions: expected a whole number of sessions 1..12, got " + std::to_string(sessions)};
  scene.course.sessions = int(sessions);
  scene.course.interval_days = r.number("interval_days", scene.course.interval_days, true, 7, false, 180, "days between sessions, 7..180");
  r.warnUnknown();
}

// "pretreatment" (optional).
void readPretreatmentSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("pretreatment")) return;
  ObjectReader r(objectAt(root, "pretreatment"), "pretreatment", warnings);
  scene.pretreatment.enabled = true;
  scene.pretreatment.spacing_mm = r.number("spacing_mm", scene.pretreatment.spacing_mm, true, 0.05, false, 100, "mm");
  scene.pretreatment.depth_um = r.number("depth_um", scene.pretreatment.depth_um, true, 0, true, 5000, "µm");
  scene.pretreatment.diameter_um = r.number("diameter_um", scene.pretreatment.diameter_um, true, 0, true, 2000, "µm");
  r.warnUnknown();
}

// "solver" (optional).
void readSolverSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("solver")) return;
  ObjectReader r(objectAt(root, "solver"), "solver", warnings);
  std::string scheme = r.text("scheme", scene.solver.scheme, false);
  if (scheme != "auto" && scheme != "explicit" && scheme != "lod")
    throw SceneError{"solver.scheme: expected \"auto\", \"explicit\" or \"lod\", got \"" + core::textExcerpt(scheme) + "\""};
  scene.solver.scheme = scheme;
  scene.solver.max_explicit_substeps =
      int(r.number("max_explicit_substeps", scene.solver.max_explicit_substeps, false, 1, false, 100000, "steps"));
  scene.solver.lod_step_factor = r.number("lod_step_factor", scene.solver.lod_step_factor, false, 1, false, 1e6, "× explicit limit");
  scene.solver.batch_chunk_s = r.number("batch_chunk_s", scene.solver.batch_chunk_s, false, 0, true, 1e6, "s");
  r.warnUnknown();
}

// "training" (optional).
void readTrainingSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("training")) return;
  ObjectReader r(objectAt(root, "training"), "training", warnings);
  if (r.has("no_go_regions")) {
    const json& list = r.required("no_go_regions");
    if (!list.is_array()) throw SceneError{"training.no_go_regions: expected an array of region names, got " + core::jsonExcerpt(list)};
    for (auto& item : list) {
      if (!item.is_string()) throw SceneError{"training.no_go_regions: expected region names (strings), got " + core::jsonExcerpt(item)};
      scene.training.no_go_regions.push_back(item.get<std::string>());
    }
  }
  scene.training.zone_width_mm = r.number("zone_width_mm", scene.training.zone_width_mm, false, 0, true, 1000, "mm");
  r.warnUnknown();
}

// "surface" (optional).
void readSurfaceSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("surface")) return;
  ObjectReader r(objectAt(root, "surface"), "surface", warnings);
  std::string mesh = r.text("mesh", "", true);
  std::filesystem::path resolved(mesh);
  if (resolved.is_relative() && !scene.path.empty() && scene.path[0] != '<')
    resolved = std::filesystem::path(scene.path).parent_path() / resolved;
  scene.surfaceMesh = resolved.lexically_normal().string();
  r.warnUnknown();
}

// "time" (optional).
void readTimeSection(ObjectReader& root, Scene& scene, std::vector<std::string>& warnings) {
  if (!root.has("time")) return;
  ObjectReader r(objectAt(root, "time"), "time", warnings);
  scene.time.scale = r.number("scale", scene.time.scale, false, 0, false, 1e9, "simulated s per wall s");
  r.warnUnknown();
}

// The optional sections, each read by its own function.
void readOptionalSections(ObjectReader& root, const json& doc, Scene& scene,
                          std::vector<std::string>& warnings) {
  readSerumSection(root, scene, warnings);
  readPenSection(root, doc, scene, warnings);
  readHealingSection(root, scene, warnings);
  readCourseSection(root, scene, warnings);
  readPretreatmentSection(root, scene, warnings);
  readSolverSection(root, scene, warnings);
  readTrainingSection(root, scene, warnings);
  readSurfaceSection(root, scene, warnings);
  readTimeSection(root, scene, warnings);
}

}  // namespace

LoadResult parseScene(const std::string& text, const std::string& path, Scene& scene) {
  LoadResult result;
  // Depth-limited (core/json_limits.h): a document 100 000 levels deep is refused
  // while it is read, never built (the library's printer recurses). Never throws:
  // 1e309 is a parse error too (found by fuzzing).
  core::JsonParse parsedDoc = core::parseJson(text);
  if (!parsedDoc.ok) {
    result.error = path + ": not valid JSON: " + parsedDoc.error;
    return result;
  }
  json doc = std::move(parsedDoc.value);
  try {
    if (!doc.is_object()) throw SceneError{"(top level): expected a JSON object"};
    Scene parsed;
    parsed.path = path;
    ObjectReader root(doc, "", result.warnings);
    parsed.name = root.text("name", "", false);
    readTissue(objectAt(root, "tissue"), parsed.tissue, result.warnings);
    readDomain(objectAt(root, "domain"), parsed.domain, result.warnings);
    readOptionalSections(root, doc, parsed, result.warnings);
    root.warnUnknown();
    scene = std::move(parsed);
    result.ok = true;
  } catch (const SceneError& e) {
    result.error = path + ": " + e.message;
  } catch (const json::exception& e) {
    result.error = path + ": " + e.what();
  }
  for (auto& warning : result.warnings) warning = path + ": " + warning;
  return result;
}

}  // namespace ns::scene

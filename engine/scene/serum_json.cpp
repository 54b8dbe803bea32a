// The serum library: scenes/serums/<name>.json → Serum. A serum file is data a
// trainer trusts, so every number must say where it comes from: "sources" holds a
// text per top-level number and each layer carries its own "source" (a citation,
// "[D] derived: ..." or "[A] assumption: ..."); a number without one is refused.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "core/files.h"
#include "scene/json_reader.h"
#include "scene/scene.h"

namespace ns::scene {
namespace {

using nlohmann::json;
using detail::ObjectReader;
using detail::SceneError;

struct EmbeddedSerum {
  const char* name;
  const char* bytes;
  size_t size;
};

// The repository's scenes/serums/*.json, compiled in (engine/scene/CMakeLists.txt).
#include "serum_library.inc"

// Layer names a serum may give values for: the layers of every scene in scenes/.
constexpr const char* kLayerNames[] = {"stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis",
                                       "hypodermis"};

// The source text given for a top-level number, or an error naming the key.
void requireSource(const json& doc, const char* key) {
  if (!doc.contains(key)) return;
  const json* sources = doc.contains("sources") ? &doc.at("sources") : nullptr;
  if (!sources || !sources->is_object() || !sources->contains(key) || !sources->at(key).is_string() ||
      sources->at(key).get<std::string>().empty())
    throw SceneError{std::string("sources.") + key + ": expected a source for " + key +
                     " (a citation, \"[D] ...\" derived or \"[A] ...\" assumption)"};
}

void readSerum(const json& doc, Serum& serum, std::vector<std::string>& warnings) {
  if (!doc.is_object()) throw SceneError{"(top level): expected a JSON object"};
  ObjectReader r(doc, "", warnings);
  serum.title = r.text("title", "", true);
  const char* numbers[] = {"molecular_weight_da", "hydrodynamic_radius_nm", "surface_concentration",
                           "channel_diffusivity_um2_s", "removed_after_s", "collagen_factor",
                           "applied_concentration_percent"};
  for (const char* key : numbers) requireSource(doc, key);
  serum.molecular_weight_da = r.number("molecular_weight_da", 0, true, 0, true, 1e9, "Da");
  serum.hydrodynamic_radius_nm = r.number("hydrodynamic_radius_nm", 0, true, 0, true, 1e4, "nm");
  serum.surface_concentration = r.number("surface_concentration", 1.0, false, 0, true, 1e6, "relative units");
  serum.applied_concentration_percent =
      r.number("applied_concentration_percent", 0, false, 0, false, 100, "% w/w in the product (0: not given)");
  serum.channel_diffusivity_um2_s = r.number("channel_diffusivity_um2_s", 0, true, 0, true, 1e6, "µm²/s");
  serum.removed_after_s = r.number("removed_after_s", serum.removed_after_s, true, 0, true, 1e9, "s on the skin");
  serum.collagen_factor = r.number("collagen_factor", 1.0, false, 1.0, false, 10, "× collagen, at least 1");
  std::string applied = r.text("applied", "before_needling", false);
  if (applied != "before_needling" && applied != "after_needling")
    throw SceneError{"applied: expected \"before_needling\" or \"after_needling\", got \"" + core::textExcerpt(applied) + "\""};
  serum.afterNeedling = applied == "after_needling";
  const json& layers = r.required("layers");
  if (!layers.is_object() || layers.empty())
    throw SceneError{"layers: expected an object of layer name -> {diffusivity_um2_s, partition, source}"};
  serum.layers.clear();
  for (auto& [name, value] : layers.items()) {
    std::string path = "layers." + name;
    if (std::find(std::begin(kLayerNames), std::end(kLayerNames), name) == std::end(kLayerNames))
      throw SceneError{path + ": expected a layer name (stratum_corneum, viable_epidermis, papillary_dermis, "
                              "reticular_dermis, hypodermis)"};
    if (!value.is_object()) throw SceneError{path + ": expected an object, got " + core::jsonExcerpt(value)};
    ObjectReader lr(value, path, warnings);
    SerumLayer layer;
    layer.layer = name;
    layer.diffusivity_um2_s = lr.number("diffusivity_um2_s", 0, true, 0, true, 1e6, "µm²/s");
    layer.partition = lr.number("partition", 1.0, false, 0, true, 1e3, "tissue/vehicle");
    if (!value.contains("source") || !value.at("source").is_string() || value.at("source").get<std::string>().empty())
      throw SceneError{path + ".source: expected a source for the layer's numbers"};
    lr.warnUnknown();
    serum.layers.push_back(layer);
  }
  r.warnUnknown();
}

const EmbeddedSerum* embedded(const std::string& ref) {
  for (const EmbeddedSerum& e : kEmbeddedSerums)
    if (ref == e.name) return &e;
  return nullptr;
}

// Folders beside the anchor file where serum files are looked for.
std::vector<std::filesystem::path> searchDirs(const std::string& anchorPath) {
  if (anchorPath.empty() || anchorPath[0] == '<') return {};
  std::filesystem::path dir = std::filesystem::path(anchorPath).parent_path();
  if (dir.empty()) dir = ".";
  return {dir / "serums", dir / ".." / "serums"};
}

bool validName(const std::string& ref) {
  return !ref.empty() && std::all_of(ref.begin(), ref.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

LoadResult parseSerum(const std::string& text, const std::string& path, const std::string& ref, Serum& serum) {
  LoadResult result;
  core::JsonParse parsedDoc = core::parseJson(text);  // depth-limited, never throws (core/json_limits.h)
  if (!parsedDoc.ok) {
    result.error = path + ": not valid JSON: " + parsedDoc.error;
    return result;
  }
  json doc = std::move(parsedDoc.value);
  try {
    Serum parsed;
    parsed.name = ref;
    parsed.ref = ref;
    readSerum(doc, parsed, result.warnings);
    serum = std::move(parsed);
    result.ok = true;
  } catch (const SceneError& e) {
    result.error = path + ": " + e.message;
  } catch (const json::exception& e) {
    result.error = path + ": " + e.what();
  }
  for (auto& warning : result.warnings) warning = path + ": " + warning;
  return result;
}

LoadResult loadSerumRef(const std::string& ref, const std::string& anchorPath, Serum& serum) {
  LoadResult result;
  if (!validName(ref)) {
    result.error = "expected the name of a serum file (letters, digits, _ or -, without .json), got \"" + core::textExcerpt(ref) + "\"";
    return result;
  }
  for (const auto& dir : searchDirs(anchorPath)) {
    std::filesystem::path file = (dir / (ref + ".json")).lexically_normal();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    std::string text, error;
    if (!core::readText(file.string(), text, error)) {
      result.error = error;
      return result;
    }
    return parseSerum(text, file.string(), ref, serum);
  }
  if (const EmbeddedSerum* e = embedded(ref))
    return parseSerum(std::string(e->bytes, e->size), "scenes/serums/" + ref + ".json (built in)", ref, serum);
  std::string known;
  for (const std::string& name : serumNames(anchorPath)) known += (known.empty() ? "" : ", ") + name;
  result.error = "expected a serum of scenes/serums (" + known + "), got \"" + core::textExcerpt(ref) + "\"";
  return result;
}

std::vector<std::string> serumNames(const std::string& anchorPath) {
  std::vector<std::string> names;
  for (const EmbeddedSerum& e : kEmbeddedSerums) names.push_back(e.name);
  for (const auto& dir : searchDirs(anchorPath)) {
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec))
      if (it->path().extension() == ".json" && validName(it->path().stem().string()))
        names.push_back(it->path().stem().string());
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

Tissue tissueWithSerum(const Tissue& tissue, const Serum& serum) {
  Tissue out = tissue;
  for (Layer& layer : out.layers)
    for (const SerumLayer& s : serum.layers)
      if (s.layer == layer.name) {
        layer.diffusivity_um2_s = s.diffusivity_um2_s;
        layer.partition = s.partition;
      }
  return out;
}

}  // namespace ns::scene

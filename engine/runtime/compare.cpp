#include "runtime/compare.h"

#include <cstdio>

#include "core/files.h"
#include "core/json_limits.h"

namespace ns::runtime {
namespace {

nlohmann::json valueOf(const std::string& text) {
  if (text == kSceneValue) return nlohmann::json(nlohmann::json::value_t::discarded);
  core::JsonParse parsed = core::parseJson(text);  // depth-limited (core/json_limits.h)
  return parsed.ok ? parsed.value : nlohmann::json(text);
}

}  // namespace

bool parseCompareSpec(const std::string& text, CompareSpec& spec, std::string& expected) {
  expected = "KEY=A,B (a scene key path such as pen.depth_mm and two values)";
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  spec.key = text.substr(0, eq);
  std::string values = text.substr(eq + 1);
  int depth = 0;
  bool quoted = false;
  size_t comma = std::string::npos;
  for (size_t i = 0; i < values.size() && comma == std::string::npos; ++i) {
    char c = values[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) comma = i;
  }
  if (comma == std::string::npos || comma == 0 || comma + 1 >= values.size()) return false;
  spec.aText = values.substr(0, comma);
  spec.bText = values.substr(comma + 1);
  spec.a = valueOf(spec.aText);
  spec.b = valueOf(spec.bText);
  return true;
}

bool setSceneKey(nlohmann::json& doc, const std::string& keyPath, const nlohmann::json& value, std::string& error) {
  nlohmann::json* node = &doc;
  std::string walked;
  size_t i = 0;
  while (i < keyPath.size()) {
    if (keyPath[i] == '[') {  // an array element
      size_t close = keyPath.find(']', i);
      long index = -1;
      if (close != std::string::npos) std::sscanf(keyPath.substr(i + 1, close - i - 1).c_str(), "%ld", &index);
      if (close == std::string::npos || index < 0 || !node->is_array() || size_t(index) >= node->size()) {
        error = keyPath + ": " + walked + " has no element " + keyPath.substr(i);
        return false;
      }
      walked += keyPath.substr(i, close - i + 1);
      node = &(*node)[size_t(index)];
      i = close + 1;
      if (i < keyPath.size() && keyPath[i] == '.') ++i;
      continue;
    }
    size_t end = keyPath.find_first_of(".[", i);
    std::string key = keyPath.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (key.empty() || !node->is_object()) {
      error = keyPath + ": expected a key path of objects (" + (walked.empty() ? "the scene" : walked) + " is not an object)";
      return false;
    }
    walked += (walked.empty() ? "" : ".") + key;
    bool last = end == std::string::npos;
    if (last) {
      if (value.is_null())
        node->erase(key);
      else
        (*node)[key] = value;
      return true;
    }
    if (!node->contains(key)) (*node)[key] = keyPath[end] == '[' ? nlohmann::json::array() : nlohmann::json::object();
    node = &(*node)[key];
    i = keyPath[end] == '.' ? end + 1 : end;
  }
  error = keyPath + ": expected a key path";
  return false;
}

bool loadComparedScene(const std::string& file, const std::string& keyPath, const nlohmann::json& value,
                       scene::Scene& scene, std::string& error) {
  std::string text = file.empty() ? scene::defaultSceneText() : "";
  if (!file.empty() && !core::readText(file, text, error)) return false;
  std::string path = file.empty() ? "<built-in default>" : file;
  core::JsonParse parsed = core::parseJson(text);  // depth-limited: the scene is printed again below
  nlohmann::json& doc = parsed.value;
  if (!parsed.ok) {
    scene::LoadResult result = scene::parseScene(text, path, scene);  // its message names the line
    error = result.error;
    return false;
  }
  if (!value.is_discarded() && !setSceneKey(doc, keyPath, value, error)) {
    error = "--compare: " + path + ": " + error;
    return false;
  }
  scene::LoadResult result = scene::parseScene(doc.dump(), path, scene);
  for (auto& warning : result.warnings)
    std::fprintf(stderr, "needlesim: warning: --compare %s: %s\n", keyPath.c_str(), warning.c_str());
  if (!result.ok) error = "--compare " + keyPath + ": " + result.error;
  return result.ok;
}

}  // namespace ns::runtime

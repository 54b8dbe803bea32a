#pragma once
// Reading typed values out of JSON objects with one-line errors naming the key path
// ("tissue.layers[1].thickness_um: expected ..."), shared by the scene and serum
// parsers. Internal to ns_scene.
#include <nlohmann/json.hpp>

#include "core/json_limits.h"

#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ns::scene::detail {

using nlohmann::json;

struct SceneError {
  std::string message;
};

// Reads typed values out of one JSON object, naming the full key path on failure
// and remembering which keys were used so unknown ones can be warned about.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, std::vector<std::string>& warnings)
      : object_(object), path_(std::move(path)), warnings_(warnings) {}

  bool has(const char* key) const { return object_.contains(key); }
  // A key can come from the file (an unknown one): quoted as an excerpt, never at length.
  std::string keyPath(const char* key) const {
    return path_.empty() ? core::textExcerpt(key) : path_ + "." + core::textExcerpt(key);
  }

  const json& required(const char* key) {
    used_.insert(key);
    if (!object_.contains(key)) throw SceneError{keyPath(key) + ": missing required key"};
    return object_.at(key);
  }

  double number(const char* key, double fallback, bool required, double minimum, bool exclusive,
                double maximum, const char* unit) {
    used_.insert(key);
    if (!object_.contains(key)) {
      if (required) throw SceneError{keyPath(key) + ": missing required key (a number in " + unit + ")"};
      return fallback;
    }
    const json& value = object_.at(key);
    if (!value.is_number())
      throw SceneError{keyPath(key) + ": expected a number in " + unit + ", got " + core::jsonExcerpt(value)};
    double v = value.get<double>();
    bool below = exclusive ? !(v > minimum) : !(v >= minimum);
    if (below || v > maximum) {
      std::ostringstream range;
      range << (exclusive ? "> " : ">= ") << minimum;
      if (maximum < 1e300) range << " and <= " << maximum;
      throw SceneError{keyPath(key) + ": expected a number " + range.str() + " (" + unit +
                       "), got " + core::jsonExcerpt(value)};
    }
    return v;
  }

  std::string text(const char* key, const std::string& fallback, bool required) {
    used_.insert(key);
    if (!object_.contains(key)) {
      if (required) throw SceneError{keyPath(key) + ": missing required key (a string)"};
      return fallback;
    }
    const json& value = object_.at(key);
    if (!value.is_string())
      throw SceneError{keyPath(key) + ": expected a string, got " + core::jsonExcerpt(value)};
    return value.get<std::string>();
  }

  bool boolean(const char* key, bool fallback) {
    used_.insert(key);
    if (!object_.contains(key)) return fallback;
    const json& value = object_.at(key);
    if (!value.is_boolean())
      throw SceneError{keyPath(key) + ": expected true or false, got " + core::jsonExcerpt(value)};
    return value.get<bool>();
  }

  // Keys we do not know are kept (the format is extensible) but named, since a typo
  // such as "thickness_mm" would otherwise silently fall back to a default.
  // At most kMaxUnknownWarnings per object, then one line counting the rest.
  void warnUnknown() {
    constexpr int kMaxUnknownWarnings = 10;
    int unknown = 0;
    for (auto& [key, value] : object_.items()) {
      if (used_.count(key) || key == "source" || key == "sources" || key.rfind("_", 0) == 0 ||
          key == "comment" || key == "notes")
        continue;
      if (++unknown <= kMaxUnknownWarnings) warnings_.push_back(keyPath(key.c_str()) + ": unknown key, ignored");
    }
    if (unknown > kMaxUnknownWarnings)
      warnings_.push_back((path_.empty() ? std::string("(top level)") : path_) + ": " +
                          std::to_string(unknown - kMaxUnknownWarnings) + " more unknown keys, ignored");
  }

 private:
  const json& object_;
  std::string path_;
  std::vector<std::string>& warnings_;
  std::set<std::string> used_;
};


}  // namespace ns::scene::detail

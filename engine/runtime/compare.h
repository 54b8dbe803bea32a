#pragma once
// Compare (--compare KEY=A,B): the same scene twice, a scene key path set to A in
// one half and to B in the other (pen.depth_mm=0.5,1.5; healing.occluded=false,true;
// pretreatment.depth_um=450,0 for needled against intact; serum.ref=a,b once the
// serum library is there). Any key path of the scene JSON: dots between object
// keys, [i] for an array element; a value is JSON (a number, true, "text", null to
// remove the key), @scene for the scene's own value (pretreatment=@scene,null:
// needled against intact), or else taken as a string. Each half is its own run — its own
// simulation, serum, healing and channels — driven by the same pen input to the
// same simulated time; the report holds compare.a.* and compare.b.*.
#include <nlohmann/json.hpp>

#include <string>

#include "scene/scene.h"

namespace ns::runtime {

struct CompareSpec {
  std::string key;               // scene key path
  nlohmann::json a, b;           // the two values (discarded: the scene's own, @scene)
  std::string aText, bText;      // as given
};

constexpr const char* kSceneValue = "@scene";

// "KEY=A,B" (the comma between A and B is the first outside brackets and quotes).
bool parseCompareSpec(const std::string& text, CompareSpec& spec, std::string& expected);

// Sets `keyPath` in a scene document (creating missing objects on the way; null
// removes the key). False with one line naming the key when the path cannot be.
bool setSceneKey(nlohmann::json& doc, const std::string& keyPath, const nlohmann::json& value, std::string& error);

// The scene text (a file's, or the built-in default's when `file` is empty) with
// the key set, parsed as a scene; errors name the file and the key.
bool loadComparedScene(const std::string& file, const std::string& keyPath, const nlohmann::json& value,
                       scene::Scene& scene, std::string& error);

}  // namespace ns::runtime

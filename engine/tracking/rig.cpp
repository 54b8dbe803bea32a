#include "core/json_limits.h"
#include "tracking/rig.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

#include "core/files.h"

namespace ns::tracking {
namespace {

using nlohmann::json;

// A rig is something held in a hand or lying on a desk: beyond a metre is a typo
// (metres for millimetres), and a tag side under 3 mm cannot be printed or seen.
constexpr double kMaxCoord_mm = 1000.0, kMinSide_mm = 3.0, kMaxSide_mm = 500.0;

struct KeyError {
  std::string message;
};

glm::dvec3 point(const json& v, const std::string& key) {
  bool ok = v.is_array() && v.size() == 3;
  for (size_t i = 0; ok && i < 3; ++i) ok = v[i].is_number() && std::isfinite(v[i].get<double>());
  if (!ok) throw KeyError{key + ": expected three finite numbers [x, y, z] in mm, got " + core::jsonExcerpt(v)};
  glm::dvec3 p(v[0].get<double>(), v[1].get<double>(), v[2].get<double>());
  for (int i = 0; i < 3; ++i)
    if (std::fabs(p[i]) > kMaxCoord_mm)
      throw KeyError{key + ": expected coordinates within ±1000 mm, got " + core::jsonExcerpt(v)};
  return p;
}

// A printed tag is a flat square-ish quad: sides 3..500 mm, no folded corner.
void checkQuad(const std::array<glm::dvec3, 4>& c, const std::string& key) {
  for (int i = 0; i < 4; ++i) {
    double side = glm::length(c[(i + 1) % 4] - c[i]);
    if (!(side >= kMinSide_mm && side <= kMaxSide_mm))
      throw KeyError{key + ": expected tag sides of 3..500 mm, got a side of " + std::to_string(side) + " mm"};
  }
  glm::dvec3 n = glm::cross(c[1] - c[0], c[3] - c[0]);
  for (int i = 1; i < 4; ++i) {
    glm::dvec3 ni = glm::cross(c[(i + 1) % 4] - c[i], c[(i + 3) % 4] - c[i]);
    if (glm::dot(n, ni) <= 0) throw KeyError{key + ": expected a flat convex quad TL, TR, BR, BL, got a folded one"};
  }
  double off = std::fabs(glm::dot(glm::normalize(n), c[2] - c[0]));
  if (off > 0.5) throw KeyError{key + ": expected the four corners in one plane (within 0.5 mm)"};
}

RigTag parseTag(const json& t, const std::string& key, std::set<int>& seen) {
  if (!t.is_object()) throw KeyError{key + ": expected an object"};
  if (!t.contains("family") || t["family"] != "tag36h11")
    throw KeyError{key + ".family: expected \"tag36h11\"" + (t.contains("family") ? ", got " + core::jsonExcerpt(t["family"]) : ", missing")};
  RigTag tag;
  if (!t.contains("id") || !t["id"].is_number_integer() || t["id"].get<long long>() < 0 ||
      t["id"].get<long long>() >= kTag36h11Codes)
    throw KeyError{key + ".id: expected an integer 0..586" + (t.contains("id") ? ", got " + core::jsonExcerpt(t["id"]) : ", missing")};
  tag.id = t["id"].get<int>();
  if (!seen.insert(tag.id).second) throw KeyError{key + ".id: tag " + std::to_string(tag.id) + " appears twice"};
  if (!t.contains("image") || !t["image"].is_string() || t["image"].get<std::string>().empty())
    throw KeyError{key + ".image: expected the printed image's path (a string)"};
  tag.image = t["image"].get<std::string>();
  if (!t.contains("corners_mm") || !t["corners_mm"].is_array() || t["corners_mm"].size() != 4)
    throw KeyError{key + ".corners_mm: expected four corners [[x,y,z] x4] (TL, TR, BR, BL)"};
  for (int i = 0; i < 4; ++i)
    tag.corners_mm[i] = point(t["corners_mm"][i], key + ".corners_mm[" + std::to_string(i) + "]");
  checkQuad(tag.corners_mm, key + ".corners_mm");
  return tag;
}

}  // namespace

bool parseRig(const std::string& text, const std::string& path, Rig& rig, std::string& error) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = path + ": not a JSON object (a rig file: name, units, tags)";
    return false;
  }
  try {
    Rig r;
    r.path = path;
    if (!doc.contains("name") || !doc["name"].is_string()) throw KeyError{"name: expected a string"};
    r.name = doc["name"].get<std::string>();
    if (!doc.contains("units") || doc["units"] != "mm")
      throw KeyError{"units: expected \"mm\"" + (doc.contains("units") ? ", got " + core::jsonExcerpt(doc["units"]) : ", missing")};
    if (!doc.contains("tags") || !doc["tags"].is_array() || doc["tags"].empty())
      throw KeyError{"tags: expected a non-empty array of tags"};
    std::set<int> seen;
    for (size_t i = 0; i < doc["tags"].size(); ++i)
      r.tags.push_back(parseTag(doc["tags"][i], "tags[" + std::to_string(i) + "]", seen));
    rig = std::move(r);
    return true;
  } catch (const KeyError& e) {
    error = path + ": " + e.message;
    return false;
  }
}

bool loadRig(const std::string& path, Rig& rig, std::string& error) {
  std::vector<char> bytes;
  if (!core::readFile(path, bytes, error)) return false;
  return parseRig(std::string(bytes.begin(), bytes.end()), path, rig, error);
}

std::string rigJson(const Rig& rig) {
  // One tag per line, keys in the contract's order: the file is read by people and
  // diffed. Coordinates rounded to a micrometre.
  auto num = [](double v) {
    json j = std::round(v * 1000.0) / 1000.0;
    return j.dump();
  };
  std::string out = "{ \"name\": " + json(rig.name).dump() + ", \"units\": \"mm\",\n  \"tags\": [\n";
  for (size_t i = 0; i < rig.tags.size(); ++i) {
    const RigTag& t = rig.tags[i];
    out += "    { \"family\": " + json(t.family).dump() + ", \"id\": " + std::to_string(t.id) +
           ", \"image\": " + json(t.image).dump() + ", \"corners_mm\": [";
    for (int k = 0; k < 4; ++k)
      out += std::string(k ? ", " : "") + "[" + num(t.corners_mm[k].x) + ", " + num(t.corners_mm[k].y) + ", " +
             num(t.corners_mm[k].z) + "]";
    out += std::string("] }") + (i + 1 < rig.tags.size() ? "," : "") + "\n";
  }
  return out + "  ] }\n";
}

std::array<glm::dvec3, 4> blackCorners(const RigTag& tag) {
  const auto& c = tag.corners_mm;
  auto at = [&](double u, double v) {
    return (1 - u) * (1 - v) * c[0] + u * (1 - v) * c[1] + u * v * c[2] + (1 - u) * v * c[3];
  };
  const double a = 0.5 * (kTagTotalCells - kTagBorderCells) / kTagTotalCells, b = 1.0 - a;
  return {at(a, a), at(b, a), at(b, b), at(a, b)};
}

glm::dvec3 tagNormal(const RigTag& tag) {
  const auto& c = tag.corners_mm;
  // TL→TR is the image's +x and TL→BL its +y (down); seen from the front, x × y
  // points away from the viewer, into the face, so the outward normal is its negative.
  return -glm::normalize(glm::cross(c[1] - c[0], c[3] - c[0]));
}

int findTag(const Rig& rig, int id) {
  for (size_t i = 0; i < rig.tags.size(); ++i)
    if (rig.tags[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace ns::tracking

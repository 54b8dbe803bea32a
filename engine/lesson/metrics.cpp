#include "lesson/metrics.h"

#include <algorithm>
#include <map>

#include "scene/surface_mesh.h"

namespace ns::lesson {
namespace {

const std::vector<std::string> kRegionKeys = {"punctures",   "in_range",    "coverage",    "density_per_cm2",         "treated_cm2",
                                              "coverage_cv", "passes",      "dial_mm_mean", "treated_density_per_cm2"};

const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> table = {
      {"technique.passes.directions", "technique.directions"},
      {"technique.passes.count", "technique.passes"}};
  return table;
}

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// technique.regions.<region>.<key>
bool regionMetric(const std::string& name) {
  const std::string prefix = "technique.regions.";
  if (name.rfind(prefix, 0) != 0) return false;
  std::string rest = name.substr(prefix.size());
  size_t dot = rest.find('.');
  if (dot == std::string::npos) return false;
  return contains(scene::mappedRegionNames(), rest.substr(0, dot)) && contains(kRegionKeys, rest.substr(dot + 1));
}

}  // namespace

const std::vector<std::string>& metricCatalogue() {
  static const std::vector<std::string> names = {
      "technique.score", "technique.angle_deg_mean", "technique.angle_deg_max", "technique.density_per_cm2",
      "technique.coverage_cv", "technique.untreated_fraction", "technique.over_treated_fraction",
      "technique.zone_area_cm2", "technique.passes", "technique.directions", "technique.passes.count",
      "technique.passes.directions", "technique.dial_mm_mean", "technique.no_go_punctures",
      "technique.dry_punctures", "technique.spacing_mm_mean", "technique.slow_fraction", "technique.gap_fraction",
      "technique.dwell_longest_s", "technique.contact_s",
      "pen.cycles", "pen.punctures", "pen.contact_s",
      "channels.count", "channels.mean_depth_um", "channels.max_depth_um", "channels.mean_elongation_um",
      "channels.torn",
      "healing.open_fraction", "healing.erythema_mean", "healing.bleeding_points", "healing.bleeding_now",
      "healing.bleeding_coverage", "healing.collagen_index", "healing.over_treated_fraction",
      "healing.torn_punctures", "healing.oedema_mean", "healing.swelling_mm_max", "healing.elastin_index",
      "healing.sessions",
      "sim.time_s", "sim.steps", "sim.total_mass",
      kStepTimeMetric};
  return names;
}

bool knownMetric(const std::string& name) { return contains(metricCatalogue(), name) || regionMetric(name); }

std::string metricPath(const std::string& name) {
  auto alias = aliases().find(name);
  return alias == aliases().end() ? name : alias->second;
}

double readMetric(const nlohmann::json& report, const std::string& name, double stepTime_s) {
  if (name == kStepTimeMetric) return stepTime_s;
  const nlohmann::json* node = &report;
  std::string path = metricPath(name);
  for (size_t begin = 0; begin <= path.size();) {
    size_t end = std::min(path.find('.', begin), path.size());
    std::string key = path.substr(begin, end - begin);
    if (!node->is_object() || !node->contains(key)) return 0.0;
    node = &(*node)[key];
    begin = end + 1;
  }
  if (node->is_number()) return node->get<double>();
  if (node->is_boolean()) return node->get<bool>() ? 1.0 : 0.0;
  return 0.0;
}

}  // namespace ns::lesson

#include "lesson/metric_text.h"

#include <cmath>
#include <cstdio>
#include <cctype>
#include <map>

#include "lesson/metrics.h"

namespace ns::lesson {
namespace {

enum class Unit { Count, Percent, Seconds, Mm, Um, Degrees, PerCm2, Cm2, Score, Index, Mass };

struct MetricText {
  const char* label;
  Unit unit;
};

const std::map<std::string, MetricText>& table() {
  static const std::map<std::string, MetricText> t = {
      {"technique.score", {"Technique score", Unit::Score}},
      {"technique.angle_deg_mean", {"Mean tilt from upright", Unit::Degrees}},
      {"technique.angle_deg_max", {"Largest tilt from upright", Unit::Degrees}},
      {"technique.density_per_cm2", {"Punctures per cm²", Unit::PerCm2}},
      {"technique.coverage_cv", {"Unevenness of coverage", Unit::Percent}},
      {"technique.untreated_fraction", {"Area left untreated", Unit::Percent}},
      {"technique.over_treated_fraction", {"Area over-treated", Unit::Percent}},
      {"technique.zone_area_cm2", {"Area being treated", Unit::Cm2}},
      {"technique.passes", {"Passes", Unit::Count}},
      {"technique.passes.count", {"Passes", Unit::Count}},
      {"technique.directions", {"Directions glided", Unit::Count}},
      {"technique.passes.directions", {"Directions glided", Unit::Count}},
      {"technique.dial_mm_mean", {"Needle depth (dial)", Unit::Mm}},
      {"technique.no_go_punctures", {"Punctures in no-go areas", Unit::Count}},
      {"technique.dry_punctures", {"Punctures without serum", Unit::Count}},
      {"technique.spacing_mm_mean", {"Spacing between strikes", Unit::Mm}},
      {"technique.slow_fraction", {"Time gliding too slowly", Unit::Percent}},
      {"technique.gap_fraction", {"Gaps between strikes", Unit::Percent}},
      {"technique.dwell_longest_s", {"Longest dwell in one spot", Unit::Seconds}},
      {"technique.contact_s", {"Time on the skin", Unit::Seconds}},
      {"pen.cycles", {"Motor strikes", Unit::Count}},
      {"pen.punctures", {"Punctures", Unit::Count}},
      {"pen.contact_s", {"Time on the skin", Unit::Seconds}},
      {"channels.count", {"Micro-channels", Unit::Count}},
      {"channels.mean_depth_um", {"Mean channel depth", Unit::Um}},
      {"channels.max_depth_um", {"Deepest channel", Unit::Um}},
      {"channels.mean_elongation_um", {"Mean channel drag", Unit::Um}},
      {"channels.torn", {"Torn channels", Unit::Count}},
      {"healing.open_fraction", {"Channels still open", Unit::Percent}},
      {"healing.erythema_mean", {"Redness", Unit::Percent}},
      {"healing.bleeding_points", {"Pinpoint bleeds", Unit::Count}},
      {"healing.bleeding_now", {"Bleeding now", Unit::Count}},
      {"healing.bleeding_coverage", {"Area bleeding", Unit::Percent}},
      {"healing.collagen_index", {"New collagen (index, 1 = one session)", Unit::Index}},
      {"healing.over_treated_fraction", {"Area over-treated", Unit::Percent}},
      {"healing.torn_punctures", {"Torn punctures", Unit::Count}},
      {"healing.oedema_mean", {"Swelling", Unit::Percent}},
      {"healing.swelling_mm_max", {"Puffiest point", Unit::Mm}},
      {"healing.elastin_index", {"New elastin (index, 1 = one session)", Unit::Index}},
      {"healing.sessions", {"Sessions given", Unit::Count}},
      {"sim.time_s", {"Time after treatment", Unit::Seconds}},
      {"sim.steps", {"Simulation steps", Unit::Count}},
      {"sim.total_mass", {"Serum in the skin", Unit::Mass}},
      {kStepTimeMetric, {"Time on this step", Unit::Seconds}},
  };
  return t;
}

const std::map<std::string, MetricText>& regionKeys() {
  static const std::map<std::string, MetricText> t = {
      {"punctures", {"punctures", Unit::Count}},
      {"in_range", {"depth in range", Unit::Percent}},
      {"coverage", {"coverage", Unit::Percent}},
      {"density_per_cm2", {"punctures per cm²", Unit::PerCm2}},
      {"treated_cm2", {"area treated", Unit::Cm2}},
      {"treated_density_per_cm2", {"punctures per treated cm²", Unit::PerCm2}},
      {"coverage_cv", {"unevenness of coverage", Unit::Percent}},
      {"passes", {"passes", Unit::Count}},
      {"dial_mm_mean", {"needle depth (dial)", Unit::Mm}},
  };
  return t;
}

// technique.regions.<region>.<key> → {"Cheek: <key's words>", unit}; false otherwise.
bool regionText(const std::string& name, std::string& label, Unit& unit) {
  const std::string prefix = "technique.regions.";
  if (name.rfind(prefix, 0) != 0) return false;
  std::string rest = name.substr(prefix.size());
  size_t dot = rest.find('.');
  if (dot == std::string::npos) return false;
  auto key = regionKeys().find(rest.substr(dot + 1));
  if (key == regionKeys().end()) return false;
  std::string region = rest.substr(0, dot);
  for (char& c : region)
    if (c == '_') c = ' ';
  if (!region.empty()) region[0] = char(std::toupper((unsigned char)region[0]));
  label = region + ": " + key->second.label;
  unit = key->second.unit;
  return true;
}

bool lookup(const std::string& name, std::string& label, Unit& unit) {
  auto it = table().find(name);
  if (it != table().end()) {
    label = it->second.label;
    unit = it->second.unit;
    return true;
  }
  return regionText(name, label, unit);
}

// 4320 → "4,320"; fractional digits as asked.
std::string grouped(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.*f", decimals, std::fabs(value));
  std::string digits = text, out;
  size_t point = digits.find('.');
  std::string whole = digits.substr(0, point), fraction = point == std::string::npos ? "" : digits.substr(point);
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  bool negative = value < 0 && std::stod(digits) != 0.0;
  return (negative ? "-" : "") + out + fraction;
}

// "5 s", "2.5 s", "40 s", "12 min", "1 h 12 min", "3 days", "6 weeks".
std::string duration(double s) {
  char text[48];
  if (s < 10 && std::round(s * 10) != 10 * std::round(s)) std::snprintf(text, sizeof(text), "%.1f s", s);
  else if (s < 120) std::snprintf(text, sizeof(text), "%.0f s", s);
  else if (s < 3600) std::snprintf(text, sizeof(text), "%.0f min", std::floor(s / 60));
  else if (s < 2 * 86400) {
    double minutes = std::fmod(std::floor(s / 60), 60);
    if (minutes == 0) std::snprintf(text, sizeof(text), "%.0f h", std::floor(s / 3600));
    else std::snprintf(text, sizeof(text), "%.0f h %.0f min", std::floor(s / 3600), minutes);
  } else if (s < 14 * 86400) std::snprintf(text, sizeof(text), "%.0f days", std::floor(s / 86400));
  else std::snprintf(text, sizeof(text), "%.0f weeks", std::floor(s / 604800));
  return text;
}

std::string withUnit(Unit unit, double v) {
  switch (unit) {
    case Unit::Count: return grouped(v, std::fabs(v - std::round(v)) < 1e-9 ? 0 : 1);
    case Unit::Percent: return grouped(100 * v, 100 * std::fabs(v) < 10 && v != 0 ? 1 : 0) + " %";
    case Unit::Seconds: return duration(v);
    case Unit::Mm: return grouped(v, 2) + " mm";
    case Unit::Um: return grouped(v, 0) + " µm";
    case Unit::Degrees: return grouped(v, 0) + "°";
    case Unit::PerCm2: return grouped(v, 0) + " per cm²";
    case Unit::Cm2: return grouped(v, std::fabs(v) < 10 ? 1 : 0) + " cm²";
    case Unit::Score: return grouped(v, 0) + " of 100";
    case Unit::Index: return grouped(v, 2);
    case Unit::Mass: return v == 0 ? "none" : grouped(v, std::fabs(v) < 10 ? 2 : 0) + " (serum · µm³)";
  }
  return grouped(v, 2);
}

}  // namespace

std::string metricLabel(const std::string& name) {
  std::string label;
  Unit unit;
  return lookup(name, label, unit) ? label : name;
}

std::string metricValueText(const std::string& name, double value) {
  std::string label;
  Unit unit = Unit::Index;
  if (!lookup(name, label, unit)) unit = Unit::Index;
  if (!std::isfinite(value)) return "-";
  return withUnit(unit, value);
}

}  // namespace ns::lesson

#pragma once
// The metrics a lesson's completion criteria may name, and how each is read from
// a report-shaped JSON object: {"technique": techniqueJson(...), "pen": penReport(...),
// "channels": channelsReport(...), "healing": healingReport(...),
// "sim": simulationReport(...)} — the live run builds it with the functions that
// write the report, so a criterion and the report always agree.
//
// A name is a dotted path into that object (technique.score, pen.punctures,
// channels.mean_depth_um, healing.erythema_mean, sim.time_s, ...), plus:
//   aliases   technique.passes.directions → technique.directions
//             technique.passes.count      → technique.passes
//   regions   technique.regions.<region>.<key>, region one of the mapped region
//             names (scene/surface_mesh.h), key one of punctures, in_range,
//             coverage, density_per_cm2, dial_mm_mean
//   step      step.time_s: seconds since the current step started (the run
//             supplies it, not the report)
// The quiz answer (lesson.choice) is not a numeric metric: a {"choice": ...}
// criterion reads it from the run. A metric absent from the JSON (a region not
// needled yet, a section not written) reads as 0; true/false read as 1/0.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns::lesson {

constexpr const char* kStepTimeMetric = "step.time_s";
constexpr const char* kChoiceMetric = "lesson.choice";

// True when a criterion may name `name`.
bool knownMetric(const std::string& name);

// The report path `name` reads (aliases resolved); `name` itself otherwise.
std::string metricPath(const std::string& name);

// The value of `name` in `report` (see above: absent → 0). step.time_s is not in
// the report: the caller passes it.
double readMetric(const nlohmann::json& report, const std::string& name, double stepTime_s);

// The fixed names, for documentation and error messages (regions not expanded).
const std::vector<std::string>& metricCatalogue();

}  // namespace ns::lesson

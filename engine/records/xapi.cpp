#include "records/xapi.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <atomic>
#include <sys/random.h>
#include <unistd.h>
#include <regex>

namespace ns::records {
namespace {

using nlohmann::json;

const char* kVerbBase = "http://adlnet.gov/expapi/verbs/";
const char* kActivityTypeBase = "http://adlnet.gov/expapi/activities/";

std::string encodeSegment(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '_' || c == '~' || c == '-') {
      out += char(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      out += hex;
    }
  }
  return out.empty() ? "unnamed" : out;
}

json verb(const std::string& name) { return {{"id", kVerbBase + name}, {"display", {{"en-US", name}}}}; }

json activity(const std::string& id, const std::string& name, const std::string& type) {
  return {{"objectType", "Activity"},
          {"id", id},
          {"definition", {{"name", {{"en-US", name.empty() ? id : name}}}, {"type", kActivityTypeBase + type}}}};
}

json score(double raw) {
  raw = std::clamp(raw, 0.0, 100.0);
  return {{"scaled", raw / 100.0}, {"raw", raw}, {"min", 0}, {"max", 100}};
}

double number(const json& j, const char* key, double fallback = 0) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

// The technique in a few numbers (the whole report would bloat every statement).
json techniqueExtension(const json& t) {
  if (!t.is_object()) return json::object();
  json out = json::object();
  for (const char* key : {"score", "angle_deg_mean", "density_per_cm2", "coverage_cv", "passes", "directions",
                          "dial_mm_mean", "no_go_punctures", "dry_punctures"})
    if (t.contains(key)) out[key] = t[key];
  if (t.contains("warnings")) out["warnings"] = t["warnings"];
  if (t.contains("regions") && t["regions"].is_object()) {
    json regions = json::object();
    for (auto& [name, r] : t["regions"].items())
      regions[name] = {{"punctures", r.value("punctures", 0)}, {"in_range_fraction", number(r, "in_range_fraction")},
                       {"dial_mm_mean", number(r, "dial_mm_mean")}};
    out["regions"] = regions;
  }
  return out;
}

}  // namespace

std::string newUuid() {
  // From the kernel each time: a seeded generator would repeat itself in a forked
  // child (two programs, one outbox: the same "unique" ids).
  uint64_t words[2] = {0, 0};
  if (getrandom(words, sizeof(words), 0) != ssize_t(sizeof(words))) {
    static std::atomic<uint64_t> counter{0};
    std::random_device device;
    words[0] = (uint64_t(device()) << 32) ^ device() ^ uint64_t(::getpid()) << 16;
    words[1] = (uint64_t(device()) << 32) ^ device() ^ counter++;
  }
  uint64_t hi = words[0], lo = words[1];
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  char text[40];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32), unsigned((hi >> 16) & 0xFFFF),
                unsigned(hi & 0xFFFF), unsigned(lo >> 48), (unsigned long long)(lo & 0xFFFFFFFFFFFFull));
  return text;
}

std::string isoTimestamp(Clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t seconds = std::time_t(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(ms % 1000));
  return text;
}

std::string isoDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  // Hundredths: xAPI LRSs may truncate durations past 0.01 s anyway.
  long long cs = std::llround(seconds * 100);
  long long h = cs / 360000, m = (cs / 6000) % 60, s = (cs / 100) % 60, frac = cs % 100;
  std::string out = "PT";
  if (h) out += std::to_string(h) + "H";
  if (m) out += std::to_string(m) + "M";
  char sec[24];
  if (frac)
    std::snprintf(sec, sizeof(sec), "%lld.%02lldS", s, frac);
  else
    std::snprintf(sec, sizeof(sec), "%lldS", s);
  if (s || frac || (!h && !m)) out += sec;
  return out;
}

std::string sceneIri(const std::string& scene) { return "urn:needlesim:scene:" + encodeSegment(scene); }
std::string lessonIri(const std::string& id) { return "urn:needlesim:lesson:" + encodeSegment(id); }
std::string stepIri(const std::string& lessonId, const std::string& stepId) {
  return lessonIri(lessonId) + ":step:" + encodeSegment(stepId);
}
std::string extensionIri(const std::string& name) { return "urn:needlesim:ext:" + encodeSegment(name); }
std::string classIri(const std::string& id) { return "urn:needlesim:class:" + encodeSegment(id); }

std::string classIdProblem(const std::string& id) {
  bool ok = !id.empty() && id.size() <= 64;
  for (unsigned char c : id) ok = ok && (std::isalnum(c) || c == '.' || c == '_' || c == '-');
  return ok ? "" : "a class id of 1-64 letters, digits, '.', '_' or '-'";
}

std::string statementClass(const json& s) {
  const json* grouping = nullptr;
  if (s.is_object() && s.contains("context") && s["context"].is_object() && s["context"].contains("contextActivities") &&
      s["context"]["contextActivities"].is_object() && s["context"]["contextActivities"].contains("grouping"))
    grouping = &s["context"]["contextActivities"]["grouping"];
  if (!grouping || !grouping->is_array()) return "";
  const std::string prefix = "urn:needlesim:class:";
  for (const json& a : *grouping)
    if (a.is_object() && a.contains("id") && a["id"].is_string()) {
      std::string id = a["id"];
      if (id.rfind(prefix, 0) == 0) return id.substr(prefix.size());
    }
  return "";
}

json actorFor(const std::string& trainee, const Site& site) {
  if (trainee.find('@') != std::string::npos && trainee.find(' ') == std::string::npos)
    return {{"objectType", "Agent"}, {"name", trainee}, {"mbox", "mailto:" + trainee}};
  return {{"objectType", "Agent"}, {"name", trainee}, {"account", {{"homePage", site.homePage}, {"name", trainee}}}};
}

namespace {

// What every statement of a session shares: its actor, context and clock.
struct Builder {
  const SessionFacts& f;
  const Site& site;
  bool hasLesson = f.lesson.is_object();
  json scene = activity(sceneIri(f.sceneName), f.sceneName, "simulation");
  json lesson = hasLesson ? activity(lessonIri(f.lesson.value("id", "")), f.lesson.value("title", ""), "lesson") : json();

  json statement(const std::string& verbName, const json& object, Clock::time_point at) const {
    json context = {{"registration", f.registration},
                    {"platform", site.platform + " " + f.version},
                    {"language", "en-US"},
                    {"extensions", {{extensionIri("mode"), f.mode}}}};
    json grouping = json::array();
    if (hasLesson) grouping.push_back(scene);
    // The class as a grouping activity, not context.team: an LRS filters on it with
    // the standard query (activity=<class IRI>&related_activities=true), and a team
    // would need a Group with members we do not know.
    if (!f.classId.empty()) grouping.push_back(activity(classIri(f.classId), "class " + f.classId, "meeting"));
    if (!grouping.empty()) context["contextActivities"] = {{"grouping", grouping}};
    if (!f.station.empty()) context["extensions"][extensionIri("station")] = f.station;
    return {{"id", newUuid()}, {"actor", actorFor(f.trainee, site)}, {"verb", verb(verbName)},
            {"object", object}, {"context", context}, {"timestamp", isoTimestamp(at)}};
  }
  Clock::time_point at(double s) const {
    return f.started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, s)));
  }
};

}  // namespace

json attemptedStatement(const SessionFacts& f, const Site& site) {
  Builder b{f, site};
  return b.statement("attempted", b.hasLesson ? b.lesson : b.scene, f.started);
}

json progressedStatement(const SessionFacts& f, const Site& site, const json& step) {
  Builder b{f, site};
  bool done = step.value("completed", false), skipped = step.value("skipped", false);
  std::string lessonId = f.lesson.is_object() ? f.lesson.value("id", "") : "";
  json s = b.statement("progressed", activity(stepIri(lessonId, step.value("id", "")), step.value("id", ""), "objective"),
                       b.at(number(step, "at_s")));
  if (b.hasLesson) s["context"]["contextActivities"]["parent"] = json::array({b.lesson});
  s["result"] = {{"completion", done && !skipped}, {"duration", isoDuration(number(step, "time_s"))},
                 {"extensions", {{extensionIri("skipped"), skipped}, {extensionIri("criteria"), step.value("criteria", json::array())}}}};
  return s;
}

std::vector<json> closingStatements(const SessionFacts& f, const Site& site) {
  Builder b{f, site};
  std::vector<json> out;
  Clock::time_point ended = b.at(f.duration_s);
  if (!b.hasLesson) {
    json s = b.statement("completed", b.scene, ended);
    s["result"] = {{"score", score(f.score)}, {"completion", true}, {"duration", isoDuration(f.duration_s)},
                   {"extensions", {{extensionIri("technique"), techniqueExtension(f.technique)}}}};
    out.push_back(s);
    return out;
  }
  if (!f.lesson.value("completed", false)) return out;
  double lessonScore = number(f.lesson, "score");
  bool passed = f.lesson.value("passed", false);
  json result = {{"score", score(lessonScore)}, {"completion", true}, {"duration", isoDuration(f.duration_s)},
                 {"extensions", {{extensionIri("pass_mark"), number(f.lesson, "pass_mark")},
                                 {extensionIri("technique"), techniqueExtension(f.technique)}}}};
  json completed = b.statement("completed", b.lesson, ended);
  completed["result"] = result;
  out.push_back(completed);
  json verdict = b.statement(passed ? "passed" : "failed", b.lesson, ended);
  verdict["result"] = result;
  verdict["result"]["success"] = passed;
  out.push_back(verdict);
  return out;
}

bool stepDone(const json& step) { return step.value("completed", false) || step.value("skipped", false); }

std::vector<json> sessionStatements(const SessionFacts& f, const Site& site) {
  std::vector<json> out{attemptedStatement(f, site)};
  if (f.lesson.is_object() && f.lesson.contains("steps"))
    for (auto& step : f.lesson["steps"])
      if (stepDone(step)) out.push_back(progressedStatement(f, site, step));
  for (json& s : closingStatements(f, site)) out.push_back(std::move(s));
  return out;
}

}  // namespace ns::records

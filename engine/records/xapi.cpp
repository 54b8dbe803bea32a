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

json actorFor(const std::string& trainee, const Site& site) {
  if (trainee.find('@') != std::string::npos && trainee.find(' ') == std::string::npos)
    return {{"objectType", "Agent"}, {"name", trainee}, {"mbox", "mailto:" + trainee}};
  return {{"objectType", "Agent"}, {"name", trainee}, {"account", {{"homePage", site.homePage}, {"name", trainee}}}};
}

std::vector<json> sessionStatements(const SessionFacts& f, const Site& site) {
  std::vector<json> out;
  bool hasLesson = f.lesson.is_object();
  json scene = activity(sceneIri(f.sceneName), f.sceneName, "simulation");
  json lesson = hasLesson ? activity(lessonIri(f.lesson.value("id", "")), f.lesson.value("title", ""), "lesson") : json();
  json context = {{"registration", f.registration},
                  {"platform", site.platform + " " + f.version},
                  {"language", "en-US"},
                  {"extensions", {{extensionIri("mode"), f.mode}}}};
  if (hasLesson) context["contextActivities"] = {{"grouping", json::array({scene})}};
  auto statement = [&](const std::string& verbName, const json& object, Clock::time_point at) {
    json s = {{"id", newUuid()}, {"actor", actorFor(f.trainee, site)}, {"verb", verb(verbName)},
              {"object", object}, {"context", context}, {"timestamp", isoTimestamp(at)}};
    return s;
  };
  auto at = [&](double s) {
    return f.started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, s)));
  };
  Clock::time_point ended = at(f.duration_s);
  out.push_back(statement("attempted", hasLesson ? lesson : scene, f.started));
  json techniqueResult = {{extensionIri("technique"), techniqueExtension(f.technique)}};
  if (!hasLesson) {
    json s = statement("completed", scene, ended);
    s["result"] = {{"score", score(f.score)}, {"completion", true}, {"duration", isoDuration(f.duration_s)},
                   {"extensions", techniqueResult}};
    out.push_back(s);
    return out;
  }
  std::string lessonId = f.lesson.value("id", "");
  if (f.lesson.contains("steps"))
    for (auto& step : f.lesson["steps"]) {
      bool done = step.value("completed", false), skipped = step.value("skipped", false);
      if (!done && !skipped) continue;
      json s = statement("progressed", activity(stepIri(lessonId, step.value("id", "")), step.value("id", ""), "objective"),
                         at(number(step, "at_s")));
      s["context"]["contextActivities"]["parent"] = json::array({lesson});
      s["result"] = {{"completion", done && !skipped}, {"duration", isoDuration(number(step, "time_s"))},
                     {"extensions", {{extensionIri("skipped"), skipped}, {extensionIri("criteria"), step.value("criteria", json::array())}}}};
      out.push_back(s);
    }
  if (!f.lesson.value("completed", false)) return out;
  double lessonScore = number(f.lesson, "score");
  bool passed = f.lesson.value("passed", false);
  json result = {{"score", score(lessonScore)}, {"completion", true}, {"duration", isoDuration(f.duration_s)},
                 {"extensions", {{extensionIri("pass_mark"), number(f.lesson, "pass_mark")},
                                 {extensionIri("technique"), techniqueExtension(f.technique)}}}};
  json completed = statement("completed", lesson, ended);
  completed["result"] = result;
  out.push_back(completed);
  json verdict = statement(passed ? "passed" : "failed", lesson, ended);
  verdict["result"] = result;
  verdict["result"]["success"] = passed;
  out.push_back(verdict);
  return out;
}

}  // namespace ns::records

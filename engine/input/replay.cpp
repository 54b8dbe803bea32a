#include "input/replay.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/files.h"
#include "core/json_limits.h"

namespace ns::input {
namespace {

using nlohmann::json;

struct LineError {
  std::string message;
};

double number(const json& line, const char* key, bool required, double fallback, const char* expected) {
  if (!line.contains(key)) {
    if (required) throw LineError{std::string(key) + ": missing, expected " + expected};
    return fallback;
  }
  const json& v = line.at(key);
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    throw LineError{std::string(key) + ": expected " + expected + ", got " + core::jsonExcerpt(v)};
  return v.get<double>();
}

// Three finite numbers, each within ±limit (the physical range: pen_sample.h).
glm::dvec3 vector3(const json& line, const char* key, double limit, const char* expected) {
  if (!line.contains(key)) throw LineError{std::string(key) + ": missing, expected " + expected};
  const json& v = line.at(key);
  bool ok = v.is_array() && v.size() == 3;
  for (size_t i = 0; ok && i < 3; ++i)
    ok = v[i].is_number() && std::isfinite(v[i].get<double>()) && std::fabs(v[i].get<double>()) <= limit;
  if (!ok) throw LineError{std::string(key) + ": expected " + expected + ", got " + core::jsonExcerpt(v)};
  return {v[0].get<double>(), v[1].get<double>(), v[2].get<double>()};
}

PenSample parseLine(const json& line) {
  if (!line.is_object()) throw LineError{"expected a JSON object per line"};
  PenSample s;
  s.t_s = number(line, "t", true, 0, "seconds from the start, 0..1e7");
  if (s.t_s < 0 || s.t_s > kMaxPenTime_s)
    throw LineError{"t: expected seconds from the start, 0..1e7, got " + core::jsonExcerpt(line["t"])};
  s.pos_mm = vector3(line, "pos_mm", kMaxPenPos_mm, "three numbers [x, y, z], each within -10000..10000 mm");
  s.dir = vector3(line, "dir", kMaxAxisComponent, "an axis [dx, dy, dz], each within -1e6..1e6, of length at least 1e-6");
  if (!(glm::length(s.dir) >= kMinAxisLength))
    throw LineError{"dir: expected an axis [dx, dy, dz], each within -1e6..1e6, of length at least 1e-6, got " +
                    core::jsonExcerpt(line["dir"])};
  s.dir = glm::normalize(s.dir);
  if (!line.contains("contact") || !line["contact"].is_boolean())
    throw LineError{"contact: expected true or false" +
                    (line.contains("contact") ? ", got " + core::jsonExcerpt(line["contact"]) : std::string(", missing"))};
  s.contact = line["contact"].get<bool>();
  s.depth_mm = number(line, "depth_mm", true, 0, "the dial in mm, 0..5");
  if (s.depth_mm < 0 || s.depth_mm > 5) throw LineError{"depth_mm: expected the dial in mm, 0..5, got " + core::jsonExcerpt(line["depth_mm"])};
  s.pressure = number(line, "pressure", false, 0.5, "0..1");
  if (s.pressure < 0 || s.pressure > 1) throw LineError{"pressure: expected 0..1, got " + core::jsonExcerpt(line["pressure"])};
  return s;
}

// The optional "lesson" key of a line: a lesson move at the line's time.
bool parseLessonEvent(const json& line, double t_s, LessonEvent& event) {
  if (!line.contains("lesson")) return false;
  const json& v = line.at("lesson");
  event.t_s = t_s;
  static const std::pair<const char*, LessonEvent::Kind> kMoves[] = {{"retry", LessonEvent::Kind::Retry},
                                                                    {"restart", LessonEvent::Kind::Restart},
                                                                    {"back", LessonEvent::Kind::Back},
                                                                    {"skip", LessonEvent::Kind::Skip}};
  if (v.is_string())
    for (const auto& [name, kind] : kMoves)
      if (v.get<std::string>() == name) {
        event.kind = kind;
        return true;
      }
  if (v.is_object() && v.size() == 1 && v.contains("answer") && v["answer"].is_string()) {
    event.kind = LessonEvent::Kind::Answer;
    event.answer = v["answer"].get<std::string>();
    return true;
  }
  throw LineError{"lesson: expected \"retry\", \"restart\", \"back\", \"skip\" or {\"answer\": \"<choice>\"}, got " +
                  core::jsonExcerpt(v)};
}

// The optional "jump_s" key of a line: a time-lapse jump at the line's time.
bool parseTimeJump(const json& line, double t_s, TimeJump& jump) {
  if (!line.contains("jump_s")) return false;
  jump.t_s = t_s;
  jump.jump_s = number(line, "jump_s", true, 0, "simulated seconds, 0 < jump_s <= 1e9");
  if (!(jump.jump_s > 0 && jump.jump_s <= 1e9))
    throw LineError{"jump_s: expected simulated seconds, 0 < jump_s <= 1e9, got " + core::jsonExcerpt(line["jump_s"])};
  return true;
}

}  // namespace

bool parseReplayText(const std::string& text, const std::string& path, PenTrack& track, std::string& error) {
  PenTrack parsed;
  std::istringstream in(text);
  std::string raw;
  int lineNumber = 0;
  while (std::getline(in, raw)) {
    ++lineNumber;
    if (raw.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      core::JsonParse parsedLine = core::parseJson(raw);
      if (!parsedLine.ok) throw LineError{"not valid JSON: " + parsedLine.error};
      const json& line = parsedLine.value;
      PenSample s = parseLine(line);
      LessonEvent event;
      if (parseLessonEvent(line, s.t_s, event)) parsed.events.push_back(event);
      TimeJump jump;
      if (parseTimeJump(line, s.t_s, jump)) parsed.jumps.push_back(jump);
      if (!parsed.samples.empty() && s.t_s < parsed.samples.back().t_s)
        throw LineError{"t: expected times in order, got " + std::to_string(s.t_s) + " after " +
                        std::to_string(parsed.samples.back().t_s)};
      parsed.samples.push_back(s);
    } catch (const LineError& e) {
      error = path + ":" + std::to_string(lineNumber) + ": " + e.message;
      return false;
    } catch (const json::exception&) {
      error = path + ":" + std::to_string(lineNumber) + ": not valid JSON";
      return false;
    }
  }
  if (parsed.samples.empty()) {
    error = path + ": no pen samples (expected one JSON object per line)";
    return false;
  }
  track = std::move(parsed);
  return true;
}

bool loadReplay(const std::string& path, PenTrack& track, std::string& error) {
  std::string text;
  if (!core::readText(path, text, error)) return false;
  return parseReplayText(text, path, track, error);
}

std::string replayLine(const PenSample& sample, const LessonEvent& event) {
  std::string line = replayLine(sample);
  json move;
  switch (event.kind) {
    case LessonEvent::Kind::Answer: move = {{"answer", event.answer}}; break;
    case LessonEvent::Kind::Retry: move = "retry"; break;
    case LessonEvent::Kind::Restart: move = "restart"; break;
    case LessonEvent::Kind::Back: move = "back"; break;
    case LessonEvent::Kind::Skip: move = "skip"; break;
  }
  line.pop_back();  // the closing brace
  return line + ", \"lesson\": " + move.dump() + "}";
}

std::string replayLine(const PenSample& sample, const TimeJump& jump) {
  std::string line = replayLine(sample);
  char key[64];
  std::snprintf(key, sizeof(key), ", \"jump_s\": %.17g}", jump.jump_s);
  line.pop_back();  // the closing brace
  return line + key;
}

std::string replayLine(const PenSample& s) {
  char line[320];
  std::snprintf(line, sizeof(line),
                "{\"t\": %.6f, \"pos_mm\": [%.6f, %.6f, %.6f], \"dir\": [%.6f, %.6f, %.6f], \"contact\": %s, "
                "\"depth_mm\": %.4f, \"pressure\": %.4f}",
                s.t_s, s.pos_mm.x, s.pos_mm.y, s.pos_mm.z, s.dir.x, s.dir.y, s.dir.z, s.contact ? "true" : "false",
                s.depth_mm, s.pressure);
  return line;
}

}  // namespace ns::input

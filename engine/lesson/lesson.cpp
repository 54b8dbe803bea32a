// Lesson JSON → Lesson, checked whole, with one line per problem in the scene
// parser's style: "file: step 'id': key.path: expected …, got …".
#include "lesson/lesson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "core/files.h"
#include "core/json_limits.h"
#include "lesson/metrics.h"
#include "scene/scene.h"
#include "scene/surface_mesh.h"

namespace ns::lesson {
namespace {

using nlohmann::json;

struct LessonError {
  std::string message;
};

constexpr CompareOp kOps[] = {CompareOp::GreaterEqual, CompareOp::LessEqual, CompareOp::Greater, CompareOp::Less,
                              CompareOp::Equal};
const std::vector<std::string> kCameras = {"home", "front", "top", "side"};

// A key can come from the file (an unknown one): quoted as an excerpt, never at length.
std::string keyPath(const std::string& path, const std::string& key) {
  return path.empty() ? core::textExcerpt(key) : path + "." + core::textExcerpt(key);
}
std::string item(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string plain(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// Every key must be one the schema knows: a typo must not silently drop a criterion.
// "_…" keys and "source" strings are notes.
void checkKeys(const json& object, const std::string& path, const std::vector<std::string>& allowed) {
  for (auto& [key, value] : object.items()) {
    if (key.rfind('_', 0) == 0) continue;
    if (key == "source") {
      if (!value.is_string()) throw LessonError{keyPath(path, key) + ": expected a string, got " + core::jsonExcerpt(value)};
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw LessonError{keyPath(path, key) + ": unknown key (expected one of: " + listed(allowed) + ")"};
  }
}

const json& requireObject(const json& node, const std::string& path) {
  if (!node.is_object()) throw LessonError{path + ": expected an object, got " + core::jsonExcerpt(node)};
  return node;
}

const json& required(const json& object, const std::string& path, const char* key, const char* what) {
  if (!object.contains(key)) throw LessonError{keyPath(path, key) + ": missing required key (" + what + ")"};
  return object.at(key);
}

std::string text(const json& object, const std::string& path, const char* key, bool needed) {
  if (!needed && !object.contains(key)) return "";
  const json& value = required(object, path, key, "a non-empty string");
  if (!value.is_string() || value.get<std::string>().empty())
    throw LessonError{keyPath(path, key) + ": expected a non-empty string, got " + core::jsonExcerpt(value)};
  return value.get<std::string>();
}

double number(const json& object, const std::string& path, const char* key, double lo, double hi, const char* unit) {
  const json& value = required(object, path, key, unit);
  if (!value.is_number() || value.get<double>() < lo || value.get<double>() > hi)
    throw LessonError{keyPath(path, key) + ": expected a number from " + plain(lo) + " to " + plain(hi) + " (" + unit +
                      "), got " + core::jsonExcerpt(value)};
  return value.get<double>();
}

std::optional<bool> flag(const json& object, const std::string& path, const char* key) {
  if (!object.contains(key)) return std::nullopt;
  if (!object.at(key).is_boolean())
    throw LessonError{keyPath(path, key) + ": expected true or false, got " + core::jsonExcerpt(object.at(key))};
  return object.at(key).get<bool>();
}

std::string oneOf(const json& object, const std::string& path, const char* key, const std::vector<std::string>& names) {
  std::string value = text(object, path, key, true);
  if (std::find(names.begin(), names.end(), value) == names.end())
    throw LessonError{keyPath(path, key) + ": expected one of " + listed(names) + ", got \"" + core::textExcerpt(value) + "\""};
  return value;
}

const json& nonEmptyArray(const json& object, const std::string& path, const char* key, const char* what) {
  const json& value = required(object, path, key, what);
  if (!value.is_array() || value.empty())
    throw LessonError{keyPath(path, key) + ": expected " + what + ", got " + core::jsonExcerpt(value)};
  return value;
}

std::string resolve(const std::string& lessonPath, const std::string& file) {
  std::filesystem::path p(file);
  if (p.is_relative()) p = std::filesystem::path(lessonPath).parent_path() / p;
  return p.lexically_normal().string();
}

Criterion readCriterion(const json& node, const std::string& path, const LessonStep& step);

Criterion readGroup(const json& node, const std::string& path, const LessonStep& step, const char* key) {
  checkKeys(node, path, {key});
  Criterion c;
  c.kind = std::string(key) == "all" ? Criterion::Kind::All : Criterion::Kind::Any;
  const json& list = nonEmptyArray(node, path, key, "a non-empty array of criteria");
  for (size_t i = 0; i < list.size(); ++i) c.children.push_back(readCriterion(list[i], item(keyPath(path, key), i), step));
  return c;
}

Criterion readChoice(const json& node, const std::string& path, const LessonStep& step) {
  checkKeys(node, path, {"choice"});
  if (step.choices.empty())
    throw LessonError{keyPath(path, "choice") + ": expected the step to list its answers in \"choices\""};
  Criterion c;
  c.kind = Criterion::Kind::Choice;
  c.choice = oneOf(node, path, "choice", step.choices);
  return c;
}

Criterion readLeaf(const json& node, const std::string& path) {
  Criterion c;
  c.kind = Criterion::Kind::Metric;
  int comparisons = 0;
  for (auto& [key, value] : node.items()) {
    if (key == "metric" || key == "source" || key.rfind('_', 0) == 0) continue;
    const std::string& name = key;  // clang 14 cannot capture a structured binding (the fuzz build)
    auto op = std::find_if(std::begin(kOps), std::end(kOps), [&](CompareOp o) { return name == compareOpName(o); });
    if (op == std::end(kOps))
      throw LessonError{keyPath(path, key) + ": unknown operator (expected one of >=, <=, >, <, ==)"};
    if (!value.is_number()) throw LessonError{keyPath(path, key) + ": expected a number (the target), got " + core::jsonExcerpt(value)};
    c.op = *op;
    c.target = value.get<double>();
    ++comparisons;
  }
  checkKeys(node, path, {"metric", ">=", "<=", ">", "<", "=="});
  if (comparisons != 1)
    throw LessonError{path + ": expected exactly one comparison (>=, <=, >, <, ==), got " + std::to_string(comparisons)};
  c.metric = text(node, path, "metric", true);
  if (!knownMetric(c.metric))
    throw LessonError{keyPath(path, "metric") + ": expected a report metric (README \"Lesson files\"), got \"" +
                      core::textExcerpt(c.metric) + "\""};
  return c;
}

Criterion readCriterion(const json& node, const std::string& path, const LessonStep& step) {
  if (!node.is_object())
    throw LessonError{path + ": expected a criterion object ({\"metric\", \">=\"}, {\"all\"}, {\"any\"} or {\"choice\"}), got " + core::jsonExcerpt(node)};
  if (node.contains("all")) return readGroup(node, path, step, "all");
  if (node.contains("any")) return readGroup(node, path, step, "any");
  if (node.contains("choice")) return readChoice(node, path, step);
  if (node.contains("metric")) return readLeaf(node, path);
  throw LessonError{path + ": expected one of the keys \"metric\", \"all\", \"any\" or \"choice\", got " + core::jsonExcerpt(node)};
}

StepView readView(const json& node, const std::string& path) {
  requireObject(node, path);
  checkKeys(node, path, {"camera", "face", "cross_section", "micro_view", "coverage_map", "time_scale"});
  StepView view;
  if (node.contains("camera") && node.contains("face"))
    throw LessonError{path + ": expected either \"camera\" or \"face\", not both"};
  if (node.contains("camera")) view.camera = oneOf(node, path, "camera", kCameras);
  if (node.contains("face")) view.face = oneOf(node, path, "face", scene::mappedRegionNames());
  view.crossSection = flag(node, path, "cross_section");
  view.microView = flag(node, path, "micro_view");
  view.coverageMap = flag(node, path, "coverage_map");
  if (node.contains("time_scale")) view.timeScale = number(node, path, "time_scale", 0, 1e9, "simulated s per wall s");
  return view;
}

void readCaptions(const json& node, const std::string& path, StepAction& a) {
  if (!node.contains("captions")) return;
  const json& list = nonEmptyArray(node, path, "captions", "a non-empty array of {\"at_s\", \"text\"}");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string p = item(keyPath(path, "captions"), i);
    checkKeys(requireObject(list[i], p), p, {"at_s", "text"});
    a.captions.push_back({number(list[i], p, "at_s", 0, 1e9, "s into the recording"), text(list[i], p, "text", true)});
  }
}

StepAction readAction(const json& node, const std::string& path, const std::string& lessonPath) {
  requireObject(node, path);
  static const std::vector<std::string> kinds = {"apply_serum", "set_dial", "limit_dial", "jump_time", "play_recording"};
  StepAction a;
  std::string kind = oneOf(node, path, "do", kinds);
  a.kind = StepAction::Kind(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
  if (a.kind == StepAction::Kind::ApplySerum) {
    checkKeys(node, path, {"do", "serum"});
    a.serum = text(node, path, "serum", false);
    scene::Serum serum;
    if (!a.serum.empty()) {  // a library serum, found now rather than when the step starts
      scene::LoadResult found = scene::loadSerumRef(a.serum, lessonPath, serum);
      if (!found.ok) throw LessonError{keyPath(path, "serum") + ": " + found.error};
    }
  } else if (a.kind == StepAction::Kind::SetDial && node.contains("chart")) {
    checkKeys(node, path, {"do", "chart"});  // the scene's own numbers, not a constant
    a.chartRegion = oneOf(node, path, "chart", scene::mappedRegionNames());
  } else if (a.kind == StepAction::Kind::SetDial) {
    checkKeys(node, path, {"do", "mm"});
    a.dial_mm = number(node, path, "mm", 0, 5, "mm on the dial");
  } else if (a.kind == StepAction::Kind::LimitDial) {
    checkKeys(node, path, {"do", "min_mm", "max_mm"});
    a.min_mm = number(node, path, "min_mm", 0, 5, "mm on the dial");
    a.max_mm = number(node, path, "max_mm", a.min_mm, 5, "mm on the dial, at least min_mm");
  } else if (a.kind == StepAction::Kind::JumpTime) {
    checkKeys(node, path, {"do", "s"});
    a.jump_s = number(node, path, "s", 1e-9, 1e9, "simulated seconds");
  } else {
    checkKeys(node, path, {"do", "file", "captions"});
    a.recording = resolve(lessonPath, text(node, path, "file", true));
    std::error_code ec;  // a name too long for the system is "no such file", not an exception (fuzz_lesson)
    if (!std::filesystem::is_regular_file(a.recording, ec))
      throw LessonError{keyPath(path, "file") + ": expected an existing replay file, got \"" + core::textExcerpt(a.recording, core::kMaxPathExcerptBytes) + "\""};
    readCaptions(node, path, a);
  }
  return a;
}

std::string readInstruction(const json& node, const std::string& path) {
  const json& value = required(node, path, "instruction", "a string or an array of lines");
  std::string out;
  bool valid = value.is_string() || (value.is_array() && !value.empty());
  for (size_t i = 0; valid && value.is_array() && i < value.size(); ++i) {
    valid = value[i].is_string();
    if (!valid) break;
    if (i) out += '\n';
    out += value[i].get<std::string>();
  }
  if (!valid) throw LessonError{keyPath(path, "instruction") + ": expected a string or an array of lines, got " + core::jsonExcerpt(value)};
  return value.is_string() ? value.get<std::string>() : out;
}

// The numbers a text names, in order ("0.5 to 1.0 mm" → 0.5, 1).
std::vector<double> numbersIn(const std::string& text) {
  std::vector<double> out;
  for (size_t i = 0; i < text.size();) {
    bool digit = std::isdigit((unsigned char)text[i]) ||
                 (text[i] == '.' && i + 1 < text.size() && std::isdigit((unsigned char)text[i + 1]));
    if (!digit) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && (std::isdigit((unsigned char)text[end]) || text[end] == '.')) ++end;
    out.push_back(std::atof(text.substr(i, end - i).c_str()));
    i = end;
  }
  return out;
}

std::string lowered(std::string s) {
  for (char& c : s) c = char(std::tolower((unsigned char)c));
  return s;
}

// Whether `text` states `answer`: the answer's numbers, in a row, among the text's
// ("0.5 to 1.0 mm" is in "the chart gives 0.5-1.0 mm"), or, for an answer without
// numbers, its words.
bool statesAnswer(const std::string& text, const std::string& answer) {
  std::vector<double> wanted = numbersIn(answer), found = numbersIn(text);
  if (wanted.empty()) return lowered(text).find(lowered(answer)) != std::string::npos;
  for (size_t i = 0; i + wanted.size() <= found.size(); ++i)
    if (std::equal(wanted.begin(), wanted.end(), found.begin() + std::ptrdiff_t(i))) return true;
  return false;
}

// A quiz must ask, not tell: neither its title nor its instruction states the right
// answer (issue 30: "The depth chart gives 0.5 to 1.0 mm ... Which depth is right?").
void checkQuizAsks(const Criterion& c, const LessonStep& step) {
  for (const Criterion& child : c.children) checkQuizAsks(child, step);
  if (c.kind != Criterion::Kind::Choice) return;
  for (const char* key : {"title", "instruction"}) {
    const std::string& text = std::string(key) == "title" ? step.title : step.instruction;
    if (statesAnswer(text, c.choice))
      throw LessonError{std::string(key) + ": expected a question that does not state its answer, but it says \"" +
                        core::textExcerpt(c.choice) + "\" (the right choice)"};
  }
}

void readStepBody(const json& node, const std::string& path, const std::string& lessonPath, LessonStep& step) {
  checkKeys(node, path, {"id", "title", "instruction", "view", "actions", "choices", "complete_when"});
  step.title = text(node, path, "title", true);
  step.instruction = readInstruction(node, path);
  if (node.contains("view")) step.view = readView(node["view"], keyPath(path, "view"));
  if (node.contains("actions")) {
    const json& list = nonEmptyArray(node, path, "actions", "a non-empty array of actions");
    for (size_t i = 0; i < list.size(); ++i) step.actions.push_back(readAction(list[i], item(keyPath(path, "actions"), i), lessonPath));
  }
  if (node.contains("choices")) {
    const json& list = nonEmptyArray(node, path, "choices", "a non-empty array of answers (strings)");
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string() || list[i].get<std::string>().empty())
        throw LessonError{item(keyPath(path, "choices"), i) + ": expected a non-empty string, got " + core::jsonExcerpt(list[i])};
      step.choices.push_back(list[i].get<std::string>());
    }
  }
  step.completeWhen = readCriterion(required(node, path, "complete_when", "a criterion"), keyPath(path, "complete_when"), step);
  try {
    checkQuizAsks(step.completeWhen, step);
  } catch (const LessonError& e) {
    throw LessonError{path + "." + e.message};  // the key is ours: no excerpt
  }
}

LessonStep readStep(const json& node, const std::string& path, const std::string& lessonPath) {
  requireObject(node, path);
  LessonStep step;
  step.id = text(node, path, "id", true);
  try {
    readStepBody(node, path, lessonPath, step);
  } catch (const LessonError& e) {
    throw LessonError{"step '" + core::textExcerpt(step.id) + "': " + e.message};
  }
  return step;
}

void readScene(const json& doc, Lesson& lesson) {
  lesson.scene = text(doc, "", "scene", true);
  if (lesson.scene == "face") return;
  lesson.scenePath = resolve(lesson.path, lesson.scene);
  std::error_code ec;  // a name too long for the system is "no such file", not an exception
  if (!std::filesystem::is_regular_file(lesson.scenePath, ec))
    throw LessonError{"scene: expected \"face\" or an existing scene file, got \"" +
                      core::textExcerpt(lesson.scene, core::kMaxPathExcerptBytes) + "\" (no file " +
                      core::textExcerpt(lesson.scenePath, core::kMaxPathExcerptBytes) + ")"};
  scene::Scene loaded;
  scene::LoadResult result = scene::loadScene(lesson.scenePath, loaded);
  if (!result.ok) throw LessonError{"scene: expected a valid scene file (" + result.error + ")"};
}

// "course" (optional): the lesson's treatment repeated, as the scene key of the same
// name and with its ranges (sessions a whole number 1..12, 7..180 days apart).
void readCourse(const json& doc, Lesson& lesson) {
  if (!doc.contains("course")) return;
  const json& node = requireObject(doc.at("course"), "course");
  checkKeys(node, "course", {"sessions", "interval_days"});
  LessonCourse course;
  double sessions = number(node, "course", "sessions", 1, 12, "sessions, a whole number");
  if (sessions != double(int(sessions)))
    throw LessonError{"course.sessions: expected a whole number of sessions from 1 to 12, got " + plain(sessions)};
  course.sessions = int(sessions);
  course.interval_days = number(node, "course", "interval_days", 7, 180, "days between sessions");
  lesson.course = course;
}

void readLesson(const json& doc, Lesson& lesson) {
  requireObject(doc, "(top level)");
  checkKeys(doc, "", {"id", "title", "scene", "pass_mark", "course", "steps"});
  lesson.id = text(doc, "", "id", true);
  lesson.title = text(doc, "", "title", true);
  readScene(doc, lesson);
  lesson.passMark = number(doc, "", "pass_mark", 0, 100, "percent of the score");
  readCourse(doc, lesson);
  const json& steps = nonEmptyArray(doc, "", "steps", "a non-empty array of steps");
  for (size_t i = 0; i < steps.size(); ++i) {
    LessonStep step = readStep(steps[i], item("steps", i), lesson.path);
    for (size_t j = 0; j < lesson.steps.size(); ++j)
      if (lesson.steps[j].id == step.id)
        throw LessonError{"step '" + core::textExcerpt(step.id) + "': " + item("steps", i) + ".id: expected a unique step id, got \"" +
                          core::textExcerpt(step.id) + "\" (also " + item("steps", j) + ")"};
    lesson.steps.push_back(std::move(step));
  }
}

}  // namespace

const char* compareOpName(CompareOp op) {
  switch (op) {
    case CompareOp::GreaterEqual: return ">=";
    case CompareOp::LessEqual: return "<=";
    case CompareOp::Greater: return ">";
    case CompareOp::Less: return "<";
    case CompareOp::Equal: return "==";
  }
  return "?";
}

bool parseLesson(const std::string& text, const std::string& path, Lesson& lesson, std::string& error) {
  // Depth-limited, never throws (core/json_limits.h): criteria nest ("all", "any"),
  // and a lesson 100 000 levels deep is refused while it is read.
  core::JsonParse parsedDoc = core::parseJson(text);
  if (!parsedDoc.ok) {
    error = path + ": not valid JSON: " + parsedDoc.error;
    return false;
  }
  json doc = std::move(parsedDoc.value);
  Lesson parsed;
  parsed.path = path;
  try {
    readLesson(doc, parsed);
  } catch (const LessonError& e) {
    error = path + ": " + e.message;
    return false;
  } catch (const json::exception& e) {  // a reader that missed a type check: still one line
    error = path + ": " + e.what();
    return false;
  }
  lesson = std::move(parsed);
  return true;
}

bool loadLesson(const std::string& path, Lesson& lesson, std::string& error) {
  std::string text;
  if (!core::readText(path, text, error)) return false;
  return parseLesson(text, path, lesson, error);
}

}  // namespace ns::lesson

#pragma once
// A procedure lesson as plain data, loaded from scenes/lessons/*.json (schema in
// README.md, "Lesson files"). The whole file is checked before a lesson starts:
// unknown keys, missing keys, wrong types, unknown operators, metrics, views and
// actions, duplicate step ids, an empty step list, a pass mark outside 0–100 and a
// scene that is neither "face" nor a loadable scene file are each refused with one
// line: "<file>: step '<id>': <key path>: <expected>" ("<file>: <key>: ..." outside
// the steps). Keys starting with "_" and "source" strings are notes, allowed anywhere.
#include <optional>
#include <string>
#include <vector>

namespace ns::lesson {

enum class CompareOp { GreaterEqual, LessEqual, Greater, Less, Equal };
const char* compareOpName(CompareOp op);  // ">=", "<=", ">", "<", "=="

// The completion criteria: a leaf {metric, op, target}, all/any of children, or the
// quiz answer {"choice": "<one of the step's choices>"}.
struct Criterion {
  enum class Kind { Metric, All, Any, Choice };
  Kind kind = Kind::All;
  std::string metric;  // Metric: as written (aliases allowed, see metrics.h)
  CompareOp op = CompareOp::GreaterEqual;
  double target = 0;
  std::string choice;  // Choice: the right answer
  std::vector<Criterion> children;  // All / Any
};

// What the program shows when the step starts; unset fields leave the view alone.
struct StepView {
  std::optional<std::string> camera;  // preset: "home", "front", "top", "side"
  std::optional<std::string> face;    // face this region (a mapped region name)
  std::optional<bool> crossSection, microView, coverageMap;
  std::optional<double> timeScale;    // simulated s per wall s
};

struct Caption {
  double at_s = 0;
  std::string text;
};

// What the program does when the step starts.
struct StepAction {
  enum class Kind { ApplySerum, SetDial, LimitDial, JumpTime, PlayRecording };
  Kind kind = Kind::ApplySerum;
  std::string serum;                 // ApplySerum: a serum name; empty: the scene's
  double dial_mm = 0;                // SetDial
  std::string chartRegion;           // SetDial by the chart: the middle of this region's depth
                                     // range (training's depthRangeFor), on the pen's dial steps
  double min_mm = 0, max_mm = 0;     // LimitDial
  double jump_s = 0;                 // JumpTime
  std::string recording;             // PlayRecording: path resolved against the lesson file
  std::vector<Caption> captions;     // PlayRecording
};

struct LessonStep {
  std::string id, title, instruction;  // instruction: lines joined with '\n'
  StepView view;
  std::vector<StepAction> actions;
  std::vector<std::string> choices;    // a quiz step's answers, in order
  Criterion completeWhen;
};

// A course the lesson schedules (the scene's `course`, which it replaces): the
// lesson's treatment given `sessions` times, `interval_days` apart.
struct LessonCourse {
  int sessions = 1;
  double interval_days = 28;
};

struct Lesson {
  std::string path;       // the lesson file
  std::string id, title;
  std::string scene;      // as written: "face" or a scene file
  std::string scenePath;  // resolved against the lesson file; empty for "face"
  double passMark = 0;    // 0–100, against lessonScore
  std::optional<LessonCourse> course;  // unset: the scene's course
  std::vector<LessonStep> steps;
};

bool parseLesson(const std::string& text, const std::string& path, Lesson& lesson, std::string& error);
bool loadLesson(const std::string& path, Lesson& lesson, std::string& error);

}  // namespace ns::lesson

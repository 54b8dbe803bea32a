#pragma once
// xAPI 1.0.3 statements for a training session, and the rules an LRS enforces on
// them. Pure functions: no files, no network (tests check shapes and rules here).
//
// Identifier scheme (README "Records"): every activity and extension NeedleSim
// names is a URN under urn:needlesim: (an absolute IRI an LRS accepts; nothing to
// resolve, nothing we would have to host):
//   urn:needlesim:scene:<scene name>          a free session on a scene
//   urn:needlesim:lesson:<lesson id>          a lesson
//   urn:needlesim:lesson:<lesson id>:step:<step id>
//   urn:needlesim:ext:<name>                  our metrics as result/context extensions
//   urn:needlesim:class:<class id>            a class (issue 35): a `grouping` context
//                                             activity on every statement of its stations
// Segments are percent-encoded outside [A-Za-z0-9._~-].
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace ns::records {

using Clock = std::chrono::system_clock;

// Where the actor's account lives (the site's home page, from the config file).
struct Site {
  std::string homePage = "http://needlesim.localhost/";
  std::string platform = "NeedleSim";
};

std::string newUuid();                             // random (version 4), lower case
std::string isoTimestamp(Clock::time_point t);     // 2024-05-01T09:30:00.125Z
std::string isoDuration(double seconds);           // PT1H2M3.25S (never negative)
std::string sceneIri(const std::string& scene);
std::string lessonIri(const std::string& lessonId);
std::string stepIri(const std::string& lessonId, const std::string& stepId);
std::string extensionIri(const std::string& name);
std::string classIri(const std::string& classId);

// A class id (--class-id, the config's class_id): 1-64 of [A-Za-z0-9._-], so it is
// its own IRI segment and a file name. Empty when good, else what is expected.
std::string classIdProblem(const std::string& classId);

// The actor: `mbox` when the trainee's name is an e-mail address, else an account
// on the site's home page.
nlohmann::json actorFor(const std::string& trainee, const Site& site);

// What one session was, as the statements tell it.
struct SessionFacts {
  std::string trainee;
  std::string registration;      // a UUID per session (context.registration)
  std::string sceneName;
  std::string mode;              // trainee | educator | kiosk
  std::string version;           // NeedleSim's
  Clock::time_point started;
  double duration_s = 0;
  double score = 0;              // technique score 0-100
  nlohmann::json technique;      // the report's technique object
  nlohmann::json lesson;         // the report's lesson object, null without one
  // Issue 35: the class the session belongs to ("" none: no grouping activity) and the
  // station it ran on (context extension urn:needlesim:ext:station; "" none).
  std::string classId;
  std::string station;
};

// The class a statement says it belongs to (its grouping activity), "" when none.
std::string statementClass(const nlohmann::json& statement);

// attempted (the scene or lesson), progressed (each lesson step done or skipped),
// completed (a finished lesson, or the scene session with its technique score),
// passed / failed (a finished lesson, against its pass mark). Each with its own id.
std::vector<nlohmann::json> sessionStatements(const SessionFacts& facts, const Site& site);

// The same, one at a time, as a run writes them while it goes on (a crash keeps
// what was done): `attempted` when the trainee is known, `progressed` as each
// lesson step is done or skipped (`step`: one of the lesson report's steps), the
// closing ones (completed, passed/failed) at the end.
nlohmann::json attemptedStatement(const SessionFacts& facts, const Site& site);
nlohmann::json progressedStatement(const SessionFacts& facts, const Site& site, const nlohmann::json& step);
std::vector<nlohmann::json> closingStatements(const SessionFacts& facts, const Site& site);
bool stepDone(const nlohmann::json& step);  // completed or skipped: it has a `progressed` statement

// The xAPI 1.0.3 rules an LRS enforces on a statement it is sent: each broken rule
// as one line naming the property ("result.score.scaled: 1.5 is outside [-1, 1]").
// Empty: the statement is valid.
std::vector<std::string> checkStatement(const nlohmann::json& statement);

bool isUuid(const std::string& s);
bool isIri(const std::string& s);
bool isIrl(const std::string& s);
bool isIsoDuration(const std::string& s);
bool isIsoTimestamp(const std::string& s);

}  // namespace ns::records

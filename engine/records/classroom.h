#pragma once
// The classroom (issue 35): every trainee of a class across stations, read back
// from the LRS with the xAPI query interface, merged with this station's own
// statements, cached on disk so the view opens at once and offline.
//
//   reading   GET <base>statements?verb=V&activity=<class IRI>&related_activities=true
//             &since=S&limit=N for V in completed, passed, failed, following `more`
//             (same origin only: the credentials go nowhere else), with the headers,
//             auth and TLS rules of delivery (records/lrs.h).
//   refresh   incremental: since = the latest `stored` the cache holds. A refresh is
//             taken whole or not at all: a page that is not a statement result, an
//             outage or a refusal leaves the cache as it was (statements come newest
//             first, so half a refresh would move `since` past ones never read) and
//             is said in one line. Statements of another class, or without an id,
//             actor or verb, are skipped and counted.
//   cache     <data dir>/classroom-<class id>.json, written to a temp name and renamed,
//             mode 0600 (it holds trainees' names and scores).
//   merge     the cache's statements with the ones still in this station's outbox (not
//             delivered yet), de-duplicated by statement id: a station's own statement
//             is counted once, whether it is in the LRS, the outbox or both. Sessions
//             are registrations with a completed / passed / failed statement; the local
//             store gives a session's summary picture when it ran on this station.
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "records/lrs.h"

namespace ns::records {

constexpr size_t kClassPageLimit = 100;        // statements per page asked of the LRS
constexpr size_t kClassPageBytes = 32u << 20;  // a page longer than this is refused as malformed
constexpr int kRecurringOfLast = 5;            // a warning recurs in a trainee when it is in at least
constexpr int kRecurringAtLeast = 2;           //   2 of their last 5 sessions
constexpr int kTrendSessions = 3;              // trend: each trainee's last 3 sessions against the 3 before

struct ClassCache {
  std::string classId;
  std::string fetchedAt;  // when the LRS last answered a whole refresh ("" never)
  std::string since;      // the latest `stored` among the statements read
  std::map<std::string, nlohmann::json> statements;  // id -> statement (the class's, valid)
};

std::string classCachePath(const std::string& dataDir, const std::string& classId);
// Absent: true with an empty cache for `classId`. Unreadable, not ours or of another
// class: false with one line naming the file and what was expected.
bool loadClassCache(const std::string& path, const std::string& classId, ClassCache& cache, std::string& error);
bool saveClassCache(const std::string& path, const ClassCache& cache, std::string& error);

struct ClassRefresh {
  bool ok = false;
  std::string problem;          // one line when not ok ("" when ok)
  unsigned pages = 0;
  unsigned read = 0;            // statements in the pages
  unsigned added = 0;           // new to the cache
  unsigned otherClass = 0;      // skipped: another class's (an LRS that ignored the filter)
  unsigned malformed = 0;       // skipped: no id, actor or verb
};

// Reads what is new since cache.since and, when every page came whole, adds it to
// the cache and stamps fetchedAt. `now`: the stamp (ISO 8601).
ClassRefresh refreshClass(const LrsConfig& lrs, ClassCache& cache, const std::string& now,
                          const std::atomic<bool>* cancel = nullptr);

// One page of a statements query, as refreshClass reads it (here apart so that it can be
// tested and fuzzed without an LRS): the class's statements into `found`, `latest` moved
// past every statement's `stored`, r's counts, `next` the `more` page's URL ("" at the
// end). False with r.problem (one line) when the page is not a statement result or its
// `more` leads to another origin.
bool readClassPage(const std::string& body, const std::string& lrsUrl, const std::string& classId,
                   std::map<std::string, nlohmann::json>& found, std::string& latest, std::string& next,
                   ClassRefresh& r);

// The statements of `classId` waiting in an outbox (read only: nothing moved or removed).
std::vector<nlohmann::json> outboxClassStatements(const std::string& outbox, const std::string& classId);

struct ClassSession {
  std::string id;               // the registration
  std::string trainee, station, at;  // at: the closing statement's timestamp
  std::string lesson;           // the lesson id, or "scene:<name>" for a free session
  std::optional<double> score;  // 0-100
  std::optional<bool> passed;   // a finished lesson's verdict
  std::vector<std::string> warnings;
  std::map<std::string, double> regions;  // in-range fraction of the dial by region
  std::string picture;          // the summary picture when the session ran on this station
};

struct LessonSummary {
  std::string lesson;
  int sessions = 0;
  std::optional<double> lastScore, bestScore;
  bool passed = false;
  std::string lastAt;
};

struct TraineeSummary {
  std::string name;
  std::set<std::string> stations;
  int sessions = 0;
  std::optional<double> lastScore, bestScore;
  std::vector<std::string> passedLessons;
  std::string lastAt;
  std::vector<std::string> recurringWarnings;
  std::vector<LessonSummary> lessons;            // by lesson id
  std::map<std::string, double> regionsLast;     // each region's latest in-range fraction
  std::map<std::string, double> regionsBest;
  std::vector<ClassSession> history;             // oldest first
};

struct RecurringWarning {
  std::string warning;
  int trainees = 0;             // in how many trainees it recurs
  double recentShare = 0;       // share of the trainees' last kTrendSessions sessions with it
  std::optional<double> earlierShare;  // of the kTrendSessions before those (none: too few sessions)
  std::string trend;            // "rising", "falling", "steady", "new" (no earlier sessions)
};

struct Classroom {
  std::string classId;
  std::string source;           // "lrs" (refreshed now), "cache" (the LRS did not answer whole), "local" (no LRS)
  std::string fetchedAt;        // the cache's stamp ("" never)
  std::string problem;          // the refresh's failure, one line
  unsigned statementsRead = 0;  // from the LRS by this refresh
  unsigned statementsUsed = 0;  // distinct statements of the class the view is built from
  unsigned localStatements = 0; // of those, from this station's outbox
  unsigned skippedOtherClass = 0, skippedMalformed = 0;
  std::vector<TraineeSummary> trainees;     // by name
  std::vector<RecurringWarning> recurring;  // most trainees first
};

// The view from statements (any order, duplicates welcome) and pictures by session id.
Classroom buildClassroom(const std::string& classId, const std::vector<nlohmann::json>& statements,
                         const std::map<std::string, std::string>& pictures);

// The report's classroom.* (product.md) and the CSV (one row per trainee x lesson).
nlohmann::json classroomJson(const Classroom& c, double age_s);
std::string classroomCsv(const Classroom& c);
std::string csvField(const std::string& text);  // quoted when it must be; a leading = + - @ made inert

// Seconds between two ISO 8601 UTC timestamps (b - a); nothing when either is not one.
std::optional<double> secondsBetween(const std::string& a, const std::string& b);

}  // namespace ns::records

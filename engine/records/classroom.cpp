#include "records/classroom.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "core/files.h"
#include "core/json_limits.h"
#include "core/private_files.h"
#include "records/trainees.h"
#include "records/xapi.h"

namespace ns::records {
namespace fs = std::filesystem;
using nlohmann::json;

std::string classCachePath(const std::string& dataDir, const std::string& classId) {
  return (fs::path(dataDir) / ("classroom-" + classId + ".json")).string();
}

bool loadClassCache(const std::string& path, const std::string& classId, ClassCache& cache, std::string& error) {
  cache = ClassCache{};
  cache.classId = classId;
  std::error_code ec;
  if (!fs::exists(path, ec)) return true;
  std::string text;
  if (!core::readText(path, text, error)) return false;
  core::JsonParse parsed = core::parseJson(text);
  const json& j = parsed.value;
  auto bad = [&](const std::string& what) {
    error = path + ": " + what + " (a class cache; remove it to read the class afresh)";
    return false;
  };
  if (!parsed.ok || !j.is_object()) return bad("expected a JSON object");
  if (!j.contains("class_id") || !j["class_id"].is_string() || j["class_id"] != classId)
    return bad("class_id: expected \"" + classId + "\"");
  for (const char* key : {"fetched_at", "since"})
    if (j.contains(key) && !j[key].is_string()) return bad(std::string(key) + ": expected a string");
  if (!j.contains("statements") || !j["statements"].is_array()) return bad("statements: expected an array");
  cache.fetchedAt = j.value("fetched_at", "");
  cache.since = j.value("since", "");
  for (const json& s : j["statements"])
    if (s.is_object() && s.contains("id") && s["id"].is_string()) cache.statements[s["id"]] = s;
  return true;
}

bool saveClassCache(const std::string& path, const ClassCache& cache, std::string& error) {
  json statements = json::array();
  for (auto& [id, s] : cache.statements) statements.push_back(s);
  json j = {{"class_id", cache.classId}, {"fetched_at", cache.fetchedAt}, {"since", cache.since}, {"statements", statements}};
  std::string why;
  core::createPrivateFolders(fs::path(path).parent_path().string(), why);
  return core::writePrivateTextAtomic(path, j.dump() + "\n", error);
}

namespace {

std::string urlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += char(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

// scheme://host[:port] of a URL ("" when it has none).
std::string origin(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t path = url.find('/', scheme + 3);
  return url.substr(0, path);
}

// Where a `more` IRL leads: relative to the LRS's origin (xAPI 1.0.3 §4.2.3), or an
// absolute URL of the same origin; anything else is refused (the credentials would
// go with it).
bool moreUrl(const std::string& base, const std::string& more, std::string& url) {
  if (more.rfind("http://", 0) == 0 || more.rfind("https://", 0) == 0) {
    url = more;
    return origin(more) == origin(base);
  }
  if (more.empty() || more[0] != '/') return false;
  url = origin(base) + more;
  return true;
}

bool isStatementShape(const json& s) {
  return s.is_object() && s.contains("id") && s["id"].is_string() && s.contains("actor") && s["actor"].is_object() &&
         s.contains("verb") && s["verb"].is_object() && s["verb"].contains("id") && s["verb"]["id"].is_string();
}

}  // namespace

bool readClassPage(const std::string& body, const std::string& lrsUrl, const std::string& classId,
                   std::map<std::string, json>& found, std::string& latest, std::string& next, ClassRefresh& r) {
  next.clear();
  core::JsonParse parsed = core::parseJson(body);
  const json& j = parsed.value;
  if (!parsed.ok || !j.is_object() || !j.contains("statements") || !j["statements"].is_array()) {
    r.problem = "a page from the LRS is not a statement result (expected {\"statements\": [...], \"more\": ...})";
    return false;
  }
  for (const json& s : j["statements"]) {
    ++r.read;
    // Every statement read moves `since`, the skipped too: they need no second reading.
    std::string stored = s.is_object() && s.contains("stored") && s["stored"].is_string() ? s["stored"].get<std::string>() : "";
    if (isIsoTimestamp(stored) && stored > latest) latest = stored;  // one format (UTC, Z): text order is time order
    if (!isStatementShape(s)) {
      ++r.malformed;
      continue;
    }
    if (statementClass(s) != classId) {
      ++r.otherClass;
      continue;
    }
    found[s["id"]] = s;
  }
  if (j.contains("more") && j["more"].is_string() && !j["more"].get<std::string>().empty() &&
      !moreUrl(lrsUrl, j["more"], next)) {
    next.clear();
    r.problem = "the LRS's `more` link leads elsewhere: " + core::textExcerpt(j["more"].get<std::string>());
    return false;
  }
  return true;
}

ClassRefresh refreshClass(const LrsConfig& lrs, ClassCache& cache, const std::string& now, const std::atomic<bool>* cancel) {
  ClassRefresh r;
  std::map<std::string, json> found;
  std::string latest = cache.since;
  std::string base = lrs.url + (lrs.url.empty() || lrs.url.back() != '/' ? "/" : "");
  for (const char* verbName : {"completed", "passed", "failed"}) {
    std::string url = base + "statements?verb=" + urlEncode(std::string("http://adlnet.gov/expapi/verbs/") + verbName) +
                      "&activity=" + urlEncode(classIri(cache.classId)) + "&related_activities=true&limit=" +
                      std::to_string(kClassPageLimit);
    if (!cache.since.empty()) url += "&since=" + urlEncode(cache.since);
    for (int page = 0; !url.empty(); ++page) {
      if (page >= 10000) return r.problem = "the LRS's pages never end (10000 read for one query)", r;
      bool truncated = false;
      PostAnswer a = getFromLrs(lrs, url, kClassPageBytes, truncated, cancel);
      ++r.pages;
      if (a.status == 0) return r.problem = "the LRS did not answer (" + a.error + ")", r;
      if (a.status != 200) return r.problem = "the LRS answered " + std::to_string(a.status) + " to a statements query", r;
      if (truncated) return r.problem = "a page of the LRS's answer is longer than 32 MiB", r;
      if (!readClassPage(a.body, lrs.url, cache.classId, found, latest, url, r)) return r;
    }
  }
  for (auto& [id, s] : found) r.added += cache.statements.emplace(id, s).second ? 1u : 0u;
  cache.since = latest;
  cache.fetchedAt = now;
  r.ok = true;
  return r;
}

std::vector<json> outboxClassStatements(const std::string& outbox, const std::string& classId) {
  std::vector<json> out;
  std::error_code ec;
  if (outbox.empty() || !fs::is_directory(outbox, ec)) return out;
  for (auto& entry : fs::directory_iterator(outbox, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 10 || name.substr(name.size() - 10) != ".xapi.json" || !entry.is_regular_file(ec)) continue;
    std::string text, error;
    if (!core::readText(entry.path().string(), text, error)) continue;
    core::JsonParse parsed = core::parseJson(text);
    if (parsed.ok && isStatementShape(parsed.value) && statementClass(parsed.value) == classId) out.push_back(parsed.value);
  }
  return out;
}

namespace {

const json* at(const json& j, std::initializer_list<const char*> keys) {
  const json* p = &j;
  for (const char* k : keys) {
    if (!p->is_object() || !p->contains(k)) return nullptr;
    p = &(*p)[k];
  }
  return p;
}

std::string str(const json& j, std::initializer_list<const char*> keys) {
  const json* p = at(j, keys);
  return p && p->is_string() ? p->get<std::string>() : "";
}

std::string actorName(const json& actor) {
  if (std::string n = str(actor, {"name"}); !n.empty()) return n;
  if (std::string n = str(actor, {"account", "name"}); !n.empty()) return n;
  std::string mbox = str(actor, {"mbox"});
  return mbox.rfind("mailto:", 0) == 0 ? mbox.substr(7) : mbox;
}

std::string verbName(const json& s) {
  std::string id = str(s, {"verb", "id"});
  return id.substr(id.rfind('/') + 1);
}

// Whether `s` is text nlohmann can write (UTF-8, no overlong forms or surrogates): its
// own check, so that the report's dump never meets what it would throw on.
bool isUtf8(const std::string& s) {
  try {
    (void)json(s).dump();
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

// A lesson id as a station encoded it (encodeSegment), decoded; when the decoded bytes
// are not text (another writer's "%FF"), the id as it came: it is shown, reported and
// exported, and the report's JSON cannot hold such bytes (its dump threw: the program
// aborted; found with issue 31's class fuzzer).
std::string percentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit((unsigned char)s[i + 1]) && std::isxdigit((unsigned char)s[i + 2])) {
      out += char(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return isUtf8(out) ? out : s;
}

// A closing statement (completed, passed, failed) read into its session.
void takeClosing(const json& s, ClassSession& session) {
  std::string object = str(s, {"object", "id"});
  const std::string lessonPrefix = "urn:needlesim:lesson:", scenePrefix = "urn:needlesim:scene:";
  if (object.rfind(lessonPrefix, 0) == 0) session.lesson = percentDecode(object.substr(lessonPrefix.size()));
  else if (object.rfind(scenePrefix, 0) == 0 && session.lesson.empty())
    session.lesson = "scene:" + percentDecode(object.substr(scenePrefix.size()));
  std::string timestamp = str(s, {"timestamp"});
  if (timestamp > session.at) session.at = timestamp;
  if (std::string st = str(s, {"context", "extensions", extensionIri("station").c_str()}); !st.empty()) session.station = st;
  std::string verb = verbName(s);
  if (verb == "passed") session.passed = true;
  if (verb == "failed" && !session.passed) session.passed = false;
  if (const json* raw = at(s, {"result", "score", "raw"}); raw && raw->is_number() && std::isfinite(raw->get<double>()))
    session.score = std::clamp(raw->get<double>(), 0.0, 100.0);
  const json* t = at(s, {"result", "extensions", extensionIri("technique").c_str()});
  if (!t || !t->is_object()) return;
  // A free session in which the pen never touched the skin has a technique score of 0
  // that judges nothing: no score (the Progress panel's "no needling"), not a 0.
  auto positive = [](const json* v) { return v && v->is_number() && v->get<double>() > 0; };
  if (session.lesson.rfind("scene:", 0) == 0 && !positive(at(*t, {"passes"}))) {
    bool punctured = false;
    if (t->contains("regions") && (*t)["regions"].is_object())
      for (auto& [region, r] : (*t)["regions"].items()) punctured = punctured || positive(at(r, {"punctures"}));
    if (!punctured) session.score.reset();
  }
  if (t->contains("warnings") && (*t)["warnings"].is_array()) {
    session.warnings.clear();
    std::set<std::string> seen;  // not a scan per warning: quadratic in a list of anyone's length
    for (const json& w : (*t)["warnings"])
      if (w.is_string() && seen.insert(w.get<std::string>()).second) session.warnings.push_back(w);
  }
  if (t->contains("regions") && (*t)["regions"].is_object())
    for (auto& [region, r] : (*t)["regions"].items())
      if (const json* f = at(r, {"in_range_fraction"}); f && f->is_number() && std::isfinite(f->get<double>()))
        session.regions[region] = std::clamp(f->get<double>(), 0.0, 1.0);
}


}  // namespace

Classroom buildClassroom(const std::string& classId, const std::vector<json>& statements,
                         const std::map<std::string, std::string>& pictures) {
  Classroom c;
  c.classId = classId;
  std::map<std::string, const json*> byId;  // de-duplicated: one statement, once
  for (const json& s : statements)
    if (isStatementShape(s) && statementClass(s) == classId) byId.emplace(s["id"], &s);
  c.statementsUsed = unsigned(byId.size());
  std::map<std::string, ClassSession> sessions;  // by registration
  for (auto& [id, s] : byId) {
    std::string verb = verbName(*s), registration = str(*s, {"context", "registration"});
    if ((verb != "completed" && verb != "passed" && verb != "failed") || registration.empty()) continue;
    ClassSession& session = sessions[registration];
    session.id = registration;
    if (session.trainee.empty()) session.trainee = tidyTraineeName(actorName((*s)["actor"]));
    takeClosing(*s, session);
  }
  // Trainees: one per person (records/trainees.h: "dana lee" is Dana Lee), spelled as
  // in their first session (as the store keeps the first spelling).
  // Looked up by their key (sameTrainee's), not by a scan with sameTrainee: that was
  // quadratic in the trainees (8000 in a cache took 46 s; an LRS's page may hold 100 000).
  std::vector<ClassSession*> ordered;
  for (auto& [id, session] : sessions) ordered.push_back(&session);
  std::stable_sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->at < b->at; });
  std::map<std::string, size_t> traineeAt;  // traineeKey -> index in c.trainees
  for (ClassSession* each : ordered) {
    ClassSession& session = *each;
    const std::string& id = session.id;
    if (auto p = pictures.find(id); p != pictures.end()) session.picture = p->second;
    std::string key = traineeKey(session.trainee);
    auto known = key.empty() ? traineeAt.end() : traineeAt.find(key);  // a nameless one is nobody else
    size_t index = known == traineeAt.end() ? c.trainees.size() : known->second;
    if (index == c.trainees.size()) {
      if (!key.empty()) traineeAt[key] = index;
      c.trainees.push_back(TraineeSummary{session.trainee});
    }
    c.trainees[index].history.push_back(session);
  }
  std::map<std::string, int> warnings;  // warning -> trainees it recurs in
  std::map<std::string, std::pair<double, double>> share;  // warning -> (recent sessions with it, earlier ones)
  int recentSessions = 0, earlierSessions = 0;
  for (TraineeSummary& t : c.trainees) {
    std::stable_sort(t.history.begin(), t.history.end(), [](auto& a, auto& b) { return a.at < b.at; });
    t.sessions = int(t.history.size());
    std::map<std::string, size_t> lessonAt;  // lesson -> index in t.lessons (a scan was quadratic)
    for (const ClassSession& s : t.history) {
      if (!s.station.empty()) t.stations.insert(s.station);
      auto [at, added] = lessonAt.emplace(s.lesson, t.lessons.size());
      if (added) t.lessons.push_back(LessonSummary{s.lesson});
      LessonSummary* l = &t.lessons[at->second];
      ++l->sessions;
      l->lastAt = s.at;
      if (s.score) {
        l->lastScore = t.lastScore = s.score;
        l->bestScore = std::max(l->bestScore.value_or(*s.score), *s.score);
        t.bestScore = std::max(t.bestScore.value_or(*s.score), *s.score);
      }
      if (s.passed.value_or(false)) l->passed = true;
      t.lastAt = s.at;
      for (auto& [region, f] : s.regions) {
        t.regionsLast[region] = f;
        t.regionsBest[region] = std::max(t.regionsBest.count(region) ? t.regionsBest[region] : f, f);
      }
    }
    std::sort(t.lessons.begin(), t.lessons.end(), [](auto& a, auto& b) { return a.lesson < b.lesson; });
    for (auto& l : t.lessons)
      if (l.passed) t.passedLessons.push_back(l.lesson);
    // Recurring: in at least kRecurringAtLeast of the last kRecurringOfLast sessions.
    std::map<std::string, int> count;
    size_t from = t.history.size() > size_t(kRecurringOfLast) ? t.history.size() - kRecurringOfLast : 0;
    for (size_t i = from; i < t.history.size(); ++i)
      for (auto& w : t.history[i].warnings) ++count[w];
    for (auto& [w, n] : count)
      if (n >= kRecurringAtLeast) t.recurringWarnings.push_back(w);
    for (auto& w : t.recurringWarnings) ++warnings[w];
    // Trend: the last kTrendSessions sessions against the kTrendSessions before them.
    size_t n = t.history.size(), recentFrom = n > size_t(kTrendSessions) ? n - kTrendSessions : 0;
    size_t earlierFrom = recentFrom > size_t(kTrendSessions) ? recentFrom - kTrendSessions : 0;
    recentSessions += int(n - recentFrom);
    earlierSessions += int(recentFrom - earlierFrom);
    for (size_t i = earlierFrom; i < n; ++i)
      for (auto& w : t.history[i].warnings) (i >= recentFrom ? share[w].first : share[w].second) += 1;
  }
  auto folded = [](std::string s) {  // "ana" beside "Ben", not after every capital
    for (char& ch : s) ch = char(std::tolower((unsigned char)ch));
    return s;
  };
  std::sort(c.trainees.begin(), c.trainees.end(), [&](auto& a, auto& b) { return folded(a.name) < folded(b.name); });
  for (auto& [w, trainees] : warnings) {
    RecurringWarning r{w, trainees};
    r.recentShare = recentSessions ? share[w].first / recentSessions : 0;
    if (earlierSessions) r.earlierShare = share[w].second / earlierSessions;
    double d = r.earlierShare ? r.recentShare - *r.earlierShare : 0;
    r.trend = !r.earlierShare ? "new" : d > 0.1 ? "rising" : d < -0.1 ? "falling" : "steady";
    c.recurring.push_back(r);
  }
  std::stable_sort(c.recurring.begin(), c.recurring.end(), [](auto& a, auto& b) { return a.trainees > b.trainees; });
  return c;
}

namespace {

json optionalNumber(const std::optional<double>& v) { return v ? json(std::round(*v * 10) / 10) : json(nullptr); }

}  // namespace

json classroomJson(const Classroom& c, double age_s) {
  json trainees = json::array(), recurring = json::array();
  for (const TraineeSummary& t : c.trainees) {
    json lessons = json::array();
    for (const LessonSummary& l : t.lessons)
      lessons.push_back({{"lesson", l.lesson}, {"sessions", l.sessions}, {"last_score", optionalNumber(l.lastScore)},
                         {"best_score", optionalNumber(l.bestScore)}, {"passed", l.passed}, {"last_at", l.lastAt}});
    trainees.push_back({{"name", t.name}, {"sessions", t.sessions}, {"last_score", optionalNumber(t.lastScore)},
                        {"best_score", optionalNumber(t.bestScore)}, {"passed_lessons", t.passedLessons},
                        {"last_at", t.lastAt}, {"recurring_warnings", t.recurringWarnings},
                        {"stations", t.stations}, {"lessons", lessons}, {"regions_last", t.regionsLast}});
  }
  for (const RecurringWarning& r : c.recurring)
    recurring.push_back({{"warning", r.warning}, {"trainees", r.trainees}, {"recent_share", r.recentShare},
                         {"earlier_share", r.earlierShare ? json(*r.earlierShare) : json(nullptr)}, {"trend", r.trend}});
  json out = {{"class_id", c.classId}, {"source", c.source}, {"statements_read", c.statementsRead},
              {"statements_used", c.statementsUsed}, {"local_statements", c.localStatements},
              {"skipped", {{"other_class", c.skippedOtherClass}, {"malformed", c.skippedMalformed}}},
              {"fetched_at", c.fetchedAt}, {"age_s", age_s >= 0 ? json(std::round(age_s)) : json(nullptr)},
              {"trainees", trainees}, {"recurring", recurring}};
  if (!c.problem.empty()) out["problem"] = c.problem;
  return out;
}

std::string csvField(const std::string& text) {
  std::string t = text;
  // A spreadsheet runs a cell that starts with = + - @ as a formula: a trainee's
  // name must never do that (OWASP "CSV injection").
  if (!t.empty() && (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@')) t = "'" + t;
  if (t.find_first_of(",\"\r\n") == std::string::npos) return t;
  std::string out = "\"";
  for (char ch : t) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string classroomCsv(const Classroom& c) {
  auto number = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char text[32];
    std::snprintf(text, sizeof(text), "%.1f", *v);
    return std::string(text);
  };
  auto join = [](const auto& items, auto&& each) {
    std::string out;
    for (auto& i : items) {
      if (!out.empty()) out += ';';
      out += each(i);
    }
    return out;
  };
  std::string out = "class_id,trainee,lesson,sessions,last_score,best_score,passed,last_at,stations,recurring_warnings,regions_last\r\n";
  for (const TraineeSummary& t : c.trainees) {
    std::string stations = join(t.stations, [](const std::string& s) { return s; });
    std::string warnings = join(t.recurringWarnings, [](const std::string& s) { return s; });
    std::string regions = join(t.regionsLast, [](const auto& r) {
      char text[32];
      std::snprintf(text, sizeof(text), "=%.2f", r.second);
      return r.first + text;
    });
    // Every text cell through csvField, the timestamp too: it is whatever the LRS sent
    // ("=HYPERLINK(...)," split the row and ran as a formula; found with issue 31's class fuzzer).
    for (const LessonSummary& l : t.lessons)
      out += csvField(c.classId) + "," + csvField(t.name) + "," + csvField(l.lesson) + "," + std::to_string(l.sessions) +
             "," + number(l.lastScore) + "," + number(l.bestScore) + "," + (l.passed ? "yes" : "no") + "," + csvField(l.lastAt) +
             "," + csvField(stations) + "," + csvField(warnings) + "," + csvField(regions) + "\r\n";
  }
  return out;
}

std::optional<double> secondsBetween(const std::string& a, const std::string& b) {
  auto parse = [](const std::string& s) -> std::optional<double> {
    std::tm tm{};
    int ms = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) != 6)
      return std::nullopt;
    if (size_t dot = s.find('.'); dot != std::string::npos) std::sscanf(s.c_str() + dot + 1, "%3d", &ms);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return double(timegm(&tm)) + ms / 1000.0;
  };
  auto ta = parse(a), tb = parse(b);
  if (!ta || !tb) return std::nullopt;
  return *tb - *ta;
}

}  // namespace ns::records

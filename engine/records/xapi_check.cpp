// The xAPI 1.0.3 rules an LRS enforces when it is sent a statement (xAPI spec,
// part two "Data", section 2.4 and 4.6): the properties that must be there, the
// forms of identifiers, times and durations, and the ranges of a score. An LRS
// refuses a statement breaking any of them with 400: the outbox checks before
// sending, so such a statement is quarantined rather than retried for ever.
#include <cmath>
#include <regex>
#include <set>

#include "records/xapi.h"

namespace ns::records {
namespace {

using nlohmann::json;
using Problems = std::vector<std::string>;

void need(Problems& p, bool ok, const std::string& where, const std::string& what) {
  if (!ok) p.push_back(where + ": " + what);
}

void unknownKeys(Problems& p, const json& j, const std::string& where, std::set<std::string> allowed) {
  for (auto& [key, value] : j.items())
    if (!allowed.count(key)) p.push_back(where + "." + key + ": not an xAPI 1.0.3 property");
}

bool isLanguageTag(const std::string& s) {
  static const std::regex tag("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$");
  return std::regex_match(s, tag);
}

void languageMap(Problems& p, const json& j, const std::string& where) {
  if (!j.is_object()) return p.push_back(where + ": expected a language map (object)");
  for (auto& [key, value] : j.items()) {
    need(p, isLanguageTag(key), where + "." + key, "not an RFC 5646 language tag");
    need(p, value.is_string(), where + "." + key, "expected a string");
  }
}

void extensions(Problems& p, const json& j, const std::string& where) {
  if (!j.is_object()) return p.push_back(where + ": expected an object");
  for (auto& [key, value] : j.items()) need(p, isIri(key), where, "key '" + key + "' is not an IRI");
}

void agent(Problems& p, const json& a, const std::string& where) {
  if (!a.is_object()) return p.push_back(where + ": expected an object");
  unknownKeys(p, a, where, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member"});
  std::string type = a.value("objectType", "Agent");
  need(p, type == "Agent" || type == "Group", where + ".objectType", "expected Agent or Group");
  int ifis = 0;
  for (const char* key : {"mbox", "mbox_sha1sum", "openid", "account"}) ifis += a.contains(key);
  if (type == "Agent") need(p, ifis == 1, where, "an Agent needs exactly one of mbox, mbox_sha1sum, openid, account");
  if (ifis > 1) p.push_back(where + ": more than one inverse functional identifier");
  if (a.contains("name")) need(p, a["name"].is_string(), where + ".name", "expected a string");
  if (a.contains("mbox"))
    need(p, a["mbox"].is_string() && a["mbox"].get<std::string>().rfind("mailto:", 0) == 0, where + ".mbox",
         "expected a mailto: IRI");
  if (a.contains("mbox_sha1sum"))
    need(p, a["mbox_sha1sum"].is_string() && std::regex_match(a["mbox_sha1sum"].get<std::string>(), std::regex("^[0-9a-fA-F]{40}$")),
         where + ".mbox_sha1sum", "expected 40 hex digits");
  if (a.contains("openid")) need(p, a["openid"].is_string() && isIri(a["openid"]), where + ".openid", "expected an IRI");
  if (a.contains("account")) {
    const json& acc = a["account"];
    if (!acc.is_object()) return p.push_back(where + ".account: expected an object");
    unknownKeys(p, acc, where + ".account", {"homePage", "name"});
    need(p, acc.contains("homePage") && acc["homePage"].is_string() && isIrl(acc["homePage"]), where + ".account.homePage",
         "required, an IRL (http or https URL)");
    need(p, acc.contains("name") && acc["name"].is_string() && !acc["name"].get<std::string>().empty(),
         where + ".account.name", "required, a non-empty string");
  }
}

void activity(Problems& p, const json& a, const std::string& where) {
  if (!a.is_object()) return p.push_back(where + ": expected an object");
  unknownKeys(p, a, where, {"objectType", "id", "definition"});
  need(p, a.value("objectType", "Activity") == "Activity", where + ".objectType", "expected Activity");
  need(p, a.contains("id") && a["id"].is_string() && isIri(a["id"]), where + ".id", "required, an IRI");
  if (!a.contains("definition")) return;
  const json& d = a["definition"];
  if (!d.is_object()) return p.push_back(where + ".definition: expected an object");
  unknownKeys(p, d, where + ".definition",
              {"name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern",
               "choices", "scale", "source", "target", "steps"});
  if (d.contains("name")) languageMap(p, d["name"], where + ".definition.name");
  if (d.contains("description")) languageMap(p, d["description"], where + ".definition.description");
  if (d.contains("type")) need(p, d["type"].is_string() && isIri(d["type"]), where + ".definition.type", "expected an IRI");
  if (d.contains("moreInfo")) need(p, d["moreInfo"].is_string() && isIrl(d["moreInfo"]), where + ".definition.moreInfo", "expected an IRL");
  if (d.contains("extensions")) extensions(p, d["extensions"], where + ".definition.extensions");
}

void result(Problems& p, const json& r) {
  if (!r.is_object()) return p.push_back("result: expected an object");
  unknownKeys(p, r, "result", {"score", "success", "completion", "response", "duration", "extensions"});
  if (r.contains("score")) {
    const json& s = r["score"];
    if (!s.is_object()) return p.push_back("result.score: expected an object");
    unknownKeys(p, s, "result.score", {"scaled", "raw", "min", "max"});
    for (auto& [key, value] : s.items()) need(p, value.is_number(), "result.score." + key, "expected a number");
    auto num = [&](const char* k) { return s.contains(k) && s[k].is_number() ? s[k].get<double>() : NAN; };
    double scaled = num("scaled"), raw = num("raw"), lo = num("min"), hi = num("max");
    if (!std::isnan(scaled)) need(p, scaled >= -1 && scaled <= 1, "result.score.scaled", "outside [-1, 1]");
    if (!std::isnan(lo) && !std::isnan(hi)) need(p, lo < hi, "result.score.min", "must be below max");
    if (!std::isnan(raw) && !std::isnan(lo)) need(p, raw >= lo, "result.score.raw", "below min");
    if (!std::isnan(raw) && !std::isnan(hi)) need(p, raw <= hi, "result.score.raw", "above max");
  }
  for (const char* key : {"success", "completion"})
    if (r.contains(key)) need(p, r[key].is_boolean(), std::string("result.") + key, "expected true or false");
  if (r.contains("response")) need(p, r["response"].is_string(), "result.response", "expected a string");
  if (r.contains("duration"))
    need(p, r["duration"].is_string() && isIsoDuration(r["duration"]), "result.duration", "expected an ISO 8601 duration");
  if (r.contains("extensions")) extensions(p, r["extensions"], "result.extensions");
}

void context(Problems& p, const json& c) {
  if (!c.is_object()) return p.push_back("context: expected an object");
  unknownKeys(p, c, "context",
              {"registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions"});
  if (c.contains("registration"))
    need(p, c["registration"].is_string() && isUuid(c["registration"]), "context.registration", "expected a UUID");
  if (c.contains("instructor")) agent(p, c["instructor"], "context.instructor");
  for (const char* key : {"revision", "platform"})
    if (c.contains(key)) need(p, c[key].is_string(), std::string("context.") + key, "expected a string");
  if (c.contains("language"))
    need(p, c["language"].is_string() && isLanguageTag(c["language"]), "context.language", "expected an RFC 5646 tag");
  if (c.contains("extensions")) extensions(p, c["extensions"], "context.extensions");
  if (c.contains("contextActivities")) {
    const json& ca = c["contextActivities"];
    if (!ca.is_object()) return p.push_back("context.contextActivities: expected an object");
    unknownKeys(p, ca, "context.contextActivities", {"parent", "grouping", "category", "other"});
    for (auto& [key, value] : ca.items()) {
      std::string where = "context.contextActivities." + key;
      if (value.is_array())
        for (size_t i = 0; i < value.size(); ++i) activity(p, value[i], where + "[" + std::to_string(i) + "]");
      else
        activity(p, value, where);
    }
  }
}

}  // namespace

bool isUuid(const std::string& s) {
  static const std::regex uuid("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");
  return std::regex_match(s, uuid);
}

bool isIri(const std::string& s) {
  // An absolute IRI: a scheme, a colon, and no white space or characters RFC 3987 excludes.
  static const std::regex iri(R"(^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]+$)");
  return std::regex_match(s, iri);
}

bool isIrl(const std::string& s) {
  static const std::regex irl(R"(^https?://[^\s/?#<>"]+([/?#][^\s<>"]*)?$)");
  return std::regex_match(s, irl);
}

bool isIsoDuration(const std::string& s) {
  // ISO 8601 durations as xAPI uses them: P[nY][nM][nW][nD][T[nH][nM][n[.n]S]], at least one part.
  static const std::regex duration(R"(^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$)");
  return std::regex_match(s, duration);
}

bool isIsoTimestamp(const std::string& s) {
  static const std::regex stamp(R"(^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$)");
  return std::regex_match(s, stamp) && s.rfind("-00:00") == std::string::npos;  // xAPI forbids -00:00
}

// The checks, which may meet any shape of JSON in a file someone else wrote.
static std::vector<std::string> checkParts(const nlohmann::json& s) {
  Problems p;
  if (!s.is_object()) return {"statement: expected a JSON object"};
  unknownKeys(p, s, "statement",
              {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"});
  if (s.contains("id")) need(p, s["id"].is_string() && isUuid(s["id"]), "id", "expected a UUID");
  if (!s.contains("actor")) p.push_back("actor: required");
  else agent(p, s["actor"], "actor");
  if (!s.contains("verb") || !s["verb"].is_object()) {
    p.push_back("verb: required, an object");
  } else {
    unknownKeys(p, s["verb"], "verb", {"id", "display"});
    need(p, s["verb"].contains("id") && s["verb"]["id"].is_string() && isIri(s["verb"]["id"]), "verb.id", "required, an IRI");
    if (s["verb"].contains("display")) languageMap(p, s["verb"]["display"], "verb.display");
  }
  if (!s.contains("object")) p.push_back("object: required");
  else if (!s["object"].is_object()) p.push_back("object: expected an object");
  else if (s["object"].value("objectType", "Activity") == "Activity") activity(p, s["object"], "object");
  if (s.contains("result")) result(p, s["result"]);
  if (s.contains("context")) context(p, s["context"]);
  if (s.contains("timestamp"))
    need(p, s["timestamp"].is_string() && isIsoTimestamp(s["timestamp"]), "timestamp", "expected an ISO 8601 timestamp");
  if (s.contains("version"))
    need(p, s["version"].is_string() && s["version"].get<std::string>().rfind("1.0.", 0) == 0, "version", "expected 1.0.x");
  return p;
}

// Never throws: a part of a shape no check expected (found by fuzz_records: an
// "object" that is a string) is a problem like any other, so the entry is quarantined.
std::vector<std::string> checkStatement(const nlohmann::json& s) {
  try {
    return checkParts(s);
  } catch (const nlohmann::json::exception& e) {
    return {std::string("statement: malformed (") + e.what() + ")"};
  }
}

}  // namespace ns::records

// libFuzzer: the class view (issue 35) reading back what others wrote — the same bytes
// as a page of an LRS's statements answer (readClassPage, as refreshClass reads each
// page) and as the class cache on disk (loadClassCache; its statements go through the
// view unchecked again, as a hand-edited cache would). What either accepts is built
// into the view, the report's classroom.* (dumped as the report writes it) and the CSV
// export. Contract: nothing throws or crashes; a refusal is one non-empty line; every
// number in the report is finite and within its range; the CSV has one row per trainee
// and lesson, eleven fields each, and no cell a spreadsheet would run as a formula.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/classroom.h"

namespace {
using nlohmann::json;
using namespace ns::records;

const std::string kClass = "spring";
const std::string kLrs = "https://lrs.example/xapi/";

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_class: %s\n", what.c_str());
  __builtin_trap();
}

void oneLine(const std::string& said, const char* where) {
  if (said.empty() || said.find('\n') != std::string::npos || said.find('\r') != std::string::npos)
    fail(std::string(where) + ": a refusal of other than one line: " + said);
}

void finiteEverywhere(const json& j, const std::string& where) {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) fail("not finite: " + where);
  if (j.is_structured())
    for (auto& [key, value] : j.items()) finiteEverywhere(value, where + "." + key);
}

void within(const std::optional<double>& v, double lo, double hi, const char* what) {
  if (v && !(*v >= lo && *v <= hi)) fail(std::string(what) + " outside its range: " + std::to_string(*v));
}

// RFC 4180 records of the export; each field as a spreadsheet reads it (unquoted).
std::vector<std::vector<std::string>> readCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    std::string& field = rows.back().back();
    if (ch == '"' && field.empty()) {
      for (++i; i < text.size(); ++i) {
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
        else if (text[i] == '"') break;
        else field += text[i];
      }
      if (i == text.size()) fail("csv: a quoted field never closed");
    } else if (ch == ',') {
      rows.back().emplace_back();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      field += ch;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();  // after the last CRLF
  return rows;
}

void checkView(const std::vector<json>& statements) {
  Classroom c = buildClassroom(kClass, statements, {});
  if (c.statementsUsed > statements.size()) fail("more statements used than given");
  size_t lessons = 0;
  for (const TraineeSummary& t : c.trainees) {
    within(t.lastScore, 0, 100, "last score");
    within(t.bestScore, 0, 100, "best score");
    for (auto& [region, f] : t.regionsLast) within(f, 0, 1, "in-range fraction");
    if (t.sessions != int(t.history.size())) fail("sessions and history disagree");
    lessons += t.lessons.size();
  }
  for (const RecurringWarning& r : c.recurring) {
    within(r.recentShare, 0, 1, "recent share");
    within(r.earlierShare, 0, 1, "earlier share");
  }
  json report = classroomJson(c, 12.0);
  finiteEverywhere(report, "classroom");
  (void)report.dump(2);  // as the report is written: throws on text that is not UTF-8
  auto rows = readCsv(classroomCsv(c));
  if (rows.size() != lessons + 1) fail("csv: " + std::to_string(rows.size()) + " rows for " + std::to_string(lessons) + " lessons");
  for (auto& row : rows) {
    if (row.size() != 11) fail("csv: a row of " + std::to_string(row.size()) + " fields");
    for (auto& field : row)
      if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@'))
        fail("csv: a cell a spreadsheet runs as a formula: " + field.substr(0, 40));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);

  // A page of the LRS's answer.
  std::map<std::string, json> found;
  std::string latest, next;
  ClassRefresh r;
  if (!readClassPage(text, kLrs, kClass, found, latest, next, r)) {
    oneLine(r.problem, "page");
  } else {
    if (!r.problem.empty()) fail("an accepted page with a problem");
    if (!next.empty() && next.rfind("https://lrs.example/", 0) != 0) fail("`more` leads elsewhere: " + next);
    if (r.read < found.size() + r.malformed + r.otherClass) fail("counts do not add up");
    std::vector<json> statements;
    for (auto& [id, s] : found) statements.push_back(s);
    checkView(statements);
  }

  // The class cache on disk, and saved again.
  static const std::string path = "/tmp/needlesim-fuzz-class-" + std::to_string(getpid()) + ".json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  ClassCache cache;
  std::string error;
  if (!loadClassCache(path, kClass, cache, error)) {
    oneLine(error, "cache");
    return 0;
  }
  std::vector<json> statements;
  for (auto& [id, s] : cache.statements) statements.push_back(s);
  checkView(statements);
  if (auto age = secondsBetween(cache.fetchedAt, "2026-12-07T10:00:00.000Z"); age && !std::isfinite(*age))
    fail("the cache's age is not finite");
  if (!saveClassCache(path, cache, error)) fail("the cache could not be saved: " + error);
  ClassCache again;
  if (!loadClassCache(path, kClass, again, error)) fail("a saved cache is refused: " + error);
  if (again.statements.size() != cache.statements.size() || again.since != cache.since) fail("the cache changed on saving");
  return 0;
}

#include "kiosk/day_list.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>

#include "core/files.h"
#include "core/json_limits.h"

namespace ns::kiosk {
namespace {

std::string formatNow(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof(text), format, &local);
  return text;
}

}  // namespace

std::string todayDate() { return formatNow("%Y-%m-%d"); }
std::string timeOfDay() { return formatNow("%H:%M"); }

std::string cleanInitials(const std::string& text) {
  std::string out;
  for (char c : text)
    if (std::isalpha((unsigned char)c) && out.size() < 3) out += char(std::toupper((unsigned char)c));
  return out;
}

DayList loadDayList(const std::string& path, const std::string& today, std::string& warning) {
  DayList list{today, {}};
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return list;
  std::string text, error;
  if (!core::readText(path, text, error)) {
    warning = path + ": cannot be read (" + error + "): starting an empty list";
    return list;
  }
  core::JsonParse parsed = core::parseJson(text);  // depth-limited, never throws (core/json_limits.h)
  nlohmann::json& j = parsed.value;
  if (!parsed.ok || !j.is_object() || !j.contains("date") || !j["date"].is_string() || !j.contains("entries") ||
      !j["entries"].is_array()) {
    warning = path + ": not a day list ({\"date\", \"entries\"}): starting an empty list";
    return list;
  }
  if (j["date"].get<std::string>() != today) return list;  // yesterday's: cleared
  for (const nlohmann::json& e : j["entries"]) {
    if (!e.is_object() || !e.contains("score") || !e["score"].is_number()) continue;
    list.entries.push_back({e["score"].get<double>(), cleanInitials(e.value("initials", "")), e.value("time", "")});
  }
  std::stable_sort(list.entries.begin(), list.entries.end(), [](auto& a, auto& b) { return a.score > b.score; });
  if (list.entries.size() > kDayListSize) list.entries.resize(kDayListSize);
  return list;
}

int addScore(DayList& list, const std::string& today, DayEntry entry) {
  if (list.date != today) list = {today, {}};
  entry.initials = cleanInitials(entry.initials);
  // Ties keep the earlier score ahead: a later equal score goes below it.
  auto at = std::find_if(list.entries.begin(), list.entries.end(), [&](const DayEntry& e) { return e.score < entry.score; });
  int place = int(at - list.entries.begin());
  if (place >= int(kDayListSize)) return -1;
  list.entries.insert(at, entry);
  if (list.entries.size() > kDayListSize) list.entries.resize(kDayListSize);
  return place;
}

bool saveDayList(const std::string& path, const DayList& list, std::string& error) {
  nlohmann::json entries = nlohmann::json::array();
  for (const DayEntry& e : list.entries) entries.push_back({{"score", e.score}, {"initials", e.initials}, {"time", e.time}});
  nlohmann::json j = {{"date", list.date}, {"entries", entries}};
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  return core::writeTextAtomic(path, j.dump(2) + "\n", error);
}

}  // namespace ns::kiosk

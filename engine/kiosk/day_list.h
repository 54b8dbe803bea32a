#pragma once
// The day's top ten at the stand: scores with optional initials, kept in one small
// JSON file ({"date": "YYYY-MM-DD", "entries": [{"score", "initials", "time"}]}),
// written atomically (temporary name, rename) after every score. A list of another
// date is the previous day's: it is cleared when read or added to.
#include <string>
#include <vector>

namespace ns::kiosk {

struct DayEntry {
  double score = 0;
  std::string initials;  // up to 3 letters, may be empty
  std::string time;      // "HH:MM"
};

struct DayList {
  std::string date;  // "YYYY-MM-DD"
  std::vector<DayEntry> entries;  // best first, at most kDayListSize
};

constexpr size_t kDayListSize = 10;

// Today's local date and time of day.
std::string todayDate();
std::string timeOfDay();

// Reads the list; a missing file, or one of another day, is today's empty list. A
// broken file is also an empty list (a kiosk keeps going), with `warning` saying so.
DayList loadDayList(const std::string& path, const std::string& today, std::string& warning);
// Adds a score (clearing a stale day first); returns its place (0-based) or -1 when it
// did not make the top ten.
int addScore(DayList& list, const std::string& today, DayEntry entry);
// Letters only, upper case, at most three.
std::string cleanInitials(const std::string& text);
bool saveDayList(const std::string& path, const DayList& list, std::string& error);

}  // namespace ns::kiosk

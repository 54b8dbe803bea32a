#include "records/trainees.h"

#include <algorithm>
#include <cctype>

namespace ns::records {
namespace {

std::string lower(const std::string& s) {
  std::string out = s;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

}  // namespace

std::string tidyTraineeName(const std::string& typed) {
  std::string out;
  bool space = false;
  for (char c : typed) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string traineeNameProblem(const std::string& name) {
  if (name.empty()) return "type a name";
  if (name.size() > kMaxTraineeName) return "a name has at most 200 characters";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "a name is one line of text";
  return "";
}

std::string existingTrainee(const std::vector<std::string>& trainees, const std::string& typed) {
  std::string wanted = lower(tidyTraineeName(typed));
  if (wanted.empty()) return "";
  for (const std::string& t : trainees)
    if (lower(t) == wanted) return t;
  return "";
}

std::vector<std::string> matchingTrainees(const std::vector<std::string>& trainees, const std::string& typed) {
  std::string part = lower(tidyTraineeName(typed));
  std::vector<std::string> out;
  for (const std::string& t : trainees)
    if (part.empty() || lower(t).find(part) != std::string::npos) out.push_back(t);
  return out;
}

TraineePick pickTrainee(const std::vector<std::string>& trainees, const std::string& typed) {
  TraineePick pick;
  std::string name = tidyTraineeName(typed);
  pick.problem = traineeNameProblem(name);
  if (!pick.problem.empty()) return pick;
  std::string known = existingTrainee(trainees, name);
  pick.name = known.empty() ? name : known;
  pick.isNew = known.empty();
  return pick;
}

}  // namespace ns::records

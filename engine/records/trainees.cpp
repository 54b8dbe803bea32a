#include "records/trainees.h"

#include <cstdint>

namespace ns::records {
namespace {

// One code point of UTF-8 at `i` (advanced past it); a malformed byte is taken as
// itself, so a key never loses bytes.
uint32_t nextCodePoint(const std::string& s, size_t& i) {
  unsigned char c = (unsigned char)s[i];
  size_t extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xC0 && c < 0xE0 ? 1 : 0;
  uint32_t cp = c & (0x3F >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    if (i + k >= s.size() || ((unsigned char)s[i + k] & 0xC0) != 0x80) extra = 0;
    if (extra == 0) break;
    cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
  }
  if (extra == 0) cp = c;
  i += extra + 1;
  return cp;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Spaces a typed name may carry: ASCII blanks, no-break, the typographic and the
// ideographic spaces.
bool isSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Unicode simple case folding for the scripts names are written in here: Latin
// (Basic, Latin-1, Extended-A), Greek and Cyrillic. ß folds to "ss" (full folding).
void appendFolded(std::string& out, uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') cp += 0x20;
  else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) cp += 0x20;
  else if (cp == 0xDF) {
    out += "ss";
    return;
  } else if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0 && cp != 0x130) cp += 1;
  else if (cp == 0x130) cp = 'i';
  else if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) cp += 1;
  else if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) cp += 1;
  else if (cp == 0x178) cp = 0xFF;
  else if (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1) cp += 1;
  else if (cp == 0x17F) cp = 's';
  else if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) cp += 0x20;
  else if (cp == 0x3C2) cp = 0x3C3;  // final sigma
  else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
  else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  appendUtf8(out, cp);
}

// What two spellings of one name share: tidied (traineeNameProblem's spaces), then
// case-folded.
std::string nameKey(const std::string& name) {
  std::string tidy = tidyTraineeName(name), key;
  for (size_t i = 0; i < tidy.size();) appendFolded(key, nextCodePoint(tidy, i));
  return key;
}

}  // namespace

std::string tidyTraineeName(const std::string& typed) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < typed.size();) {
    size_t start = i;
    uint32_t cp = nextCodePoint(typed, i);
    if (isSpace(cp)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(typed, start, i - start);
  }
  return out;
}

std::string traineeKey(const std::string& name) { return nameKey(name); }

bool sameTrainee(const std::string& a, const std::string& b) {
  std::string key = nameKey(a);
  return !key.empty() && key == nameKey(b);
}

std::string traineeNameProblem(const std::string& name) {
  if (name.empty()) return "type a name";
  if (name.size() > kMaxTraineeName) return "a name has at most 200 characters";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "a name is one line of text";
  return "";
}

std::string existingTrainee(const std::vector<std::string>& trainees, const std::string& typed) {
  for (const std::string& t : trainees)
    if (sameTrainee(t, typed)) return t;
  return "";
}

std::vector<std::string> matchingTrainees(const std::vector<std::string>& trainees, const std::string& typed) {
  std::string part = nameKey(typed);
  std::vector<std::string> out;
  for (const std::string& t : trainees)
    if (part.empty() || nameKey(t).find(part) != std::string::npos) out.push_back(t);
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

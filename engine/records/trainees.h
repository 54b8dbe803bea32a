#pragma once
// Trainee names, as the start dialog and --trainee take them: what makes a usable
// name, and which stored trainee a typed name means. Pure functions (no store, no
// window): the dialog's logic is tested here.
#include <string>
#include <vector>

namespace ns::records {

constexpr size_t kMaxTraineeName = 200;

// The name with spaces (ASCII blanks, no-break and other Unicode spaces) trimmed at
// both ends and each inner run made one ASCII space.
std::string tidyTraineeName(const std::string& typed);

// Whether two spellings name one trainee: equal once tidied and case-folded
// (Unicode simple folding for Latin, Greek and Cyrillic; ß as "ss"), so "dana  lee"
// is "Dana Lee" and "ZOË" is "Zoë". An empty name is nobody.
bool sameTrainee(const std::string& a, const std::string& b);

// What sameTrainee compares (tidied, case-folded; "" for a name of nobody): a key to
// look trainees up by, where a scan with sameTrainee would be quadratic.
std::string traineeKey(const std::string& name);

// Why a (tidied) name cannot be used, one line; "" when it can. A name is 1-200
// characters of one line without control characters.
std::string traineeNameProblem(const std::string& name);

// The stored trainee a typed name means (sameTrainee: "anna  smith" is Anna Smith,
// not a second trainee), in its stored spelling; "" when it names nobody yet.
std::string existingTrainee(const std::vector<std::string>& trainees, const std::string& typed);

// The trainees whose name contains `typed` ignoring case and spacing (all of them for ""), in
// the store's order.
std::vector<std::string> matchingTrainees(const std::vector<std::string>& trainees, const std::string& typed);

// What Start in the dialog does with the typed text: the trainee to train as (the
// stored spelling when one matches), whether that creates a new one, or why not.
struct TraineePick {
  std::string name;     // "" when the text cannot be used
  bool isNew = false;   // nobody of that name in the store yet
  std::string problem;  // why not, one line
};
TraineePick pickTrainee(const std::vector<std::string>& trainees, const std::string& typed);

}  // namespace ns::records

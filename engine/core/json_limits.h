#pragma once
// Reading JSON written by others without trusting its shape: a parse that refuses
// nesting deeper than kMaxJsonDepth (nlohmann's SAX interface, so the limit costs a
// counter; the library's printer, comparisons and copies recurse, so a document
// 100 000 levels deep must never be built), and a short excerpt of a value for an
// error message (never the untrusted document back at length). Never throws.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace ns::core {

// Objects and arrays inside one another: every file NeedleSim reads needs fewer than
// 10; 64 leaves room for any hand-written file (README, "Limits on input").
constexpr int kMaxJsonDepth = 64;
// The most of a value, or of an unreadable token, that an error message quotes.
constexpr size_t kMaxExcerptBytes = 40;

struct JsonParse {
  bool ok = false;
  nlohmann::json value;  // when ok
  // When not ok, one line without the file name, e.g.
  //   "parse error at line 3, column 7: syntax error while parsing value - ..."
  //   "nested deeper than 64 levels at line 1, column 65 (expected at most 64 levels of objects and arrays)"
  std::string error;
  bool tooDeep = false;
};

// The whole text as one JSON value (comments not allowed, nothing after it). A number
// too large for a double (1e309) is a parse error, not an exception.
JsonParse parseJson(std::string_view text, int maxDepth = kMaxJsonDepth);

// At most kMaxExcerptBytes of `value` as JSON (invalid UTF-8 replaced), with
// "... (N bytes)" when cut.
std::string jsonExcerpt(const nlohmann::json& value);
// The same for raw text (a token, a line); a file name may keep up to
// kMaxPathExcerptBytes (a path is worth reading whole when it is an ordinary one).
constexpr size_t kMaxPathExcerptBytes = 256;
std::string textExcerpt(std::string_view text, size_t maxBytes = kMaxExcerptBytes);

}  // namespace ns::core

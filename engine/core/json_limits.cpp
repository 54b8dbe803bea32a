#include "core/json_limits.h"

#include <cstdio>

namespace ns::core {
namespace {

using nlohmann::json;

// nlohmann's own DOM builder, with a depth counter in front: past the limit the
// parse stops at once (a SAX event answering false), before anything deeper exists.
class DepthLimitedSax {
 public:
  DepthLimitedSax(json& result, int maxDepth) : dom_(result, false), maxDepth_(maxDepth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool key(json::string_t& v) { return dom_.key(v); }
  bool start_object(std::size_t n) { return deeper() && dom_.start_object(n); }
  bool end_object() { --depth_; return dom_.end_object(); }
  bool start_array(std::size_t n) { return deeper() && dom_.start_array(n); }
  bool end_array() { --depth_; return dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    what_ = e.what();
    return false;
  }

  bool tooDeep = false;
  const std::string& what() const { return what_; }

 private:
  bool deeper() {
    if (++depth_ <= maxDepth_) return true;
    tooDeep = true;
    return false;
  }
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int maxDepth_;
  int depth_ = 0;
  std::string what_;
};

// Line and column (1-based) of the opening bracket that goes one level too deep.
void deepestOpening(std::string_view text, int maxDepth, size_t& line, size_t& column) {
  line = 1;
  column = 0;
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    ++column;
    if (c == '\n') ++line, column = 0;
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') inString = true;
    else if (c == '[' || c == '{') {
      if (++depth > maxDepth) return;
    } else if (c == ']' || c == '}') --depth;
  }
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix, and
// with the token it quotes ("last read: '...'") cut to an excerpt: an unterminated
// string of a megabyte is one token.
std::string shortReason(const std::string& what) {
  std::string reason = what;
  if (auto close = reason.find("] "); reason.rfind("[json.exception", 0) == 0 && close != std::string::npos)
    reason = reason.substr(close + 2);
  const std::string marker = "last read: '";
  if (auto at = reason.find(marker); at != std::string::npos) {
    size_t start = at + marker.size();
    size_t end = reason.size() > start && reason.back() == '\'' ? reason.size() - 1 : reason.size();
    reason = reason.substr(0, start) + textExcerpt(std::string_view(reason).substr(start, end - start)) + "'";
  }
  reason = textExcerpt(reason, 6 * kMaxExcerptBytes);  // nlohmann's own text is shorter
  return reason;
}

}  // namespace

JsonParse parseJson(std::string_view text, int maxDepth) {
  JsonParse result;
  DepthLimitedSax sax(result.value, maxDepth);
  bool ok = false;
  try {
    ok = json::sax_parse(text, &sax);
  } catch (const json::exception& e) {  // not expected (the builder is told not to throw): still one line
    result.error = shortReason(e.what());
    result.value = nullptr;
    return result;
  }
  if (ok) {
    result.ok = true;
    return result;
  }
  result.value = nullptr;
  if (sax.tooDeep) {
    size_t line, column;
    deepestOpening(text, maxDepth, line, column);
    result.tooDeep = true;
    result.error = "nested deeper than " + std::to_string(maxDepth) + " levels at line " + std::to_string(line) +
                   ", column " + std::to_string(column) + " (expected at most " + std::to_string(maxDepth) +
                   " levels of objects and arrays)";
  } else {
    result.error = sax.what().empty() ? std::string("parse error") : shortReason(sax.what());
  }
  return result;
}

namespace {

// The longest prefix of at most maxBytes that does not cut a UTF-8 sequence.
std::string_view head(std::string_view text, size_t maxBytes = kMaxExcerptBytes) {
  if (text.size() <= maxBytes) return text;
  size_t cut = maxBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace

namespace {

// Control characters spelled out (\n, \x01): a quoted key or value never breaks the
// one line a refusal is.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02x", u);
      out += hex;
    } else out += c;
  }
  return out;
}

}  // namespace

std::string textExcerpt(std::string_view text, size_t maxBytes) {
  if (text.size() <= maxBytes) return printable(text);
  return printable(head(text, maxBytes)) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string jsonExcerpt(const json& value) {
  // A string can be megabytes: print no more of it than is quoted.
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s.size() > kMaxExcerptBytes) {
      std::string quoted = json(s.substr(0, 2 * kMaxExcerptBytes)).dump(-1, ' ', false, json::error_handler_t::replace);
      return std::string(head(quoted)) + "... (a string of " + std::to_string(s.size()) + " bytes)";
    }
  }
  return textExcerpt(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace ns::core

// Reading JSON written by others: nesting refused past the limit while it is read,
// nothing quoted back at length, never an exception (core/json_limits.h).
#include "core/json_limits.h"

#include <gtest/gtest.h>

#include <string>

using ns::core::jsonExcerpt;
using ns::core::kMaxJsonDepth;
using ns::core::parseJson;
using ns::core::textExcerpt;

namespace {

std::string nested(int levels, const std::string& inside = "0") {
  return std::string(size_t(levels), '[') + inside + std::string(size_t(levels), ']');
}

}  // namespace

TEST(JsonLimits, NestingUpToTheLimitIsReadAndOneMoreIsRefused) {
  EXPECT_TRUE(parseJson(nested(kMaxJsonDepth)).ok);
  auto deeper = parseJson(nested(kMaxJsonDepth + 1));
  EXPECT_FALSE(deeper.ok);
  EXPECT_TRUE(deeper.tooDeep);
  EXPECT_EQ(deeper.error, "nested deeper than 64 levels at line 1, column 65 (expected at most 64 levels of objects and arrays)");
  EXPECT_TRUE(deeper.value.is_null());  // nothing deep kept
}

TEST(JsonLimits, AHundredThousandLevelsAreRefusedWithTheLineNotTheDocument) {
  // The input: an object holding arrays 100 000 deep, on the third line.
  std::string text = "{\n  \"a\": \"[[[ in a string do not count\",\n  \"b\": " + nested(100000) + "\n}";
  auto parsed = parseJson(text);
  ASSERT_FALSE(parsed.ok);
  EXPECT_TRUE(parsed.tooDeep);
  EXPECT_NE(parsed.error.find("at line 3, column 71"), std::string::npos) << parsed.error;
  EXPECT_LT(parsed.error.size(), 200u);
  // Objects count as well as arrays.
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"k\":";
  objects += "0" + std::string(100000, '}');
  EXPECT_TRUE(parseJson(objects).tooDeep);
}

TEST(JsonLimits, BadJsonIsOneShortLineNeverAnException) {
  auto huge = parseJson("[1e309]");
  EXPECT_FALSE(huge.ok);
  EXPECT_FALSE(huge.tooDeep);
  EXPECT_NE(huge.error.find("1e309"), std::string::npos) << huge.error;
  // An unterminated string of a megabyte is one token: quoted as an excerpt.
  auto open = parseJson("{\"k\": \"" + std::string(1 << 20, 'x'));
  EXPECT_FALSE(open.ok);
  EXPECT_LT(open.error.size(), 300u) << open.error.substr(0, 400);
  EXPECT_NE(open.error.find("parse error at line 1"), std::string::npos) << open.error.substr(0, 400);
  for (const char* bad : {"", "{", "[1,]", "{\"a\":1} trailing", "nul", "\"\\ud800\"", "NaN", "-Infinity", "1e-400x"})
    EXPECT_FALSE(parseJson(bad).ok) << bad;
  EXPECT_TRUE(parseJson("1e-400").ok);  // underflows to 0: finite, accepted here; ranges are the readers' job
}

TEST(JsonLimits, ExcerptsAreShortAndSurviveInvalidUtf8) {
  EXPECT_EQ(jsonExcerpt(nlohmann::json::parse("[1, 2]")), "[1,2]");
  std::string longText(100000, 'y');
  std::string e = jsonExcerpt(longText);
  EXPECT_LT(e.size(), 80u) << e;
  EXPECT_NE(e.find("a string of 100000 bytes"), std::string::npos) << e;
  EXPECT_LT(jsonExcerpt(nlohmann::json(std::vector<int>(100000, 7))).size(), 80u);
  EXPECT_NO_THROW(jsonExcerpt(nlohmann::json(std::string("\xff\xfe bad utf-8"))));
  // Never cut inside a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 50; ++i) accents += "\xc3\xa9";  // é
  std::string cut = textExcerpt(accents);
  EXPECT_EQ(cut.substr(0, 40), accents.substr(0, 40));
  EXPECT_EQ(textExcerpt("short"), "short");
}

// Found by fuzz_lesson (issue 31): a key spelled with "\n" in it broke the refusal's one
// line. Control characters are spelled out in every excerpt.
TEST(JsonLimits, ExcerptsSpellOutControlCharacters) {
  EXPECT_EQ(textExcerpt(std::string("complete_whe\n\r\t\x01\x7f", 17)), "complete_whe\\n\\r\\t\\x01\\x7f");
  EXPECT_EQ(jsonExcerpt(nlohmann::json("a\nb")), "\"a\\nb\"");
  EXPECT_EQ(textExcerpt(std::string(100, '\n')).find('\n'), std::string::npos);
}

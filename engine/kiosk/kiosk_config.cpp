#include "kiosk/kiosk_config.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/files.h"
#include "core/json_limits.h"

namespace ns::kiosk {
namespace {

// GLFW's key codes (GLFW_KEY_A = 65, GLFW_KEY_0 = 48, GLFW_KEY_F1 = 290): this
// library stays free of GLFW, the runtime compares them with glfwGetKey.
constexpr int kKeyA = 65, kKey0 = 48, kKeyF1 = 290;

std::string resolve(const std::string& base, const std::string& value) {
  if (value.empty()) return value;
  std::filesystem::path p(value);
  if (p.is_absolute()) return value;
  return (std::filesystem::path(base).parent_path() / p).lexically_normal().string();
}

bool note(const std::string& key) { return (!key.empty() && key[0] == '_') || key == "source"; }

}  // namespace

bool parseChord(const std::string& text, Chord& chord, std::string& expected) {
  expected = "modifiers (ctrl, alt, shift, super) and one key (a-z, 0-9, f1-f12) joined by '+', e.g. \"ctrl+alt+shift+k\"";
  chord = {};
  chord.text = text;
  size_t start = 0;
  bool keySeen = false;
  while (start <= text.size()) {
    size_t end = text.find('+', start);
    std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    for (char& ch : part) ch = char(std::tolower((unsigned char)ch));
    if (part == "ctrl") chord.ctrl = true;
    else if (part == "alt") chord.alt = true;
    else if (part == "shift") chord.shift = true;
    else if (part == "super") chord.super = true;
    else if (!keySeen && part.size() == 1 && std::isalpha((unsigned char)part[0])) chord.key = kKeyA + (part[0] - 'a'), keySeen = true;
    else if (!keySeen && part.size() == 1 && std::isdigit((unsigned char)part[0])) chord.key = kKey0 + (part[0] - '0'), keySeen = true;
    else if (!keySeen && part.size() >= 2 && part[0] == 'f' && part.find_first_not_of("0123456789", 1) == std::string::npos &&
             std::atoi(part.c_str() + 1) >= 1 && std::atoi(part.c_str() + 1) <= 12)
      chord.key = kKeyF1 + std::atoi(part.c_str() + 1) - 1, keySeen = true;
    else return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // A visitor must not stumble on it: at least two modifiers.
  int mods = chord.ctrl + chord.alt + chord.shift + chord.super;
  if (!keySeen || mods < 2) {
    expected += " with at least two modifiers";
    return false;
  }
  return true;
}

std::string defaultDayListPath() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path base = xdg && *xdg ? std::filesystem::path(xdg)
                               : home && *home ? std::filesystem::path(home) / ".local" / "share"
                                               : std::filesystem::path(".");
  return (base / "needlesim" / "kiosk-day.json").string();
}

namespace {

// A kiosk file being read: its JSON, its path, and where a refusal's line goes.
struct ConfigReader {
  const nlohmann::json& j;
  const std::string& path;
  std::string& error;
  bool fail(const std::string& key, const std::string& expected) {
    error = path + ": " + core::textExcerpt(key) + ": " + expected;
    return false;
  }
};

bool readKnownKeys(ConfigReader& in) {
  static const std::set<std::string> known = {"try_s", "idle_reset_s", "score_s", "attract", "attract_recording",
                                              "attract_captions", "attract_timelapse", "attract_loop_s", "scene", "guided_try",
                                              "admin_chord", "day_list", "practice_square_mm", "render_scale"};
  for (auto it = in.j.begin(); it != in.j.end(); ++it)
    if (!note(it.key()) && !known.count(it.key()))
      return in.fail(it.key(), "unknown key (expected one of try_s, idle_reset_s, score_s, attract, attract_recording, "
                               "attract_captions, attract_timelapse, attract_loop_s, scene, practice_square_mm, guided_try, "
                               "admin_chord, day_list, render_scale)");
  return true;
}

// The times, the practice square and the attract loop's switch.
bool readNumbers(ConfigReader& in, KioskConfig& config) {
  const nlohmann::json& j = in.j;
  auto seconds = [&](const char* key, double lo, double hi, double& out) {
    if (!j.contains(key)) return true;
    const nlohmann::json& v = j[key];
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi)
      return in.fail(key, "expected seconds from " + std::to_string(int(lo)) + " to " + std::to_string(int(hi)) +
                              ", got " + core::jsonExcerpt(v));
    out = v.get<double>();
    return true;
  };
  if (!seconds("try_s", 10, 600, config.try_s) || !seconds("idle_reset_s", 3, 600, config.idle_reset_s) ||
      !seconds("score_s", 3, 600, config.score_s) || !seconds("attract_loop_s", 5, 3600, config.attractLoop_s))
    return false;
  if (j.contains("practice_square_mm")) {
    const nlohmann::json& v = j["practice_square_mm"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 100)
      return in.fail("practice_square_mm", "expected mm from 0 to 100, got " + core::jsonExcerpt(v));
    config.practiceSquare_mm = v.get<double>();
  }
  if (j.contains("render_scale")) {  // the 3D view's scale: "auto" (dynamic) or pinned
    const nlohmann::json& v = j["render_scale"];
    if (v.is_string() && v.get<std::string>() == "auto")
      config.renderScale = 0;
    else if (v.is_number() && v.get<double>() >= 0.25 && v.get<double>() <= 1)
      config.renderScale = v.get<double>();
    else
      return in.fail("render_scale", "expected \"auto\" or a scale per axis from 0.25 to 1, got " + core::jsonExcerpt(v));
  }
  if (j.contains("attract")) {
    if (!j["attract"].is_boolean()) return in.fail("attract", "expected true or false, got " + core::jsonExcerpt(j["attract"]));
    config.attract = j["attract"].get<bool>();
  }
  return true;
}

// The files it names (relative to it), the day's list in an existing folder, the
// admin chord.
bool readFilesAndChord(ConfigReader& in, KioskConfig& config) {
  const nlohmann::json& j = in.j;
  auto file = [&](const char* key, std::string& out, bool mustExist) {
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) return in.fail(key, "expected a file path (string), got " + core::jsonExcerpt(j[key]));
    out = resolve(in.path, j[key].get<std::string>());
    std::error_code ec;
    if (mustExist && !out.empty() && !std::filesystem::is_regular_file(out, ec))
      return in.fail(key, "expected an existing file, '" + out + "' is not one");
    return true;
  };
  if (!file("attract_recording", config.attractRecording, true) || !file("scene", config.scene, true) ||
      !file("guided_try", config.guidedTry, true) || !file("day_list", config.dayList, false))
    return false;
  if (!config.dayList.empty()) {
    std::filesystem::path parent = std::filesystem::path(config.dayList).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      return in.fail("day_list", "expected a file in an existing folder, '" + parent.string() + "' does not exist");
  }
  if (j.contains("admin_chord")) {
    std::string expected;
    if (!j["admin_chord"].is_string() || !parseChord(j["admin_chord"].get<std::string>(), config.adminChord, expected))
      return in.fail("admin_chord", "expected " + expected + ", got " + core::jsonExcerpt(j["admin_chord"]));
  }
  return true;
}

// One caption: {at_s, text} within the loop, or {sim_s, text} on the skin clock;
// each kind in time order after `last` (at_s, sim_s so far).
bool readCaption(ConfigReader& in, const nlohmann::json& c, const std::string& key, double loop_s, Caption& out,
                 std::pair<double, double>& last) {
  if (!c.is_object()) return in.fail(key, "expected {\"at_s\": seconds, \"text\": \"...\"} or {\"sim_s\": ..., \"text\": ...}");
  for (auto it = c.begin(); it != c.end(); ++it)
    if (!note(it.key()) && it.key() != "at_s" && it.key() != "sim_s" && it.key() != "text")
      return in.fail(key + "." + it.key(), "unknown key (expected at_s or sim_s, text)");
  if (c.contains("at_s") == c.contains("sim_s")) return in.fail(key, "expected exactly one of at_s (loop time) and sim_s (skin clock)");
  out.bySkinClock = c.contains("sim_s");
  const char* when = out.bySkinClock ? "sim_s" : "at_s";
  double hi = out.bySkinClock ? 1e8 : loop_s, lastOfKind = out.bySkinClock ? last.second : last.first;
  const nlohmann::json& t = c[when];
  if (!t.is_number() || t.get<double>() < 0 || t.get<double>() >= hi)
    return in.fail(key + "." + when, out.bySkinClock ? "expected simulated seconds from 0 to 1e8, in order"
                                                     : "expected seconds from 0 to below attract_loop_s (" +
                                                           std::to_string(loop_s) + "), in order");
  if (t.get<double>() < lastOfKind) return in.fail(key + "." + when, "expected captions in time order");
  (out.bySkinClock ? out.sim_s : out.at_s) = t.get<double>();
  (out.bySkinClock ? last.second : last.first) = t.get<double>();
  if (!c.contains("text") || !c["text"].is_string() || c["text"].get<std::string>().empty())
    return in.fail(key + ".text", "expected a non-empty string");
  out.text = c["text"].get<std::string>();
  return true;
}

// The attract loop's captions (readCaption).
bool readCaptions(ConfigReader& in, KioskConfig& config) {
  if (!in.j.contains("attract_captions")) return true;
  const nlohmann::json& list = in.j["attract_captions"];
  if (!list.is_array()) return in.fail("attract_captions", "expected a list of {\"at_s\" or \"sim_s\", \"text\"}");
  config.captions.clear();
  std::pair<double, double> last{-1, -1};
  for (size_t i = 0; i < list.size(); ++i) {
    Caption c;
    if (!readCaption(in, list[i], "attract_captions[" + std::to_string(i) + "]", config.attractLoop_s, c, last)) return false;
    config.captions.push_back(c);
  }
  return true;
}

// The attract loop's time-lapse: {at_s, sim_s} keys, both rising.
bool readTimelapse(ConfigReader& in, KioskConfig& config) {
  if (!in.j.contains("attract_timelapse")) return true;
  const nlohmann::json& list = in.j["attract_timelapse"];
  if (!list.is_array()) return in.fail("attract_timelapse", "expected a list of {\"at_s\", \"sim_s\"}");
  config.timelapse.clear();
  for (size_t i = 0; i < list.size(); ++i) {
    std::string key = "attract_timelapse[" + std::to_string(i) + "]";
    const nlohmann::json& k = list[i];
    if (!k.is_object()) return in.fail(key, "expected {\"at_s\": seconds, \"sim_s\": seconds}");
    for (auto it = k.begin(); it != k.end(); ++it)
      if (!note(it.key()) && it.key() != "at_s" && it.key() != "sim_s") return in.fail(key + "." + it.key(), "unknown key (expected at_s, sim_s)");
    TimeKey t;
    if (!k.contains("at_s") || !k["at_s"].is_number() || (t.at_s = k["at_s"].get<double>()) < 0 ||
        t.at_s >= config.attractLoop_s || (i > 0 && t.at_s <= config.timelapse.back().at_s))
      return in.fail(key + ".at_s", "expected seconds from 0 to below attract_loop_s (" + std::to_string(config.attractLoop_s) +
                                        "), rising");
    // Simulated time never runs backwards within a loop (the loop starts on clean skin).
    if (!k.contains("sim_s") || !k["sim_s"].is_number() || (t.sim_s = k["sim_s"].get<double>()) < 0 ||
        t.sim_s > 1e8 || (i > 0 && t.sim_s < config.timelapse.back().sim_s))
      return in.fail(key + ".sim_s", "expected simulated seconds from 0 to 1e8, not falling");
    config.timelapse.push_back(t);
  }
  return true;
}

// What a settings file is read onto before the shipped file: no captions, real
// time, no files; the shipped kiosk.json gives every value a bare kiosk runs.
KioskConfig unsetConfig() {
  KioskConfig c;
  std::string expected;
  parseChord("ctrl+alt+shift+k", c.adminChord, expected);
  return c;
}

// `text`'s keys read onto `config` (whatever it holds already).
bool parseOnto(const std::string& text, const std::string& path, KioskConfig& config, std::string& error) {
  config.path = path;
  core::JsonParse parsed = core::parseJson(text);  // depth-limited, never throws (core/json_limits.h)
  ConfigReader in{parsed.value, path, error};
  if (!parsed.ok) return in.fail("(file)", "expected valid JSON (" + parsed.error + ")");
  if (!parsed.value.is_object()) return in.fail("(file)", "expected a JSON object of kiosk settings");
  return readKnownKeys(in) && readNumbers(in, config) && readFilesAndChord(in, config) && readCaptions(in, config) &&
         readTimelapse(in, config);
}

}  // namespace

bool parseKioskConfig(const std::string& text, const std::string& path, const std::string& scenesDir,
                      KioskConfig& config, std::string& error) {
  if (!shippedKioskConfig(scenesDir, config, error)) return false;
  return parseOnto(text, path, config, error);
}

std::string shippedKioskConfigPath(const std::string& scenesDir) {
  return (std::filesystem::path(scenesDir) / "kiosk" / "kiosk.json").lexically_normal().string();
}

bool shippedKioskConfig(const std::string& scenesDir, KioskConfig& config, std::string& error) {
  std::string path = shippedKioskConfigPath(scenesDir), text;
  config = unsetConfig();
  if (!core::readText(path, text, error)) {
    error = path + ": (file): the shipped kiosk settings cannot be read (" + error + ")";
    return false;
  }
  return parseOnto(text, path, config, error);
}

double timelapseAt(const std::vector<TimeKey>& keys, double at_s) {
  if (keys.empty()) return at_s;
  if (at_s <= keys.front().at_s) return keys.front().sim_s;
  for (size_t i = 1; i < keys.size(); ++i)
    if (at_s < keys[i].at_s) {
      const TimeKey &a = keys[i - 1], &b = keys[i];
      return a.sim_s + (b.sim_s - a.sim_s) * (at_s - a.at_s) / (b.at_s - a.at_s);
    }
  return keys.back().sim_s;
}

std::string tryLengthText(double try_s, bool adjective) {
  static const char* words[] = {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  long s = std::lround(try_s);
  char text[48];
  if (s % 60 == 0 && s / 60 >= 1 && s / 60 <= 10) {
    long m = s / 60;
    std::snprintf(text, sizeof(text), adjective ? "%s-minute" : (m == 1 ? "%s minute" : "%s minutes"), words[m]);
  } else {
    std::snprintf(text, sizeof(text), adjective ? "%ld-second" : "%ld seconds", s);
  }
  return text;
}

std::string withTryLength(const std::string& text, double try_s) {
  std::string out = text;
  const std::string mark = "{try}", words = tryLengthText(try_s, true);
  for (size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at + words.size()))
    out.replace(at, mark.size(), words);
  return out;
}

std::string elapsedText(double s) {
  char text[48];
  if (s < 60) std::snprintf(text, sizeof(text), "%.0f s", s);
  else if (s < 3600) std::snprintf(text, sizeof(text), "%.0f min", std::floor(s / 60));
  else if (s < 2 * 86400) std::snprintf(text, sizeof(text), "%.0f h %02.0f min", std::floor(s / 3600), std::floor(std::fmod(s, 3600) / 60));
  else if (s < 14 * 86400) std::snprintf(text, sizeof(text), "%.0f days", std::floor(s / 86400));
  else std::snprintf(text, sizeof(text), "%.0f weeks %.0f days", std::floor(s / 604800), std::floor(std::fmod(s, 604800) / 86400));
  std::string out = text;
  if (out.size() > 7 && out.compare(out.size() - 7, 7, " 0 days") == 0) out.resize(out.size() - 7);
  return out;
}

std::string attractCaption(const KioskConfig& config, double loopAt_s, double skin_s) {
  const Caption* due = nullptr;
  for (const Caption& c : config.captions)
    if (c.bySkinClock ? c.sim_s <= skin_s : c.at_s <= loopAt_s) due = &c;
  if (!due && !config.captions.empty()) due = &config.captions.front();
  if (!due) return "";
  std::string out = withTryLength(due->text, config.try_s);
  const std::string mark = "{clock}", clock = elapsedText(std::max(0.0, skin_s));
  for (size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at + clock.size()))
    out.replace(at, mark.size(), clock);
  return out;
}

bool loadKioskConfig(const std::string& path, const std::string& scenesDir, KioskConfig& config, std::string& error) {
  std::string text;
  if (!core::readText(path, text, error)) {
    error = path + ": (file): cannot be read (" + error + ")";
    return false;
  }
  return parseKioskConfig(text, path, scenesDir, config, error);
}

}  // namespace ns::kiosk

#include "records/config.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/files.h"
#include "core/json_limits.h"

namespace ns::records {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string home() { return env("HOME").empty() ? "." : env("HOME"); }

}  // namespace

std::string configPath() {
  if (!env("NEEDLESIM_CONFIG").empty()) return env("NEEDLESIM_CONFIG");
  std::string base = env("XDG_CONFIG_HOME").empty() ? home() + "/.config" : env("XDG_CONFIG_HOME");
  return base + "/needlesim/config.json";
}

std::string defaultDataDir() {
  std::string base = env("XDG_DATA_HOME").empty() ? home() + "/.local/share" : env("XDG_DATA_HOME");
  return base + "/needlesim";
}

bool loadRecordsConfig(const std::string& path, RecordsConfig& config, std::string& error) {
  std::error_code ec;
  if (!path.empty() && std::filesystem::exists(path, ec)) {
    std::string text;
    if (!core::readText(path, text, error)) return false;
    core::JsonParse parsed = core::parseJson(text);  // depth-limited, never throws (core/json_limits.h)
    const nlohmann::json& j = parsed.value;
    if (!parsed.ok || !j.is_object()) {
      error = path + ": not a JSON object" + (parsed.ok ? std::string() : " (" + parsed.error + ")");
      return false;
    }
    config.path = path;
    auto str = [&](const nlohmann::json& o, const char* section, const char* key, std::string& out) {
      if (!o.contains(key)) return true;
      if (!o[key].is_string()) {
        error = path + ": " + section + "." + key + ": expected a string";
        return false;
      }
      out = o[key];
      return true;
    };
    auto num = [&](const nlohmann::json& o, const char* key, double lo, double hi, double& out) {
      if (!o.contains(key)) return true;
      if (!o[key].is_number() || o[key].get<double>() < lo || o[key].get<double>() > hi) {
        error = path + ": lrs." + key + ": expected a number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
        return false;
      }
      out = o[key];
      return true;
    };
    for (auto& [key, value] : j.items())
      if (key != "site" && key != "lrs" && key != "class_id" && key != "station") {
        error = path + ": " + core::textExcerpt(key) + ": unknown key (expected site, lrs, class_id, station)";
        return false;
      }
    if (j.contains("class_id")) {
      const auto& c = j["class_id"];
      if (!c.is_string() || !classIdProblem(c.get<std::string>()).empty())
        return error = path + ": class_id: expected " + classIdProblem(c.is_string() ? c.get<std::string>() : ""), false;
      config.classId = c;
    }
    if (j.contains("station")) {
      const auto& c = j["station"];
      if (!c.is_string() || c.get<std::string>().empty() || c.get<std::string>().size() > 100)
        return error = path + ": station: expected a name of 1-100 characters", false;
      config.station = c;
    }
    if (j.contains("site")) {
      const auto& s = j["site"];
      if (!s.is_object()) return error = path + ": site: expected an object", false;
      if (!str(s, "site", "home_page", config.site.homePage) || !str(s, "site", "platform", config.site.platform)) return false;
      if (!isIrl(config.site.homePage)) return error = path + ": site.home_page: expected an http(s) URL", false;
    }
    if (j.contains("lrs")) {
      const auto& l = j["lrs"];
      if (!l.is_object()) return error = path + ": lrs: expected an object", false;
      LrsConfig& c = config.lrs;
      double batch = double(c.batch);
      if (!str(l, "lrs", "url", c.url) || !str(l, "lrs", "user", c.user) || !str(l, "lrs", "password", c.password) ||
          !str(l, "lrs", "ca_file", c.caFile) ||
          !num(l, "timeout_s", 0.1, 600, c.timeout_s) || !num(l, "drain_s", 0, 600, c.drain_s) ||
          !num(l, "batch", 1, 1000, batch))
        return false;
      c.batch = size_t(batch);
      // Credentials in a file others can read are refused, as ssh refuses a private
      // key: the file must be the owner's alone (chmod 600).
      if (l.contains("user") || l.contains("password")) {  // the file's own keys, not what a caller preset
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
          char mode[8];
          std::snprintf(mode, sizeof(mode), "%04o", unsigned(st.st_mode & 07777));
          error = path + ": lrs." + (l.contains("password") ? "password" : "user") +
                  ": expected a file only its owner can read (it holds LRS credentials), but its mode is " + mode +
                  " (chmod 600 it)";
          return false;
        }
      }
      if (l.contains("backoff_s")) {
        const auto& b = l["backoff_s"];
        if (!b.is_array() || b.size() != 2 || !b[0].is_number() || !b[1].is_number() || b[0].get<double>() <= 0 ||
            b[1].get<double>() < b[0].get<double>() || b[1].get<double>() > 86400)
          return error = path + ": lrs.backoff_s: expected [first, most] seconds, 0 < first <= most <= 86400", false;
        c.backoffMin_s = b[0];
        c.backoffMax_s = b[1];
      }
    }
  }
  if (!config.lrs.caFile.empty() && !std::filesystem::is_regular_file(config.lrs.caFile, ec)) {
    error = path + ": lrs.ca_file: " + config.lrs.caFile + ": expected a PEM file of trusted certificates";
    return false;
  }
  if (!env("NEEDLESIM_LRS_USER").empty()) config.lrs.user = env("NEEDLESIM_LRS_USER");
  if (!env("NEEDLESIM_LRS_PASSWORD").empty()) config.lrs.password = env("NEEDLESIM_LRS_PASSWORD");
  return true;
}

}  // namespace ns::records

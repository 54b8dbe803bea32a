#include "support/lrs_standin.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "records/xapi.h"

namespace ns::test {
namespace {

std::string base64(const std::string& in) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    for (int k = 3; k >= 0; --k) out += digits[(v >> (6 * k)) & 63];
  }
  if (size_t left = in.size() - i) {
    unsigned v = (unsigned char)in[i] << 16 | (left == 2 ? (unsigned char)in[i + 1] << 8 : 0);
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += left == 2 ? digits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// `stored` as an LRS stamps it: now, and later than the last (text order is time order).
std::string stamp(LrsStandIn& lrs) {
  std::string now = records::isoTimestamp(records::Clock::now());
  if (now <= lrs.lastStored) {
    auto t = records::Clock::now();
    for (int ms = 1; now <= lrs.lastStored; ++ms) now = records::isoTimestamp(t + std::chrono::milliseconds(ms * 1));
  }
  return lrs.lastStored = now;
}

bool mentions(const nlohmann::json& s, const std::string& activity, bool related) {
  if (s["object"].value("id", "") == activity) return true;
  if (!related || !s.contains("context") || !s["context"].contains("contextActivities")) return false;
  for (auto& [kind, list] : s["context"]["contextActivities"].items())
    for (auto& a : list)
      if (a.value("id", "") == activity) return true;
  return false;
}

// One page of `rest` as the answer; what is left waits under a `more` token.
void answerPage(LrsStandIn& lrs, std::vector<nlohmann::json> rest, httplib::Response& res) {
  ++lrs.pagesServed;
  nlohmann::json page = nlohmann::json::array();
  size_t n = std::min(rest.size(), std::max<size_t>(1, lrs.pageSize));
  for (size_t i = 0; i < n; ++i) page.push_back(rest[i]);
  std::string more;
  if (rest.size() > n) {
    std::string token = "t" + std::to_string(lrs.nextToken++);
    lrs.more[token] = std::vector<nlohmann::json>(rest.begin() + long(n), rest.end());
    more = "/xapi/statements/more/";
    more += token;
  }
  res.status = 200;
  res.set_content(nlohmann::json{{"statements", page}, {"more", more}}.dump(), "application/json");
}

}  // namespace

LrsStandIn::LrsStandIn() = default;
LrsStandIn::~LrsStandIn() { stopLrs(*this); }

bool makeTestCertificate(const std::string& stem, std::string& certFile, std::string& keyFile, std::string& error) {
  certFile = stem + ".crt.pem";
  keyFile = stem + ".key.pem";
  std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=NeedleSim test LRS' "
                        "-addext 'subjectAltName=IP:127.0.0.1' -keyout '" + keyFile + "' -out '" + certFile +
                        "' > '" + stem + ".log' 2>&1";
  int status = std::system(command.c_str());
  if (status != 0) error = "openssl req failed (see " + stem + ".log): " + command;
  return status == 0;
}

void startLrs(LrsStandIn& lrs, int port) {
  if (lrs.tls())
    lrs.server = std::make_unique<httplib::SSLServer>(lrs.certFile.c_str(), lrs.keyFile.c_str());
  else
    lrs.server = std::make_unique<httplib::Server>();
  lrs.server->Post("/xapi/statements", [&lrs](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock lock(lrs.mutex);
    ++lrs.requests;
    LrsFault fault = LrsFault::None;
    if (!lrs.faults.empty()) {
      fault = lrs.faults.front();
      lrs.faults.pop_front();
    }
    std::string version = req.get_header_value("X-Experience-API-Version");
    if (version.rfind("1.0.", 0) != 0) {
      ++lrs.missingVersion;
      res.status = 400;
      res.set_content("missing or unsupported X-Experience-API-Version", "text/plain");
      return;
    }
    std::string expected = "Basic " + base64(lrs.user + ":" + lrs.password);
    if (req.get_header_value("Authorization") != expected || fault == LrsFault::Unauthorized) {
      ++lrs.unauthorized;
      res.status = 401;
      return;
    }
    if (fault == LrsFault::ServerError) {
      res.status = 503;
      return;
    }
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_object()) body = nlohmann::json::array({body});
    if (!body.is_array()) {
      ++lrs.badRequests;
      res.status = 400;
      return;
    }
    bool conflict = false;
    for (auto& s : body) {
      auto problems = records::checkStatement(s);
      if (!problems.empty() || !s.contains("id")) {
        ++lrs.badRequests;
        lrs.problems.push_back(problems.empty() ? "no id" : problems.front());
        res.status = 400;
        res.set_content(problems.empty() ? "no id" : problems.front(), "text/plain");
        return;
      }
      ++lrs.timesOffered[s["id"]];
      conflict = conflict || lrs.stored.count(s["id"]);
    }
    if (conflict) {  // the strictest reading: the whole batch refused, nothing stored
      ++lrs.conflicts;
      res.status = 409;
      return;
    }
    nlohmann::json ids = nlohmann::json::array();
    for (auto& s : body) {
      s["stored"] = stamp(lrs);
      lrs.stored[s["id"]] = s;
      ids.push_back(s["id"]);
    }
    ++lrs.accepted;
    if (fault == LrsFault::Stall) {  // stored, but the answer comes after the client gave up
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::duration<double>(lrs.stall_s));
    }
    if (fault == LrsFault::DropAfterStore) {  // stored, then the connection closes mid-answer
      res.set_content_provider(1000, "application/json", [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    }
    res.status = 200;
    res.set_content(ids.dump(), "application/json");
  });
  // Reading: the checks of a POST, then the fault, then the query.
  auto guard = [&lrs](const httplib::Request& req, httplib::Response& res) {
    ++lrs.requests;
    LrsFault fault = LrsFault::None;
    if (!lrs.faults.empty()) {
      fault = lrs.faults.front();
      lrs.faults.pop_front();
    }
    if (req.get_header_value("X-Experience-API-Version").rfind("1.0.", 0) != 0) {
      ++lrs.missingVersion;
      res.status = 400;
      return false;
    }
    if (req.get_header_value("Authorization") != "Basic " + base64(lrs.user + ":" + lrs.password) ||
        fault == LrsFault::Unauthorized) {
      ++lrs.unauthorized;
      res.status = 401;
      return false;
    }
    if (fault == LrsFault::ServerError) {
      res.status = 503;
      return false;
    }
    if (fault == LrsFault::MalformedPage) {
      ++lrs.pagesServed;
      res.status = 200;
      res.set_content("{\"statements\": [{\"id\": \"cut off", "application/json");
      return false;
    }
    return true;
  };
  lrs.server->Get("/xapi/statements", [&lrs, guard](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(lrs.mutex);
    lrs.queryUrls.push_back(req.target);
    if (!guard(req, res)) return;
    ++lrs.queries;
    std::string verb = req.get_param_value("verb"), activity = req.get_param_value("activity"),
                since = req.get_param_value("since");
    bool related = req.get_param_value("related_activities") == "true";
    std::vector<nlohmann::json> hits;
    for (auto& [id, s] : lrs.stored) {
      if (!verb.empty() && s["verb"].value("id", "") != verb) continue;
      if (!activity.empty() && !lrs.ignoreActivityFilter && !mentions(s, activity, related)) continue;
      if (!since.empty() && s.value("stored", "") <= since) continue;
      hits.push_back(s);
    }
    std::sort(hits.begin(), hits.end(), [](auto& a, auto& b) { return a.value("stored", "") > b.value("stored", ""); });
    answerPage(lrs, std::move(hits), res);
  });
  lrs.server->Get(R"(/xapi/statements/more/(\w+))", [&lrs, guard](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(lrs.mutex);
    lrs.queryUrls.push_back(req.target);
    if (!guard(req, res)) return;
    auto it = lrs.more.find(req.matches[1]);
    if (it == lrs.more.end()) {
      res.status = 404;
      return;
    }
    std::vector<nlohmann::json> rest = std::move(it->second);
    lrs.more.erase(it);
    answerPage(lrs, std::move(rest), res);
  });
  if (port == 0)
    lrs.port = lrs.server->bind_to_any_port("127.0.0.1");
  else
    lrs.port = lrs.server->bind_to_port("127.0.0.1", port) ? port : -1;
  lrs.thread = std::thread([&lrs] { lrs.server->listen_after_bind(); });
  while (lrs.port > 0 && !lrs.server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void stopLrs(LrsStandIn& lrs) {
  if (!lrs.server) return;
  lrs.server->stop();
  if (lrs.thread.joinable()) lrs.thread.join();
  lrs.server.reset();
}

void queueFaults(LrsStandIn& lrs, std::initializer_list<LrsFault> faults) {
  std::lock_guard lock(lrs.mutex);
  lrs.faults.insert(lrs.faults.end(), faults.begin(), faults.end());
}

void storeDirectly(LrsStandIn& lrs, nlohmann::json statement) {
  std::lock_guard lock(lrs.mutex);
  statement["stored"] = stamp(lrs);
  lrs.stored[statement["id"]] = statement;
}

size_t storedCount(LrsStandIn& lrs) {
  std::lock_guard lock(lrs.mutex);
  return lrs.stored.size();
}

}  // namespace ns::test

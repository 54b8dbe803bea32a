#include "support/lrs_standin.h"

#include <httplib.h>

#include <chrono>

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

}  // namespace

LrsStandIn::LrsStandIn() = default;
LrsStandIn::~LrsStandIn() { stopLrs(*this); }

void startLrs(LrsStandIn& lrs, int port) {
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

size_t storedCount(LrsStandIn& lrs) {
  std::lock_guard lock(lrs.mutex);
  return lrs.stored.size();
}

}  // namespace ns::test

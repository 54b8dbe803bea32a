#pragma once
// A Learning Record Store stand-in for the tests (cpp-httplib): POST /xapi/statements
// as an LRS answers it. It insists on X-Experience-API-Version 1.0.x and Basic auth,
// checks each statement against the xAPI 1.0.3 rules (400 when one breaks them),
// refuses a batch holding an id it already has with 409 (storing none of it), and
// can be told to misbehave for the next requests: answer 5xx, stall past the
// client's timeout, or drop the connection after storing (the client never hears
// that its statements arrived).
#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace ns::test {

enum class LrsFault { None, ServerError, Stall, DropAfterStore, Unauthorized };

struct LrsStandIn {
  std::string user = "station", password = "s3cret";
  double stall_s = 1.5;
  // Guarded by mutex:
  std::mutex mutex;
  std::deque<LrsFault> faults;                   // one per request, front first
  std::map<std::string, nlohmann::json> stored;  // id -> statement
  std::map<std::string, int> timesOffered;       // id -> how many times it was sent
  int requests = 0, accepted = 0, conflicts = 0, badRequests = 0, unauthorized = 0, missingVersion = 0;
  std::vector<std::string> problems;             // rule breaks seen (400s)

  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;

  LrsStandIn();
  ~LrsStandIn();  // stops it (defined where httplib::Server is complete)
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port) + "/xapi/"; }
};

// Listens on a free port of 127.0.0.1 (port 0) or on `port`; returns once it accepts.
void startLrs(LrsStandIn& lrs, int port = 0);
void stopLrs(LrsStandIn& lrs);
void queueFaults(LrsStandIn& lrs, std::initializer_list<LrsFault> faults);
size_t storedCount(LrsStandIn& lrs);

}  // namespace ns::test

#pragma once
// A Learning Record Store stand-in for the tests (cpp-httplib): POST /xapi/statements
// as an LRS answers it. It insists on X-Experience-API-Version 1.0.x and Basic auth,
// checks each statement against the xAPI 1.0.3 rules (400 when one breaks them),
// refuses a batch holding an id it already has with 409 (storing none of it), and
// can be told to misbehave for the next requests: answer 5xx, stall past the
// client's timeout, or drop the connection after storing (the client never hears
// that its statements arrived).
//
// Issue 35: it also answers GET /xapi/statements as the xAPI query interface does
// (verb, activity with related_activities, since; newest `stored` first), in pages of
// `pageSize` with a `more` link to /xapi/statements/more/<token>. Faults for reading:
// ServerError (503), MalformedPage (a page that is not JSON); `ignoreActivityFilter`
// makes it answer with every class's statements (a careless LRS).
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

enum class LrsFault { None, ServerError, Stall, DropAfterStore, Unauthorized, MalformedPage };

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
  size_t pageSize = 2;                           // statements per page of a GET
  bool ignoreActivityFilter = false;
  int queries = 0, pagesServed = 0;              // GETs: first pages, all pages
  std::vector<std::string> queryUrls;            // each GET's path and query, as asked
  std::string lastStored;                        // strictly increasing `stored` stamps
  std::map<std::string, std::vector<nlohmann::json>> more;  // token -> the rest of an answer
  int nextToken = 0;

  // HTTPS when both are set (PEM files, e.g. from makeTestCertificate): cpp-httplib's
  // SSLServer with OpenSSL.
  std::string certFile, keyFile;

  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;

  LrsStandIn();
  ~LrsStandIn();  // stops it (defined where httplib::Server is complete)
  bool tls() const { return !certFile.empty(); }
  std::string base() const {
    return std::string(tls() ? "https" : "http") + "://127.0.0.1:" + std::to_string(port) + "/xapi/";
  }
};

// A self-signed certificate for 127.0.0.1 (its own CA: a client trusts it through
// lrs.ca_file) written as <stem>.crt.pem and <stem>.key.pem by the openssl command.
// False with the command's words in `error`.
bool makeTestCertificate(const std::string& stem, std::string& certFile, std::string& keyFile, std::string& error);

// Listens on a free port of 127.0.0.1 (port 0) or on `port`; returns once it accepts.
void startLrs(LrsStandIn& lrs, int port = 0);
void stopLrs(LrsStandIn& lrs);
void queueFaults(LrsStandIn& lrs, std::initializer_list<LrsFault> faults);
size_t storedCount(LrsStandIn& lrs);
// A statement put straight into the store (as another LRS client would have sent it).
void storeDirectly(LrsStandIn& lrs, nlohmann::json statement);

}  // namespace ns::test

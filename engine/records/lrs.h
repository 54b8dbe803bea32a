#pragma once
// Delivery to a Learning Record Store (xAPI 1.0.3): POST <base>statements in
// batches with X-Experience-API-Version: 1.0.3 and Basic auth, through libcurl
// with TLS verification on. 200 (or 409 for ids the LRS already holds) means
// accepted, and only then does a statement leave the outbox; anything else is
// retried with backoff by a background thread that never blocks a frame.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ns::records {

struct LrsConfig {
  std::string url;               // the xAPI base, e.g. http://host/xapi/ (empty: no LRS)
  std::string user, password;    // Basic auth (config file or environment, never the command line)
  std::string caFile;            // PEM certificates trusted for https (a site's own CA); "" the system's
  double timeout_s = 10;         // one request, connection included
  double backoffMin_s = 1;       // first retry; doubles up to backoffMax_s
  double backoffMax_s = 300;
  size_t batch = 50;             // statements per POST
  double drain_s = 5;            // at the end of a run: how long to wait for the outbox to empty
};

struct PostAnswer {
  long status = 0;               // HTTP status; 0: no answer (refused, timed out, dropped)
  std::string error;             // libcurl's words when there was no answer
  std::string body;
};

// One POST of a JSON array of statements. `cancel` (optional) aborts it early.
PostAnswer postStatements(const LrsConfig& config, const std::string& body, const std::atomic<bool>* cancel = nullptr);

// One GET of `url` (a statements query or a `more` page, under the xAPI base) with
// the same headers, auth and TLS rules as delivery; the body kept up to `limit`
// bytes (`truncated` says when there was more).
PostAnswer getFromLrs(const LrsConfig& config, const std::string& url, size_t limit, bool& truncated,
                      const std::atomic<bool>* cancel = nullptr);

struct DeliveryStats {
  unsigned sent = 0;             // statements the LRS accepted (this process)
  unsigned quarantined = 0;      // statements moved aside (refused as malformed, corrupt files)
  unsigned posts = 0;            // requests made
  std::string lastStatus;        // "200", "409", "503", "no answer: <why>", "" before any
  std::vector<std::string> problems;  // one line each: quarantined entries
};

// One pass over the outbox: every pending statement offered to the LRS, oldest
// first. True when the outbox was left empty; false at the first failure (the
// caller backs off). A 409 or 400 for a batch is retried statement by statement:
// 409 for one means the LRS holds it (accepted), 400 for one quarantines it.
bool deliverPending(const std::string& outbox, const LrsConfig& config, DeliveryStats& stats,
                    const std::atomic<bool>* cancel = nullptr);

// The background sender: passes over the outbox when started, when woken and after
// each backoff, until stopped.
struct Delivery {
  std::string outbox;
  LrsConfig config;
  std::thread thread;
  std::mutex mutex;
  std::condition_variable wake;
  std::atomic<bool> stopping{false};
  bool woken = false;
  unsigned passesStarted = 0;    // under mutex
  unsigned passes = 0;           // completed passes (under mutex)
  bool lastPassEmptied = false;  // the outbox was empty after the last pass
  DeliveryStats stats;           // under mutex
};

void startDelivery(Delivery& delivery, const std::string& outbox, const LrsConfig& config);
void wakeDelivery(Delivery& delivery);  // new statements are waiting: try now
// Wakes the sender and waits up to `timeout_s` for a pass that leaves the outbox
// empty. True when it did.
bool drainDelivery(Delivery& delivery, double timeout_s);
void stopDelivery(Delivery& delivery);  // aborts a request in flight; joins
DeliveryStats deliveryStats(Delivery& delivery);

}  // namespace ns::records

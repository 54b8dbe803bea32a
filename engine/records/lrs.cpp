#include "records/lrs.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "records/outbox.h"

namespace ns::records {
namespace {

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

std::string statementsUrl(const std::string& base) {
  return base + (base.empty() || base.back() != '/' ? "/" : "") + "statements";
}

bool accepted(long status) { return status == 200 || status == 204; }

// Posts `entries` as one batch; on a batch-wide 409/400 the entries go one by one.
// Returns false when the LRS did not take them (keep them, back off).
bool offer(const std::vector<OutboxEntry>& entries, const LrsConfig& config, DeliveryStats& stats,
           const std::atomic<bool>* cancel) {
  nlohmann::json batch = nlohmann::json::array();
  for (auto& e : entries) batch.push_back(e.statement);
  PostAnswer answer = postStatements(config, batch.dump(), cancel);
  ++stats.posts;
  stats.lastStatus = answer.status ? std::to_string(answer.status) : "no answer: " + answer.error;
  if (accepted(answer.status) || (answer.status == 409 && entries.size() == 1)) {
    for (auto& e : entries) removeDelivered(e.path);
    stats.sent += unsigned(entries.size());
    return true;
  }
  if ((answer.status == 409 || answer.status == 400) && entries.size() > 1) {
    for (auto& e : entries)
      if (!offer({e}, config, stats, cancel)) return false;
    return true;
  }
  if (answer.status == 400) {  // this one statement is refused as malformed: retrying cannot help
    std::string error, why = "the LRS refused it (400): " + answer.body.substr(0, 300);
    if (quarantine(entries.front().path, why, error)) {
      ++stats.quarantined;
      stats.problems.push_back(entries.front().path + ": " + why + "; moved to quarantine");
    } else {
      stats.problems.push_back(error);
    }
    return true;
  }
  return false;
}

}  // namespace

namespace {

struct Body {
  std::string text;
  size_t limit = 0;
  bool truncated = false;
};

size_t collectBody(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  size_t n = size * count, room = body->limit - std::min(body->limit, body->text.size());
  if (n > room) body->truncated = true;
  body->text.append(data, std::min(n, room));
  return n;
}

// One request to the LRS as delivery makes it (version header, Basic auth, TLS
// verified, the config's timeout): a POST of `post` when given, else a GET. The
// answer's body is kept up to `limit` bytes.
PostAnswer request(const LrsConfig& config, const std::string& url, const std::string* post, size_t limit,
                   const std::atomic<bool>* cancel, bool* truncated) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  PostAnswer answer;
  CURL* curl = curl_easy_init();
  if (!curl) {
    answer.error = "libcurl could not start";
    return answer;
  }
  curl_slist* headers = nullptr;
  if (post) headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "X-Experience-API-Version: 1.0.3");
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  char errorText[CURL_ERROR_SIZE] = "";
  long timeout_ms = std::max(100L, long(config.timeout_s * 1000));
  Body body;
  body.limit = limit;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (post) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(post->size()));
  }
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // a background thread: no SIGALRM for timeouts
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!config.caFile.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, config.caFile.c_str());  // still verified
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  if (!config.user.empty() || !config.password.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, config.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config.password.c_str());
  }
  if (cancel) {
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, cancel);
  }
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  } else {
    answer.error = errorText[0] ? errorText : curl_easy_strerror(code);
  }
  answer.body = std::move(body.text);
  if (truncated) *truncated = body.truncated;
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return answer;
}

}  // namespace

PostAnswer postStatements(const LrsConfig& config, const std::string& body, const std::atomic<bool>* cancel) {
  return request(config, statementsUrl(config.url), &body, 4096, cancel, nullptr);
}

PostAnswer getFromLrs(const LrsConfig& config, const std::string& url, size_t limit, bool& truncated,
                      const std::atomic<bool>* cancel) {
  return request(config, url, nullptr, limit, cancel, &truncated);
}

bool deliverPending(const std::string& outbox, const LrsConfig& config, DeliveryStats& stats,
                    const std::atomic<bool>* cancel) {
  OutboxScan scan = scanOutbox(outbox);
  stats.quarantined += unsigned(scan.quarantined.size());
  stats.problems.insert(stats.problems.end(), scan.quarantined.begin(), scan.quarantined.end());
  size_t batch = std::max<size_t>(1, config.batch);
  for (size_t at = 0; at < scan.pending.size(); at += batch) {
    if (cancel && cancel->load()) return false;
    std::vector<OutboxEntry> entries(scan.pending.begin() + at,
                                     scan.pending.begin() + std::min(scan.pending.size(), at + batch));
    if (!offer(entries, config, stats, cancel)) return false;
  }
  return true;
}

void startDelivery(Delivery& d, const std::string& outbox, const LrsConfig& config) {
  d.outbox = outbox;
  d.config = config;
  d.stopping = false;
  d.thread = std::thread([&d] {
    double backoff_s = d.config.backoffMin_s;
    while (!d.stopping) {
      {
        std::lock_guard lock(d.mutex);
        ++d.passesStarted;
      }
      DeliveryStats pass;
      bool emptied = deliverPending(d.outbox, d.config, pass, &d.stopping);
      std::unique_lock lock(d.mutex);
      d.stats.sent += pass.sent;
      d.stats.quarantined += pass.quarantined;
      d.stats.posts += pass.posts;
      if (!pass.lastStatus.empty()) d.stats.lastStatus = pass.lastStatus;
      d.stats.problems.insert(d.stats.problems.end(), pass.problems.begin(), pass.problems.end());
      ++d.passes;
      d.lastPassEmptied = emptied;
      d.wake.notify_all();
      if (d.stopping) break;
      // Empty: sleep until woken (a minute at most: another program may have left
      // statements). Failed: back off, doubling, unless woken for new statements.
      double wait_s = emptied ? 60.0 : backoff_s;
      backoff_s = emptied ? d.config.backoffMin_s : std::min(backoff_s * 2, d.config.backoffMax_s);
      d.wake.wait_for(lock, std::chrono::duration<double>(wait_s), [&] { return d.woken || d.stopping.load(); });
      d.woken = false;
    }
  });
}

void wakeDelivery(Delivery& d) {
  std::lock_guard lock(d.mutex);
  d.woken = true;
  d.wake.notify_all();
}

bool drainDelivery(Delivery& d, double timeout_s) {
  if (!d.thread.joinable()) return false;
  std::unique_lock lock(d.mutex);
  // Wait for a pass that began after this call (one under way may have scanned
  // before the newest statements were written) and left the outbox empty.
  unsigned target = d.passesStarted + 1;
  d.woken = true;
  d.wake.notify_all();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                         std::chrono::duration<double>(timeout_s));
  auto done = [&] { return d.passes >= target && d.lastPassEmptied; };
  while (!done() && d.wake.wait_until(lock, deadline) != std::cv_status::timeout) {
  }
  return done();
}

void stopDelivery(Delivery& d) {
  if (!d.thread.joinable()) return;
  {
    std::lock_guard lock(d.mutex);
    d.stopping = true;
    d.wake.notify_all();
  }
  d.thread.join();
}

DeliveryStats deliveryStats(Delivery& d) {
  std::lock_guard lock(d.mutex);
  return d.stats;
}

}  // namespace ns::records

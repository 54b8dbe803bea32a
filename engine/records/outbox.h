#pragma once
// The outbox: a folder of xAPI statements waiting for the LRS, one file each, and
// the source of truth for what has not been delivered. A statement leaves only when
// the LRS accepted it. Files are written to a temporary name and renamed (a kill at
// any moment leaves a whole statement or none); their names carry the statement id,
// so they never collide, across runs or programs sharing the folder.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ns::records {

struct OutboxEntry {
  std::string path;
  std::string id;
  nlohmann::json statement;
};

// <outbox>/<UTC time>-<id>.xapi.json. False with one line when it cannot be written
// or the statement has no id.
bool writeStatement(const std::string& outbox, const nlohmann::json& statement, std::string& path, std::string& error);

struct OutboxScan {
  std::vector<OutboxEntry> pending;       // oldest first
  std::vector<std::string> quarantined;   // one line per entry moved aside this scan
};

// Reads every statement waiting in the outbox. An entry that is not JSON or breaks
// the xAPI rules is moved to <outbox>/quarantine/ (never deleted) and named in
// `quarantined`. Temporary files of writers that died are removed.
OutboxScan scanOutbox(const std::string& outbox);

// Moves one entry to the quarantine folder with a note of why (beside it, .why.txt).
bool quarantine(const std::string& path, const std::string& why, std::string& error);

// Removes an accepted entry; one already gone (another program sent it) is fine.
void removeDelivered(const std::string& path);

// Statements waiting (files only: cheap enough to call at the end of a run).
size_t countPending(const std::string& outbox);

}  // namespace ns::records

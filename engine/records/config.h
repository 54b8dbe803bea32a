#pragma once
// Where records go and how they reach the LRS: the config file
// (NEEDLESIM_CONFIG, else $XDG_CONFIG_HOME/needlesim/config.json, else
// ~/.config/needlesim/config.json; absent is fine) and the environment
// (NEEDLESIM_LRS_USER / NEEDLESIM_LRS_PASSWORD override the file's credentials).
// Credentials never come from the command line: it is visible to every user.
//
//   { "site": { "home_page": "https://academy.example/", "platform": "NeedleSim" },
//     "lrs": { "url": "https://lrs.example/xapi/", "user": "...", "password": "...",
//              "timeout_s": 10, "backoff_s": [1, 300], "batch": 50, "drain_s": 5,
//              "ca_file": "/etc/needlesim/lrs-ca.pem" },
//     "class_id": "spring-2027-a", "station": "bench-3" }
// ca_file: the certificates that sign the LRS's (a site's own CA), trusted instead
// of the system's; verification stays on either way.
// class_id: the class this station's statements belong to (--class-id overrides it;
// records/xapi.h classIdProblem says what a good one is). station: this station's
// name in the statements (default: the host name).
#include <string>

#include "records/lrs.h"
#include "records/xapi.h"

namespace ns::records {

struct RecordsConfig {
  Site site;
  LrsConfig lrs;
  std::string classId;  // "" none
  std::string station;  // "" none (the caller falls back to the host name)
  std::string path;  // the file read ("" when there was none)
};

std::string configPath();           // where the config file is looked for
std::string defaultDataDir();       // $XDG_DATA_HOME/needlesim or ~/.local/share/needlesim

// False with one line naming the file and key when the file exists but is bad.
bool loadRecordsConfig(const std::string& path, RecordsConfig& config, std::string& error);

}  // namespace ns::records

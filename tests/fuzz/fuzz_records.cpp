// libFuzzer: what the records read back that others may have written — an outbox
// entry (parsed and checked against the xAPI rules, as the sender's scan does before
// it sends or quarantines) and the records config file. Neither may throw or crash;
// a refused config says why in one line.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "records/config.h"
#include "records/xapi.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  nlohmann::json statement = nlohmann::json::parse(text, nullptr, false);
  if (!statement.is_discarded()) (void)ns::records::checkStatement(statement);
  static const std::string path = "/tmp/needlesim-fuzz-records-" + std::to_string(getpid()) + ".json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  ns::records::RecordsConfig config;
  std::string error;
  if (!ns::records::loadRecordsConfig(path, config, error) && (error.empty() || error.find('\n') != std::string::npos))
    __builtin_trap();
  return 0;
}

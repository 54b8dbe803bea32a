#pragma once
// A strict OSC 1.0 decoder for the messages NeedleSim listens to (contract:
// ../shared/product.md): /needlesim/pen/pose ffffff, /needlesim/pen/contact i,
// /needlesim/pen/depth f, /needlesim/pen/pressure f. Bundles are unpacked.
// Every length and offset is checked: a malformed packet is an error message,
// never a read past the end.
#include <cstdint>
#include <string>
#include <vector>

namespace ns::input {

struct OscMessage {
  std::string address;
  std::vector<double> numbers;  // f, d, i, h arguments as numbers; T/F as 1/0
  std::string typeTags;         // without the leading ','
};

// Decodes one packet (a message or a bundle) into `messages`.
bool decodeOscPacket(const uint8_t* data, size_t size, std::vector<OscMessage>& messages, std::string& error);
// Encodes a message of float/int arguments (tests and tools).
std::vector<uint8_t> encodeOscMessage(const std::string& address, const std::string& typeTags,
                                      const std::vector<double>& values);

}  // namespace ns::input

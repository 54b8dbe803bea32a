#include "input/osc.h"

#include <cstring>

namespace ns::input {
namespace {

constexpr int kMaxBundleDepth = 8;

size_t padded(size_t n) { return (n + 3) & ~size_t(3); }

// Reads a NUL-terminated, 4-byte-padded OSC string at `offset`.
bool readString(const uint8_t* data, size_t size, size_t& offset, std::string& out) {
  if (offset >= size) return false;
  const void* end = std::memchr(data + offset, 0, size - offset);
  if (!end) return false;
  size_t length = size_t(static_cast<const uint8_t*>(end) - (data + offset));
  out.assign(reinterpret_cast<const char*>(data + offset), length);
  offset += padded(length + 1);
  return offset <= size;
}

uint32_t readBig32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
uint64_t readBig64(const uint8_t* p) { return uint64_t(readBig32(p)) << 32 | readBig32(p + 4); }

bool decodeMessage(const uint8_t* data, size_t size, OscMessage& m, std::string& error) {
  size_t offset = 0;
  if (!readString(data, size, offset, m.address) || m.address.empty() || m.address[0] != '/') {
    error = "not an OSC message (address must be a padded string starting with '/')";
    return false;
  }
  std::string tags;
  if (!readString(data, size, offset, tags) || tags.empty() || tags[0] != ',') {
    error = m.address + ": missing or malformed type tag string";
    return false;
  }
  m.typeTags = tags.substr(1);
  for (char tag : m.typeTags) {
    size_t need = (tag == 'd' || tag == 'h') ? 8 : (tag == 'T' || tag == 'F') ? 0 : 4;
    if (tag == 's') {
      std::string ignored;
      if (!readString(data, size, offset, ignored)) {
        error = m.address + ": truncated string argument";
        return false;
      }
      m.numbers.push_back(0.0);
      continue;
    }
    if (need && offset + need > size) {
      error = m.address + ": truncated: type tags ," + m.typeTags + " need more argument bytes than the packet has";
      return false;
    }
    switch (tag) {
      case 'f': {
        uint32_t bits = readBig32(data + offset);
        float f;
        std::memcpy(&f, &bits, 4);
        m.numbers.push_back(f);
        break;
      }
      case 'i': m.numbers.push_back(double(int32_t(readBig32(data + offset)))); break;
      case 'd': {
        uint64_t bits = readBig64(data + offset);
        double d;
        std::memcpy(&d, &bits, 8);
        m.numbers.push_back(d);
        break;
      }
      case 'h': m.numbers.push_back(double(int64_t(readBig64(data + offset)))); break;
      case 'T': m.numbers.push_back(1.0); break;
      case 'F': m.numbers.push_back(0.0); break;
      default:
        error = m.address + ": unsupported argument type '" + std::string(1, tag) + "'";
        return false;
    }
    offset += need;
  }
  return true;
}

bool decode(const uint8_t* data, size_t size, std::vector<OscMessage>& out, std::string& error, int depth) {
  if (size < 4 || size % 4 != 0) {
    error = "packet of " + std::to_string(size) + " bytes: OSC packets are a non-zero multiple of 4 bytes";
    return false;
  }
  if (size >= 8 && std::memcmp(data, "#bundle", 8) == 0) {
    if (depth >= kMaxBundleDepth) {
      error = "bundles nested too deeply";
      return false;
    }
    size_t offset = 16;  // "#bundle\0" + 8-byte time tag
    if (size < offset) {
      error = "truncated bundle header";
      return false;
    }
    while (offset < size) {
      if (offset + 4 > size) {
        error = "truncated bundle element size";
        return false;
      }
      size_t length = readBig32(data + offset);
      offset += 4;
      if (length > size - offset) {
        error = "bundle element of " + std::to_string(length) + " bytes runs past the packet";
        return false;
      }
      if (!decode(data + offset, length, out, error, depth + 1)) return false;
      offset += length;
    }
    return true;
  }
  OscMessage message;
  if (!decodeMessage(data, size, message, error)) return false;
  out.push_back(std::move(message));
  return true;
}

void appendBig32(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

void appendString(std::vector<uint8_t>& out, const std::string& s) {
  out.insert(out.end(), s.begin(), s.end());
  size_t total = padded(s.size() + 1);
  out.insert(out.end(), total - s.size(), 0);
}

}  // namespace

bool decodeOscPacket(const uint8_t* data, size_t size, std::vector<OscMessage>& messages, std::string& error) {
  std::vector<OscMessage> decoded;
  if (!decode(data, size, decoded, error, 0)) return false;
  messages.insert(messages.end(), decoded.begin(), decoded.end());
  return true;
}

std::vector<uint8_t> encodeOscMessage(const std::string& address, const std::string& typeTags,
                                      const std::vector<double>& values) {
  std::vector<uint8_t> out;
  appendString(out, address);
  appendString(out, "," + typeTags);
  for (size_t i = 0; i < typeTags.size() && i < values.size(); ++i) {
    if (typeTags[i] == 'f') {
      float f = float(values[i]);
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      appendBig32(out, bits);
    } else if (typeTags[i] == 'i') {
      appendBig32(out, uint32_t(int32_t(values[i])));
    }
  }
  return out;
}

}  // namespace ns::input

// The OSC listener under hostile traffic: loopback by default, oversized packets
// rejected, a flood beyond the rate dropped and counted, one poll bounded.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "input/osc.h"
#include "input/osc_source.h"

using namespace ns::input;

namespace {

struct Sender {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in to{};
  explicit Sender(int port) {
    to.sin_family = AF_INET;
    to.sin_port = htons(uint16_t(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    int big = 4 << 20;
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  }
  ~Sender() { ::close(fd); }
  void send(const std::vector<uint8_t>& packet) {
    ::sendto(fd, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }
};

OscSource openLoopback() {
  OscSource source;
  std::string error;
  EXPECT_TRUE(openOscSource(0, source, error)) << error;
  int big = 8 << 20;  // room in the kernel for the whole flood, where allowed (root)
  if (::setsockopt(source.socket, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof big) != 0)
    ::setsockopt(source.socket, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  return source;
}

}  // namespace

TEST(OscSource, ListensOnLoopbackUnlessTold) {
  OscSource source = openLoopback();
  sockaddr_in address{};
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(source.socket, reinterpret_cast<sockaddr*>(&address), &length), 0);
  EXPECT_EQ(ntohl(address.sin_addr.s_addr), INADDR_LOOPBACK);
  EXPECT_GT(source.port, 0);
  closeOscSource(source);

  OscSource bad;
  std::string error;
  EXPECT_FALSE(openOscSource(0, bad, error, "not-an-address"));
  EXPECT_NE(error.find("IPv4"), std::string::npos) << error;
}

TEST(OscSource, OversizedAndMalformedPacketsAreCountedAndDropped) {
  OscSource source = openLoopback();
  Sender sender(source.port);
  auto pose = encodeOscMessage("/needlesim/pen/pose", "ffffff", {1, 2, 0, 0, 0, -1});
  std::vector<uint8_t> huge = pose;
  huge.resize(9000, 0);  // a valid message padded far past the bound
  sender.send(huge);
  sender.send({'/', 'x', 0});
  sender.send(pose);
  usleep(20000);
  PenTrack track;
  pollOscSource(source, 1.0, track);
  EXPECT_EQ(source.packets, 3u);
  EXPECT_EQ(source.rejected, 2u);
  EXPECT_EQ(source.messages, 1u);
  EXPECT_DOUBLE_EQ(source.current.pos_mm.x, 1.0);
  closeOscSource(source);
}

TEST(OscSource, AFloodIsBoundedPerPollAndByRate) {
  OscSource source = openLoopback();
  Sender sender(source.port);
  auto contact = encodeOscMessage("/needlesim/pen/contact", "i", {1});
  const int sent = 2000;
  for (int i = 0; i < sent; ++i) sender.send(contact);
  usleep(50000);
  // The kernel keeps what its receive buffer holds (root may enlarge it): the
  // counts below hold for whatever arrived.
  PenTrack track;
  pollOscSource(source, 0.0, track);  // no time has passed: only the burst is taken
  unsigned long long first = source.packets;
  EXPECT_LE(first, unsigned(kOscMaxPacketsPerPoll)) << "one poll reads a bounded number";
  EXPECT_EQ(source.messages, std::min<unsigned long long>(first, unsigned(kOscBurstPackets)));
  EXPECT_EQ(source.dropped, first - source.messages);
  // A tenth of a second later: 100 more are allowed at most.
  for (double t = 0.1; t < 2.0; t += 0.1) pollOscSource(source, t, track);
  EXPECT_LE(source.messages, unsigned(kOscBurstPackets + 1.9 * kOscMaxPacketsPerSecond) + 1);
  EXPECT_EQ(source.messages + source.dropped, source.packets);
  EXPECT_EQ(track.samples.size(), source.messages);
  if (first == unsigned(kOscMaxPacketsPerPoll)) {  // the whole flood was queued: exact figures
    EXPECT_EQ(source.packets, unsigned(sent));
    EXPECT_EQ(source.dropped, unsigned(sent) - source.messages);
    EXPECT_GE(source.messages, 200u);
  }
  closeOscSource(source);
}

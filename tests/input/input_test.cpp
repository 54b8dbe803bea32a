#include <gtest/gtest.h>

#include <filesystem>

#include "core/files.h"
#include "input/osc.h"
#include "input/osc_source.h"
#include "input/recorder.h"
#include "input/replay.h"

using namespace ns::input;

TEST(Replay, ParsesContractLinesAndInterpolates) {
  std::string text =
      "{\"t\": 0.0, \"pos_mm\": [0, 0, 0], \"dir\": [0, 0, -1], \"contact\": true, \"depth_mm\": 0.5, \"pressure\": 0.5}\n"
      "\n"
      "{\"t\": 1.0, \"pos_mm\": [2, 0, 0], \"dir\": [0, 0, -2], \"contact\": false, \"depth_mm\": 0.75}\n";
  PenTrack track;
  std::string error;
  ASSERT_TRUE(parseReplayText(text, "r.jsonl", track, error)) << error;
  ASSERT_EQ(track.samples.size(), 2u);
  EXPECT_DOUBLE_EQ(track.samples[1].pressure, 0.5);  // optional, default
  EXPECT_DOUBLE_EQ(track.samples[1].dir.z, -1.0);    // normalised
  PenSample mid = sampleAt(track, 0.5);
  EXPECT_DOUBLE_EQ(mid.pos_mm.x, 1.0);
  EXPECT_TRUE(mid.contact);       // holds until the next sample
  EXPECT_DOUBLE_EQ(mid.depth_mm, 0.5);
  EXPECT_FALSE(sampleAt(track, -1.0).contact);  // before the first sample: off the skin
  EXPECT_DOUBLE_EQ(lateralVelocityAt(track, 0.5).x, 2.0);
}

TEST(Replay, BadLinesNameFileLineAndKey) {
  auto errorFor = [](const std::string& text) {
    PenTrack track;
    std::string error;
    EXPECT_FALSE(parseReplayText(text, "bad.jsonl", track, error));
    EXPECT_EQ(error.find('\n'), std::string::npos);
    return error;
  };
  std::string good = "{\"t\": 0, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 0.5}\n";
  EXPECT_NE(errorFor(good + "{\"t\": 1, \"pos_mm\": [0,0], \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 0.5}")
                .find("bad.jsonl:2: pos_mm"),
            std::string::npos);
  EXPECT_NE(errorFor(good + "not json").find("bad.jsonl:2: not valid JSON"), std::string::npos);
  EXPECT_NE(errorFor(good + "{\"t\": -1, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 0.5}")
                .find("t:"),
            std::string::npos);
  EXPECT_NE(errorFor("{\"t\": 2, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 0.5}\n" + good)
                .find("in order"),
            std::string::npos);
  EXPECT_NE(errorFor(good + "{\"t\": 1, \"pos_mm\": [0,0,0], \"dir\": [0,0,0], \"contact\": true, \"depth_mm\": 0.5}")
                .find("dir"),
            std::string::npos);
  EXPECT_NE(errorFor(good + "{\"t\": 1, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": 1, \"depth_mm\": 0.5}")
                .find("contact"),
            std::string::npos);
  EXPECT_NE(errorFor("").find("no pen samples"), std::string::npos);
}

TEST(Recorder, RoundTripsThroughReplayAndRenamesWhenDone) {
  std::string path = (std::filesystem::temp_directory_path() / "ns_record_test.jsonl").string();
  std::filesystem::remove(path);
  Recorder recorder;
  std::string error;
  ASSERT_TRUE(openRecorder(path, recorder, error)) << error;
  PenSample s;
  s.t_s = 0.25;
  s.pos_mm = {1.5, -2.25, 0.0};
  s.contact = true;
  s.depth_mm = 0.75;
  recordSample(recorder, s);
  s.t_s = 0.5;
  recordSample(recorder, s);
  recordLessonEvent(recorder, s, LessonEvent{0.5, LessonEvent::Kind::Skip, ""});  // a lesson move, on its own line
  EXPECT_FALSE(std::filesystem::exists(path)) << "only the .part file exists while recording";
  ASSERT_TRUE(finishRecorder(recorder, error)) << error;
  PenTrack track;
  ASSERT_TRUE(loadReplay(path, track, error)) << error;
  ASSERT_EQ(track.samples.size(), 3u);
  ASSERT_EQ(track.events.size(), 1u);
  EXPECT_EQ(track.events[0].kind, LessonEvent::Kind::Skip);
  EXPECT_DOUBLE_EQ(track.events[0].t_s, 0.5);
  EXPECT_DOUBLE_EQ(track.samples[0].pos_mm.y, -2.25);
  EXPECT_DOUBLE_EQ(track.samples[1].depth_mm, 0.75);
}

TEST(Osc, DecodesOurMessagesAndBundles) {
  auto pose = encodeOscMessage("/needlesim/pen/pose", "ffffff", {1, 2, 0, 0, 0, -1});
  std::vector<OscMessage> messages;
  std::string error;
  ASSERT_TRUE(decodeOscPacket(pose.data(), pose.size(), messages, error)) << error;
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].address, "/needlesim/pen/pose");
  EXPECT_EQ(messages[0].numbers.size(), 6u);
  PenSample pen;
  ASSERT_TRUE(applyOscMessage(messages[0], pen, error)) << error;
  EXPECT_DOUBLE_EQ(pen.pos_mm.y, 2.0);
  // A bundle holding a contact message.
  auto contact = encodeOscMessage("/needlesim/pen/contact", "i", {1});
  std::vector<uint8_t> bundle = {'#', 'b', 'u', 'n', 'd', 'l', 'e', 0, 0, 0, 0, 0, 0, 0, 0, 1};
  uint32_t size = uint32_t(contact.size());
  for (int shift = 24; shift >= 0; shift -= 8) bundle.push_back(uint8_t(size >> shift));
  bundle.insert(bundle.end(), contact.begin(), contact.end());
  messages.clear();
  ASSERT_TRUE(decodeOscPacket(bundle.data(), bundle.size(), messages, error)) << error;
  ASSERT_TRUE(applyOscMessage(messages.at(0), pen, error)) << error;
  EXPECT_TRUE(pen.contact);
}

TEST(Osc, MalformedPacketsAreRejectedWithReasons) {
  std::vector<OscMessage> messages;
  std::string error;
  auto rejects = [&](std::vector<uint8_t> packet) {
    error.clear();
    bool ok = decodeOscPacket(packet.data(), packet.size(), messages, error);
    return !ok && !error.empty();
  };
  EXPECT_TRUE(rejects({}));
  EXPECT_TRUE(rejects({'/', 'a', 'b'}));                      // not a multiple of 4
  EXPECT_TRUE(rejects({'/', 'a', 'b', 'c'}));                 // no terminator
  auto pose = encodeOscMessage("/needlesim/pen/pose", "ffffff", {1, 2, 3, 0, 0, -1});
  pose.resize(pose.size() - 8);                               // truncated arguments
  EXPECT_TRUE(rejects(pose));
  std::vector<uint8_t> hugeBundle = {'#', 'b', 'u', 'n', 'd', 'l', 'e', 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff};
  EXPECT_TRUE(rejects(hugeBundle));                           // element runs past the packet
  // Well-formed but wrong for us: reasons, no state change.
  PenSample pen;
  auto wrongCount = encodeOscMessage("/needlesim/pen/pose", "fff", {1, 2, 3});
  messages.clear();
  ASSERT_TRUE(decodeOscPacket(wrongCount.data(), wrongCount.size(), messages, error));
  EXPECT_FALSE(applyOscMessage(messages[0], pen, error));
  EXPECT_NE(error.find("6 numbers"), std::string::npos);
  auto unknown = encodeOscMessage("/other/thing", "f", {1});
  messages.clear();
  ASSERT_TRUE(decodeOscPacket(unknown.data(), unknown.size(), messages, error));
  EXPECT_FALSE(applyOscMessage(messages[0], pen, error));
  auto badDepth = encodeOscMessage("/needlesim/pen/depth", "f", {9});
  messages.clear();
  ASSERT_TRUE(decodeOscPacket(badDepth.data(), badDepth.size(), messages, error));
  EXPECT_FALSE(applyOscMessage(messages[0], pen, error));
  EXPECT_DOUBLE_EQ(pen.depth_mm, 0.5);
}

// A lesson move rides on a sample line; a recording made during a lesson writes it
// and reads it back at the same time.
TEST(Replay, LessonMovesRideOnSampleLines) {
  PenSample s;
  s.t_s = 1.5;
  LessonEvent answer{0, LessonEvent::Kind::Answer, "0.5 to 1.0 mm"};
  LessonEvent retry{0, LessonEvent::Kind::Retry, ""};
  std::string text = replayLine(s) + "\n" + replayLine(s, answer) + "\n";
  s.t_s = 2.0;
  text += replayLine(s, retry) + "\n";
  PenTrack track;
  std::string error;
  ASSERT_TRUE(parseReplayText(text, "moves.jsonl", track, error)) << error;
  EXPECT_EQ(track.samples.size(), 3u);
  ASSERT_EQ(track.events.size(), 2u);
  EXPECT_EQ(track.events[0].kind, LessonEvent::Kind::Answer);
  EXPECT_EQ(track.events[0].answer, "0.5 to 1.0 mm");
  EXPECT_DOUBLE_EQ(track.events[0].t_s, 1.5);
  EXPECT_EQ(track.events[1].kind, LessonEvent::Kind::Retry);
  EXPECT_DOUBLE_EQ(track.events[1].t_s, 2.0);
  // A move that is none of them names the line and the key.
  std::string bad = "{\"t\": 0, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": false, \"depth_mm\": 0.5, "
                    "\"lesson\": \"redo\"}\n";
  EXPECT_FALSE(parseReplayText(bad, "moves.jsonl", track, error));
  EXPECT_NE(error.find("moves.jsonl:1: lesson: expected"), std::string::npos) << error;
}

// A time-lapse jump rides on a sample line too: what a --record writes when the
// trainee presses +1 h, and what a replay takes again at the same moment.
TEST(Replay, TimeJumpsRideOnSampleLines) {
  PenSample s;
  s.t_s = 0.5;
  std::string text = replayLine(s) + "\n" + replayLine(s, TimeJump{0.5, 3600}) + "\n";
  s.t_s = 0.75;
  text += replayLine(s, TimeJump{0.75, 42 * 86400.0}) + "\n";
  PenTrack track;
  std::string error;
  ASSERT_TRUE(parseReplayText(text, "jumps.jsonl", track, error)) << error;
  EXPECT_EQ(track.samples.size(), 3u);
  ASSERT_EQ(track.jumps.size(), 2u);
  EXPECT_DOUBLE_EQ(track.jumps[0].t_s, 0.5);
  EXPECT_DOUBLE_EQ(track.jumps[0].jump_s, 3600);
  EXPECT_DOUBLE_EQ(track.jumps[1].t_s, 0.75);
  EXPECT_DOUBLE_EQ(track.jumps[1].jump_s, 42 * 86400.0);
  for (const char* bad : {"0", "-1", "\"1h\"", "2e9"}) {
    std::string line = "{\"t\": 0, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": false, \"depth_mm\": 0.5, "
                       "\"jump_s\": " + std::string(bad) + "}\n";
    EXPECT_FALSE(parseReplayText(line, "jumps.jsonl", track, error)) << bad;
    EXPECT_NE(error.find("jumps.jsonl:1: jump_s: expected"), std::string::npos) << error;
  }
}

// Issue 31: numbers that are finite but no pen (1e200, 1e300 mm) passed the parser
// and crashed the coaching code later. Each is refused where it enters, naming the
// line, the key and the range; the message quotes the value, not the document.
TEST(Replay, AbsurdButFiniteNumbersAreRefusedWhereTheyEnter) {
  auto errorFor = [](const std::string& line) {
    PenTrack track;
    std::string error;
    EXPECT_FALSE(parseReplayText("{\"t\": 0, \"pos_mm\": [0,0,0], \"dir\": [0,0,-1], \"contact\": false, \"depth_mm\": 0.5}\n" + line,
                                 "bad.jsonl", track, error))
        << line;
    EXPECT_EQ(error.find('\n'), std::string::npos);
    EXPECT_LT(error.size(), 240u) << error;
    return error;
  };
  auto line = [](const std::string& pos, const std::string& dir, const std::string& t = "1") {
    return "{\"t\": " + t + ", \"pos_mm\": " + pos + ", \"dir\": " + dir + ", \"contact\": true, \"depth_mm\": 0.5}";
  };
  for (const char* pos : {"[1e300, 0, 0]", "[0, -1e200, 0]", "[0, 0, 10000.5]", "[1.7976931348623157e308, 0, 0]"})
    EXPECT_NE(errorFor(line(pos, "[0,0,-1]")).find("bad.jsonl:2: pos_mm: expected three numbers [x, y, z], each within -10000..10000 mm, got"),
              std::string::npos)
        << pos;
  for (const char* dir : {"[1e200, 1e200, -1e200]", "[0, 0, -1e300]", "[1e-300, 0, 0]", "[4e-324, 0, 0]", "[0, 0, 1e-7]"})
    EXPECT_NE(errorFor(line("[0,0,0]", dir)).find("bad.jsonl:2: dir: expected an axis"), std::string::npos) << dir;
  EXPECT_NE(errorFor(line("[0,0,0]", "[0,0,-1]", "1e300")).find("bad.jsonl:2: t: expected seconds from the start, 0..1e7"),
            std::string::npos);
  // At the edges of the ranges: accepted, the axis normalised.
  PenTrack track;
  std::string error;
  ASSERT_TRUE(parseReplayText(line("[10000, -10000, 0]", "[0, 0, -1e6]") + "\n" + line("[0,0,0]", "[2e-6, 0, 0]", "2"),
                              "edge.jsonl", track, error))
      << error;
  EXPECT_DOUBLE_EQ(track.samples[0].dir.z, -1.0);
  EXPECT_DOUBLE_EQ(track.samples[1].dir.x, 1.0);
}

TEST(Replay, DeepNestingIsRefusedWhileReadingAndNothingIsPrintedBack) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  PenTrack track;
  std::string error;
  EXPECT_FALSE(parseReplayText("{\"t\": 0, \"pos_mm\": " + deep + ", \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 0.5}",
                               "deep.jsonl", track, error));
  EXPECT_EQ(error, "deep.jsonl:1: not valid JSON: nested deeper than 64 levels at line 1, column 83 "
                   "(expected at most 64 levels of objects and arrays)");
  // A long value is quoted as an excerpt.
  EXPECT_FALSE(parseReplayText("{\"t\": 0, \"pos_mm\": \"" + std::string(1 << 20, 'x') +
                                   "\", \"dir\": [0,0,-1], \"contact\": true, \"depth_mm\": 0.5}",
                               "long.jsonl", track, error));
  EXPECT_LT(error.size(), 200u) << error.substr(0, 300);
  EXPECT_NE(error.find("a string of 1048576 bytes"), std::string::npos) << error.substr(0, 300);
}

TEST(Osc, PosesOutsideThePhysicalRangeAreRejectedAndThePenKeepsItsPose) {
  PenSample pen;
  pen.pos_mm = {1, 2, 3};
  std::string error;
  auto apply = [&](std::vector<double> values) {
    auto packet = encodeOscMessage("/needlesim/pen/pose", "ffffff", values);
    std::vector<OscMessage> messages;
    EXPECT_TRUE(decodeOscPacket(packet.data(), packet.size(), messages, error));
    return applyOscMessage(messages.at(0), pen, error);
  };
  EXPECT_FALSE(apply({1e30, 0, 0, 0, 0, -1}));
  EXPECT_NE(error.find("x y z: expected each within -10000..10000 mm"), std::string::npos) << error;
  EXPECT_FALSE(apply({0, 0, 0, 1e30, 1e30, -1e30}));
  EXPECT_NE(error.find("axis"), std::string::npos) << error;
  EXPECT_FALSE(apply({0, 0, 0, 1e-30, 0, 0}));  // a direction too short to normalise
  EXPECT_EQ(pen.pos_mm, glm::dvec3(1, 2, 3));
  EXPECT_TRUE(apply({5, 6, 7, 0, 0, -2}));
  EXPECT_EQ(pen.pos_mm, glm::dvec3(5, 6, 7));
  EXPECT_DOUBLE_EQ(pen.dir.z, -1.0);
}

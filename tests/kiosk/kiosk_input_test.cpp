// The kiosk's plain parts added for the stand's visitors: any input starts a try (a
// gamepad button alone, an OSC tracker's first sample, mouse, touch, keys) fed as
// input frames; the attract's time-lapse; the try's length in every text.
#include <gtest/gtest.h>

#include <filesystem>

#include "kiosk/day_list.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/letter_picker.h"
#include "kiosk/kiosk_machine.h"
#include "kiosk/visitor_input.h"

namespace ns::kiosk {
namespace {

const std::string kScenes = std::string(NS_SOURCE_DIR) + "/scenes";

// What a bare --mode kiosk runs: the shipped kiosk.json.
KioskConfig shipped() {
  KioskConfig c;
  std::string error;
  EXPECT_TRUE(shippedKioskConfig(kScenes, c, error)) << error;
  return c;
}

// Runs the machine a frame of 1/60 s with `frame` as the visitor's input.
struct Stand {
  KioskConfig config = shipped();
  Machine machine;
  InputWatch watch;
  double now = 0;
  Event step(InputFrame frame) {
    now += 1.0 / 60.0;
    frame.now_s = now;
    return advance(machine, config, now, visitorActed(watch, frame), false);
  }
};

TEST(VisitorInput, AGamepadButtonAloneStartsATry) {
  Stand s;
  InputFrame idle;
  idle.gamepads.resize(1);  // a pad is connected, nothing pressed
  for (int i = 0; i < 30; ++i) EXPECT_EQ(s.step(idle), Event::None);
  InputFrame press = idle;
  press.gamepads[0].buttons[0] = true;  // A
  EXPECT_EQ(s.step(press), Event::StartTry);
  EXPECT_EQ(s.machine.phase, Phase::Try);
}

TEST(VisitorInput, AHeldButtonIsNoNewInput) {
  Stand s;
  InputFrame held;
  held.gamepads.resize(2);
  held.gamepads[1].buttons[7] = true;
  EXPECT_EQ(s.step(held), Event::StartTry);  // pressed: the try starts
  // Held down for the rest of the try: the visitor is gone, the try resets.
  Event last = Event::None;
  for (int i = 0; i < int((s.config.idle_reset_s + 1) * 60) && last == Event::None; ++i) last = s.step(held);
  EXPECT_EQ(last, Event::IdleReset);
  // Still held in the attract loop: no new try; released and pressed again: one.
  for (int i = 0; i < 60; ++i) EXPECT_EQ(s.step(held), Event::None);
  InputFrame released = held;
  released.gamepads[1].buttons[7] = false;
  EXPECT_EQ(s.step(released), Event::None);
  EXPECT_EQ(s.step(held), Event::StartTry);
}

TEST(VisitorInput, AStickPushedPastHalfWayCounts) {
  Stand s;
  InputFrame f;
  f.gamepads.resize(1);
  f.gamepads[0].axes[0] = 0.3f;  // drift
  EXPECT_EQ(s.step(f), Event::None);
  f.gamepads[0].axes[1] = -0.9f;
  EXPECT_EQ(s.step(f), Event::StartTry);
}

TEST(VisitorInput, AnOscTrackersFirstSampleStartsATryItsStreamDoesNotRepeat) {
  Stand s;
  InputFrame f;
  for (int i = 0; i < 10; ++i) EXPECT_EQ(s.step(f), Event::None);
  f.trackerSamples = 1;  // picked up
  EXPECT_EQ(s.step(f), Event::StartTry);
  // It streams on (two samples a frame), never touching the skin: the try idles out
  // and the stream does not start another.
  Event last = Event::None;
  int frames = 0;
  for (; frames < int((s.config.idle_reset_s + 1) * 60) && last == Event::None; ++frames) {
    f.trackerSamples += 2;
    last = s.step(f);
  }
  EXPECT_EQ(last, Event::IdleReset);
  for (int i = 0; i < 120; ++i) {
    f.trackerSamples += 2;
    EXPECT_EQ(s.step(f), Event::None);
  }
  // Put down (quiet for more than a second), picked up again: a new try.
  for (int i = 0; i < 90; ++i) EXPECT_EQ(s.step(f), Event::None);
  f.trackerSamples += 1;
  EXPECT_EQ(s.step(f), Event::StartTry);
}

TEST(VisitorInput, MouseTouchKeysAndThePenStartATry) {
  for (int source = 0; source < 3; ++source) {
    Stand s;
    InputFrame f;
    EXPECT_EQ(s.step(f), Event::None);
    (source == 0 ? f.pointerDown : source == 1 ? f.keyPressed : f.penContact) = true;
    EXPECT_EQ(s.step(f), Event::StartTry) << source;
  }
}

TEST(KioskTimelapse, TheShippedStoryReachesSixWeeksAfterRealTimeNeedling) {
  KioskConfig c = shipped();
  ASSERT_FALSE(c.timelapse.empty());
  EXPECT_DOUBLE_EQ(timelapseAt(c.timelapse, 0), 0);
  EXPECT_DOUBLE_EQ(timelapseAt(c.timelapse, 5), 5);  // the pen works in real time
  EXPECT_DOUBLE_EQ(timelapseAt(c.timelapse, 12), 600);  // ten minutes: serum in the channels
  EXPECT_DOUBLE_EQ(timelapseAt(c.timelapse, 23), 7200);  // two hours: redness, channels closed
  EXPECT_DOUBLE_EQ(timelapseAt(c.timelapse, c.attractLoop_s - 0.01), 42 * 86400.0);  // six weeks, held
  for (double t = 0; t < c.attractLoop_s; t += 0.25)
    EXPECT_LE(timelapseAt(c.timelapse, t), timelapseAt(c.timelapse, t + 0.25)) << t;  // never backwards
  EXPECT_NE(c.scene.find("face.json"), std::string::npos) << "the shipped stand shows the face";
}

TEST(KioskTimelapse, BadKeysNameFileAndKey) {
  KioskConfig c;
  std::string error;
  EXPECT_FALSE(parseKioskConfig(R"({"attract_timelapse": [{"at_s": 0, "sim_s": 10}, {"at_s": 5, "sim_s": 2}]})", "k.json",
                                kScenes, c, error));
  EXPECT_EQ(error, "k.json: attract_timelapse[1].sim_s: expected simulated seconds from 0 to 1e8, not falling");
  EXPECT_FALSE(parseKioskConfig(R"({"attract_loop_s": 10, "attract_timelapse": [{"at_s": 12, "sim_s": 0}]})", "k.json",
                                kScenes, c, error));
  EXPECT_NE(error.find("k.json: attract_timelapse[0].at_s: expected seconds from 0 to below attract_loop_s"), std::string::npos)
      << error;
  EXPECT_FALSE(parseKioskConfig(R"({"attract_timelapse": [{"at_s": 1, "sim": 0}]})", "k.json", kScenes, c, error));
  EXPECT_EQ(error, "k.json: attract_timelapse[0].sim: unknown key (expected at_s, sim_s)");
  ASSERT_TRUE(parseKioskConfig(R"({"attract_timelapse": []})", "k.json", kScenes, c, error)) << error;
  EXPECT_TRUE(c.timelapse.empty());
  EXPECT_DOUBLE_EQ(timelapseAt(c.timelapse, 7), 7);  // none: real time
}

TEST(KioskText, EveryTryLengthFollowsTrySeconds) {
  EXPECT_EQ(tryLengthText(60, true), "one-minute");
  EXPECT_EQ(tryLengthText(60, false), "one minute");
  EXPECT_EQ(tryLengthText(120, false), "two minutes");
  EXPECT_EQ(tryLengthText(90, true), "90-second");
  EXPECT_EQ(tryLengthText(45, false), "45 seconds");
  EXPECT_EQ(withTryLength("touch for a {try} guided try", 90), "touch for a 90-second guided try");
  // No shipped caption names a length of its own: each reads try_s.
  KioskConfig c = shipped();
  for (const Caption& caption : c.captions)
    for (const char* fixed : {"one minute", "one-minute", "60 s", "60-second"})
      EXPECT_EQ(caption.text.find(fixed), std::string::npos) << caption.text;
}

// Issue 30: the attract caption said "six weeks on" while the skin clock showed two
// to five days. Through the whole loop, the caption names no time but the skin
// clock's: the clock as the time-lapse drives it (the skin's time is the story's).
TEST(KioskText, TheAttractCaptionsNameOnlyTheSkinClocksTime) {
  KioskConfig c = shipped();
  const char* timeWords[] = {"second", "minute", "hour", "day", "week", " s ", " min", " h "};
  for (double at = 0; at < c.attractLoop_s; at += 0.1) {
    double skin = timelapseAt(c.timelapse, at);
    std::string caption = attractCaption(c, at, skin), clock = elapsedText(skin);
    ASSERT_FALSE(caption.empty()) << at;
    size_t shown = caption.find(clock);
    std::string rest = shown == std::string::npos ? caption : caption.substr(0, shown) + caption.substr(shown + clock.size());
    // The try's length ("one-minute guided try") is not a skin time.
    std::string length = tryLengthText(c.try_s, true);
    if (size_t l = rest.find(length); l != std::string::npos) rest.erase(l, length.size());
    for (const char* word : timeWords)
      EXPECT_EQ(rest.find(word), std::string::npos)
          << "at " << at << " s into the loop the skin is " << clock << " on, the caption says: " << caption;
  }
  // The clock is read as the screen shows it.
  EXPECT_EQ(attractCaption(c, 28.0, 3 * 86400.0).find("3 days on"), 0u) << attractCaption(c, 28.0, 3 * 86400.0);
  EXPECT_NE(attractCaption(c, 36.5, 42 * 86400.0).find("6 weeks on"), std::string::npos);
  EXPECT_EQ(elapsedText(42 * 86400.0), "6 weeks");
  EXPECT_EQ(elapsedText(7260), "2 h 01 min");
}

TEST(KioskText, ACaptionIsOnTheLoopOrOnTheSkinClockNotBoth) {
  KioskConfig c;
  std::string error;
  EXPECT_FALSE(parseKioskConfig(R"({"attract_captions": [{"at_s": 0, "sim_s": 5, "text": "a"}]})", "k.json", kScenes, c, error));
  EXPECT_EQ(error, "k.json: attract_captions[0]: expected exactly one of at_s (loop time) and sim_s (skin clock)");
  EXPECT_FALSE(parseKioskConfig(R"({"attract_captions": [{"sim_s": 50, "text": "a"}, {"sim_s": 5, "text": "b"}]})", "k.json",
                                kScenes, c, error));
  EXPECT_EQ(error, "k.json: attract_captions[1].sim_s: expected captions in time order");
  ASSERT_TRUE(parseKioskConfig(R"({"attract_captions": [{"at_s": 0, "text": "a"}, {"sim_s": 60, "text": "{clock} on"}]})",
                               "k.json", kScenes, c, error)) << error;
  EXPECT_EQ(attractCaption(c, 30, 59), "a");
  EXPECT_EQ(attractCaption(c, 0.5, 600), "10 min on") << "the skin clock, whatever the loop's time";
}

TEST(LetterPicker, TouchedCellsSpellInitialsUpToThree) {
  LetterPicker p;
  EXPECT_EQ(pickerLabel(0), "A");
  EXPECT_EQ(pickerLabel(25), "Z");
  EXPECT_EQ(pickerLabel(kPickerDelete), "DEL");
  EXPECT_EQ(pickerLabel(kPickerDone), "OK");
  EXPECT_TRUE(pickerPress(p, 'J' - 'A'));
  EXPECT_TRUE(pickerPress(p, 'O' - 'A'));
  EXPECT_TRUE(pickerPress(p, 'E' - 'A'));
  EXPECT_EQ(p.initials, "JOE");
  EXPECT_EQ(p.cursor, kPickerDone);  // three letters: done is next
  EXPECT_TRUE(pickerPress(p, 'Y' - 'A'));  // a fourth replaces the third
  EXPECT_EQ(p.initials, "JOY");
  EXPECT_TRUE(pickerPress(p, kPickerDelete));
  EXPECT_EQ(p.initials, "JO");
  EXPECT_FALSE(pickerPress(p, kPickerDone));
  EXPECT_TRUE(p.done);
  EXPECT_FALSE(pickerPress(p, 0)) << "closed";
  EXPECT_EQ(p.initials, "JO");
}

TEST(LetterPicker, AGamepadWalksTheGridAndWraps) {
  LetterPicker p;
  pickerMove(p, PickerMove::Left);  // from A round to the row's end
  EXPECT_EQ(p.cursor, kPickerColumns - 1);
  pickerMove(p, PickerMove::Up);  // round to the last row: the delete/done row
  EXPECT_EQ(p.cursor, kPickerDone);  // (the last row's last cell)
  p.cursor = 0;
  pickerMove(p, PickerMove::Down);
  pickerMove(p, PickerMove::Right);
  EXPECT_EQ(pickerLabel(p.cursor), "I");  // row 2, column 2
  EXPECT_TRUE(pickerPress(p, p.cursor));
  EXPECT_EQ(p.initials, "I");
  for (int i = 0; i < 50; ++i) {  // never off the grid
    pickerMove(p, PickerMove(i % 4));
    EXPECT_GE(p.cursor, 0);
    EXPECT_LT(p.cursor, kPickerCells);
  }
}

TEST(LetterPicker, PickedInitialsAreKeptInTheDaysList) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "ns-kiosk-picker";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "day.json").string(), error, warning;
  DayList day{"2026-11-30", {}};
  int place = addScore(day, "2026-11-30", {72, "", "10:00"});
  ASSERT_EQ(place, 0);
  LetterPicker p;
  for (char c : std::string("ANN")) pickerPress(p, c - 'A');
  day.entries[size_t(place)].initials = p.initials;
  ASSERT_TRUE(saveDayList(path, day, error)) << error;
  DayList back = loadDayList(path, "2026-11-30", warning);
  ASSERT_EQ(back.entries.size(), 1u);
  EXPECT_EQ(back.entries[0].initials, "ANN");
}

}  // namespace
}  // namespace ns::kiosk

#include "runtime/options.h"

#include "core/json_limits.h"
#include "records/trainees.h"
#include "records/xapi.h"
#include "render/render_scale.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <map>

namespace ns::runtime {
namespace {

bool parseInteger(const std::string& text, long long& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parseNumber(const std::string& text, double& value) {
  if (text.empty()) return false;
  try {
    size_t used = 0;
    value = std::stod(text, &used);
    return used == text.size() && std::isfinite(value);
  } catch (...) {
    return false;
  }
}

using Handler = std::function<bool(Options&, const std::string& value, std::string& expected)>;

struct Flag {
  bool takesValue;
  Handler apply;
};

Handler text(std::string Options::*member) {
  return [member](Options& o, const std::string& v, std::string& expected) {
    if (v.empty()) {
      expected = "a non-empty value";
      return false;
    }
    o.*member = v;
    return true;
  };
}

// A file or folder name: what the system can open at all (PATH_MAX 4096 with its
// terminator, NAME_MAX 255 a part), so a longer one is one line and exit 2 here
// rather than an exception from std::filesystem later (issue 31).
Handler path(std::string Options::*member) {
  return [member](Options& o, const std::string& v, std::string& expected) {
    bool partTooLong = false;
    size_t start = 0;
    for (size_t slash = v.find('/'); start <= v.size(); slash = v.find('/', start)) {
      size_t end = slash == std::string::npos ? v.size() : slash;
      partTooLong |= end - start > 255;
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    if (v.empty() || v.size() > 4095 || partTooLong) {
      expected = v.empty() ? "a non-empty value" : "a file name of at most 4095 bytes, each part at most 255";
      return false;
    }
    o.*member = v;
    return true;
  };
}

Handler oneOf(std::string Options::*member, std::vector<std::string> choices) {
  return [member, choices](Options& o, const std::string& v, std::string& expected) {
    for (auto& c : choices)
      if (c == v) {
        o.*member = v;
        return true;
      }
    expected = "one of";
    for (size_t i = 0; i < choices.size(); ++i) expected += (i ? "|" : " ") + choices[i];
    return false;
  };
}

const std::map<std::string, Flag>& flags() {
  static const std::map<std::string, Flag> table = {
      {"--scene", {true, path(&Options::sceneFile)}},
      {"--mode", {true, oneOf(&Options::mode, {"trainee", "educator", "kiosk"})}},
      {"--headless", {false, [](Options& o, const std::string&, std::string&) { return o.headless = true; }}},
      {"--frames", {true, [](Options& o, const std::string& v, std::string& e) {
         long long n;
         if (!parseInteger(v, n) || n < 1 || n > 1000000000) return e = "a whole number of frames, 1..1e9", false;
         o.frames = n;
         return true;
       }}},
      {"--sim-seconds", {true, [](Options& o, const std::string& v, std::string& e) {
         double s;
         if (!parseNumber(v, s) || s < 0 || s > 1e9) return e = "a number of simulated seconds, 0..1e9", false;
         o.simSeconds = s;
         return true;
       }}},
      {"--time-scale", {true, [](Options& o, const std::string& v, std::string& e) {
         double s;
         if (!parseNumber(v, s) || s < 0 || s > 1e9)
           return e = "simulated seconds per wall second, 0..1e9", false;
         o.timeScale = s;
         return true;
       }}},
      {"--sim-backend", {true, oneOf(&Options::simBackend, {"gpu", "cpu"})}},
      {"--replay", {true, path(&Options::replayFile)}},
      {"--record", {true, path(&Options::recordFile)}},
      {"--osc-port", {true, [](Options& o, const std::string& v, std::string& e) {
         // [ADDR:]P: loopback unless an address is given (0.0.0.0: every interface).
         size_t colon = v.rfind(':');
         std::string address = colon == std::string::npos ? "127.0.0.1" : v.substr(0, colon);
         long long p;
         if (!parseInteger(v.substr(colon == std::string::npos ? 0 : colon + 1), p) || p < 1 || p > 65535 ||
             address.empty())
           return e = "a UDP port 1..65535, optionally after an IPv4 address to listen on (ADDR:P)", false;
         o.oscPort = int(p);
         o.oscBind = address;
         return true;
       }}},
      {"--camera", {true, path(&Options::cameraSource)}},
      {"--camera-fps", {true, [](Options& o, const std::string& v, std::string& e) {
         double f;
         if (!parseNumber(v, f) || f <= 0 || f > 1000) return e = "frames per second of an image sequence, (0, 1000]", false;
         o.cameraFps = f;
         return true;
       }}},
      {"--camera-calib", {true, path(&Options::cameraCalib)}},
      {"--pen-rig", {true, path(&Options::penRig)}},
      {"--pad-rig", {true, path(&Options::padRig)}},
      {"--pad-region", {true, text(&Options::padRegion)}},
      {"--camera-live", {false, [](Options& o, const std::string&, std::string&) { return o.cameraLive = true; }}},
      {"--calibrate-camera", {true, path(&Options::calibrateCamera)}},
      {"--board-rig", {true, path(&Options::boardRig)}},
      {"--calibrate-tip", {true, path(&Options::calibrateTip)}},
      {"--mesh", {true, path(&Options::meshFile)}},
      {"--screenshot", {true, [](Options& o, const std::string& v, std::string& e) {
         if (v.size() < 5 || v.substr(v.size() - 4) != ".png") return e = "a file name ending in .png", false;
         o.screenshotFile = v;
         return true;
       }}},
      {"--report", {true, path(&Options::reportFile)}},
      {"--validate", {false, [](Options& o, const std::string&, std::string&) { return o.validate = true; }}},
      {"--lesson", {true, path(&Options::lessonFile)}},
      {"--outbox", {true, path(&Options::outboxDir)}},
      {"--trainee", {true, [](Options& o, const std::string& v, std::string& e) {
         // The start dialog's rules (records/trainees.h): tidied, 1-200 characters, one line.
         std::string name = records::tidyTraineeName(v);
         if (!records::traineeNameProblem(name).empty()) return e = "a name (1-200 characters, one line)", false;
         o.trainee = name;
         return true;
       }}},
      {"--guest", {false, [](Options& o, const std::string&, std::string&) { return o.guest = true; }}},
      {"--data-dir", {true, path(&Options::dataDir)}},
      {"--lrs", {true, [](Options& o, const std::string& v, std::string& e) {
         // Credentials in the URL would be on the command line, visible to everyone.
         if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return e = "an http(s) URL, the xAPI base", false;
         if (v.find('@') != std::string::npos)
           return e = "a URL without credentials (they come from the config file or NEEDLESIM_LRS_USER / NEEDLESIM_LRS_PASSWORD)", false;
         o.lrsUrl = v;
         return true;
       }}},
      {"--class", {false, [](Options& o, const std::string&, std::string&) { return o.classView = true; }}},
      {"--class-id", {true, [](Options& o, const std::string& v, std::string& e) {
         if (std::string why = records::classIdProblem(v); !why.empty()) return e = why, false;
         o.classId = v;
         return true;
       }}},
      {"--class-export", {true, [](Options& o, const std::string& v, std::string& e) {
         if (v.size() < 5 || v.substr(v.size() - 4) != ".csv") return e = "a file name ending in .csv", false;
         return path(&Options::classExport)(o, v, e);
       }}},
      {"--kiosk-config", {true, path(&Options::kioskConfig)}},
      {"--width", {true, [](Options& o, const std::string& v, std::string& e) {
         long long n;
         if (!parseInteger(v, n) || n < 64 || n > 8192) return e = "a width in pixels, 64..8192", false;
         o.width = int(n);
         return true;
       }}},
      {"--height", {true, [](Options& o, const std::string& v, std::string& e) {
         long long n;
         if (!parseInteger(v, n) || n < 64 || n > 8192) return e = "a height in pixels, 64..8192", false;
         o.height = int(n);
         return true;
       }}},
      {"--device", {true, text(&Options::device)}},
      {"--ui-scale", {true, [](Options& o, const std::string& v, std::string& e) {
         double s;
         if (!parseNumber(v, s) || s < 1 || s > 2.5) return e = "a UI scale 1..2.5", false;
         o.uiScale = float(s);
         return true;
       }}},
      {"--render-scale", {true, [](Options& o, const std::string& v, std::string& e) {
         double s;
         if (!parseNumber(v, s) || !(s >= render::kMinPinnedScale && s <= render::kMaxPinnedScale))
           return e = "the 3D view's scale per axis, 0.25..1", false;
         o.renderScale = float(s);
         return true;
       }}},
      {"--frame-stats", {false, [](Options& o, const std::string&, std::string&) { return o.frameStats = true; }}},
      {"--compare", {true, [](Options& o, const std::string& v, std::string& e) {
         size_t eq = v.find('='), comma = v.find(',', eq == std::string::npos ? 0 : eq);
         if (eq == std::string::npos || eq == 0 || comma == std::string::npos)
           return e = "KEY=A,B (a scene key path such as pen.depth_mm and two values)", false;
         o.compare = v;  // checked whole by parseCompareSpec
         return true;
       }}},
      {"--ghost", {true, path(&Options::ghostFile)}},
      {"--seek", {true, [](Options& o, const std::string& v, std::string& e) {
         e = "[AT:]T (seconds of the recording, 0..1e7: go to T, once it has played to AT)";
         size_t colon = v.find(':');
         double at = 0, to = 0;
         if (colon == std::string::npos ? !parseNumber(v, to) : !parseNumber(v.substr(0, colon), at) || !parseNumber(v.substr(colon + 1), to))
           return false;
         if (at < 0 || to < 0 || at > 1e7 || to > 1e7) return false;  // a replay's t is at most 1e7 s
         o.seeks.push_back({at, to});
         return true;
       }}},
      {"--pin", {true, [](Options& o, const std::string& v, std::string& e) {
         if (v.find('=') == std::string::npos) return e = "X,Y,Z=LABEL (a point on the skin in mm and a label)", false;
         o.pins.push_back(v);  // checked whole by parsePinSpec when the run starts
         return true;
       }}},
      {"--no-ui", {false, [](Options& o, const std::string&, std::string&) { return o.noUi = true; }}},
      {"--no-vsync", {false, [](Options& o, const std::string&, std::string&) { return !(o.vsync = false); }}},
      {"--help", {false, [](Options& o, const std::string&, std::string&) { return o.help = true; }}},
      {"--version", {false, [](Options& o, const std::string&, std::string&) { return o.version = true; }}},
  };
  return table;
}

}  // namespace

bool parseOptions(int argc, const char* const* argv, Options& options, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool inlineValue = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      inlineValue = true;
    }
    if (arg == "-h") arg = "--help";
    auto it = flags().find(arg);
    if (it == flags().end()) {
      error = "unknown option '" + core::textExcerpt(arg, core::kMaxPathExcerptBytes) + "' (see needlesim --help)";
      return false;
    }
    const Flag& flag = it->second;
    if (flag.takesValue && !inlineValue) {
      if (i + 1 >= argc) {
        std::string expected;
        flag.apply(options, "", expected);
        error = arg + ": missing value, expected " + (expected.empty() ? "a value" : expected);
        return false;
      }
      value = argv[++i];
    } else if (!flag.takesValue && inlineValue) {
      error = arg + ": takes no value, got '" + value + "'";
      return false;
    }
    std::string expected;
    if (!flag.apply(options, value, expected)) {
      error = arg + ": expected " + expected + ", got '" + core::textExcerpt(value, core::kMaxPathExcerptBytes) + "'";
      return false;
    }
  }
  return true;
}

std::string usageText() {
  return R"(Usage: needlesim [options]
  --scene FILE           scene JSON (default: built-in cheek patch, scenes/default.json)
  --mode MODE            trainee | educator | kiosk (default trainee; kiosk is fullscreen)
  --headless             no window: render offscreen
  --frames N             stop after N frames (headless default: 120)
  --sim-seconds S        stop once simulated time reaches S seconds
  --time-scale X         simulated seconds per wall second (overrides the scene)
  --sim-backend B        gpu (default) or cpu (the C++ twin)
  --replay FILE          drive the pen from a recorded JSONL file
  --record FILE          write the pen samples of this run as JSONL
  --osc-port [ADDR:]P    listen for pen poses over OSC/UDP on port P (loopback unless ADDR)
  --camera SOURCE        a real pen tracked by a camera: /dev/videoN or N (a webcam), a video
                         file, or an image sequence DIR/%05d.png (docs/tracking.md)
  --camera-fps F         an image sequence's frame rate (default 30)
  --camera-calib FILE    the camera's intrinsics (JSON; its size must equal the frames')
  --pen-rig FILE         the pen's marker rig (default assets/rigs/pen.json)
  --pad-rig FILE         the pad sheet's marker rig (default assets/rigs/pad.json)
  --pad-region NAME      on the face: the region the camera's practice pad stands for
                         (default cheek)
  --camera-live          play a --camera file as a webcam would give it: at its own pace,
                         the newest frame only (demonstrations, and the live path's tests)
  --calibrate-camera OUT.json
                         with --camera: measure the camera's intrinsics from the printed
                         calibration board (assets/print) and write them to OUT.json;
                         a guided screen in the window, the terminal with --headless
  --board-rig FILE       the calibration board's rig (default assets/rigs/board.json)
  --calibrate-tip OUT.json
                         with --camera and --camera-calib: hold the tip on one point of the
                         pad, tilt and turn the pen; writes the pen rig with its origin on the
                         measured tip (use it as --pen-rig); guided as --calibrate-camera
  --mesh FILE            use this mesh (any format Assimp reads) as the skin surface
  --screenshot FILE.png  write the last frame
  --report FILE.json     write the run report
  --validate             enable the Khronos validation layer (with synchronization validation)
  --lesson FILE          run a lesson / procedure file
  --outbox DIR           where session records and xAPI statements are written
                         (default with --trainee, --data-dir or --lrs: DATA-DIR/outbox)
  --trainee NAME         who is training: the records' and statements' actor (without it
                         and --guest, a window asks at the start: pick or create a trainee)
  --guest                train without a name, no start dialog (the actor is "guest")
  --data-dir DIR         the trainees' records database (default: $XDG_DATA_HOME/needlesim)
  --lrs URL              a Learning Record Store's xAPI base (credentials: config file or
                         NEEDLESIM_LRS_USER / NEEDLESIM_LRS_PASSWORD, never the command line)
  --class                educator: the class view, every trainee of the class across
                         stations, from the LRS and this station's records
  --class-id ID          the class this station's statements belong to (also class_id in
                         the config file); the class the view and the export show
  --class-export FILE.csv  write the class as CSV, one row per trainee x lesson (headless too)
  --kiosk-config FILE    kiosk settings (timeouts, try length, scene, attract, admin chord,
                         the day's list); with --mode kiosk (default: scenes/kiosk/kiosk.json)
  --width W, --height H  window or offscreen size in pixels (default 1280x720)
  --device NAME|INDEX    choose a Vulkan device (also NEEDLESIM_DEVICE)
  --ui-scale X           text and panel scale 1..2.5 (default: the monitor's content scale)
  --render-scale S       draw the 3D view at S per axis (0.25..1) and bring it up sharpened;
                         the panels stay whole (default: dynamic, lowered when frames run
                         over 33 ms on a CPU device, 17 ms on a GPU; kiosk: render_scale)
  --frame-stats          the frame panel (F3): GPU time pass by pass and the view's scale
  --compare KEY=A,B      the same scene twice with a scene key path set to A and to B
                         (pen.depth_mm=0.5,1.5  healing.occluded=false,true): in a window
                         split side by side, in step, the same pen in both; the report's
                         compare.a.* and compare.b.* (headless too)
  --ghost FILE           educator review: a second recording drawn as a ghost pen
  --seek [AT:]T          review a --replay from T s of it (in a window: a timeline with
                         play, pause, speed and seek); AT:T goes to T once it has
                         played to AT (repeatable; headless too)
  --pin X,Y,Z=LABEL      educator: an annotation pin on the skin (repeatable)
  --no-ui                hide the overlay panel
  --no-vsync             present without waiting for vertical sync
  --help, --version
)";
}

}  // namespace ns::runtime

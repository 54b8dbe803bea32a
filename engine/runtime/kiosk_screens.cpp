// The kiosk's screens (drawn instead of the trainee's panels): attract captions, the
// guided try's one instruction line with its countdown and a big angle/depth gauge,
// the score screen, and the admin panel behind the admin chord. Text is sized from
// the display's height (readable from two metres at 1080p and 4K); nothing can be
// moved, resized or collapsed.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "runtime/run.h"
#include "training/technique.h"

namespace ns::runtime {
namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                    ImGuiWindowFlags_NoNav;
constexpr double kUprightMax_deg = 10.0;                   // the technique's angle target: upright within 10°

// Text height as a share of the display's height: captions 4.5 %, lines 3 %.
// (A window's font scale over the atlas's font, rasterised at the UI scale.)
float fontScaleFor(float displayH, float share) {
  return std::max(0.5f, displayH * share / ImGui::GetFont()->FontSize);
}

void centredText(const char* text, float width) {
  float w = ImGui::CalcTextSize(text).x;
  ImGui::SetCursorPosX(std::max(ImGui::GetStyle().WindowPadding.x, (width - w) / 2));
  ImGui::TextUnformatted(text);
}

// A band across the screen at `y` (share of the height) with one line of big text.
void banner(const char* name, const char* text, float y, float share, ImVec4 colour) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos({0, io.DisplaySize.y * y});
  ImGui::SetNextWindowSizeConstraints({io.DisplaySize.x, 0}, {io.DisplaySize.x, io.DisplaySize.y});  // full width, text's height
  ImGui::SetNextWindowBgAlpha(0.65f);
  ImGui::Begin(name, nullptr, kFixed | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::SetWindowFontScale(fontScaleFor(io.DisplaySize.y, share));
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(io.DisplaySize.x * 0.95f);
  centredText(text, io.DisplaySize.x);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::End();
}

// The attract loop's moment and the skin clock (the simulated time since the
// demonstration's loop began: what the time-lapse panel shows).
double loopAt(const KioskState& k) { return std::fmod(k.clock_s - k.machine.phaseStart_s, attractLoopLength(k)); }
double skinClock(const Run& run, const KioskState& k) { return std::max(0.0, simulatedTime(run.sim) - k.loopSim_s); }

// One labelled bar of the time-lapse strip (0 … 1).
void storyBar(const char* label, double value, ImVec4 colour, float width) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine(width * 0.42f);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
  char text[16];
  std::snprintf(text, sizeof(text), "%.0f %%", 100 * std::clamp(value, 0.0, 1.0));
  ImGui::ProgressBar(float(std::clamp(value, 0.0, 1.0)), {width * 0.5f, 0}, text);
  ImGui::PopStyleColor();
}

// One horizontal gauge: the value's marker on a bar with the good range in green.
void gauge(ImDrawList* dl, ImVec2 at, float w, float h, double lo, double hi, double goodLo, double goodHi,
           double value, const char* label, float fontScale) {
  auto x = [&](double v) { return at.x + float((std::clamp(v, lo, hi) - lo) / (hi - lo)) * w; };
  dl->AddRectFilled(at, {at.x + w, at.y + h}, IM_COL32(60, 60, 60, 230), h * 0.3f);
  dl->AddRectFilled({x(goodLo), at.y}, {x(goodHi), at.y + h}, IM_COL32(40, 170, 80, 255), h * 0.3f);
  bool good = value >= goodLo && value <= goodHi;
  float mx = x(value);
  dl->AddRectFilled({mx - h * 0.15f, at.y - h * 0.3f}, {mx + h * 0.15f, at.y + h * 1.3f},
                    good ? IM_COL32(255, 255, 255, 255) : IM_COL32(255, 90, 60, 255));
  ImFont* font = ImGui::GetFont();
  dl->AddText(font, font->FontSize * fontScale, {at.x, at.y - h * 1.6f},
              IM_COL32(255, 255, 255, 255), label);
}

// The time-lapse told with the simulation's own numbers: how long after the
// treatment the skin now is, and its channels, redness, swelling and new collagen.
void drawTimelapse(const Run& run, const KioskState& k) {
  const ImGuiIO& io = ImGui::GetIO();
  float h = io.DisplaySize.y, w = io.DisplaySize.x * 0.28f;  // above the micro view (panels.cpp: microViewRectOf)
  ImGui::SetNextWindowPos({io.DisplaySize.x * 0.02f, h * 0.14f});
  ImGui::SetNextWindowSize({w, 0});
  ImGui::SetNextWindowBgAlpha(0.70f);
  ImGui::Begin("##kiosk-timelapse", nullptr, kFixed | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.028f));
  ImGui::TextColored({1.0f, 0.95f, 0.75f, 1}, "After treatment: %s", kiosk::elapsedText(skinClock(run, k)).c_str());
  double at = loopAt(k), dt = 0.5;
  double speed = (kiosk::timelapseAt(k.config.timelapse, at + dt) - kiosk::timelapseAt(k.config.timelapse, at)) / dt;
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.022f));
  if (speed > 1.5) ImGui::TextColored({0.6f, 0.9f, 1, 1}, "time-lapse: %s faster", speed < 1e4 ? "hundreds of times" : "a million times");
  else ImGui::TextColored({0.6f, 0.9f, 1, 1}, speed > 0.5 ? "real time" : " ");
  const sim::HealingSummary& hs = run.sim.healingSummary;
  bool treated = hs.bleedingPoints > 0 || run.session.pen.channels.count > 0;
  storyBar("Channels open", treated ? hs.openFraction : 0.0, {0.5f, 0.7f, 1.0f, 1}, w);
  storyBar("Redness", hs.erythemaMean, {0.95f, 0.35f, 0.3f, 1}, w);
  storyBar("Swelling", hs.oedemaMean, {0.85f, 0.6f, 0.9f, 1}, w);  // the face rises with it (skin pass)
  storyBar("New collagen", hs.collagenIndex, {0.95f, 0.85f, 0.55f, 1}, w);
  ImGui::End();
}

void drawAttract(const Run& run, const KioskState& k) {
  banner("##kiosk-title", "NeedleSim: microneedling, simulated", 0.04f, 0.05f, {1, 1, 1, 1});
  if (k.config.attract) {
    std::string caption = kiosk::attractCaption(k.config, loopAt(k), skinClock(run, k));  // never a time the skin is not at
    banner("##kiosk-caption", caption.c_str(), 0.70f, 0.045f, {1.0f, 0.95f, 0.75f, 1});
    if (k.demoPlaying && !k.config.timelapse.empty()) drawTimelapse(run, k);
  }
  bool blink = std::fmod(k.clock_s, 1.6) < 1.1;
  std::string start = "Touch the screen to try it - " + kiosk::tryLengthText(k.config.try_s, false);
  banner("##kiosk-start", blink ? start.c_str() : " ", 0.86f, 0.035f, {0.6f, 0.9f, 1, 1});
}

// The region the try treats: the guided try's first view, else the scene's own.
std::string treatedRegion(const Run& run, const KioskState& k) {
  const auto& steps = k.guided.lesson.steps;
  return !steps.empty() && steps.front().view.face ? *steps.front().view.face : run.scene.tissue.region;
}

// The depth by touch: big - and + beside the depth gauge, a dial step each (the
// scene's pen.dial_step_mm), held to the dial's limits; posted as a dial request.
void depthStepper(const Run& run, ui::UiRequests& requests, ImVec2 origin, float w, float h) {
  const PenControls& dial = run.penControls;
  double step = run.scene.pen.dial_step_mm > 0 ? run.scene.pen.dial_step_mm : 0.25;
  ImVec2 size{h * 0.07f, h * 0.07f};
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.05f));
  const std::pair<const char*, double> buttons[] = {{"-##depth", -step}, {"+##depth", step}};
  for (size_t i = 0; i < 2; ++i) {
    ImGui::SetCursorScreenPos({origin.x + w * (0.62f + 0.08f * float(i)), origin.y + h * 0.13f});
    if (ImGui::Button(buttons[i].first, size))
      requests.dial_mm = std::clamp(dial.dial_mm + buttons[i].second, dial.dialMin_mm, dial.dialMax_mm);
  }
}

void drawTry(const Run& run, const KioskState& k, ui::UiRequests& requests) {
  const ImGuiIO& io = ImGui::GetIO();
  const LessonState& g = k.guided;
  std::string line = "Well done - hold on for your score";
  char head[96];
  size_t step = std::min(g.progress.current, g.lesson.steps.size());
  if (!g.progress.finished()) line = g.lesson.steps[step].instruction;
  std::snprintf(head, sizeof(head), "Step %zu of %zu   %.0f s left", std::min(step + 1, g.lesson.steps.size()),
                g.lesson.steps.size(), std::ceil(kiosk::secondsLeft(k.machine, k.config, k.clock_s)));
  banner("##kiosk-count", head, 0.02f, 0.035f, {0.6f, 0.9f, 1, 1});
  banner("##kiosk-line", line.c_str(), 0.10f, 0.04f, {1, 1, 1, 1});
  // The gauge: the pen's angle from upright and its depth, big, at the bottom.
  input::PenSample pen = currentLocalPen(run.session.pen);  // the skin's frame: z is its normal (the face's too)
  double angle = pen::tiltDegrees(pen.dir);  // from the skin's normal, as the technique judges it
  float h = io.DisplaySize.y, w = io.DisplaySize.x;
  ImGui::SetNextWindowPos({w * 0.1f, h * 0.74f});
  ImGui::SetNextWindowSize({w * 0.8f, h * 0.24f});
  ImGui::SetNextWindowBgAlpha(0.65f);
  ImGui::Begin("##kiosk-gauge", nullptr, kFixed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 o = ImGui::GetWindowPos();
  float fs = fontScaleFor(h, 0.03f);
  char label[64];
  // Off the skin the pen's angle means nothing (it hovers wherever the mouse is).
  if (pen.contact) std::snprintf(label, sizeof(label), "Angle %.0f deg (upright: 0-%.0f)", angle, kUprightMax_deg);
  else std::snprintf(label, sizeof(label), "Angle: touch the skin (upright: 0-%.0f deg)", kUprightMax_deg);
  gauge(dl, {o.x + w * 0.04f, o.y + h * 0.07f}, w * 0.56f, h * 0.025f, 0, 45, 0, kUprightMax_deg, pen.contact ? angle : 0.0,
        label, fs);
  const std::string region = treatedRegion(run, k);
  training::DepthRange band = training::depthRangeFor(run.scene, region);  // the scene's chart row, as the try judges it
  std::snprintf(label, sizeof(label), "Depth %.2f mm (%s: %.2g-%.2g mm)", pen.depth_mm, region.c_str(), band.min_mm,
                band.max_mm);
  gauge(dl, {o.x + w * 0.04f, o.y + h * 0.17f}, w * 0.56f, h * 0.025f, 0, 2.0, band.min_mm, band.max_mm, pen.depth_mm,
        label, fs);
  depthStepper(run, requests, o, w, h);
  ImGui::End();
}

void drawScore(KioskState& k) {
  const ImGuiIO& io = ImGui::GetIO();
  float h = io.DisplaySize.y, w = io.DisplaySize.x;
  // The treated skin with its coverage map stays visible in the middle; the score on
  // the left, the day's top ten on the right.
  ImGui::SetNextWindowPos({w * 0.02f, h * 0.05f});
  ImGui::SetNextWindowSize({w * 0.30f, h * 0.9f});
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##kiosk-score", nullptr, kFixed);
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.03f));
  ImGui::TextUnformatted("Your score");
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.12f));
  ImGui::TextColored({0.5f, 1.0f, 0.6f, 1}, "%.0f", k.last.score);
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.025f));
  ImGui::Text("steps %.0f / technique %.0f", k.last.stepsScore, k.last.techniqueScore);
  if (k.last.place >= 0) ImGui::TextColored({1, 0.85f, 0.3f, 1}, "Number %d today!", k.last.place + 1);
  ImGui::Spacing();
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.028f));
  ImGui::TextUnformatted("Two things to improve:");
  for (const std::string& line : k.last.improvements) {  // BulletText does not wrap: a bullet, then wrapped text
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::TextWrapped("%s", line.c_str());
  }
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.022f));
  ImGui::Spacing();
  ImGui::Text("Back to the start in %.0f s", std::ceil(kiosk::secondsLeft(k.machine, k.config, k.clock_s)));
  ImGui::End();

  ImGui::SetNextWindowPos({w * 0.74f, h * 0.05f});
  ImGui::SetNextWindowSize({w * 0.24f, h * 0.9f});
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##kiosk-top", nullptr, kFixed);
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.03f));
  ImGui::TextUnformatted("Today's top ten");
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.026f));
  for (size_t i = 0; i < k.day.entries.size(); ++i) {
    const kiosk::DayEntry& e = k.day.entries[i];
    bool mine = int(i) == k.last.place;
    ImGui::TextColored(mine ? ImVec4(1, 0.85f, 0.3f, 1) : ImVec4(1, 1, 1, 1), "%2zu. %3.0f  %-3s %s", i + 1, e.score,
                       e.initials.empty() ? "---" : e.initials.c_str(), e.time.c_str());
  }
  ImGui::End();
}

// The initials without a keyboard (kiosk/letter_picker.h): a grid of big letter
// cells under the treated skin, touched or clicked, or walked with a gamepad (its
// highlighted cell framed).
void drawLetterPicker(KioskState& k) {
  if (k.last.place < 0 || k.picker.done) return;
  const ImGuiIO& io = ImGui::GetIO();
  float h = io.DisplaySize.y, w = io.DisplaySize.x;
  ImGui::SetNextWindowPos({w * 0.335f, h * 0.56f});
  ImGui::SetNextWindowSize({w * 0.39f, 0});
  ImGui::SetNextWindowBgAlpha(0.80f);
  ImGui::Begin("##kiosk-initials", nullptr, kFixed | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::SetWindowFontScale(fontScaleFor(h, 0.028f));
  std::string shown = k.picker.initials + std::string(kiosk::kInitialsMax - k.picker.initials.size(), '_');
  ImGui::Text("Your initials (optional):  %s", shown.c_str());
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  float cell = (ImGui::GetContentRegionAvail().x - spacing * (kiosk::kPickerColumns - 1)) / kiosk::kPickerColumns;
  for (int i = 0; i < kiosk::kPickerCells; ++i) {
    if (i % kiosk::kPickerColumns) ImGui::SameLine();
    bool highlighted = i == k.picker.cursor;
    ImGui::PushID(i);
    if (highlighted) ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(1.0f, 0.85f, 0.3f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, highlighted ? 4.0f : 0.0f);
    if (ImGui::Button(kiosk::pickerLabel(i).c_str(), {cell, h * 0.065f})) pickInitials(k, i);
    ImGui::PopStyleVar();
    if (highlighted) ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::End();
}

void drawAdmin(KioskState& k, ui::UiRequests& requests) {
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos({io.DisplaySize.x * 0.3f, io.DisplaySize.y * 0.2f});
  ImGui::SetNextWindowSize({io.DisplaySize.x * 0.4f, 0});
  ImGui::Begin("Kiosk admin", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::SetWindowFontScale(fontScaleFor(io.DisplaySize.y, 0.022f));
  kiosk::KioskConfig& c = k.config;
  float tryS = float(c.try_s), idle = float(c.idle_reset_s), score = float(c.score_s);
  if (ImGui::SliderFloat("try length (s)", &tryS, 10, 600, "%.0f")) c.try_s = tryS;
  if (ImGui::SliderFloat("idle reset (s)", &idle, 3, 600, "%.0f")) c.idle_reset_s = idle;
  if (ImGui::SliderFloat("score screen (s)", &score, 3, 600, "%.0f")) c.score_s = score;
  ImGui::Checkbox("attract loop", &c.attract);
  ImGui::Text("cycles %llu  tries %llu  idle resets %llu", k.machine.counts.cycles, k.machine.counts.tries,
              k.machine.counts.idleResets);
  ImGui::TextWrapped("day's list: %s (%zu entries)", k.dayListPath.c_str(), k.day.entries.size());
  if (ImGui::Button("Clear the day's list")) {
    k.day = {kiosk::todayDate(), {}};
    std::string error;
    k.notice = kiosk::saveDayList(k.dayListPath, k.day, error) ? "the day's list was cleared" : "not cleared: " + error;
  }
  ImGui::SameLine();
  if (ImGui::Button("Close")) k.adminOpen = false;
  ImGui::SameLine();
  if (ImGui::Button("Quit needlesim")) requests.quit = true;  // the run quits as the quit question's Quit does
  if (!k.notice.empty()) ImGui::TextWrapped("%s", k.notice.c_str());
  ImGui::End();
}

}  // namespace

void drawKioskScreens(const Run& run, KioskState& k, ui::UiRequests& requests) {
  switch (k.machine.phase) {
    case kiosk::Phase::Attract: drawAttract(run, k); break;
    case kiosk::Phase::Try: drawTry(run, k, requests); break;
    case kiosk::Phase::Score:
      drawScore(k);
      drawLetterPicker(k);
      break;
  }
  if (k.adminOpen) drawAdmin(k, requests);
}

}  // namespace ns::runtime

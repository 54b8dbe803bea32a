#include "ui/serum_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/legend.h"

namespace ns::ui {
namespace {

const ImVec4 kAmber(1.0f, 0.6f, 0.3f, 1.0f);

// The serum's colour key, whenever the renderer shows the field: on the cut face, on
// the skin over the block, in the micro view (all viridis from 0 to `scaleMax`).
void drawSerumLegend(const SerumView& v) {
  ImGui::TextUnformatted("Serum concentration");
  viridisBar(12.0f);
  ImGui::Text("0");
  char label[32];
  std::snprintf(label, sizeof(label), "%.2g (surface)", v.scaleMax);
  ImGui::SameLine(std::max(0.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(label).x));
  ImGui::TextUnformatted(label);
  if (v.fieldOnSkin) {
    // skin_patch.frag: mix(skin, viridis(t), 0.5 * smoothstep(0.05, 0.4, t)) over the block.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Skin over the block, while serum is on it: the same colours at half strength from 5 %% up "
                        "(a lavender wash: a little serum near the surface).");
    ImGui::PopTextWrapPos();
  }
}

// "1.5 MDa", "50 kDa", "176 Da".
std::string weightText(double da) {
  char text[32];
  if (da >= 1e6) std::snprintf(text, sizeof(text), "%.3g MDa", da / 1e6);
  else if (da >= 1e3) std::snprintf(text, sizeof(text), "%.3g kDa", da / 1e3);
  else std::snprintf(text, sizeof(text), "%.0f Da", da);
  return text;
}

// The serum on the skin, its size, and the library to choose another from: a new
// choice wipes the skin and puts it on now (before needling; PRP after).
void drawSerumChoice(const SerumView& v, UiRequests& requests) {
  if (v.serumChoices.empty()) {
    ImGui::Text("%s", v.serumName.c_str());
  } else {
    ImGui::SetNextItemWidth(10.5f * ImGui::GetFontSize());  // (137 px at 1x: the UI scale widens it)
    if (ImGui::BeginCombo("##serum", v.serumName.c_str())) {
      for (const std::string& name : v.serumChoices)
        if (ImGui::Selectable(name.c_str(), name == v.serumName) && name != v.serumName) requests.serum = name;
      ImGui::EndCombo();
    }
  }
  // The size and whether it is on the skin follow on the same line when they fit,
  // else on the next: never cut off at the panel's edge.
  auto sameLineIfFits = [](const char* text) {
    ImGui::SameLine();
    if (ImGui::CalcTextSize(text).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
  };
  std::string weight = v.molecularWeight_da > 0 ? weightText(v.molecularWeight_da) : "";
  if (!weight.empty()) {
    sameLineIfFits(weight.c_str());
    ImGui::Text("%s", weight.c_str());
  }
  const char* onSkin = v.serumOnSkin ? "on the skin" : "not on the skin";
  sameLineIfFits(onSkin);
  ImGui::TextDisabled("%s", onSkin);
  ImGui::PushTextWrapPos(0.0f);
  if (!v.serumTitle.empty()) ImGui::TextDisabled("%s", v.serumTitle.c_str());
  if (v.afterNeedling && v.punctures == 0)
    ImGui::TextColored(kAmber, "Applied after needling: needle first, then choose it again.");
  ImGui::PopTextWrapPos();
}

// What the skin shows of healing, in skin_patch.frag's colours over the default
// skin: one line of swatches, one of times.
void drawHealingLegend(const SerumView& v) {
  ImVec4 skin = displayColour(kDefaultSkin);
  rampSwatch(skin, displayColour(mixLinear(kDefaultSkin, {0.75f, 0.10f, 0.10f}, 0.65f)));
  ImGui::TextUnformatted("redness ");
  ImGui::SameLine();
  dotSwatch("##bleeding", skin, displayColour(mixLinear(kDefaultSkin, {0.35f, 0.0f, 0.02f}, 0.9f)));
  ImGui::TextUnformatted("bleeding ");
  if (v.marksShown) {
    if (ImGui::GetContentRegionAvail().x > ImGui::CalcTextSize("   puncture marks").x + ImGui::GetFontSize() * 2) ImGui::SameLine();
    dotSwatch("##marks", skin, displayColour(mixLinear(kDefaultSkin, {0.45f, 0.12f, 0.12f}, 0.6f)));
    ImGui::TextUnformatted("puncture marks");
  }
  ImGui::PushTextWrapPos(0.0f);
  if (v.marksShown)
    ImGui::TextDisabled("Bleeding stops %s after a puncture; marks fade as its channels close (half-life %s).",
                        formatDuration(v.hemostasis_s).c_str(), formatDuration(v.closureHalfLife_s).c_str());
  else
    ImGui::TextDisabled("Bleeding stops %s after a puncture.", formatDuration(v.hemostasis_s).c_str());
  ImGui::PopTextWrapPos();
}

// The layer colours of the cut faces (sRGB of skin_patch.frag's linear colours),
// with each layer's depth, and a 1 mm scale bar for the block.
void drawLayerKey(const std::vector<std::pair<std::string, double>>& layers, double blockWidth_mm) {
  static const ImVec4 colours[6] = {{0.97f, 0.94f, 0.86f, 1}, {0.91f, 0.76f, 0.69f, 1}, {0.90f, 0.60f, 0.60f, 1},
                                    {0.95f, 0.81f, 0.78f, 1}, {0.98f, 0.91f, 0.63f, 1}, {0.80f, 0.73f, 0.70f, 1}};
  double top = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    ImGui::ColorButton(("##layer" + std::to_string(i)).c_str(), colours[std::min<size_t>(i, 5)],
                       ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::Text("%s  %.0f-%.0f um", layers[i].first.c_str(), top, layers[i].second);
    top = layers[i].second;
  }
  if (blockWidth_mm > 0) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x * float(1.0 / blockWidth_mm);  // 1 mm of the block's width
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(p.x, p.y + 6), ImVec2(p.x + width, p.y + 6), IM_COL32(230, 230, 230, 255), 2.0f);
    draw->AddLine(ImVec2(p.x, p.y + 2), ImVec2(p.x, p.y + 10), IM_COL32(230, 230, 230, 255), 2.0f);
    draw->AddLine(ImVec2(p.x + width, p.y + 2), ImVec2(p.x + width, p.y + 10), IM_COL32(230, 230, 230, 255), 2.0f);
    ImGui::Dummy(ImVec2(width, 12));
    ImGui::SameLine();
    ImGui::TextDisabled("1 mm (block %.1f mm wide)", blockWidth_mm);
  }
}

// A button filled with `colour` (hovered and held a little lighter).
bool filledButton(const char* label, ImVec4 colour) {
  ImGui::PushStyleColor(ImGuiCol_Button, colour);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(colour.x * 1.15f, colour.y * 1.15f, colour.z * 1.15f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(colour.x * 1.3f, colour.y * 1.3f, colour.z * 1.3f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  bool pressed = ImGui::Button(label);
  ImGui::PopStyleColor(4);
  return pressed;
}

// Pause / Run (amber while paused), the speeds (the chosen one filled green, dimmed
// while paused: it is the speed time runs at once resumed) and the jumps.
void drawTimeControls(const SerumView& v, UiRequests& requests) {
  const ImVec4 green(0.16f, 0.50f, 0.26f, 1.0f), dimGreen(0.14f, 0.30f, 0.19f, 1.0f);
  if (v.paused ? filledButton("Run", ImVec4(0.70f, 0.42f, 0.10f, 1.0f)) : ImGui::Button("Pause")) requests.paused = !v.paused;
  struct Speed {
    const char* label;
    double scale;
  } speeds[] = {{"x1", 1}, {"x60", 60}, {"x3600", 3600}};
  bool matched = false;
  for (auto& speed : speeds) {
    ImGui::SameLine();
    bool active = v.timeScale == speed.scale;
    matched |= active;
    if (active ? filledButton(speed.label, v.paused ? dimGreen : green) : ImGui::Button(speed.label))
      requests.timeScale = speed.scale;
  }
  if (!matched) {  // --time-scale or the scene chose another speed
    ImGui::SameLine();
    ImGui::Text("(now x%g)", v.timeScale);
  }
  ImGui::TextUnformatted("Jump:");
  struct Jump {
    const char* label;
    double seconds;
  } jumps[] = {{"+1 h", 3600}, {"+1 day", 86400}, {"+6 weeks", 42 * 86400}};
  for (auto& jump : jumps) {
    ImGui::SameLine();
    if (ImGui::Button(jump.label)) requests.jump_s += jump.seconds;
  }
}

// A course's timeline: every session marked from the first to six months after the
// last, the sessions given filled, and where the skin is now.
void drawCourse(const SerumView& v) {
  if (v.sessionTimes_s.size() < 2) return;
  double first = v.sessionTimes_s.front(), end = v.sessionTimes_s.back() + 180 * 86400.0;
  ImGui::Text("Course: session %d of %d", v.sessionsGiven, int(v.sessionTimes_s.size()));
  ImVec2 at = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetFontSize() * 1.2f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float mid = at.y + height * 0.5f;
  auto x = [&](double t) { return at.x + float(std::clamp((t - first) / (end - first), 0.0, 1.0)) * width; };
  draw->AddLine({at.x, mid}, {at.x + width, mid}, IM_COL32(160, 160, 160, 255), 2.0f);
  for (size_t k = 0; k < v.sessionTimes_s.size(); ++k) {
    bool given = int(k) < v.sessionsGiven;
    ImU32 colour = given ? IM_COL32(240, 200, 90, 255) : IM_COL32(120, 120, 120, 255);
    draw->AddTriangleFilled({x(v.sessionTimes_s[k]) - 5, at.y}, {x(v.sessionTimes_s[k]) + 5, at.y},
                            {x(v.sessionTimes_s[k]), mid}, colour);
  }
  draw->AddLine({x(v.time_s), at.y}, {x(v.time_s), at.y + height}, IM_COL32(120, 200, 255, 255), 2.0f);
  ImGui::Dummy({width, height});
  ImGui::TextDisabled("session marks; blue: now (%s after the first)", formatDuration(std::max(0.0, v.time_s - first)).c_str());
}

// The healing numbers; "—" where a number has no meaning yet (no channel made).
void drawHealing(const SerumView& v) {
  ImGui::PushTextWrapPos(0.0f);
  if (v.punctures == 0) {
    ImGui::TextUnformatted("Channels open: \u2014   Redness: \u2014");
    ImGui::TextUnformatted("Bleeding points: 0");
    ImGui::TextUnformatted("Swelling: \u2014");
    ImGui::TextUnformatted("Collagen: \u2014   Elastin: \u2014");
    ImGui::SameLine();
    ImGui::TextDisabled("(no punctures yet)");
  } else {
    ImGui::Text("Channels open: %.0f %%   Redness: %.0f %%", v.openFraction * 100, v.erythemaMean * 100);
    ImGui::Text("Bleeding points: %llu (%llu spots now)", v.bleedingPoints, v.bleedingNow);
    ImGui::Text("Swelling: %.0f %%   puffiest +%.2f mm", v.oedemaMean * 100, v.swellingMaxMm);
    ImGui::TextDisabled("(swelling's size assumed: no study measured it)");
    ImGui::Text("Collagen: %.2f   Elastin: %.2f", v.collagenIndex, v.elastinIndex);
    if (!v.collagenForming)
      ImGui::TextDisabled("(collagen forms from about day 5)");
    else if (!v.elastinForming)
      ImGui::TextDisabled("(elastin: no change before month 3)");
    else
      ImGui::TextDisabled("(1 = one fully dosed session, 6 months on)");
    drawCourse(v);
    if (v.pretreated) ImGui::TextDisabled("Includes the scene's pretreatment (at 0 s).");
  }
  if (v.overTreatedFraction > 0)
    ImGui::TextColored(kAmber, "Over-treated: %.0f %% of the treated skin took more than ten passes' density",
                       std::max(1.0, 100.0 * v.overTreatedFraction));
  // A count of the session so far, not a state of the pen now: upright needling after
  // a tilted glide still shows the tears that glide made.
  if (v.torn) ImGui::TextColored(kAmber, "Torn wounds so far: %llu (the pen leaned past 10 deg while moving)", v.torn);
  ImGui::PopTextWrapPos();
}

}  // namespace

std::string formatDuration(double s) {
  char text[64];
  if (s < 60) {
    std::snprintf(text, sizeof(text), "%.1f s", s);
  } else if (s < 3600) {
    int min = int(s / 60), sec = int(std::fmod(s, 60));
    std::snprintf(text, sizeof(text), sec ? "%d min %02d s" : "%d min", min, sec);
  } else if (s < 86400) {
    int h = int(s / 3600), min = int(std::fmod(s, 3600) / 60);
    std::snprintf(text, sizeof(text), min ? "%d h %02d min" : "%d h", h, min);
  } else {
    int d = int(s / 86400), h = int(std::fmod(s, 86400) / 3600);
    std::snprintf(text, sizeof(text), h ? "%d d %d h" : "%d d", d, h);
  }
  return text;
}

void drawSerumPanel(const SerumView& v, UiRequests& requests) {
  ImGui::Begin("Serum", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  drawSerumChoice(v, requests);
  ImGui::Text("Time: %s", formatDuration(v.time_s).c_str());
  if (v.timeControls) {
    ImGui::SameLine();
    if (v.paused)
      ImGui::TextColored(kAmber, "  Paused (resumes at x%g)", v.timeScale);
    else
      ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1.0f), "  Running at x%g", v.timeScale);
    drawTimeControls(v, requests);
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s on %s, %llu steps, last dt %.3g s", v.scheme.c_str(), v.backend.c_str(), v.steps, v.dt_s);
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  drawHealing(v);
  ImGui::Separator();
  if (!v.blockLabel.empty()) ImGui::TextWrapped("Block: %s", v.blockLabel.c_str());
  ImGui::Text("Serum in tissue: %.3g (C x mm^3)", v.totalMass * 1e-9);
  bool showField = v.showField, showMicroView = v.showMicroView;
  if (v.cutFace && ImGui::Checkbox("Serum on the cut face and the skin", &showField)) requests.showField = showField;
  if (ImGui::Checkbox("Micro view under the pen", &showMicroView)) requests.showMicroView = showMicroView;
  if (v.cutFace) {
    int slice = v.cutSlice;
    float y_mm = float((slice + 0.5) * v.sliceSpacing_mm - v.blockWidth_mm / 2);
    char label[48];
    std::snprintf(label, sizeof(label), "cut at y = %.2f mm", y_mm);
    if (ImGui::SliderInt("##cut", &slice, 0, v.sliceCount - 1, label)) requests.cutSlice = slice;
  }
  // The keys to the colours, folded: the panel stays short enough to leave the
  // skin most of the screen (the dock's layout test measures it).
  if (ImGui::CollapsingHeader("Colour keys, layers and scale")) {
    if (v.healingShown) drawHealingLegend(v);
    if (v.fieldOnSkin || v.microViewShown) drawSerumLegend(v);
    drawLayerKey(v.layers, v.blockWidth_mm);
  }
  if (!v.profile.empty()) {
    float peak = *std::max_element(v.profile.begin(), v.profile.end());
    float top = std::max(1e-6f, peak);  // the plot's scale; the caption says the real peak
    char overlay[64];
    if (peak > 0)
      std::snprintf(overlay, sizeof(overlay), "depth 0 .. %.0f um, max %.3g", v.profileDepth_um, peak);
    else
      std::snprintf(overlay, sizeof(overlay), "depth 0 .. %.0f um, no serum yet", v.profileDepth_um);
    ImGui::TextWrapped("Mean concentration by depth (surface left)");
    ImGui::PlotLines("##profile", v.profile.data(), int(v.profile.size()), 0, overlay, 0.0f, top * 1.1f,
                     ImVec2(ImGui::GetContentRegionAvail().x, 50 * ImGui::GetFontSize() / 13.0f));
  }
  ImGui::End();
}

}  // namespace ns::ui

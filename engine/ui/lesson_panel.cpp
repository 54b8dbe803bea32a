#include "ui/lesson_panel.h"

#include <imgui.h>

#include <cstdio>

namespace ns::ui {
namespace {

const ImVec4 kMet(0.45f, 0.85f, 0.5f, 1.0f), kOpen(0.95f, 0.75f, 0.35f, 1.0f);

void drawCriteria(const LessonView& v) {
  for (const LessonCriterionRow& c : v.criteria) {
    ImGui::TextColored(c.met ? kMet : kOpen, c.met ? "[x]" : "[ ]");
    ImGui::SameLine();
    if (c.target.empty()) ImGui::TextWrapped("%s: %s", c.metric.c_str(), c.value.c_str());
    else ImGui::TextWrapped("%s: %s (target: %s)", c.metric.c_str(), c.value.c_str(), c.target.c_str());
  }
}

void drawChoices(const LessonView& v, UiRequests& requests) {
  for (const std::string& choice : v.choices) {
    bool chosen = choice == v.chosen;
    if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(choice.c_str())) requests.lessonAnswer = choice;
    if (chosen) ImGui::PopStyleColor();
  }
}

// One step of the summary: its tick, then its title and result wrapped to the
// panel's width (a long title takes two lines rather than running off the edge).
void drawSummaryRow(const LessonStepRow& row) {
  ImGui::TextColored(row.completed ? kMet : kOpen, row.completed ? "[x]" : row.skipped ? "[skipped]" : "[ ]");
  ImGui::SameLine();
  char result[64];
  if (row.completed) std::snprintf(result, sizeof(result), "%.0f s, %zu of %zu met", row.time_s, row.criteriaMet, row.criteria);
  else std::snprintf(result, sizeof(result), "%zu of %zu met", row.criteriaMet, row.criteria);
  ImGui::TextWrapped("%s: %s", row.title.c_str(), result);
}

// A button on the current line when it fits, else on the next.
bool buttonFlowing(const char* label, bool first) {
  if (!first) {
    float w = ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x >= w) ImGui::SameLine();
  }
  return ImGui::Button(label);
}

}  // namespace

std::vector<std::string> lessonSummaryHeadline(const LessonView& v) {
  char line[160];
  std::snprintf(line, sizeof(line), "Lesson %s: %.0f %% of its steps done (pass mark %.0f %%)",
                v.passed ? "passed" : "not passed", v.score, v.passMark);
  std::vector<std::string> lines = {line};
  if (v.techniqueScore) {
    std::snprintf(line, sizeof(line), "Technique score of the needling: %.0f / 100 (Technique panel)", *v.techniqueScore);
    lines.push_back(line);
  }
  return lines;
}

namespace {

// The end: each step with its time and criteria met, the score against the pass
// mark; all of it wraps to the panel's width, and the dock's height scrolls it.
void drawSummary(const LessonView& v, UiRequests& requests) {
  ImGui::PushStyleColor(ImGuiCol_Text, v.passed ? kMet : kOpen);
  // Two scores, each named for what it judges: the lesson's is the steps done; how the
  // needling was done is the Technique panel's (a lesson passed beside a low technique
  // score says exactly that, not a contradiction).
  std::vector<std::string> lines = lessonSummaryHeadline(v);
  ImGui::TextWrapped("%s", lines[0].c_str());
  ImGui::PopStyleColor();
  for (size_t i = 1; i < lines.size(); ++i) ImGui::TextWrapped("%s", lines[i].c_str());
  for (const LessonStepRow& row : v.summary) drawSummaryRow(row);
  if (buttonFlowing("Export the summary", true)) requests.exportSummary = true;
  if (buttonFlowing("Restart the lesson", false)) requests.lessonRestart = true;
}

}  // namespace

void drawLessonCaption(const std::string& caption, const Rect& area) {
  if (caption.empty()) return;
  float width = area.w - 24.0f;
  ImGui::SetNextWindowPos(ImVec2(area.x + area.w * 0.5f, area.bottom() - 12.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, area.h * 0.4f));
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##caption", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFontScale(1.4f);  // read from the back of a room
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(caption.c_str());
  ImGui::PopTextWrapPos();
  ImGui::End();
}

void drawLessonPanel(const LessonView& v, UiRequests& requests) {
  ImGui::Begin("Lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextWrapped("%s", v.title.c_str());
  ImGui::Separator();
  if (v.step >= v.steps) {
    drawSummary(v, requests);
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("Step %zu of %zu: %s", v.step + 1, v.steps, v.stepTitle.c_str());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(v.instruction.c_str());
  ImGui::PopTextWrapPos();
  drawChoices(v, requests);
  drawCriteria(v);
  if (ImGui::Button("Retry this step")) requests.lessonRetry = true;
  ImGui::SameLine();
  if (ImGui::Button("Restart")) requests.lessonRestart = true;
  if (v.educator) {
    ImGui::SameLine();
    if (ImGui::Button("Back")) requests.lessonBack = true;
    ImGui::SameLine();
    if (ImGui::Button("Skip")) requests.lessonSkip = true;
  }
  ImGui::End();
}

}  // namespace ns::ui

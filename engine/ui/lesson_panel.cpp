#include "ui/lesson_panel.h"

#include <imgui.h>

namespace ns::ui {
namespace {

const ImVec4 kMet(0.45f, 0.85f, 0.5f, 1.0f), kOpen(0.95f, 0.75f, 0.35f, 1.0f);

void drawCriteria(const LessonView& v) {
  for (const LessonCriterionRow& c : v.criteria) {
    ImGui::TextColored(c.met ? kMet : kOpen, c.met ? "[x]" : "[ ]");
    ImGui::SameLine();
    ImGui::TextWrapped("%s: %s (target %s)", c.metric.c_str(), c.value.c_str(), c.target.c_str());
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

}  // namespace

void drawLessonPanel(const LessonView& v, UiRequests& requests) {
  ImGui::Begin("Lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::TextWrapped("%s", v.title.c_str());
  ImGui::Separator();
  if (v.step >= v.steps) {
    ImGui::TextColored(v.passed ? kMet : kOpen, "Lesson %s: score %.0f (pass mark %.0f)", v.passed ? "passed" : "not passed",
                       v.score, v.passMark);
    if (ImGui::Button("Restart the lesson")) requests.lessonRestart = true;
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

// The class view's search box and age line (issue 35): what they keep and say,
// without drawing (the panel itself is judged on screenshots and in the live test).
#include <gtest/gtest.h>

#include "ui/class_panel.h"

namespace {

ns::records::Classroom threeTrainees() {
  ns::records::Classroom c;
  for (const char* name : {"Ana Lima", "Ben Okafor", "Léa Martin"}) c.trainees.push_back({name});
  return c;
}

std::vector<std::string> names(const std::vector<const ns::records::TraineeSummary*>& rows) {
  std::vector<std::string> out;
  for (auto* t : rows) out.push_back(t->name);
  return out;
}

TEST(ClassPanel, TheSearchKeepsTheTraineesWhoseNameContainsItIgnoringCaseAndSpacing) {
  ns::records::Classroom c = threeTrainees();
  EXPECT_EQ(names(ns::ui::classRows(c, "")), (std::vector<std::string>{"Ana Lima", "Ben Okafor", "Léa Martin"}));
  EXPECT_EQ(names(ns::ui::classRows(c, "MAR")), (std::vector<std::string>{"Léa Martin"}));
  EXPECT_EQ(names(ns::ui::classRows(c, "a  l")), (std::vector<std::string>{"Ana Lima"}));
  EXPECT_TRUE(ns::ui::classRows(c, "zed").empty());
}

TEST(ClassPanel, TheAgeIsSaidInUnitsATeacherReads) {
  EXPECT_EQ(ns::ui::ageText(-1), "never");
  EXPECT_EQ(ns::ui::ageText(42), "42 s");
  EXPECT_EQ(ns::ui::ageText(42 * 60), "42 min");
  EXPECT_EQ(ns::ui::ageText(5 * 3600), "5 h");
  EXPECT_EQ(ns::ui::ageText(4 * 86400), "4 days");
}

}  // namespace

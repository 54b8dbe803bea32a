// The start dialog's logic: which names can be used, which stored trainee a typed
// name means (no second "Anna Smith" for a different case), and the list as one types.
#include <gtest/gtest.h>

#include "records/trainees.h"

using namespace ns::records;

TEST(TraineeNames, AreTidiedAndChecked) {
  EXPECT_EQ(tidyTraineeName("  Anna   Smith "), "Anna Smith");
  EXPECT_EQ(tidyTraineeName("   "), "");
  EXPECT_EQ(traineeNameProblem(""), "type a name");
  EXPECT_EQ(traineeNameProblem("Anna Smith"), "");
  EXPECT_EQ(traineeNameProblem("anna@clinic.example"), "");
  EXPECT_EQ(traineeNameProblem("Zoë Ødegård"), "");  // UTF-8 is a name like any other
  EXPECT_NE(traineeNameProblem("two\nlines"), "");
  EXPECT_NE(traineeNameProblem("tab\there"), "");
  EXPECT_EQ(traineeNameProblem(std::string(200, 'a')), "");
  EXPECT_EQ(traineeNameProblem(std::string(201, 'a')), "a name has at most 200 characters");
}

TEST(TraineeNames, ATypedNameMeansTheStoredTraineeIgnoringCase) {
  std::vector<std::string> store = {"Anna Smith", "Ben Jones", "anna.k@clinic.example"};
  EXPECT_EQ(existingTrainee(store, "anna smith"), "Anna Smith");
  EXPECT_EQ(existingTrainee(store, "  ANNA   SMITH "), "Anna Smith");
  EXPECT_EQ(existingTrainee(store, "Anna"), "");
  EXPECT_EQ(existingTrainee(store, ""), "");

  TraineePick known = pickTrainee(store, "ben jones");
  EXPECT_EQ(known.name, "Ben Jones");
  EXPECT_FALSE(known.isNew);
  EXPECT_TRUE(known.problem.empty());
  TraineePick created = pickTrainee(store, " Carla  Diaz ");
  EXPECT_EQ(created.name, "Carla Diaz");
  EXPECT_TRUE(created.isNew);
  TraineePick empty = pickTrainee(store, "   ");
  EXPECT_EQ(empty.name, "");
  EXPECT_EQ(empty.problem, "type a name");
  TraineePick none = pickTrainee({}, "First Trainee");
  EXPECT_TRUE(none.isNew);
  EXPECT_EQ(none.name, "First Trainee");
}

TEST(TraineeNames, TheListNarrowsAsOneTypes) {
  std::vector<std::string> store = {"Anna Smith", "Ben Jones", "anna.k@clinic.example"};
  EXPECT_EQ(matchingTrainees(store, ""), store);
  EXPECT_EQ(matchingTrainees(store, "ANN"), (std::vector<std::string>{"Anna Smith", "anna.k@clinic.example"}));
  EXPECT_EQ(matchingTrainees(store, "jones"), (std::vector<std::string>{"Ben Jones"}));
  EXPECT_TRUE(matchingTrainees(store, "zed").empty());
}

// Issue 30: "dana lee" after "Dana Lee" made a second trainee. Names match whatever
// their case and spacing (trimmed, inner runs one, tabs and no-break spaces too,
// case-folded beyond ASCII); the stored spelling is the one shown.
TEST(TraineeNames, OneNameWhateverItsCaseAndSpacing) {
  std::vector<std::string> store = {"Dana Lee", "Zoë Ødegård", "Ярослава"};
  EXPECT_EQ(existingTrainee(store, "dana lee"), "Dana Lee");
  EXPECT_EQ(existingTrainee(store, "\tDANA \t lee\xC2\xA0"), "Dana Lee");
  EXPECT_EQ(existingTrainee(store, "ZOË ØDEGÅRD"), "Zoë Ødegård");
  EXPECT_EQ(existingTrainee(store, "ЯРОСЛАВА"), "Ярослава");
  EXPECT_EQ(existingTrainee(store, "Danalee"), "") << "inner spaces are kept as one, not dropped";
  EXPECT_TRUE(sameTrainee("STRASSE", "straße"));
  EXPECT_FALSE(sameTrainee("", "  "));
  EXPECT_EQ(tidyTraineeName("\tDana\xC2\xA0\xC2\xA0Lee  "), "Dana Lee");
  EXPECT_EQ(matchingTrainees(store, "ZOË"), (std::vector<std::string>{"Zoë Ødegård"}));
}

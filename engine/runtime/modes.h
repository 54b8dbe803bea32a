#pragma once
// The ways of running a run can have, decided once at start-up from the command
// line: a table of features (runtime/feature.h), each with when a run has it and how
// it is made (its files loaded and checked before anything starts). Adding a way of
// running is a file with its Feature and one line in the table (modes.cpp).
#include <memory>
#include <string>
#include <vector>

#include "runtime/feature.h"
#include "runtime/options.h"

namespace ns::runtime {

struct FeatureEntry {
  const char* name;
  bool (*wanted)(const Options& options);
  // Loads and checks what the feature needs; nothing (with one line) refuses the run.
  // It may fill in what the options left to it (a lesson's scene).
  std::unique_ptr<Feature> (*make)(Options& options, std::string& error);
};

// The table, in frame order (a feature's hooks run before those of the ones below it).
const std::vector<FeatureEntry>& featureTable();

// A guided calibration in the window (--calibrate-camera or --calibrate-tip without --headless).
bool calibrating(const Options& o);

// The features `options` ask for, made; false with one line naming the flag.
bool makeFeatures(Options& options, std::vector<std::unique_ptr<Feature>>& features, std::string& error);

}  // namespace ns::runtime

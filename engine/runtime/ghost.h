#pragma once
// The ghost pen (--ghost FILE): a second recording — an expert's — played beside the
// trainee's on the same clock (the run's pen clock), drawn as a translucent pen.
// Where it was at each whole second goes into the report (ghost.positions), so a
// review can be checked against the file.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include <memory>

#include "input/pen_sample.h"
#include "runtime/feature.h"

namespace ns::runtime {

struct Ghost {
  bool active = false;
  std::string file;
  input::PenTrack track;
  struct Mark {
    double t_s;
    glm::dvec3 pos_mm;
    bool contact;
  };
  std::vector<Mark> marks;  // one a second of the pen clock, to the recording's end
  double contact_s = 0;     // of the ghost, as far as it has played
  double played_s = 0;
};

bool loadGhost(const std::string& file, Ghost& ghost, std::string& error);

// The ghost's sample at the pen clock (held at its last sample after the end).
input::PenSample ghostAt(const Ghost& ghost, double clock_s);

// Plays the ghost up to `clock_s`: its contact time and a mark at each whole second
// passed (a constant cost a frame).
void advanceGhost(Ghost& ghost, double clock_s);

// ghost.file, ghost.duration_s, ghost.contact_s, ghost.positions: [{"t", "pos_mm", "contact"}]
nlohmann::json ghostReport(const Ghost& ghost);

// --ghost as a feature of the run: played on the pen clock after each tick, drawn
// over the view, rewound with a review, reported as ghost.*.
std::unique_ptr<Feature> makeGhostFeature(Ghost ghost);

}  // namespace ns::runtime

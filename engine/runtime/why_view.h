#pragma once
// The educator's "why it works" view filled from the run (ui/why_panel.h): the chain
// channels → serum uptake vs intact → redness and swelling → closure → collagen and
// elastin, with the run's values now and the sources of the model's numbers.
#include "sim/serum_uptake.h"
#include "ui/why_panel.h"

namespace ns::runtime {

struct Run;

// `uptake`: the serum on the scene's pretreatment grid for 10 minutes, needled and
// intact (sim::serumUptake; computed once by the caller, it costs a twin run).
ui::WhyView whyView(const Run& run, const sim::SerumUptake& uptake);

}  // namespace ns::runtime

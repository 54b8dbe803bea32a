#pragma once
// The educator's "why it works" view: the whole chain of a treatment on one screen —
// channels → serum uptake vs intact skin → redness and swelling → closure →
// collagen and elastin — each link with its current value and where its numbers
// come from. No Vulkan types: the runtime fills the view from the run.
#include <string>
#include <vector>

namespace ns::ui {

struct WhyLink {
  std::string title;   // "Channels"
  std::string value;   // what the simulation says now, in words and units
  std::string source;  // where the model's numbers come from
};

struct WhyView {
  std::string when;            // "3 h 10 min after the treatment"
  std::vector<WhyLink> links;  // in the chain's order
};

// A window over the 3D view, the links top to bottom with arrows between.
void drawWhyItWorks(const WhyView& view);

}  // namespace ns::ui

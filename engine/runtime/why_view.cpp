#include "runtime/why_view.h"

#include <cstdio>
#include <string>

#include "runtime/run.h"
#include "ui/serum_panel.h"

namespace ns::runtime {
namespace {

template <class... Args>
std::string format(const char* pattern, Args... args) {
  char text[512];
  std::snprintf(text, sizeof(text), pattern, args...);
  return text;
}

ui::WhyLink channelsLink(const Run& run) {
  const PenSession::ChannelSums& c = run.session.pen.channels;
  unsigned long long made = run.sim.healing.punctures;  // the pen's and the scene's pretreatment
  double depth = c.count > 0 ? c.depthSum_um / double(c.count) : run.scene.pretreatment.depth_um;
  return {"Channels through the barrier",
          made == 0 ? std::string("No channels yet: the stratum corneum is intact.")
                    : format("%llu channels, about %.0f um deep (dial x penetration efficiency %.2f).", made, depth,
                             run.scene.pen.penetration_efficiency),
          "actual depth well below the dial: 770 um needles made 152 um channels (rat, Kalluri 2011), 600 um reached "
          "~460 um (human OCT, PMC3016610) [P]"};
}

// An amount of serum per cm² of skin in words: no exponents on screen.
std::string microlitres(double uL) {
  if (uL >= 100) return format("%.0f uL/cm2", uL);
  if (uL >= 0.001) return format("%.3g uL/cm2", uL);
  return uL > 0 ? std::string("< 0.001 uL/cm2") : std::string("none");
}
std::string mass(double ug) { return ug >= 1000 ? format("%.3g mg/cm2", ug / 1000) : format("%.3g ug/cm2", ug); }

// Amount and depth first (µL of serum per cm² of skin: uptake in µm / 10; the mass where
// the product's strength is known), the ratio as a measurement could state it.
ui::WhyLink uptakeLink(const Run& run, const sim::SerumUptake& u) {
  std::string value = format("In %.0f min on the skin, %s: %s taken in through the channels", u.seconds / 60,
                             run.sim.blocks.front().solver.serum.name.c_str(), microlitres(u.needled_um / 10).c_str());
  if (u.appliedPercent > 0) value += format(" (%s of a %.3g %% serum)", mass(u.needled_ug_cm2()).c_str(), u.appliedPercent);
  value += format(", 90 %% of it within %.0f um of the surface; ", u.needledDepth_um);
  if (u.intactDetected())
    value += "intact skin " + microlitres(u.intact_um / 10) + " (" + microlitres(u.intactBarrier_um / 10) +
             " through the stratum corneum, " + microlitres(u.shunt_um / 10) + " through follicles and defects): ";
  else
    value += "intact skin under the detection limit (" + microlitres(sim::kDetectionLimit_um / 10) + "): ";
  value += u.ratioText() + ".";
  return {"Serum uptake vs intact skin", value,
          "Franz-cell enhancements measured: about 1-7x for small drug salts (Ita 2015, Nguyen 2016), 2-22x for "
          "peptides (Mohammed 2014), 'orders of magnitude' for dextrans and proteins (McAllister 2003) [P]; follicles "
          "and defects 0.1 % of the skin (Scheuplein 1967) [S], their permeability from GHK-Cu's (Kp 2.4e-4 cm/h) [P]; "
          "detection 1e-4 of a 10 uL/cm2 dose [A] (docs/serum-library.md)"};
}

ui::WhyLink rednessLink(const Run& run) {
  const sim::HealingSummary& h = run.sim.healingSummary;
  return {"Redness and swelling",
          format("Redness %.0f %%, swelling %.0f %% (puffiest %.2f mm: the mm scale is assumed).", h.erythemaMean * 100,
                 h.oedemaMean * 100, h.swellingMaxMm),
          "erythema and oedema 3-6 h after (HK J Dermatol Venereol 2018) [P]; swelling settled by ~48 h at 0.5 mm "
          "(48 h bound, PMC4119956; TEWL, Sasaki 2019) [P] and ~72 h at 1.5 mm ('24-72 h', clinic guides) [S]; "
          "sources disagree (3-6 h vs up to 7 days, Chu 2021) and none measures its size"};
}

ui::WhyLink closureLink(const Run& run) {
  const sim::HealingSummary& h = run.sim.healingSummary;
  double halfLife = sim::closureHalfLife_s(run.scene.healing);
  return {"Closure",
          format("%.0f %% of the channels still open (half-life %s%s).", h.openFraction * 100,
                 ui::formatDuration(halfLife).c_str(), run.scene.healing.occluded ? ", occluded" : ""),
          "unoccluded human skin closed within 2 h, occluded up to a day (Gupta 2011) [P]; rat: barrier back in "
          "4-5 h, pores closed by 12-18 h (Kalluri 2011) [P]"};
}

ui::WhyLink remodellingLink(const Run& run) {
  const sim::HealingSummary& h = run.sim.healingSummary;
  std::string value = format("Collagen %.2f, elastin %.2f (1 = one fully dosed session, 6 months on).",
                             h.collagenIndex, h.elastinIndex);
  if (h.sessions > 1) value += format(" %d sessions given.", h.sessions);
  return {"Collagen and elastin, over weeks", value,
          "collagen from day 5, remodelling to 6 months (wound phases [V]; Aust 2008 [P]); elastin: studies "
          "disagree - total elastin fell (El-Domyati 2015) or was unchanged (ASJ 2021) at 3 months, rose by 6 months "
          "(Aust 2008): modelled flat to month 3, rising to month 6"};
}

}  // namespace

ui::WhyView whyView(const Run& run, const sim::SerumUptake& uptake) {
  ui::WhyView view;
  double first = run.sim.healing.firstPuncture_s;
  view.when = first < 0 ? std::string("Before the treatment")
                        : ui::formatDuration(std::max(0.0, run.sim.time_s - first)) + " after the treatment";
  view.links = {channelsLink(run), uptakeLink(run, uptake), rednessLink(run), closureLink(run), remodellingLink(run)};
  return view;
}

}  // namespace ns::runtime

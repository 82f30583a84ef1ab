#include "demo/places.h"

namespace dossier::demo::detail {
namespace {

using SV = std::string_view;

// 036 (New Hampshire) is one of the three-digit ZIP areas under 20,000 people that Safe
// Harbor de-identification must turn into 000: some demo patients live there.
constexpr std::array<Region, 5> kRegions = {{
    {"OR",
     -8,
     "America/Los_Angeles",
     {{{"Portland", "972", "503"},
       {"Beaverton", "970", "503"},
       {"Salem", "973", "503"},
       {"Gresham", "970", "971"}}}},
    {"TX",
     -6,
     "America/Chicago",
     {{{"Austin", "787", "512"},
       {"Round Rock", "786", "512"},
       {"San Marcos", "786", "512"},
       {"Georgetown", "786", "737"}}}},
    {"OH",
     -5,
     "America/New_York",
     {{{"Columbus", "432", "614"},
       {"Dublin", "430", "614"},
       {"Westerville", "430", "380"},
       {"Grove City", "431", "614"}}}},
    {"NH",
     -5,
     "America/New_York",
     {{{"Manchester", "031", "603"},
       {"Nashua", "030", "603"},
       {"Concord", "033", "603"},
       {"Walpole", "036", "603"}}}},
    {"WI",
     -6,
     "America/Chicago",
     {{{"Madison", "537", "608"},
       {"Middleton", "535", "608"},
       {"Sun Prairie", "535", "608"},
       {"Fitchburg", "537", "608"}}}},
}};

constexpr std::array<Payer, 6> kPayers = {{
    {"Example Health Plan", "EHP01", "EHP", {"PPO Gold", "HMO Select"}, true, 2500},
    {"Sample Mutual Insurance", "SMI22", "SMI", {"Choice PPO", "Open Access Plus"}, true, 3000},
    {"Placeholder Community Health", "PCH77", "PCH", {"Medicaid Managed Care", "CHIP"}, false, 0},
    {"Fictional Federal Employees Plan",
     "FFEP1",
     "FEP",
     {"Standard Option", "Basic Option"},
     true,
     2000},
    {"Acme Health Cooperative", "ACME9", "ACH", {"Silver EPO", "Bronze EPO"}, true, 4000},
    {"Demo Senior Advantage",
     "DSA40",
     "DSA",
     {"Medicare Advantage HMO", "Medicare PPO"},
     true,
     1500},
}};

constexpr std::array<SV, 6> kPracticeNames = {
    "Willow Creek Counseling Group",   "Harborlight Therapy Associates",
    "Cedar Path Behavioral Health",    "North Star Counseling Collective",
    "Bluebird Psychotherapy Partners", "Quiet Harbor Mental Health Group"};

constexpr std::array<SV, 24> kStreets = {
    "Maple",    "Cedar",    "Birch",  "Willow", "Juniper",  "Aspen",      "Hawthorn", "Linden",
    "Magnolia", "Chestnut", "Laurel", "Alder",  "Hazel",    "Meadowlark", "Kestrel",  "Heron",
    "Orchard",  "Prairie",  "Harbor", "Summit", "Lakeview", "Riverside",  "Foxglove", "Bramble"};
constexpr std::array<SV, 9> kSuffixes = {"Street", "Avenue", "Lane",    "Court", "Drive",
                                         "Road",   "Way",    "Terrace", "Place"};

}  // namespace

std::span<const Region> regions() {
  return kRegions;
}
std::span<const Payer> payers() {
  return kPayers;
}
std::span<const std::string_view> practice_names() {
  return kPracticeNames;
}

Address make_address(Rng& rng, const Region& region) {
  const City& city = region.cities[rng.weighted({55, 18, 17, 10})];
  Address a;
  const SV suffix = rng.pick<SV>(kSuffixes);
  const SV street = rng.pick<SV>(kStreets);
  a.line1 =
      std::to_string(rng.range(100, 9899)) + " " + std::string(street) + " " + std::string(suffix);
  switch (rng.weighted({75, 15, 10})) {
    case 1: {
      const char letter = static_cast<char>('A' + rng.range(0, 3));
      a.line2 = "Apt " + std::to_string(rng.range(1, 24)) + letter;
      break;
    }
    case 2:
      a.line2 = "Unit " + std::to_string(rng.range(1, 40));
      break;
    default:
      break;
  }
  a.city = std::string(city.name);
  a.state = std::string(region.state);
  const int last_two = rng.range(1, 99);
  a.postal_code = std::string(city.zip3) + (last_two < 10 ? "0" : "") + std::to_string(last_two);
  a.area_code = std::string(city.area_code);
  return a;
}

}  // namespace dossier::demo::detail

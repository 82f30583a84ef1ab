#include <algorithm>

#include "gather/full_record.h"

namespace dossier::gather {
namespace {

void add(Json& events, std::string date, const char* type, std::string summary, const Json& ref) {
  events.push_back({{"date", std::move(date)},
                    {"type", type},
                    {"summary", std::move(summary)},
                    {"ref_id", ref}});
}

std::string str(const Json& v) {
  return v.is_string() ? v.get<std::string>() : "";
}

}  // namespace

Json build_timeline(const Json& tables) {
  Json events = Json::array();
  for (const auto& s : tables.value("sessions", Json::array())) {
    add(events, date_of(s["start_time"]), "session",
        "Session " + str(s["cpt_code"]) + " (" + str(s["status"]) + ")", s["id"]);
  }
  for (const auto& a : tables.value("assessments", Json::array())) {
    add(events, a["administered_on"], "assessment",
        str(a["instrument"]) + " total " + std::to_string(a["total_score"].get<int64_t>()) + " (" +
            str(a["severity"]) + ")",
        a["id"]);
  }
  for (const auto& d : tables.value("diagnoses", Json::array())) {
    if (!d["onset_date"].is_string()) continue;
    add(events, d["onset_date"], "diagnosis", "Diagnosis " + str(d["icd10_code"]) + " onset",
        d["id"]);
  }
  for (const auto& p : tables.value("treatment_plans", Json::array())) {
    add(events, p["start_date"], "treatment_plan", "Treatment plan started", p["id"]);
    if (p["review_date"].is_string()) {
      add(events, p["review_date"], "treatment_plan", "Treatment plan reviewed", p["id"]);
    }
  }
  std::vector<Json> sorted(events.begin(), events.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) {
    return std::tie(a["date"].get_ref<const std::string&>(),
                    a["type"].get_ref<const std::string&>(),
                    a["ref_id"].get_ref<const std::string&>()) <
           std::tie(b["date"].get_ref<const std::string&>(),
                    b["type"].get_ref<const std::string&>(),
                    b["ref_id"].get_ref<const std::string&>());
  });
  return Json(sorted);
}

}  // namespace dossier::gather

#include "gather/measures.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dossier::gather {

Json goal_progress(const Json& goals, const Json& measurements, const DateBounds& bounds) {
  Json out = Json::array();
  for (const auto& g : goals) {
    const double baseline = g["baseline_value"].get<double>();
    const double target = g["target_value"].get<double>();
    double current = baseline;
    Json series = Json::array();
    for (const auto& m : measurements) {
      if (m["goal_id"] != g["id"] || !bounds.contains(m["measured_on"])) continue;
      series.push_back({{"date", m["measured_on"]}, {"value", m["value"]}});
      current = m["value"].get<double>();
    }
    double pct = 0;
    if (target != baseline) pct = (current - baseline) / (target - baseline) * 100.0;
    pct = std::clamp(std::round(pct), 0.0, 100.0);
    out.push_back({{"id", g["id"]},
                   {"treatment_plan_id", g["treatment_plan_id"]},
                   {"description", g["description"]},
                   {"measure", g["measure"]},
                   {"baseline", baseline},
                   {"target", target},
                   {"current", current},
                   {"progress_percentage", static_cast<int>(pct)},
                   {"status", g["status"]},
                   {"due_date", g["due_date"]},
                   {"measurements", series}});
  }
  return out;
}

Json assessment_summary(const Json& assessments) {
  std::map<std::string, Json> by_instrument;
  for (const auto& a : assessments) {
    const std::string inst = a["instrument"];
    auto [it, fresh] = by_instrument.try_emplace(inst, Json::object());
    Json& s = it->second;
    if (fresh) {
      s = {{"instrument", inst},
           {"count", 0},
           {"first_date", a["administered_on"]},
           {"first_score", a["total_score"]},
           {"first_severity", a["severity"]}};
    }
    s["count"] = s["count"].get<int>() + 1;
    s["last_date"] = a["administered_on"];
    s["last_score"] = a["total_score"];
    s["last_severity"] = a["severity"];
  }
  Json out = Json::array();
  for (auto& [inst, s] : by_instrument) {
    const int change = s["last_score"].get<int>() - s["first_score"].get<int>();
    s["change"] = change;
    // A change of under 5 points is within the instruments' usual measurement noise.
    s["trend"] = change <= -5 ? "improving" : change >= 5 ? "worsening" : "stable";
    out.push_back(s);
  }
  return out;
}

Json risk_screen(const Json& assessments) {
  // The answer scale of every PHQ-9 item.
  static constexpr const char* kLabels[] = {"Not at all", "Several days", "More than half the days",
                                            "Nearly every day"};
  int administrations = 0;
  Json positive = Json::array(), latest = nullptr;
  int latest_answer = 0;
  for (const auto& a : assessments) {
    if (a["instrument"] != "PHQ-9") continue;
    const Json& items = a["item_answers"];
    if (!items.is_array() || items.size() != 9 || !items[8].is_number_integer()) continue;
    const int answer = std::clamp(items[8].get<int>(), 0, 3);
    ++administrations;
    if (answer > 0) positive.push_back(a["administered_on"]);
    latest = a["administered_on"];
    latest_answer = answer;
  }
  if (administrations == 0) return nullptr;
  return {{"instrument", "PHQ-9 item 9"},   {"administrations", administrations},
          {"positive_dates", positive},     {"latest_date", latest},
          {"latest_answer", latest_answer}, {"latest_label", kLabels[latest_answer]}};
}

Json session_summary(const Json& sessions) {
  int kept = 0, no_show = 0, cancelled = 0, telehealth = 0, minutes = 0;
  std::map<std::string, int> by_cpt;
  std::string first, last;
  for (const auto& s : sessions) {
    const std::string status = s["status"];
    if (status == "kept") {
      ++kept;
      minutes += s["duration_minutes"].get<int>();
      ++by_cpt[s["cpt_code"].get<std::string>()];
      if (s["telehealth"].get<bool>()) ++telehealth;
      const std::string d = date_of(s["start_time"]);
      if (first.empty() || d < first) first = d;
      if (last.empty() || d > last) last = d;
    } else if (status == "no_show") {
      ++no_show;
    } else {
      ++cancelled;
    }
  }
  Json cpt = Json::object();
  for (const auto& [code, n] : by_cpt) cpt[code] = n;
  return {{"scheduled", static_cast<int>(sessions.size())},
          {"kept", kept},
          {"no_show", no_show},
          {"cancelled", cancelled},
          {"telehealth", telehealth},
          {"total_minutes", minutes},
          {"by_cpt", cpt},
          {"first_session", first.empty() ? Json(nullptr) : Json(first)},
          {"last_session", last.empty() ? Json(nullptr) : Json(last)}};
}

Json prognosis(const Json& summary) {
  int improving = 0, worsening = 0;
  for (const auto& s : summary) {
    if (s["trend"] == "improving") ++improving;
    if (s["trend"] == "worsening") ++worsening;
  }
  if (summary.empty()) {
    return {{"rating", "undetermined"}, {"basis", "no standardized measures in the period"}};
  }
  if (worsening > 0) {
    return {{"rating", "guarded"}, {"basis", "standardized scores worsened over the period"}};
  }
  if (improving > 0) {
    return {{"rating", "good"}, {"basis", "standardized scores improved over the period"}};
  }
  return {{"rating", "fair"}, {"basis", "standardized scores were stable over the period"}};
}

}  // namespace dossier::gather

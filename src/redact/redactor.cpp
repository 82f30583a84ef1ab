#include "redact/redactor.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>

#include "core/ids.h"

namespace dossier::redact {
namespace {

// Three-digit ZIP areas of 20,000 people or fewer (Census 2000, as HHS's de-identification
// guidance lists them).
constexpr std::array<std::string_view, 17> kSmallZipAreas = {
    "036", "059", "063", "102", "203", "556", "692", "790", "821",
    "823", "830", "831", "878", "879", "884", "890", "893"};

// A string that is a date or timestamp and nothing else: "2025-03-04", "2025-03-04T10:00:00Z".
bool is_iso_date(const std::string& s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return s.size() == 10 || s[10] == 'T' || s[10] == ' ';
}

int current_year() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

bool has(const Json& object, const char* key) {
  return object.contains(key);
}

// The identifier kind of `key` in `object`, or "" for free text.
std::string_view field_kind(const Json& object, const std::string& key) {
  if (has(object, "birth_date") || has(object, "mrn")) {
    static const std::map<std::string, std::string_view, std::less<>> kClient = {
        {"name", "name"},
        {"given_name", "name"},
        {"middle_name", "name"},
        {"family_name", "name"},
        {"preferred_name", "name"},
        {"birth_date", "birth_date"},
        {"mrn", "mrn"},
        {"address_line1", "address"},
        {"address_line2", "address"},
        {"city", "address"},
        {"postal_code", "zip"},
        {"phone", "phone"},
        {"email", "email"},
        {"emergency_contact_name", "contact_name"},
        {"emergency_contact_phone", "contact_phone"},
        {"age", "age"}};
    const auto it = kClient.find(key);
    return it == kClient.end() ? std::string_view() : it->second;
  }
  if (has(object, "member_id")) {
    if (key == "member_id" || key == "group_number") return "member_id";
    if (key.rfind("subscriber_", 0) == 0 && key != "subscriber_relationship") return "subscriber";
  }
  return {};
}

class Walker {
 public:
  Walker(const Policy& policy, const Scrubber& text, const Scrubber& kept_fields)
      : policy_(policy), scrubber_(text), kept_fields_(kept_fields) {}

  void walk_context(Json& context) {
    for (auto& [key, value] : context.items()) {
      if (key == "export") {
        if (value.contains("parameters")) walk(value["parameters"], "export");
      } else if (key == "tables" && value.is_object()) {
        for (auto& [table, rows] : value.items()) walk(rows, "tables." + table);
      } else {
        walk(value, key);
      }
    }
  }

  Json report(Profile profile) const {
    return {{"profile", profile_name(profile)},
            {"removed", listed(removed_)},
            {"removed_total", total(removed_)},
            {"withheld", listed(withheld_)},
            {"withheld_total", total(withheld_)}};
  }

 private:
  using Tally = std::map<std::string, Counts>;  // section → kind → count

  static Json listed(const Tally& tally) {
    Json out = Json::array();
    for (const auto& [section, counts] : tally) {
      for (const auto& [kind, n] : counts)
        out.push_back({{"section", section}, {"kind", kind}, {"count", n}});
    }
    return out;
  }

  static int total(const Tally& tally) {
    int n = 0;
    for (const auto& [section, counts] : tally) {
      for (const auto& [kind, c] : counts) n += c;
    }
    return n;
  }

  // The kind under which `node` is withheld whole, or "" when it stays.
  std::string_view withheld_kind(const Json& node) const {
    if (!node.is_object()) return {};
    if (has(node, "kind") && has(node, "sections")) {
      if (node["kind"] == "psychotherapy_note" && !policy_.psychotherapy_notes_with_authorization)
        return "psychotherapy_note";
      const bool unsigned_draft =
          node.value("ai_drafted", false) &&
          !(node.value("signed", false) || node.value("signed_at", Json()).is_string());
      if (unsigned_draft && !policy_.unsigned_ai_drafts) return "unsigned_ai_draft";
    }
    if (has(node, "sha256") && has(node, "content_type") && !policy_.attachments)
      return "attachment";
    return {};
  }

  void walk(Json& node, const std::string& section) {
    if (node.is_array()) {
      Json kept = Json::array();
      for (auto& item : node) {
        if (auto kind = withheld_kind(item); !kind.empty()) {
          ++withheld_[section][std::string(kind)];
          continue;
        }
        walk(item, section);
        kept.push_back(std::move(item));
      }
      node = std::move(kept);
    } else if (node.is_object()) {
      walk_object(node, section);
    } else if (node.is_string()) {
      node = text(node.get<std::string>(), section);
    }
  }

  void walk_object(Json& object, const std::string& section) {
    if (has(object, "transcript") && !object["transcript"].is_null() && !policy_.transcripts) {
      object.erase("transcript");
      ++withheld_[section]["transcript"];
    }
    const bool provider = has(object, "npi");
    for (auto& [key, value] : object.items()) {
      const std::string_view kind = provider ? std::string_view() : field_kind(object, key);
      if (!kind.empty()) {
        field(value, kind, section);
      } else if (provider) {
        ids_only(value);
      } else {
        walk(value, section);
      }
    }
  }

  // Providers are not scrubbed, but their ids are the record's ids like any other.
  void ids_only(Json& node) {
    if (node.is_string()) {
      if (!policy_.record_ids && is_uuid(node.get<std::string>())) node = alias(node);
    } else if (node.is_structured()) {
      for (auto& child : node) ids_only(child);
    }
  }

  // Whether an identifier field of `kind` stays (perhaps reduced, see field()).
  bool keeps(std::string_view kind) const {
    if (kind == "contact_name" || kind == "contact_phone") return policy_.contacts;
    if (kind == "email") return policy_.contact_email && policy_.client_identifiers;
    if (kind == "age" || kind == "birth_date" || kind == "zip") return true;
    return policy_.client_identifiers;
  }

  void field(Json& value, std::string_view kind, const std::string& section) {
    if (value.is_null()) return;
    if (!keeps(kind)) {
      value = redacted(kind);
      ++removed_[section][std::string(kind)];
      return;
    }
    if (policy_.client_identifiers) {
      // Kept, but a custom term inside it still goes.
      if (value.is_string())
        value = kept_fields_.scrub(value.get<std::string>(), removed_[section]);
      return;
    }
    // Safe Harbor keeps some of these, reduced.
    if (kind == "birth_date" && value.is_string()) {
      // The birth year of someone over 89 says their age: it goes too.
      const std::string year = value.get<std::string>().substr(0, 4);
      value = std::atoi(year.c_str()) <= current_year() - 90 ? redacted(kind) : year;
      ++removed_[section]["birth_date"];
    } else if (kind == "zip" && value.is_string()) {
      value = safe_harbor_zip(value.get<std::string>());
      ++removed_[section]["zip"];
    } else if (kind == "age" && value.is_number() && value.get<double>() > 89) {
      value = "90 or older";
      ++removed_[section]["age"];
    }
  }

  std::string text(const std::string& s, const std::string& section) {
    if (!policy_.record_ids && is_uuid(s)) return alias(s);
    if (!policy_.dates && is_iso_date(s)) {
      ++removed_[section]["date"];
      return s.substr(0, 4);
    }
    return scrubber_.scrub(s, removed_[section]);
  }

  // A stand-in id, the same for every mention within this export and unrelated to the
  // record's.
  std::string alias(const Json& id) {
    auto [it, inserted] = aliases_.try_emplace(id.get<std::string>());
    if (inserted) it->second = new_uuid();
    return it->second;
  }

  const Policy& policy_;
  const Scrubber& scrubber_;
  const Scrubber& kept_fields_;
  Tally removed_;
  Tally withheld_;
  std::map<std::string, std::string> aliases_;
};

}  // namespace

std::string safe_harbor_zip(const std::string& zip) {
  if (zip.size() < 3) return "000";
  const std::string area = zip.substr(0, 3);
  for (char c : area) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return "000";
  }
  const bool small =
      std::find(kSmallZipAreas.begin(), kSmallZipAreas.end(), area) != kSmallZipAreas.end();
  return small ? "000" : area;
}

Json redact_context(Json& context, Profile profile, const Policy& policy, const Scrubber& text,
                    const Scrubber& kept_fields) {
  Walker walker(policy, text, kept_fields);
  walker.walk_context(context);
  return walker.report(profile);
}

}  // namespace dossier::redact

#include "claims/control_numbers.h"

#include "core/clock.h"
#include "db/dialect.h"

namespace dossier::claims {
namespace {

constexpr int64_t kLargest = 999'999'999;

int64_t as_int(const Json& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) return std::stoll(v.get<std::string>());
  return 0;
}

}  // namespace

Result<int64_t> control_number_for(db::Database& db, const std::string& job_id) {
  int64_t number = 0;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    // Two workers must not both read the same largest number and take the next one.
    if (const char* lock = db::claim_number_lock(db.backend())) DOSSIER_TRY(db.query(lock));
    DOSSIER_ASSIGN_OR_RETURN(
        Json kept,
        db.query_one("SELECT control_number FROM claim_interchanges WHERE job_id = ?", {job_id}));
    if (!kept.is_null()) {
      number = as_int(kept["control_number"]);
      return {};
    }
    DOSSIER_ASSIGN_OR_RETURN(
        Json last, db.query_one("SELECT MAX(control_number) AS n FROM claim_interchanges"));
    number = as_int(last["n"]) + 1;
    if (number > kLargest) {
      return Error::make(ErrorCode::kUnavailable, "interchange control numbers are used up");
    }
    return db.insert(
        "claim_interchanges",
        {{"control_number", number}, {"job_id", job_id}, {"created_at", now_timestamp()}});
  }));
  return number;
}

}  // namespace dossier::claims

#include "auth/visibility.h"

#include "core/ids.h"

namespace dossier::auth {

Status require_patient_visible(db::Database& db, const Caller& caller,
                               const std::string& patient_id) {
  if (!is_uuid(patient_id)) return Error::not_found("patient");
  db::Params params{patient_id};
  const std::string sql = "SELECT 1 AS ok FROM patients WHERE id = ? AND " +
                          visible_patients_condition(caller, "id", params);
  DOSSIER_ASSIGN_OR_RETURN(Json row, db.query_one(sql, params));
  if (row.is_null()) return Error::not_found("patient");
  return {};
}

std::string visible_patients_condition(const Caller& caller, const std::string& column,
                                       db::Params& params) {
  if (caller.role != Role::kTherapist) return "1 = 1";
  params.push_back(caller.user_id);
  return column + " IN (SELECT patient_id FROM care_team WHERE user_id = ?)";
}

}  // namespace dossier::auth

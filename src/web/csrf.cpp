#include "web/csrf.h"

#include "core/crypto.h"

namespace dossier::web {

bool csrf_token_matches(std::string_view expected, const FormFields& form) {
  if (expected.empty()) return false;
  return crypto::constant_time_equal(expected, form_value(form, kCsrfField));
}

}  // namespace dossier::web

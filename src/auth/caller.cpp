#include "auth/caller.h"

namespace dossier::auth {

std::optional<Role> parse_role(std::string_view s) {
  if (s == "therapist") return Role::kTherapist;
  if (s == "admin") return Role::kAdmin;
  if (s == "biller") return Role::kBiller;
  return std::nullopt;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::kTherapist:
      return "therapist";
    case Role::kAdmin:
      return "admin";
    case Role::kBiller:
      return "biller";
  }
  return "therapist";
}

}  // namespace dossier::auth

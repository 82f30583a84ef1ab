// Who is asking, as established by authentication, and what their role lets them see.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dossier::auth {

enum class Role { kTherapist, kAdmin, kBiller };

std::optional<Role> parse_role(std::string_view s);
const char* role_name(Role role);

struct Caller {
  std::string user_id;
  Role role = Role::kTherapist;
  std::string ip_address;  //!< of the HTTP peer, for the audit log
  std::string user_agent;

  bool is_admin() const { return role == Role::kAdmin; }
  //! Billers handle claims: demographics, coverage, diagnoses, sessions — never notes.
  bool may_read_notes() const { return role != Role::kBiller; }
};

}  // namespace dossier::auth

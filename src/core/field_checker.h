// Reads a JSON request body member by member and collects every problem, so a client
// learns about all bad fields at once. Problems name the path and never echo the value.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/json.h"
#include "core/result.h"

namespace dossier {

class FieldChecker {
 public:
  //! `body` must outlive the checker. `prefix` is prepended to paths ("date_range.").
  explicit FieldChecker(const Json& body, std::string prefix = "");

  //! True when the body is a JSON object; records a problem otherwise.
  bool require_object(std::string_view what = "the request body");
  //! Records a problem for every member not in `allowed`.
  void allow_only(std::initializer_list<std::string_view> allowed);
  void allow_only(const std::vector<std::string_view>& allowed);

  std::optional<std::string> string(std::string_view key, bool required, size_t max_len = 1000);
  std::optional<std::string> uuid(std::string_view key, bool required);
  std::optional<Date> date(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key);
  std::optional<int64_t> integer(std::string_view key, bool required, int64_t min, int64_t max);
  std::optional<std::string> one_of(std::string_view key, const std::vector<std::string>& choices,
                                    bool required);
  //! A non-empty array of distinct UUIDs, at most `max` long.
  std::optional<std::vector<std::string>> uuid_list(std::string_view key, bool required,
                                                    size_t max);
  //! The member when it is an object (null when absent); records a problem otherwise.
  const Json* object(std::string_view key);

  bool has(std::string_view key) const;
  void problem(std::string_view key, std::string text);
  std::string path(std::string_view key) const { return prefix_ + std::string(key); }

  //! Merges problems found by a nested checker.
  void absorb(FieldChecker&& other);
  bool ok() const { return problems_.empty(); }
  //! OK, or a validation Error carrying every problem found.
  Status finish() const;

 private:
  const Json* member(std::string_view key) const;

  const Json& body_;
  std::string prefix_;
  std::vector<FieldProblem> problems_;
};

}  // namespace dossier

// Internal to src/record: the table that drives the resource API. One ResourceSpec per
// resource says which table it lives in, which members a client may send (and how each is
// checked), who may read and write it, and which resource-specific rules run on a write.
// resources.cpp and friends interpret these specs; nothing here touches the database.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"
#include "record/schema.h"

namespace dossier::record {

enum class FieldType {
  kText,         //!< string; single-line unless `multiline`
  kEnum,         //!< string, one of `values`
  kInteger,      //!< JSON integer within [min, max]
  kNumber,       //!< JSON number within [min, max]
  kBool,         //!< JSON true/false
  kDate,         //!< "YYYY-MM-DD", a real calendar date
  kTimestamp,    //!< ISO 8601 with offset; stored normalized to UTC milliseconds
  kUuid,         //!< canonical UUID; stored lower-case
  kStringArray,  //!< array of strings, each passing `check` when set
  kIntArray,     //!< array of integers within [min, max]
  kObject,       //!< JSON object; its shape is checked by the resource's rules
};

enum class Presence {
  kRequired,  //!< must be given on create; may never be set to null
  kOptional,  //!< may be absent or null
  kDerived,   //!< may be given; the server computes it when absent and checks it when given
  kServer,    //!< set only by the server; a client that sends it gets a problem
};

//! A format check on a string (see field_checks.h).
using StringCheck = bool (*)(std::string_view);

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  Presence presence = Presence::kOptional;
  bool column = true;            //!< false for input-only members (content_base64, signed)
  bool immutable = false;        //!< may not change once created
  bool multiline = false;        //!< text: tab, LF and CR allowed
  bool not_future = false;       //!< dates: not after tomorrow (UTC), to tolerate time zones
  size_t max_length = 200;       //!< text: code points; arrays: items
  size_t item_max_length = 200;  //!< string arrays: code points per item
  //! Text: a hard cap in bytes, checked before anything else; larger is kTooLarge (uploads).
  size_t max_bytes = 0;
  std::string max_bytes_problem;                       //!< the problem reported with that kTooLarge
  std::vector<std::string> values;                     //!< kEnum: the allowed values
  double min = std::numeric_limits<double>::lowest();  //!< numbers and int-array items
  double max = std::numeric_limits<double>::max();
  StringCheck check = nullptr;            //!< text and string-array items
  std::string check_problem;              //!< the problem reported when `check` fails
  Json default_value;                     //!< value on create when absent; null for none
  std::vector<std::string> derived_from;  //!< kDerived: recomputed when these change

  FieldSpec required() const;
  FieldSpec derived(std::vector<std::string> sources = {}) const;
  FieldSpec server() const;
  FieldSpec fixed() const;  //!< immutable
  FieldSpec input_only() const;
  FieldSpec with_default(Json value) const;
  FieldSpec range(double lo, double hi) const;
  FieldSpec checked(StringCheck fn, std::string problem) const;
  FieldSpec past() const;                                     //!< not_future
  FieldSpec capped(size_t bytes, std::string problem) const;  //!< max_bytes
};

//! What each role may do with a resource. Admins may do everything and are not listed.
struct Access {
  bool therapist_read = false;
  bool therapist_write = false;
  bool biller_read = false;
  bool biller_write = false;
};

class Problems {
 public:
  void add(std::string path, std::string problem);
  //! True when a problem was reported for `field` or a path under it ("sections.plan").
  bool has(std::string_view field) const;
  bool empty() const { return items_.empty(); }
  //! kValidation carrying every problem. REQUIRES: !empty()
  Error to_error() const;

 private:
  std::vector<FieldProblem> items_;
};

struct ResourceSpec;

//! The state of one create or update while it is being checked.
struct WriteContext {
  db::Database& db;
  const auth::Caller& caller;
  const ResourceSpec& spec;
  const Json& input;     //!< the body (create) or patch (update) as sent
  const Json* existing;  //!< the stored object (API form) on update; nullptr on create
  Json object;           //!< the candidate: defaults or stored values, overlaid with valid input
  Problems problems;

  bool creating() const { return existing == nullptr; }
  //! The candidate's member when present, not null and without a reported problem.
  const Json* value(std::string_view name) const;
  //! True when the client sent member `name`.
  bool given(std::string_view name) const { return input.contains(name); }
};

//! Resource-specific work on a write. Adds field problems to ctx.problems; returns an Error
//! only for failures that are not about one field (kNotFound, kForbidden, storage).
using Rule = Status (*)(WriteContext& ctx);

struct ResourceSpec {
  std::string name;  //!< as in URLs: "treatment-plans"
  std::string noun;  //!< singular, for messages: "treatment plan"
  const TableSpec* table = nullptr;
  std::vector<FieldSpec> fields;
  Access access;
  //! Columns that identify a row; their values joined with ':' form the API id.
  std::vector<std::string> key_columns = {"id"};
  //! Columns never returned by get/list (attachment bytes).
  std::vector<std::string> hidden_columns;
  //! Derives fields and checks rules across fields, before anything is written.
  Rule check = nullptr;
  //! Side effects that belong to the same transaction, after the row is written.
  Rule after_write = nullptr;
  //! Extra SQL condition on rows `caller` may read, with its params appended; "" for none.
  std::string (*read_condition)(const auth::Caller& caller, db::Params& params) = nullptr;
  //! Whether `caller` may change the stored object (note locks, authorship).
  Status (*may_update)(const auth::Caller& caller, const Json& existing) = nullptr;

  const FieldSpec* field(std::string_view member) const;
  bool has_column(std::string_view column) const { return table->column(column) != nullptr; }
};

//! Every resource, in the order of record::resource_names().
const std::vector<ResourceSpec>& resource_specs();

//! The spec for a URL name, or nullptr.
const ResourceSpec* find_resource(std::string_view name);

}  // namespace dossier::record

// Reading one entry of a Bundle being imported: typed values at element paths, each failure
// a kValidation error that names the element ("entry[12].resource.subject.reference"), and
// references resolved to the entries they name inside the Bundle. Internal to the FHIR
// import (import_bundle.h is the entry point).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::fhir {

//! Bundle entries by the names references use for them: "Type/id", the fullUrl (an
//! urn:uuid: or an absolute URL), and "Type/id" taken from an absolute fullUrl.
class EntryIndex final {
 public:
  //! `entries` is the Bundle's entry array; entries without a resource object are left out
  //! (the import rejects them itself, naming the entry).
  explicit EntryIndex(const Json& entries);

  //! The entry `reference` names, if any.
  std::optional<size_t> find(std::string_view reference) const;

  //! The record id of entry `i`: its resource's id without `prefix` ("qr-", "role-"), or,
  //! for a resource without an id, the UUID of an urn:uuid: fullUrl. "" when it has neither.
  std::string record_id(size_t i, std::string_view prefix = "") const;

  const Json& resource(size_t i) const;
  std::string type(size_t i) const;

 private:
  const Json& entries_;
  std::map<std::string, size_t, std::less<>> names_;
};

//! Reads the resource of entry `index`. Accessors take paths relative to the resource
//! ("name[0].given[1]"); absent or null elements read as empty. The first malformed element
//! is kept as the error; later reads still return (empty) values, so a row is read straight
//! through and status() checked once at the end.
class EntryReader final {
 public:
  EntryReader(const EntryIndex& index, size_t entry);

  //! Whether the element is present (not null).
  bool has(std::string_view path) const;
  //! A string element; "" when absent.
  std::string text(std::string_view path);
  //! A string element that must be present and not empty.
  std::string required_text(std::string_view path);
  //! A FHIR date (YYYY-MM-DD), or the date part of a dateTime; null when absent.
  Json date(std::string_view path, bool required = false);
  //! An instant with a time zone, as written; null when absent.
  Json timestamp(std::string_view path, bool required = false);
  //! A number; null when absent.
  Json number(std::string_view path, bool required = false);
  //! A whole number; null when absent.
  Json integer(std::string_view path, bool required = false);
  //! A boolean; `fallback` when absent.
  bool boolean(std::string_view path, bool fallback);
  //! Number of items of an array element (0 when absent).
  size_t count(std::string_view path);

  //! The path of the first Coding of `system` in the CodeableConcept at `path`
  //! ("code.coding[1]"); "" when it has none, which fails (naming `path`.coding) if
  //! `required`. A code of another system is never taken for one of `system`.
  std::string coding_of(std::string_view path, std::string_view system, bool required = true);

  //! The record id of the entry a Reference element (`path` + ".reference") names, which
  //! must be of `type` and lie inside the Bundle; "" when the Reference is absent and not
  //! `required`.
  std::string reference(std::string_view path, std::string_view type, bool required = false);
  //! The entry a Reference element names (checked as reference() does), or nullopt.
  std::optional<size_t> referenced_entry(std::string_view path, std::string_view type,
                                         bool required = false);

  //! The record id of this entry's resource, which must be a UUID (Dossier's record ids).
  std::string own_id(std::string_view prefix = "");
  //! Whether meta.security carries `code` (of any system).
  bool has_security_label(std::string_view code) const;

  //! Records a problem with the element at `path` (relative to the resource), unless an
  //! earlier one is recorded.
  void fail(std::string_view path, std::string problem);
  Status status() const;

  const EntryIndex& index() const { return index_; }
  const Json& resource() const { return index_.resource(entry_); }
  //! "entry[N].resource".
  const std::string& base() const { return base_; }

 private:
  const Json* find(std::string_view path) const;

  const EntryIndex& index_;
  size_t entry_;
  std::string base_;
  std::optional<Error> error_;
};

//! The element at a path of `.member` and `[index]` steps under `root`; nullptr when a step
//! is missing or of the wrong kind.
const Json* element_at(const Json& root, std::string_view path);

//! The paragraphs of generated narrative ({"div": "<div><p>…</p>…</div>"}) as plain text,
//! one line each; nullopt when the div is not well-formed XHTML.
std::optional<std::vector<std::string>> narrative_paragraphs(const Json& narrative);

}  // namespace dossier::fhir

// Assembling a Bundle: resources are added once each (by type and id), get a fullUrl under
// kBaseUrl, and are labelled alike (Part 2 security labels on every resource of a Part 2
// record). The builder answers which references resolve, so mappers can leave out links
// to what the Bundle does not carry.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "fhir/codes.h"

namespace dossier::fhir {

class BundleBuilder final {
 public:
  //! `security_labels` (an array of Codings, possibly empty) go on every resource added.
  explicit BundleBuilder(Json security_labels = Json::array());
  //! Not copied or moved: resolver() refers to this builder.
  BundleBuilder(const BundleBuilder&) = delete;
  BundleBuilder& operator=(const BundleBuilder&) = delete;

  //! Adds a resource unless one of the same type and id is there already; returns whether
  //! it was added.
  bool add(Json resource);

  //! Whether "Type/id" is in the Bundle.
  bool has(const std::string& reference) const { return present_.count(reference) > 0; }

  //! A Resolves over the resources added so far (and those added later).
  Resolves resolver() const;

  //! Moves the resource with `reference` to the front (a document's Composition).
  void move_to_front(const std::string& reference);

  const std::vector<Json>& resources() const { return resources_; }
  //! The resources added, moved out (for writers that need no Bundle around them); the
  //! builder is empty afterwards.
  std::vector<Json> take_resources();

  //! The Bundle of `type` (document or collection) with id `id`. `identifier` (a urn:uuid)
  //! and `timestamp` (an instant) are set when not empty.
  Json build(const std::string& type, const std::string& id, const std::string& identifier,
             const std::string& timestamp) const;

 private:
  Json labels_;
  std::vector<Json> resources_;
  std::set<std::string> present_;
};

//! A collection Bundle as the searchset of a search that matched all of its resources:
//! type searchset, id `id`, a total, search.mode match on every entry, no identifier.
Json as_searchset(Json bundle, const std::string& id);

//! The fullUrl of a resource: kBaseUrl/Type/id.
std::string full_url(const Json& resource);

//! Every "reference" string anywhere inside `value` (relative "Type/id" references).
std::vector<std::string> references_in(const Json& value);

//! The references of a Bundle's resources that name no entry of it ("Type/id").
std::vector<std::string> unresolved_references(const Json& bundle);

}  // namespace dossier::fhir

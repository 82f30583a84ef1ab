// A custom template's own stored assets: images (a practice logo…) its HTML names with a
// scheme-less <img src="logo.png">. Exports and previews of that template resolve such
// names against its assets only; system templates have none.
//
// Names are 1–100 characters of [A-Za-z0-9._-] without a leading dot, so they can never be
// paths. An asset is a PNG, JPEG or SVG; the declared content type must agree with the
// bytes. Changing assets needs the same rights as changing the template (its creator or an
// admin; system templates are read-only). Errors never echo names or bytes back.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "auth/caller.h"
#include "core/json.h"
#include "core/result.h"
#include "db/database.h"

namespace dossier::catalog {

//! Largest asset, in bytes: a logo or a signature image, not a photo album.
inline constexpr size_t kMaxAssetBytes = 2 * 1024 * 1024;
//! Most assets one template may hold.
inline constexpr int kMaxAssetsPerTemplate = 20;

//! True for 1–100 characters of [A-Za-z0-9._-] not starting with '.'.
bool is_valid_asset_name(std::string_view name);

//! The image type the bytes are ("image/png", "image/jpeg", "image/svg+xml"), "" if none.
std::string sniff_asset_type(std::string_view bytes);

struct StoredAsset {
  Json info;     //!< {name, content_type, size}
  bool created;  //!< false when an asset of that name was replaced
};

//! Stores or replaces asset `name` of template `template_id`. `content_type` is the
//! request's declared type (parameters such as "; charset" ignored). Errors: kNotFound
//! (template), kForbidden (system template or not the caller's), kValidation ("name"),
//! kTooLarge ("body"), kUnprocessable ("content_type" unsupported or not what the bytes
//! are), kConflict (the template already holds kMaxAssetsPerTemplate others).
Result<StoredAsset> put_template_asset(db::Database& db, const auth::Caller& caller,
                                       const std::string& template_id, const std::string& name,
                                       std::string_view content_type, std::string bytes);

//! {"assets": [{name, content_type, size, created_at}]} by name; kNotFound for no template.
Result<Json> list_template_assets(db::Database& db, const std::string& template_id);

struct AssetBytes {
  std::string content_type;
  std::string bytes;
};

//! One asset's bytes; kNotFound for an unknown template or asset.
Result<AssetBytes> get_template_asset(db::Database& db, const std::string& template_id,
                                      const std::string& name);

//! Deletes one asset; same rights as put. kNotFound for an unknown template or asset.
Status delete_template_asset(db::Database& db, const auth::Caller& caller,
                             const std::string& template_id, const std::string& name);

//! Copies every asset of `from` to `to` (a template being created as a copy).
Status copy_template_assets(db::Database& db, const std::string& from, const std::string& to);

//! Deletes every asset of a template (the template is being deleted).
Status delete_all_template_assets(db::Database& db, const std::string& template_id);

//! Name → bytes of `template_id`'s assets, read when asked; nullopt for unknown names (and
//! if the database fails: the render then notes the image as missing). `db` must outlive
//! the resolver. Matches doc::AssetResolver.
std::function<std::optional<std::string>(std::string_view)> template_asset_resolver(
    db::Database& db, std::string template_id);

}  // namespace dossier::catalog

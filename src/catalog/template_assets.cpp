#include "catalog/template_assets.h"

#include <algorithm>
#include <cctype>

#include "catalog/template_store.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"

namespace dossier::catalog {
namespace {

constexpr std::string_view kTypes[] = {"image/png", "image/jpeg", "image/svg+xml"};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The media type without parameters, lower-cased: "Image/PNG; x=y" → "image/png".
std::string media_type(std::string_view declared) {
  std::string out(declared.substr(0, declared.find(';')));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  while (!out.empty() && (out.front() == ' ' || out.front() == '\t')) out.erase(0, 1);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Error field_error(ErrorCode code, std::string detail, std::string path, std::string problem) {
  Error e{code, std::move(detail), {}};
  e.fields.push_back({std::move(path), std::move(problem)});
  return e;
}

// A readable template (unknown and malformed ids alike are kNotFound).
Status require_template(db::Database& db, const std::string& template_id) {
  if (!is_uuid(template_id)) return Error::not_found("template");
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT id FROM export_templates WHERE id = ?", {template_id}));
  if (row.is_null()) return Error::not_found("template");
  return {};
}

// Checks what the client sent before anything is stored.
Status check_upload(const std::string& name, std::string_view declared, std::string_view bytes) {
  if (!is_valid_asset_name(name)) {
    return Error::validation(
        "name", "must be 1-100 characters of A-Z a-z 0-9 . _ - and not start with a dot");
  }
  if (bytes.size() > kMaxAssetBytes) {
    return field_error(ErrorCode::kTooLarge, "the asset is too large", "body",
                       "must be at most 2 MB (2097152 bytes)");
  }
  const std::string type = media_type(declared);
  bool supported = false;
  for (auto t : kTypes) supported = supported || type == t;
  if (!supported) {
    return field_error(ErrorCode::kUnprocessable, "unsupported asset type", "content_type",
                       "must be image/png, image/jpeg or image/svg+xml");
  }
  if (sniff_asset_type(bytes) != type) {
    return field_error(ErrorCode::kUnprocessable, "the bytes are not of the declared type",
                       "content_type", "does not match the uploaded bytes");
  }
  return {};
}

Json binary(std::string_view bytes) {
  return Json::binary(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

std::string bytes_of(const Json& value) {
  if (value.is_binary()) {
    const auto& b = value.get_binary();
    return std::string(b.begin(), b.end());
  }
  return value.is_string() ? value.get<std::string>() : std::string();
}

}  // namespace

bool is_valid_asset_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string sniff_asset_type(std::string_view bytes) {
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts_with(bytes, "\xFF\xD8\xFF")) return "image/jpeg";
  // SVG is text: an optional BOM and white space, then markup with an <svg> element early on
  // (after any XML declaration, comments or doctype).
  std::string_view text = bytes;
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  if (starts_with(text, "<") && text.substr(0, 4096).find("<svg") != std::string_view::npos) {
    return "image/svg+xml";
  }
  return "";
}

Result<StoredAsset> put_template_asset(db::Database& db, const auth::Caller& caller,
                                       const std::string& template_id, const std::string& name,
                                       std::string_view content_type, std::string bytes) {
  DOSSIER_TRY(editable_template(db, caller, template_id));
  DOSSIER_TRY(check_upload(name, content_type, bytes));
  const std::string type = media_type(content_type);
  const Json info = {{"name", name}, {"content_type", type}, {"size", bytes.size()}};
  bool created = false;
  DOSSIER_TRY(db.transaction([&]() -> Status {
    DOSSIER_ASSIGN_OR_RETURN(
        db::Rows rows,
        db.query("SELECT name FROM template_assets WHERE template_id = ?", {template_id}));
    created =
        std::none_of(rows.begin(), rows.end(), [&](const Json& r) { return r["name"] == name; });
    if (created && rows.size() >= static_cast<size_t>(kMaxAssetsPerTemplate)) {
      return Error::make(ErrorCode::kConflict, "the template already holds 20 assets");
    }
    const std::string now = now_timestamp();
    if (created) {
      DOSSIER_TRY(db.execute(
          "INSERT INTO template_assets (id, template_id, name, content_type, bytes, size, "
          "sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {new_uuid(), template_id, name, type, binary(bytes), bytes.size(),
           crypto::sha256_hex(bytes), now}));
      return {};
    }
    DOSSIER_TRY(db.execute(
        "UPDATE template_assets SET content_type = ?, bytes = ?, size = ?, sha256 = ?, "
        "created_at = ? WHERE template_id = ? AND name = ?",
        {type, binary(bytes), bytes.size(), crypto::sha256_hex(bytes), now, template_id, name}));
    return {};
  }));
  return StoredAsset{info, created};
}

Result<Json> list_template_assets(db::Database& db, const std::string& template_id) {
  DOSSIER_TRY(require_template(db, template_id));
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows, db.query("SELECT name, content_type, size, created_at FROM template_assets "
                              "WHERE template_id = ? ORDER BY name",
                              {template_id}));
  Json out = {{"assets", Json::array()}};
  for (const auto& r : rows) {
    out["assets"].push_back({{"name", r["name"]},
                             {"content_type", r["content_type"]},
                             {"size", r["size"]},
                             {"created_at", r["created_at"]}});
  }
  return out;
}

Result<AssetBytes> get_template_asset(db::Database& db, const std::string& template_id,
                                      const std::string& name) {
  DOSSIER_TRY(require_template(db, template_id));
  if (!is_valid_asset_name(name)) return Error::not_found("asset");
  DOSSIER_ASSIGN_OR_RETURN(
      Json row, db.query_one("SELECT content_type, bytes FROM template_assets WHERE template_id = "
                             "? AND name = ?",
                             {template_id, name}));
  if (row.is_null()) return Error::not_found("asset");
  return AssetBytes{row["content_type"].get<std::string>(), bytes_of(row["bytes"])};
}

Status delete_template_asset(db::Database& db, const auth::Caller& caller,
                             const std::string& template_id, const std::string& name) {
  DOSSIER_TRY(editable_template(db, caller, template_id));
  if (!is_valid_asset_name(name)) return Error::not_found("asset");
  DOSSIER_ASSIGN_OR_RETURN(
      int64_t n, db.execute("DELETE FROM template_assets WHERE template_id = ? AND name = ?",
                            {template_id, name}));
  if (n == 0) return Error::not_found("asset");
  return {};
}

Status copy_template_assets(db::Database& db, const std::string& from, const std::string& to) {
  DOSSIER_ASSIGN_OR_RETURN(
      db::Rows rows,
      db.query("SELECT name, content_type, bytes, size, sha256 FROM template_assets WHERE "
               "template_id = ?",
               {from}));
  const std::string now = now_timestamp();
  for (const auto& r : rows) {
    DOSSIER_TRY(db.execute(
        "INSERT INTO template_assets (id, template_id, name, content_type, bytes, size, sha256, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {new_uuid(), to, r["name"], r["content_type"], r["bytes"], r["size"], r["sha256"], now}));
  }
  return {};
}

Status delete_all_template_assets(db::Database& db, const std::string& template_id) {
  DOSSIER_TRY(db.execute("DELETE FROM template_assets WHERE template_id = ?", {template_id}));
  return {};
}

std::function<std::optional<std::string>(std::string_view)> template_asset_resolver(
    db::Database& db, std::string template_id) {
  return [&db, id = std::move(template_id)](std::string_view name) -> std::optional<std::string> {
    auto asset = get_template_asset(db, id, std::string(name));
    if (!asset.ok()) return std::nullopt;
    return std::move(asset->bytes);
  };
}

}  // namespace dossier::catalog

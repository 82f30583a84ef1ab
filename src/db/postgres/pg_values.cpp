#include "db/postgres/pg_values.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace dossier::db::postgres {
namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across server versions.
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kOid = 26,
              kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in text form is "\x" followed by hex digits (bytea_output = hex, the default since
// PostgreSQL 9.0).
Json decode_bytea(const char* text, size_t length) {
  std::vector<uint8_t> bytes;
  if (length >= 2 && text[0] == '\\' && text[1] == 'x') {
    bytes.reserve((length - 2) / 2);
    for (size_t i = 2; i + 1 < length; i += 2) {
      bytes.push_back(static_cast<uint8_t>(hex_value(text[i]) * 16 + hex_value(text[i + 1])));
    }
  }
  return Json::binary(std::move(bytes));
}

// numeric comes back for SUM over bigint and the like: whole numbers stay integers, as
// SQLite returns them.
Json decode_numeric(const char* text) {
  if (std::strpbrk(text, ".eEN") == nullptr) {
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(text, &end, 10);
    if (errno == 0 && *end == '\0') return static_cast<int64_t>(n);
  }
  return std::strtod(text, nullptr);
}

Json decode_cell(const PGresult* result, int row, int col) {
  if (PQgetisnull(result, row, col)) return nullptr;
  const char* text = PQgetvalue(result, row, col);
  switch (PQftype(result, col)) {
    case kBool:
      return text[0] == 't' ? 1 : 0;
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid:
      return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4:
    case kFloat8:
      return std::strtod(text, nullptr);
    case kNumeric:
      return decode_numeric(text);
    case kBytea:
      return decode_bytea(text, static_cast<size_t>(PQgetlength(result, row, col)));
    default:
      return std::string(text, static_cast<size_t>(PQgetlength(result, row, col)));
  }
}

}  // namespace

PgParams::PgParams(const Params& params) {
  // Reserved up front: values_ points into these strings, which must never move.
  storage_.reserve(params.size());
  for (const Json& p : params) {
    Oid type = kText;
    int format = 0;
    if (p.is_null()) {
      values_.push_back(nullptr);
      types_.push_back(0);
      lengths_.push_back(0);
      formats_.push_back(0);
      continue;
    }
    if (p.is_boolean()) {
      storage_.emplace_back(p.get<bool>() ? "1" : "0");
      type = kInt8;
    } else if (p.is_number_integer()) {
      storage_.emplace_back(p.dump());
      type = kInt8;
    } else if (p.is_number()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", p.get<double>());
      storage_.emplace_back(buf);
      type = kFloat8;
    } else if (p.is_string()) {
      storage_.emplace_back(p.get_ref<const std::string&>());
    } else if (p.is_binary()) {
      const auto& b = p.get_binary();
      storage_.emplace_back(b.begin(), b.end());
      type = kBytea;
      format = 1;
    } else {
      storage_.emplace_back(p.dump());
    }
    values_.push_back(storage_.back().data());
    types_.push_back(type);
    lengths_.push_back(static_cast<int>(storage_.back().size()));
    formats_.push_back(format);
  }
}

Row decode_row(const PGresult* result, int row) {
  Row out = Json::object();
  const int ncols = PQnfields(result);
  for (int c = 0; c < ncols; ++c) out[PQfname(result, c)] = decode_cell(result, row, c);
  return out;
}

}  // namespace dossier::db::postgres

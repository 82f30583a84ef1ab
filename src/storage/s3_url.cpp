#include "storage/s3_url.h"

#include <cctype>
#include <optional>
#include <utility>

namespace dossier::storage {
namespace {

constexpr std::string_view kScheme = "s3://";
constexpr std::string_view kField = "DOSSIER_STORAGE_URL";

Error invalid(std::string problem) {
  return Error::validation(std::string(kField), std::move(problem));
}

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// S3's rules for new buckets: 3 to 63 characters, lower-case letters, digits, '.' and '-',
// starting and ending with a letter or digit.
bool valid_bucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (!is_lower_alnum(bucket.front()) || !is_lower_alnum(bucket.back())) return false;
  for (char c : bucket) {
    if (!is_lower_alnum(c) && c != '.' && c != '-') return false;
  }
  return true;
}

// Segments use the characters of storage keys, so object paths never need percent-encoding
// (which SigV4 would otherwise have to agree on) and cannot climb out of the prefix.
bool valid_prefix_segment(std::string_view segment) {
  if (segment.empty() || segment == "." || segment == "..") return false;
  for (char c : segment) {
    if (!is_alnum(c) && c != '-' && c != '.' && c != '_') return false;
  }
  return true;
}

// "a/b" or "a/b/" → "a/b/"; "" → "".
std::optional<std::string> normalize_prefix(std::string_view prefix) {
  if (prefix.empty()) return std::string();
  if (prefix.back() == '/') prefix.remove_suffix(1);
  std::string out;
  for (;;) {
    const size_t slash = prefix.find('/');
    const std::string_view segment = prefix.substr(0, slash);
    if (!valid_prefix_segment(segment)) return std::nullopt;
    out.append(segment).push_back('/');
    if (slash == std::string_view::npos) return out;
    prefix.remove_prefix(slash + 1);
  }
}

bool valid_region(std::string_view region) {
  if (region.empty() || region.size() > 32) return false;
  for (char c : region) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

struct Authority {
  std::string_view host;  //!< without brackets for IPv6
  bool secure = false;
};

// "http(s)://HOST[:PORT]" with HOST a name, an IPv4 address or a bracketed IPv6 address; no
// user information, path or query.
std::optional<Authority> parse_endpoint(std::string_view endpoint) {
  Authority out;
  std::string_view rest = endpoint;
  if (rest.starts_with("https://")) {
    out.secure = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  std::optional<std::string_view> port;
  if (rest.starts_with('[')) {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = rest.substr(1, close - 1);
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return std::nullopt;
    if (!after.empty()) port = after.substr(1);
    if (out.host.empty() || out.host.find_first_not_of("0123456789abcdefABCDEF:.") != out.host.npos)
      return std::nullopt;
  } else {
    const size_t colon = rest.find(':');
    out.host = rest.substr(0, colon);
    if (colon != std::string_view::npos) port = rest.substr(colon + 1);
    if (out.host.empty()) return std::nullopt;
    for (char c : out.host) {
      if (!is_alnum(c) && c != '.' && c != '-') return std::nullopt;
    }
  }
  if (port && !valid_port(*port)) return std::nullopt;
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

struct QueryParameters {
  std::optional<std::string> endpoint;
  std::optional<std::string> region;
};

Result<QueryParameters> parse_query(std::string_view query) {
  QueryParameters parameters;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string_view name = pair.substr(0, eq);
    std::optional<std::string>* slot = nullptr;
    if (name == "endpoint") slot = &parameters.endpoint;
    if (name == "region") slot = &parameters.region;
    if (slot == nullptr) return invalid("has an unknown parameter: only endpoint and region");
    if (slot->has_value()) return invalid("gives the parameter " + std::string(name) + " twice");
    std::optional<std::string> value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!value) return invalid("has a malformed percent-escape in " + std::string(name));
    *slot = std::move(value);
  }
  return parameters;
}

}  // namespace

Result<S3Location> parse_s3_url(std::string_view url) {
  if (!url.starts_with(kScheme)) return invalid("must be empty or an s3:// URL");
  if (url.find('#') != std::string_view::npos) return invalid("must not have a fragment ('#')");
  std::string_view rest = url.substr(kScheme.size());
  const size_t question = rest.find('?');
  const std::string_view path = rest.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);

  const size_t slash = path.find('/');
  S3Location location;
  location.bucket = std::string(path.substr(0, slash));
  if (location.bucket.empty()) return invalid("names no bucket: use s3://BUCKET/PREFIX");
  if (!valid_bucket(location.bucket)) {
    return invalid("has an invalid bucket name: 3 to 63 lower-case letters, digits, '.', '-'");
  }
  std::optional<std::string> prefix = normalize_prefix(
      slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1));
  if (!prefix) {
    return invalid("has an invalid prefix: '/'-separated letters, digits, '.', '-' and '_'");
  }
  location.prefix = std::move(*prefix);

  DOSSIER_ASSIGN_OR_RETURN(QueryParameters parameters, parse_query(query));
  location.region = parameters.region.value_or("us-east-1");
  if (!valid_region(location.region)) {
    return invalid("has an invalid region: lower-case letters, digits and '-'");
  }
  location.endpoint =
      parameters.endpoint.value_or("https://s3." + location.region + ".amazonaws.com");
  if (location.endpoint.ends_with('/')) location.endpoint.pop_back();
  if (!parse_endpoint(location.endpoint)) {
    return invalid("has an invalid endpoint: use http(s)://HOST[:PORT]");
  }
  return location;
}

bool s3_endpoint_is_remote_plaintext(std::string_view endpoint) {
  const std::optional<Authority> authority = parse_endpoint(endpoint);
  if (!authority || authority->secure) return false;
  const std::string_view host = authority->host;
  return !(host == "localhost" || host == "::1" || host.starts_with("127."));
}

}  // namespace dossier::storage

// XML text helpers shared by every part writer.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "doc/tree.h"

namespace dossier::docx {

//! One attribute of an element built by element(); values are escaped when written.
struct Attr {
  std::string_view name;
  std::string value;
  Attr(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
  Attr(std::string_view n, const char* v) : name(n), value(v) {}
  Attr(std::string_view n, std::string_view v) : name(n), value(v) {}
  Attr(std::string_view n, int64_t v) : name(n), value(std::to_string(v)) {}
  Attr(std::string_view n, int v) : name(n), value(std::to_string(v)) {}
};

//! `<name a="v" …/>`
std::string element(std::string_view name, std::initializer_list<Attr> attrs = {});
//! `<name a="v" …>` (the caller closes it).
std::string open_element(std::string_view name, std::initializer_list<Attr> attrs = {});

//! "RRGGBB" (upper-case hex, alpha ignored) as WordprocessingML colours are written.
std::string hex_color(doc::Color color);

//! The XML declaration every part starts with.
inline constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

}  // namespace dossier::docx

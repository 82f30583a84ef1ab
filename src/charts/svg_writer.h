// Internal: an append-only SVG writer. Every attribute value and text node goes through
// append_xml_escaped (controls become spaces: labels are one line), and numbers print through
// std::to_chars without trailing zeros, so the output is well-formed and byte-for-byte
// deterministic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::charts {

//! Appends `v` rounded to `decimals` places (0–6) without trailing zeros: "12", "3.5", "-0.25".
//! Non-finite values print as "0"; |v| is capped at 1e12; -0 prints as "0".
void append_number(std::string& out, double v, int decimals = 2);
std::string format_number(double v, int decimals = 2);

//! `color` when it is a plain colour — #rgb, #rrggbb, a keyword of letters, or rgb(…) of digits,
//! commas, dots, spaces and % — else `fallback`. No paint can then reference anything (url(…)).
std::string_view safe_color(std::string_view color, std::string_view fallback);

//! Writes elements depth-first: open() an element, add attr()s, then text() or child elements,
//! then close() it. Empty elements close as "<x .../>".
class SvgWriter {
 public:
  explicit SvgWriter(size_t reserve_bytes) { out_.reserve(reserve_bytes); }

  //! REQUIRES: `name` outlives the writer (a literal) and is a valid XML name.
  SvgWriter& open(std::string_view name);
  //! REQUIRES: called right after open() or another attr(); `name` a literal XML name.
  SvgWriter& attr(std::string_view name, double value, int decimals = 2);
  SvgWriter& attr(std::string_view name, std::string_view value);
  SvgWriter& attr(std::string_view name, const char* value) {
    return attr(name, std::string_view(value));
  }
  SvgWriter& text(std::string_view s);
  SvgWriter& close();

  //! REQUIRES: every opened element closed.
  std::string take() { return std::move(out_); }

 private:
  void end_start_tag();

  std::string out_;
  std::vector<std::string_view> open_;
  bool in_start_tag_ = false;
};

}  // namespace dossier::charts

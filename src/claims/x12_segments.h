// Building X12 segments: elements joined by '*', trailing empty elements dropped (the
// standard forbids them), each segment ended by "~\n", counted for SE01.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dossier::claims {

class SegmentWriter {
 public:
  //! Appends one segment: `elements[0]` is the segment ID.
  void add(std::vector<std::string> elements);
  //! Segments added so far (SE01 counts ST through SE).
  size_t count() const { return count_; }
  void reset_count() { count_ = 0; }
  //! Appends a segment exactly as given (ISA, whose elements have fixed widths).
  void add_raw(const std::string& segment);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  size_t count_ = 0;
};

//! A name or address as X12 text: transliterated to upper-case ASCII, the delimiters
//! (* ~ : ^) and other control characters replaced, runs of spaces collapsed.
std::string x12_text(const std::string& utf8);

//! An identifier (member ID, payer ID) as X12 text: as given, less the delimiters, control
//! characters and anything outside ASCII.
std::string x12_id(const std::string& s);

//! Only the digits of `s` ("12-3456789" → "123456789").
std::string digits_of(const std::string& s);

}  // namespace dossier::claims

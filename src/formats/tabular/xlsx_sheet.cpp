#include "formats/tabular/xlsx_sheet.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/dates.h"
#include "core/utf8.h"
#include "core/xml_text.h"
#include "formats/tabular/cell_safety.h"
#include "formats/tabular/cell_text.h"

namespace dossier::formats::tabular {
namespace {

constexpr size_t kCellLimit = 32767;
constexpr double kUnixEpochSerial = 25569;  // 1970-01-01 in the 1900 date system
constexpr size_t kFlush = 64 * 1024;

std::string number_text(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "0";
}

// Code points of `text`, up to `limit`, and whether it was longer.
std::string cut_to(const std::string& text, size_t limit, bool& cut) {
  size_t pos = 0, count = 0;
  while (pos < text.size() && count < limit) {
    next_code_point(text, pos);
    ++count;
  }
  cut = pos < text.size();
  return cut ? text.substr(0, pos) : text;
}

size_t display_width(const std::string& text) {
  size_t width = 0, pos = 0;
  while (pos < text.size()) {
    if (next_code_point(text, pos) == U'\n') return width;  // the first line shows
    ++width;
  }
  return width;
}

// What a cell holds once typed: the XML of its value, its style and its width on screen.
struct CellXml {
  std::string xml;
  size_t width = 0;
};

// An empty text is no cell at all, as an empty CSV field is no value.
void text_cell(CellXml& cell, const std::string& ref, const std::string& text, bool& cut) {
  if (text.empty()) return;
  const std::string shown = cut_to(neutralized(text), kCellLimit, cut);
  cell.width = display_width(shown);
  cell.xml = "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">";
  // XML parsers turn a literal CR into LF; as a character reference it survives.
  for (char c : xml_escaped(shown)) {
    if (c == '\r') {
      cell.xml += "&#13;";
    } else {
      cell.xml.push_back(c);
    }
  }
  cell.xml += "</t></is></c>";
}

void number_cell(CellXml& cell, const std::string& ref, const std::string& number, int style,
                 size_t width) {
  cell.width = width;
  cell.xml = "<c r=\"" + ref + "\"" + (style ? " s=\"" + std::to_string(style) + "\"" : "") +
             "><v>" + number + "</v></c>";
}

CellXml typed_cell(const Json& v, CellType type, const std::string& ref, bool& cut) {
  CellXml cell;
  cut = false;
  if (v.is_null()) return cell;
  if (v.is_boolean()) {
    cell.width = 5;
    cell.xml = "<c r=\"" + ref + "\" t=\"b\"><v>" + (v.get<bool>() ? "1" : "0") + "</v></c>";
    return cell;
  }
  if (type == CellType::kMoney && v.is_number_integer()) {
    const std::string amount = money_text(v.get<int64_t>());
    number_cell(cell, ref, amount, kStyleMoney, amount.size() + 3);
  } else if (v.is_number_integer()) {
    number_cell(cell, ref, v.dump(), type == CellType::kInteger ? kStyleInteger : 0,
                v.dump().size());
  } else if (v.is_number()) {
    number_cell(cell, ref, number_text(v.get<double>()), 0, number_text(v.get<double>()).size());
  } else if (v.is_string() && (type == CellType::kDate || type == CellType::kDateTime)) {
    const std::optional<double> serial = serial_date(v.get<std::string>());
    if (!serial) {
      text_cell(cell, ref, v.get<std::string>(), cut);
    } else if (type == CellType::kDate) {
      number_cell(cell, ref, number_text(std::floor(*serial)), kStyleDate, 10);
    } else {
      number_cell(cell, ref, number_text(*serial), kStyleDateTime, 19);
    }
  } else {
    text_cell(cell, ref, plain_text(v), cut);
  }
  return cell;
}

std::string header_xml(const Table& table, const std::vector<double>& widths) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<sheetViews><sheetView workbookViewId=\"0\">"
      "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
      "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
      "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>";
  for (size_t i = 0; i < widths.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    xml += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"" + number_text(widths[i]) +
           "\" customWidth=\"1\"/>";
  }
  xml += "</cols><sheetData><row r=\"1\">";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    xml += "<c r=\"" + column_letters(i) + "1\" t=\"inlineStr\" s=\"1\"><is><t>";
    append_xml_escaped(xml, table.columns[i].name);
    xml += "</t></is></c>";
  }
  return xml + "</row>";
}

// Widths in characters of the default font: the widest cell, within reason (a long note
// wraps in the formula bar rather than making a column screens wide).
Result<std::vector<double>> measure(const Table& table) {
  std::vector<size_t> chars;
  for (const auto& c : table.columns) chars.push_back(c.name.size() + 2);
  bool cut = false;
  DOSSIER_TRY(table.for_each_row([&](const Row& row) -> Status {
    for (size_t i = 0; i < row.size(); ++i) {
      chars[i] = std::max(chars[i], typed_cell(row[i], table.columns[i].type, "A1", cut).width);
    }
    return {};
  }));
  std::vector<double> widths;
  for (size_t c : chars) widths.push_back(static_cast<double>(std::min<size_t>(c, 60) + 2));
  return widths;
}

}  // namespace

std::string column_letters(size_t index) {
  std::string out;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

std::optional<double> serial_date(const std::string& iso) {
  if (iso.size() == 10) {
    const std::optional<Date> d = parse_date(iso);
    if (!d) return std::nullopt;
    return static_cast<double>(days_from_civil(*d)) + kUnixEpochSerial;
  }
  const std::optional<TimePoint> t = parse_timestamp(iso);
  if (!t) return std::nullopt;
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count();
  return static_cast<double>(ms) / 86'400'000.0 + kUnixEpochSerial;
}

std::string xlsx_styles() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<numFmts count=\"3\">"
         "<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss\"/>"
         "<numFmt numFmtId=\"166\" formatCode=\"&quot;$&quot;#,##0.00\"/>"
         "</numFmts>"
         "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
         "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
         "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
         "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
         "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
         "</cellStyleXfs>"
         "<cellXfs count=\"6\">"
         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
         "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
         "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
         "applyNumberFormat=\"1\"/>"
         "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
         "applyNumberFormat=\"1\"/>"
         "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
         "applyNumberFormat=\"1\"/>"
         "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
         "applyNumberFormat=\"1\"/>"
         "</cellXfs>"
         "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
         "</cellStyles></styleSheet>";
}

Result<SheetStats> write_sheet(const Table& table, const ByteSink& out) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<double> widths, measure(table));
  std::string buffer = header_xml(table, widths);
  SheetStats stats;
  DOSSIER_TRY(table.for_each_row([&](const Row& row) -> Status {
    const std::string r = std::to_string(++stats.rows + 1);
    buffer += "<row r=\"" + r + "\">";
    for (size_t i = 0; i < row.size(); ++i) {
      bool cut = false;
      buffer += typed_cell(row[i], table.columns[i].type, column_letters(i) + r, cut).xml;
      stats.cut_cells += cut ? 1 : 0;
    }
    buffer += "</row>";
    if (buffer.size() < kFlush) return {};
    Status sent = out(buffer);
    buffer.clear();
    return sent;
  }));
  buffer += "</sheetData></worksheet>";
  DOSSIER_TRY(out(buffer));
  return stats;
}

}  // namespace dossier::formats::tabular

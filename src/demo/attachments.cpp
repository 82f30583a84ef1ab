// Small documents on some patients' charts: a signed release-of-information form (text)
// and a mood chart (a PNG drawn from the patient's scores).
#include <array>
#include <cstdint>
#include <vector>

#include "core/crypto.h"
#include "demo/calendar.h"
#include "demo/generators.h"
#include "demo/instruments.h"

namespace dossier::demo::detail {
namespace {

using Bytes = std::vector<uint8_t>;

uint32_t crc32(const uint8_t* data, size_t n, uint32_t crc = 0) {
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_u32(Bytes& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

void put_chunk(Bytes& out, const char* type, const Bytes& data) {
  put_u32(out, static_cast<uint32_t>(data.size()));
  Bytes body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  put_u32(out, crc32(body.data(), body.size()));
}

// A zlib stream of stored (uncompressed) deflate blocks: valid, and no zlib dependency for
// images this small.
Bytes zlib_stored(const Bytes& raw) {
  Bytes out = {0x78, 0x01};
  size_t pos = 0;
  do {
    const size_t n = std::min<size_t>(raw.size() - pos, 65535);
    out.push_back(pos + n == raw.size() ? 1 : 0);
    const auto len = static_cast<uint16_t>(n);
    for (uint16_t v : {len, static_cast<uint16_t>(~len)}) {
      out.push_back(static_cast<uint8_t>(v & 0xff));
      out.push_back(static_cast<uint8_t>(v >> 8));
    }
    out.insert(out.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos),
               raw.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
  } while (pos < raw.size());
  uint32_t a = 1, b = 0;
  for (uint8_t c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  put_u32(out, (b << 16) | a);
  return out;
}

//! An 8-bit grayscale PNG with one dark bar per score on a light background.
Bytes bar_chart_png(const std::vector<int>& values, int max_value) {
  constexpr int kBar = 4, kHeight = 32;
  const int width = std::max<int>(1, static_cast<int>(values.size()) * kBar);
  Bytes raw;
  for (int y = 0; y < kHeight; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < width; ++x) {
      const size_t i = static_cast<size_t>(x / kBar);
      const int bar = i < values.size() ? values[i] * kHeight / std::max(1, max_value) : 0;
      const bool ink = x % kBar != kBar - 1 && kHeight - y <= bar;
      raw.push_back(ink ? 0x30 : 0xf4);
    }
  }
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes header;
  put_u32(header, static_cast<uint32_t>(width));
  put_u32(header, kHeight);
  header.insert(header.end(), {8, 0, 0, 0, 0});  // depth 8, grayscale, no interlace
  put_chunk(png, "IHDR", header);
  put_chunk(png, "IDAT", zlib_stored(raw));
  put_chunk(png, "IEND", {});
  return png;
}

std::string release_form(const Patient& p, int64_t signed_day) {
  std::string text =
      "AUTHORIZATION FOR RELEASE OF INFORMATION\n\n"
      "Client: " +
      p.name.given + " " + p.name.family + "\n" + "Date of birth: " + date_text(p.birth_day) +
      "\n\n" +
      "I authorize my therapist to disclose information from my record to:\n"
      "  Example Primary Care Clinic, 100 Example Way\n"
      "Purpose: coordination of care\n"
      "Information: diagnoses, dates of treatment, assessment scores and a progress summary.\n"
      "Psychotherapy notes are not included.\n";
  if (p.substance_use) {
    text +=
        "This authorization includes substance use disorder records protected by 42 CFR "
        "Part 2.\n";
  }
  text += "This authorization expires on " + date_text(signed_day + 365) +
          ". I may revoke it in writing at any time.\n\nSigned electronically on " +
          date_text(signed_day) + ".\n";
  return text;
}

void insert_attachment(Writer& w, Patient& p, std::string_view filename,
                       std::string_view content_type, std::string_view description,
                       const Bytes& content, int64_t created) {
  const std::string_view view(reinterpret_cast<const char*>(content.data()), content.size());
  w.insert("attachments", {{"id", p.rng.uuid(created * 1000)},
                           {"patient_id", p.id},
                           {"filename", filename},
                           {"content_type", content_type},
                           {"size_bytes", static_cast<int64_t>(content.size())},
                           {"sha256", crypto::sha256_hex(view)},
                           {"description", description},
                           {"content", Json::binary(content)},
                           {"created_at", timestamp_text(created)}});
}

}  // namespace

void write_attachments(Writer& w, Patient& p) {
  Rng& rng = p.rng;
  // The first patient always has both documents, so every demo practice has some.
  const bool release = p.index == 0 || rng.chance(0.25);
  const bool chart = p.index == 0 || rng.chance(0.1);
  if (release) {
    const int64_t day = p.first_day + rng.range(7, 30);
    const std::string text = release_form(p, std::min(day, p.last_day));
    insert_attachment(w, p, "release-of-information.txt", "text/plain; charset=utf-8",
                      "Signed authorization to release information to primary care",
                      Bytes(text.begin(), text.end()), at(std::min(day, p.last_day), 23 * 60));
  }
  if (chart) {
    std::vector<int> totals;
    for (const Visit& v : p.visits) {
      for (const Score& s : v.scores) {
        if (s.instrument == p.instruments.front()) totals.push_back(s.total);
      }
    }
    insert_attachment(w, p, "mood-chart.png", "image/png",
                      std::string(instrument_name(p.instruments.front())) + " scores over time",
                      bar_chart_png(totals, max_total(p.instruments.front())),
                      at(p.last_day, 23 * 60 + 45));
  }
}

}  // namespace dossier::demo::detail

#include "claims/latin_text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace dossier::claims {
namespace {

// ICU transliterators are not thread-safe; one instance, used under a lock (claims are
// small, so the lock is never held long).
struct Shared {
  std::mutex mutex;
  std::unique_ptr<icu::Transliterator> transliterator;
};

Shared& shared() {
  static Shared* s = [] {
    auto* made = new Shared;
    UErrorCode status = U_ZERO_ERROR;
    made->transliterator.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) made->transliterator.reset();
    return made;
  }();
  return *s;
}

}  // namespace

std::string latin_ascii(const std::string& utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  Shared& s = shared();
  if (s.transliterator) {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.transliterator->transliterate(text);
  }
  std::string converted;
  text.toUTF8String(converted);
  std::string out;
  for (unsigned char c : converted) {
    if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
  }
  return out;
}

}  // namespace dossier::claims

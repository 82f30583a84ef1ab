#include "core/curl.h"

#include <mutex>

namespace dossier::curl {

bool init_once() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result == CURLE_OK;
}

bool append(Slist& list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) return false;
  static_cast<void>(list.release());  // `head` is the same list, extended
  list.reset(head);
  return true;
}

}  // namespace dossier::curl

// libcurl as Dossier uses it (S3 requests, SMTP delivery): the one-time global setup and
// RAII owners of its handles.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace dossier::curl {

//! Sets libcurl up once for the process; false when it could not be. curl_global_init must
//! not race with itself or with other curl calls, so every user goes through here.
bool init_once();

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

//! Appends `line` to `list`; false when out of memory (the list is left as it was).
bool append(Slist& list, const std::string& line);

}  // namespace dossier::curl

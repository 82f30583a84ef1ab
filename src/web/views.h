// The pages' templates and static files, compiled into the binary from src/web/templates and
// src/web/static (embed_web.cmake), and how a page is rendered from them.
//
// A page is two templates: the page's own (templates/NAME.html.j2), which renders the main
// content, and the layout (templates/layout.html.j2), which wraps it in the shell: header
// with the practice's name, navigation, the signed-in user and the sign-out form. Both see
// the same context:
//   page   the page's data (what its handler passes)
//   shell  {"practice": name, "time_zone": the practice's (the `date` filter's), "user":
//           {"name", "role"} | null, "csrf_token": "…", "nav": [{"href", "label",
//           "current"}], "title": "…"}
// and the layout also `content`, the page's rendered HTML. Templates autoescape everything
// they print; `content` is printed with |safe because it is the page template's own output.
//
// Thread safety: immutable after first use; render from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace dossier::web {

struct EmbeddedFile {
  std::string path;  //!< relative to src/web: "templates/clients.html.j2", "static/dossier.css"
  std::string content;
};

//! Every embedded file (generated at build time).
const std::vector<EmbeddedFile>& embedded_web_files();

//! Renders the page template `name` ("clients" for templates/clients.html.j2) with `page`
//! inside the layout with `shell`. kInternal when there is no such template or it fails to
//! render (a defect: the pages' templates are tested).
Result<std::string> render_view(std::string_view name, const Json& page, const Json& shell);

//! Renders the template `name` alone, without the layout, with `page` as its data (and a
//! UTC `shell`): a document of its own, such as a template preview's message. Errors as
//! render_view.
Result<std::string> render_document(std::string_view name, const Json& page);

//! The static file `name` ("dossier.css"), or nullptr.
const std::string* static_file(std::string_view name);

}  // namespace dossier::web

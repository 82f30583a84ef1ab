// The Export form and the Jobs pages (export_pages.cpp): `/export`, `/jobs`, `/jobs/{id}`,
// `/jobs/{id}/status` (the job's row as JSON, for static/jobs.js) and `/jobs/{id}/delete`.
// They act through http::export_actions, as the API does, so that every check, audit row and
// signed link is the API's.
#pragma once

#include "http/app.h"
#include "http/router.h"
#include "web/page.h"

namespace dossier::web {

//! Registers the pages on `router`. `site` and `app` outlive the router.
void add_export_pages(http::Router& router, const Site& site, http::App& app);

}  // namespace dossier::web

// The templates Dossier ships: files under templates/ compiled into the binary, so a
// deployment can never run a template that differs from the one it was tested with.
#pragma once

#include <string>
#include <vector>

#include "tmpl/template.h"

namespace dossier::catalog {

struct SystemTemplateFile {
  std::string path;     //!< relative to templates/, e.g. "progress_report.html.j2"
  std::string content;  //!< the template source
};

//! Every file under templates/ (generated at build time from the directory).
const std::vector<SystemTemplateFile>& system_template_files();

//! The partials (files under templates/partials/), parsed once; {% include "partials/x" %}.
//! Aborts at start-up if a shipped partial does not parse (a build defect, caught by tests).
const tmpl::PartialRegistry& system_partials();

}  // namespace dossier::catalog

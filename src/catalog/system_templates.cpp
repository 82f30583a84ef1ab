#include "catalog/system_templates.h"

#include <cstdlib>

#include "core/log.h"

namespace dossier::catalog {

const tmpl::PartialRegistry& system_partials() {
  static const tmpl::PartialRegistry kPartials = [] {
    tmpl::PartialRegistry registry;
    for (const auto& f : system_template_files()) {
      if (f.path.rfind("partials/", 0) != 0) continue;
      if (auto added = registry.add(f.path, f.content); !added.ok()) {
        log::error("system_partial_invalid", {{"path", f.path}, {"error", added.error().detail}});
        std::abort();
      }
    }
    return registry;
  }();
  return kPartials;
}

}  // namespace dossier::catalog

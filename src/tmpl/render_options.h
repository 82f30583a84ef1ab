// What one render runs under: its resource limits and the settings filters read.
#pragma once

#include <string>

#include "tmpl/limits.h"

namespace dossier::tmpl {

struct RenderOptions {
  Limits limits;
  //! The IANA time zone (core/time_zone.h) the `date` filter shows instants in: a timestamp
  //! with "Z" or an offset is converted to it before formatting; plain dates and timestamps
  //! without an offset are printed as written.
  std::string time_zone = "UTC";
};

}  // namespace dossier::tmpl

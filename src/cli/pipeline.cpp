#include "cli/pipeline.h"

#include "core/clock.h"
#include "formats/renderer.h"
#include "gather/gather.h"

namespace dossier::cli {

jobs::Producer make_producer(db::Database& db) {
  return [&db](const Json& job) -> Result<jobs::ProducedFile> {
    DOSSIER_ASSIGN_OR_RETURN(Json context, gather::gather(db, job, now_timestamp()));
    DOSSIER_ASSIGN_OR_RETURN(formats::Rendered out,
                             formats::render(job["format"].get<std::string>(), context));
    return jobs::ProducedFile{std::move(out.bytes), out.extension};
  };
}

}  // namespace dossier::cli

// Owning handles for libpq's C objects.
#pragma once

#include <libpq-fe.h>

#include <memory>

namespace dossier::db::postgres {

struct ConnectionCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultClearer {
  void operator()(PGresult* r) const { PQclear(r); }
};

using Connection = std::unique_ptr<PGconn, ConnectionCloser>;
using PgResult = std::unique_ptr<PGresult, ResultClearer>;

}  // namespace dossier::db::postgres

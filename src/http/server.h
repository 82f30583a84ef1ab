// The HTTP front: cpp-httplib's thread pool in front of a Router, over plain HTTP or TLS.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "http/router.h"

namespace dossier::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t max_body_bytes = 16 << 20;
  //! PEM files; both set: HTTPS only (TLS 1.2 or later), both empty: plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;
};

class Server {
 public:
  //! kValidation naming "tls_cert" when the certificate chain or key cannot be loaded or do
  //! not belong together.
  static Result<std::unique_ptr<Server>> create(const Router& router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Binds, then serves until stop(); kUnavailable when the address cannot be bound.
  Status run();
  //! Thread-safe; makes run() return.
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::http

// The HTTP front: cpp-httplib's thread pool in front of a Router.
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
};

class Server {
 public:
  Server(const Router& router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Binds, then serves until stop(); kUnavailable when the address cannot be bound.
  Status run();
  //! Thread-safe; makes run() return.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::http

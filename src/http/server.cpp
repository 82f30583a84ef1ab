#include "http/server.h"

#include <httplib.h>

#include <chrono>
#include <cmath>

#include "core/log.h"
#include "http/error_mapping.h"

namespace dossier::http {

struct Server::Impl {
  const Router& router;
  ServerOptions options;
  httplib::Server server;
};

namespace {

Request to_request(const httplib::Request& req) {
  Request r{req.method, req.path, {}, {}, req.body, req.remote_addr};
  for (const auto& [k, v] : req.params) r.query.emplace(k, v);
  for (const auto& [k, v] : req.headers) {
    std::string name = k;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace(std::move(name), v);
  }
  return r;
}

// Hands a stored file to the client in pieces as the connection takes them. The reader only
// goes forward: a range request that starts later is served by skipping, one that goes back
// ends the response.
void stream_body(std::shared_ptr<storage::BlobReader> reader, const std::string& content_type,
                 httplib::Response& to) {
  auto position = std::make_shared<size_t>(0);
  to.set_content_provider(
      static_cast<size_t>(reader->size()), content_type,
      [reader, position](size_t offset, size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        while (*position < offset) {
          auto skipped = reader->read(buffer, std::min(sizeof buffer, offset - *position));
          if (!skipped.ok() || *skipped == 0) return false;
          *position += *skipped;
        }
        if (*position != offset) return false;
        auto n = reader->read(buffer, std::min(sizeof buffer, length));
        if (!n.ok() || *n == 0) {
          log::error("download_stream_failed", {{"offset", offset}});
          return false;
        }
        *position += *n;
        return sink.write(buffer, *n);
      });
}

// Every answer may carry PHI and none is a page to embed: nothing is cached, framed, sniffed,
// scripted or sent on as a referrer.
void add_security_headers(httplib::Response& to) {
  if (!to.has_header("Cache-Control")) to.set_header("Cache-Control", "no-store");
  to.set_header("X-Content-Type-Options", "nosniff");
  to.set_header("X-Frame-Options", "DENY");
  to.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  to.set_header("Referrer-Policy", "no-referrer");
}

void write_response(const Response& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [k, v] : from.headers) to.set_header(k, v);
  add_security_headers(to);
  if (from.stream) {
    stream_body(from.stream, from.content_type, to);
  } else {
    to.set_content(from.body, from.content_type);
  }
}

}  // namespace

Server::Server(const Router& router, ServerOptions options)
    : impl_(new Impl{router, std::move(options), {}}) {
  auto& svr = impl_->server;
  svr.set_payload_max_length(impl_->options.max_body_bytes);
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    const Response out = impl_->router.dispatch(to_request(req));
    write_response(out, res);
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    log::info("request", {{"method", req.method},
                          {"route", impl_->router.pattern_for(req.method, req.path)},
                          {"status", out.status},
                          {"duration_ms", std::round(ms * 100) / 100}});
  };
  svr.Get(".*", handle);
  svr.Post(".*", handle);
  svr.Put(".*", handle);
  svr.Patch(".*", handle);
  svr.Delete(".*", handle);
  // Requests the library rejects before routing (oversized bodies, bad framing) still get
  // the one JSON error shape.
  svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const Error e = res.status == 413
                        ? Error::make(ErrorCode::kTooLarge, "the request body is too large")
                        : Error::make(ErrorCode::kValidation, "the request could not be read");
    Response r = error_response(e);
    res.set_content(r.body, r.content_type);
    add_security_headers(res);
  });
}

Server::~Server() = default;

Status Server::run() {
  if (!impl_->server.bind_to_port(impl_->options.host, impl_->options.port)) {
    return Error::make(ErrorCode::kUnavailable, "cannot listen on the requested address");
  }
  impl_->server.listen_after_bind();
  return {};
}

void Server::stop() {
  impl_->server.stop();
}

}  // namespace dossier::http

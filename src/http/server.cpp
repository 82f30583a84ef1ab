#include "http/server.h"

// Debian's cpp-httplib is built with OpenSSL, and its pkg-config flags say so; the build
// needs that for SSLServer.
#include <httplib.h>
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "cpp-httplib must be built with CPPHTTPLIB_OPENSSL_SUPPORT for --tls-cert"
#endif
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <chrono>
#include <cmath>
#include <optional>

#include "core/log.h"
#include "http/error_mapping.h"

namespace dossier::http {

struct Server::Impl {
  const Router& router;
  ServerOptions options;
  std::unique_ptr<httplib::Server> server;
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
  for (const auto& [name, part] : req.files) {
    r.parts.push_back({part.name, part.filename, part.content_type, part.content});
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
// scripted or sent on as a referrer. Over TLS, browsers are told to keep to HTTPS. A response
// that sets one of these itself keeps its own (the web pages' policy loads their stylesheet).
void add_security_headers(httplib::Response& to, bool tls) {
  const auto set_default = [&to](const char* name, const char* value) {
    if (!to.has_header(name)) to.set_header(name, value);
  };
  set_default("Cache-Control", "no-store");
  if (tls) set_default("Strict-Transport-Security", "max-age=31536000");
  set_default("X-Content-Type-Options", "nosniff");
  set_default("X-Frame-Options", "DENY");
  set_default("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  set_default("Referrer-Policy", "no-referrer");
}

void write_response(const Response& from, httplib::Response& to, bool tls) {
  to.status = from.status;
  for (const auto& [k, v] : from.headers) to.set_header(k, v);
  add_security_headers(to, tls);
  if (from.stream) {
    stream_body(from.stream, from.content_type, to);
  } else {
    to.set_content(from.body, from.content_type);
  }
}

// Why a request's body could not be held to the size limit, as the answer to give, or nullopt.
// httplib (0.11) enforces set_payload_max_length on a declared Content-Length only: a chunked
// body, a POST without a length (read until the connection ends) or a compressed one (inflated
// as it is read) would be read whole into memory however large it grows. Those are refused
// before any byte of the body is read. A Content-Length over the limit is left to httplib,
// which discards the body as it reads it and answers 413 (error handler below).
std::optional<Response> body_framing_problem(const httplib::Request& req) {
  const auto refuse = [](int status, const std::string& problem) {
    Error e = Error::make(ErrorCode::kValidation, "the request body cannot be read");
    e.fields.push_back({"body", problem});
    Response r = error_response(e);
    r.status = status;
    return r;
  };
  if (req.has_header("Transfer-Encoding")) {
    return refuse(411,
                  "must be sent with a Content-Length; chunked transfer encoding is not accepted");
  }
  if (req.has_header("Content-Encoding")) {
    std::string encoding = req.get_header_value("Content-Encoding");
    for (auto& c : encoding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (encoding != "identity") {
      return refuse(415, "must not be compressed (Content-Encoding)");
    }
  }
  if (!req.has_header("Content-Length") &&
      (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")) {
    return refuse(411, "must be sent with a Content-Length");
  }
  return std::nullopt;
}

// An HTTPS server for the PEM files, TLS 1.2 at least; nullptr when they cannot be loaded.
std::unique_ptr<httplib::Server> tls_server(const std::string& cert_file,
                                            const std::string& key_file) {
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    return SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION) == 1 &&
           SSL_CTX_use_certificate_chain_file(&ctx, cert_file.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&ctx, key_file.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&ctx) == 1;
  });
  if (server->is_valid()) return server;
  // What OpenSSL queued about the files would otherwise surface in a later, unrelated call.
  ERR_clear_error();
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<Server>> Server::create(const Router& router, ServerOptions options) {
  const bool tls = !options.tls_cert_file.empty();
  std::unique_ptr<httplib::Server> http;
  if (tls) {
    http = tls_server(options.tls_cert_file, options.tls_key_file);
    if (!http) {
      return Error::validation("tls_cert",
                               "the certificate chain or key cannot be loaded, or they do not "
                               "belong together");
    }
  } else {
    http = std::make_unique<httplib::Server>();
  }
  auto impl = std::make_unique<Impl>(Impl{router, std::move(options), std::move(http)});
  Impl* self = impl.get();
  auto& svr = *self->server;
  svr.set_payload_max_length(self->options.max_body_bytes);
  svr.set_pre_routing_handler([tls](const httplib::Request& req, httplib::Response& res) {
    auto problem = body_framing_problem(req);
    if (!problem) return httplib::Server::HandlerResponse::Unhandled;
    write_response(*problem, res, tls);
    // The body was not read: the connection cannot carry another request. (httplib says
    // so itself when the client asked to close.)
    if (req.get_header_value("Connection") != "close") res.set_header("Connection", "close");
    log::info("request_refused", {{"method", req.method}, {"status", problem->status}});
    return httplib::Server::HandlerResponse::Handled;
  });
  auto handle = [self, tls](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    const Response out = self->router.dispatch(to_request(req));
    write_response(out, res, tls);
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    log::info("request", {{"method", req.method},
                          {"route", self->router.pattern_for(req.method, req.path)},
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
  svr.set_error_handler([tls](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const Error e = res.status == 413
                        ? Error::make(ErrorCode::kTooLarge, "the request body is too large")
                        : Error::make(ErrorCode::kValidation, "the request could not be read");
    Response r = error_response(e);
    res.set_content(r.body, r.content_type);
    add_security_headers(res, tls);
  });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() = default;

Status Server::run() {
  if (!impl_->server->bind_to_port(impl_->options.host, impl_->options.port)) {
    return Error::make(ErrorCode::kUnavailable, "cannot listen on the requested address");
  }
  impl_->server->listen_after_bind();
  return {};
}

void Server::stop() {
  impl_->server->stop();
}

}  // namespace dossier::http

#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "core/clock.h"

namespace dossier::log {
namespace {

std::atomic<bool> g_quiet{false};
std::mutex g_mutex;

void write(std::string_view level, std::string_view event, const Json& fields) {
  Json line = {{"ts", now_timestamp()}, {"level", level}, {"event", event}};
  for (const auto& [k, v] : fields.items()) line[k] = v;
  const std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  std::lock_guard lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

void info(std::string_view event, const Json& fields) {
  if (!g_quiet.load()) write("info", event, fields);
}
void warn(std::string_view event, const Json& fields) {
  write("warn", event, fields);
}
void error(std::string_view event, const Json& fields) {
  write("error", event, fields);
}
void set_quiet(bool quiet) {
  g_quiet.store(quiet);
}

}  // namespace dossier::log

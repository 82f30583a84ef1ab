#include "tmpl/functions.h"

#include <cassert>

namespace dossier::tmpl {

void FunctionRegistry::add(std::string name, Fn fn, bool returns_safe_html) {
  assert(!name.empty() && fn);
  Function f{name, std::move(fn), returns_safe_html};
  functions_.insert_or_assign(std::move(name), std::move(f));
}

const FunctionRegistry::Function* FunctionRegistry::find(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

}  // namespace dossier::tmpl

// libFuzzer target: parses arbitrary bytes as a template and, when they parse, renders
// them with tight limits against a small fixed context and partial registry. Any crash,
// sanitizer report, hang or leak is a bug; errors are expected and ignored.
//
//   build-tmpl-fuzz/src/tmpl/dossier_tmpl_fuzz tests/tmpl/corpus -max_total_time=30
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tmpl/template.h"

namespace {

const dossier::Json& fuzz_context() {
  static const dossier::Json kContext = dossier::Json::parse(R"({
    "patient": {"name": "Ann <O'Neil>", "age": 36, "tags": ["a", "b"]},
    "goals": [{"description": "sleep", "progress_percentage": 62.5, "met": true},
              {"description": "mood & more", "progress_percentage": 40, "met": false}],
    "include_sections": {"goals": true, "diagnosis": false},
    "start_date": "2024-01-01", "n": -7, "f": 2.5, "s": "text", "nul": null,
    "scores": {"phq9": 12, "gad7": 8}
  })");
  return kContext;
}

const dossier::tmpl::PartialRegistry& fuzz_partials() {
  static const dossier::tmpl::PartialRegistry kPartials = [] {
    dossier::tmpl::PartialRegistry r;
    (void)r.add("p", "<i>{{ patient.name }}</i>{% include 'p' ignore missing %}");
    (void)r.add("q", "{% for g in goals %}{{ g.description|upper }}{% endfor %}");
    return r;
  }();
  return kPartials;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  auto tmpl = dossier::tmpl::Template::parse(source, "fuzz");
  if (!tmpl.ok()) return 0;
  dossier::tmpl::RenderOptions options;
  options.limits.max_output_bytes = 1 << 16;
  options.limits.max_loop_iterations = 10'000;
  options.limits.max_nesting = 32;
  options.limits.max_call_depth = 16;
  options.time_zone = "America/New_York";  // so that the date filter's conversion runs too
  (void)tmpl->render(fuzz_context(), options, &fuzz_partials());
  return 0;
}

// Data-driven tests: every tests/tmpl/cases/*.case file holds one or more cases:
//
//   === case name
//   --- template          the template source (sections end at the next "---"/"===" line;
//   …                      the newline before it is not part of the content)
//   --- context           JSON (optional; default {})
//   --- partial NAME      a partial for {% include %} (optional, repeatable)
//   --- limits            JSON with Limits members to override (optional)
//   --- time_zone         the render's time zone, an IANA name (optional; default UTC)
//   (the host functions of test_functions() below are available to every case)
//   --- expect            the exact output, or
//   --- error             a substring the render or parse error detail must contain
//
// One blank line right before "===" separates cases and is not part of the content.
// Lines before the first "===" are comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tmpl/functions.h"
#include "tmpl/template.h"

namespace dossier::tmpl {
namespace {

struct Case {
  std::string file;
  std::string name;
  std::string tmpl;
  std::string context = "{}";
  std::string limits = "{}";
  std::string time_zone = "UTC";
  std::vector<std::pair<std::string, std::string>> partials;
  std::string expect;
  std::string error;
  bool has_expect = false;
};

void assign(Case& c, const std::string& section, const std::string& arg, std::string body) {
  if (section == "template") c.tmpl = std::move(body);
  if (section == "context") c.context = std::move(body);
  if (section == "limits") c.limits = std::move(body);
  if (section == "time_zone") c.time_zone = std::move(body);
  if (section == "partial") c.partials.emplace_back(arg, std::move(body));
  if (section == "expect") {
    c.expect = std::move(body);
    c.has_expect = true;
  }
  if (section == "error") c.error = std::move(body);
}

std::vector<Case> load_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<Case> cases;
  std::string line, section, arg, body;
  bool in_body = false;
  auto flush = [&] {
    if (!cases.empty() && !section.empty()) assign(cases.back(), section, arg, body);
    section.clear();
    body.clear();
    in_body = false;
  };
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      // One blank line before "===" separates cases; it is not content.
      if (in_body && !body.empty() && body.back() == '\n')
        body.pop_back();
      else if (in_body && body.empty())
        in_body = false;
      flush();
      cases.push_back({path.filename().string(), line.substr(4)});
    } else if (line.rfind("--- ", 0) == 0 && !cases.empty()) {
      flush();
      std::istringstream words(line.substr(4));
      words >> section >> arg;
    } else if (!section.empty()) {
      if (in_body) body += '\n';
      body += line;
      in_body = true;
    }
  }
  flush();
  return cases;
}

std::vector<Case> load_all() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(DOSSIER_TMPL_CASES)) {
    if (e.path().extension() == ".case") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> all;
  for (const auto& f : files) {
    for (Case& c : load_file(f)) all.push_back(std::move(c));
  }
  return all;
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = load_all();
  return cases;
}

RenderOptions parse_options(const Case& c) {
  const Json j = Json::parse(c.limits);
  RenderOptions options;
  options.time_zone = c.time_zone;
  Limits& l = options.limits;
  l.max_output_bytes = j.value("max_output_bytes", l.max_output_bytes);
  l.max_loop_iterations = j.value("max_loop_iterations", l.max_loop_iterations);
  l.max_nesting = j.value("max_nesting", l.max_nesting);
  l.max_call_depth = j.value("max_call_depth", l.max_call_depth);
  l.max_function_calls = j.value("max_function_calls", l.max_function_calls);
  return options;
}

// Host functions for functions.case:
//   args(…)      "[positional JSON…] {keyword JSON}", escaped when printed
//   svg(label)   "<svg><text>label</text></svg>", safe HTML (the label escaped by the function)
//   double(n)    2 * n
//   fail(…)      a validation error with one field problem
const FunctionRegistry& test_functions() {
  static const FunctionRegistry kFunctions = [] {
    FunctionRegistry f;
    f.add("args", [](const std::vector<Json>& args, const Json& kwargs) -> Result<Json> {
      return Json(Json(args).dump() + " " + kwargs.dump());
    });
    f.add(
        "svg",
        [](const std::vector<Json>& args, const Json&) -> Result<Json> {
          std::string label = args.empty() ? "" : args[0].dump();
          std::string escaped;
          for (char c : label) escaped += c == '<' ? std::string("&lt;") : std::string(1, c);
          return Json("<svg><text>" + escaped + "</text></svg>");
        },
        true);
    f.add("double", [](const std::vector<Json>& args, const Json&) -> Result<Json> {
      if (args.size() != 1 || !args[0].is_number()) {
        return Error::make(ErrorCode::kUnprocessable, "expects one number");
      }
      return Json(args[0].get<double>() * 2);
    });
    f.add("fail", [](const std::vector<Json>&, const Json&) -> Result<Json> {
      return Error::validation("points[2].date", "must be a date YYYY-MM-DD");
    });
    return f;
  }();
  return kFunctions;
}

class CaseTest : public ::testing::TestWithParam<size_t> {};

TEST_P(CaseTest, Renders) {
  const Case& c = all_cases()[GetParam()];
  SCOPED_TRACE(c.file + ": " + c.name);
  PartialRegistry partials;
  for (const auto& [name, source] : c.partials) ASSERT_TRUE(partials.add(name, source).ok());
  auto tmpl = Template::parse(c.tmpl, "case");
  Result<std::string> out = tmpl.ok() ? tmpl->render(Json::parse(c.context), parse_options(c),
                                                     &partials, &test_functions())
                                      : Result<std::string>(tmpl.error());
  if (c.has_expect) {
    ASSERT_TRUE(out.ok()) << out.error().detail;
    EXPECT_EQ(*out, c.expect);
  } else {
    ASSERT_FALSE(out.ok()) << "expected an error, got: " << *out;
    EXPECT_EQ(out.error().code, ErrorCode::kUnprocessable);
    EXPECT_NE(out.error().detail.find(c.error), std::string::npos) << out.error().detail;
  }
}

std::string case_name(const ::testing::TestParamInfo<size_t>& info) {
  const Case& c = all_cases()[info.param];
  std::string name = c.file.substr(0, c.file.find('.')) + "_" + c.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name + "_" + std::to_string(info.param);
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTest, ::testing::Range<size_t>(0, all_cases().size()),
                         case_name);

TEST(CaseFiles, AreNumerousAndWellFormed) {
  EXPECT_GE(all_cases().size(), 60u);
  for (const Case& c : all_cases()) {
    EXPECT_TRUE(c.has_expect || !c.error.empty()) << c.file << ": " << c.name;
  }
}

}  // namespace
}  // namespace dossier::tmpl

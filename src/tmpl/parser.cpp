#include "tmpl/parser.h"

#include <algorithm>

namespace dossier::tmpl {
namespace {

// Tags that only make sense as the continuation or end of another block.
constexpr std::string_view kClosingTags[] = {"elif",     "else",   "endif",     "endfor",
                                             "endmacro", "endset", "endfilter", "endraw"};

bool is_closing_tag(std::string_view name) {
  return std::find(std::begin(kClosingTags), std::end(kClosingTags), name) !=
         std::end(kClosingTags);
}

std::string quoted_list(std::initializer_list<std::string_view> names) {
  std::string out;
  size_t i = 0;
  for (std::string_view n : names) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += "'" + std::string(n) + "'";
    ++i;
  }
  return out;
}

// Counts block nesting for the duration of one block statement.
class NestingGuard {
 public:
  explicit NestingGuard(int& n) : n_(n) { ++n_; }
  ~NestingGuard() { --n_; }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;

 private:
  int& n_;
};

}  // namespace

Result<std::shared_ptr<const Program>> parse_program(std::string_view source, std::string name) {
  DOSSIER_ASSIGN_OR_RETURN(std::vector<Token> tokens, tokenize(source));
  Parser parser(std::move(tokens));
  DOSSIER_ASSIGN_OR_RETURN(Body body, parser.parse_template());
  auto program = std::make_shared<Program>();
  program->name = std::move(name);
  program->body = std::move(body);
  return std::shared_ptr<const Program>(std::move(program));
}

const Token& Parser::peek(size_t ahead) const {
  const size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[i];
}

const Token& Parser::next() {
  const Token& t = peek();
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool Parser::is_op(std::string_view op, size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::kOperator && t.text == op;
}

bool Parser::is_name(std::string_view name, size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::kName && t.text == name;
}

bool Parser::accept_op(std::string_view op) {
  if (!is_op(op)) return false;
  next();
  return true;
}

bool Parser::accept_name(std::string_view name) {
  if (!is_name(name)) return false;
  next();
  return true;
}

Status Parser::expect_op(std::string_view op) {
  if (accept_op(op)) return {};
  return unexpected(peek(), "'" + std::string(op) + "'");
}

Status Parser::expect_block_end() {
  if (peek().kind == TokenKind::kBlockEnd) {
    next();
    return {};
  }
  return unexpected(peek(), "'%}'");
}

Result<std::string> Parser::expect_identifier(std::string_view what) {
  if (peek().kind != TokenKind::kName) return unexpected(peek(), what);
  return next().text;
}

Error Parser::error_at(Location loc, std::string_view message) const {
  return Error::make(ErrorCode::kUnprocessable, at(loc, message));
}

Error Parser::unexpected(const Token& token, std::string_view expected) const {
  std::string msg = "unexpected " + describe(token);
  if (!expected.empty()) msg += ", expected " + std::string(expected);
  return error_at(token.loc, msg);
}

Result<Body> Parser::parse_template() {
  Token none;
  DOSSIER_ASSIGN_OR_RETURN(Body body, parse_body({}, none));
  if (peek().kind != TokenKind::kEnd) return unexpected(peek());
  return body;
}

Result<Body> Parser::parse_body(std::initializer_list<std::string_view> ends, const Token& opener) {
  Body body;
  while (true) {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::kEnd:
        if (ends.size() == 0) return body;
        return error_at(t.loc, "unexpected end of template, expected " + quoted_list(ends) +
                                   " to close the '" + opener.text + "' at line " +
                                   std::to_string(opener.loc.line));
      case TokenKind::kText:
        body.push_back({t.loc, TextStmt{next().text}});
        break;
      case TokenKind::kVarBegin: {
        const Location loc = next().loc;
        DOSSIER_ASSIGN_OR_RETURN(ExprPtr e, parse_expression());
        if (peek().kind != TokenKind::kVarEnd) return unexpected(peek(), "'}}'");
        next();
        body.push_back({loc, OutputStmt{std::move(e)}});
        break;
      }
      case TokenKind::kBlockBegin: {
        const Token& tag = peek(1);
        if (tag.kind == TokenKind::kName &&
            std::find(ends.begin(), ends.end(), tag.text) != ends.end()) {
          return body;  // the caller consumes the end tag
        }
        if (tag.kind == TokenKind::kName && is_closing_tag(tag.text)) {
          return unexpected(tag, ends.size() ? quoted_list(ends) : "");
        }
        DOSSIER_ASSIGN_OR_RETURN(Stmt s, parse_statement());
        body.push_back(std::move(s));
        break;
      }
      default:
        return unexpected(t);
    }
  }
}

Result<Stmt> Parser::parse_statement() {
  const Location loc = next().loc;  // {%
  const Token& tag = peek();
  if (tag.kind != TokenKind::kName) return unexpected(tag, "a tag name");
  NestingGuard guard(nesting_);
  if (nesting_ > kMaxBlockNesting) return error_at(tag.loc, "blocks are nested too deeply");
  const Token opener = next();
  if (opener.text == "if") return parse_if(loc, opener);
  if (opener.text == "for") return parse_for(loc, opener);
  if (opener.text == "set") return parse_set(loc, opener);
  if (opener.text == "macro") return parse_macro(loc, opener);
  if (opener.text == "include") return parse_include(loc);
  if (opener.text == "filter") return parse_filter_block(loc, opener);
  return error_at(opener.loc, "unknown tag '" + opener.text + "'");
}

Result<Stmt> Parser::parse_if(Location loc, const Token& opener) {
  IfStmt stmt;
  DOSSIER_ASSIGN_OR_RETURN(ExprPtr cond, parse_tuple(true));
  DOSSIER_TRY(expect_block_end());
  while (true) {
    DOSSIER_ASSIGN_OR_RETURN(Body body, parse_body({"elif", "else", "endif"}, opener));
    stmt.branches.emplace_back(std::move(cond), std::move(body));
    next();  // {%
    const std::string tag = next().text;
    if (tag == "elif") {
      DOSSIER_ASSIGN_OR_RETURN(cond, parse_tuple(true));
      DOSSIER_TRY(expect_block_end());
      continue;
    }
    DOSSIER_TRY(expect_block_end());
    if (tag == "else") {
      DOSSIER_ASSIGN_OR_RETURN(stmt.otherwise, parse_body({"endif"}, opener));
      next();
      next();
      DOSSIER_TRY(expect_block_end());
    }
    return Stmt{loc, std::move(stmt)};
  }
}

Result<std::vector<std::string>> Parser::parse_targets() {
  std::vector<std::string> names;
  do {
    DOSSIER_ASSIGN_OR_RETURN(std::string n, expect_identifier("a variable name"));
    names.push_back(std::move(n));
  } while (accept_op(","));
  return names;
}

Result<Stmt> Parser::parse_for(Location loc, const Token& opener) {
  ForStmt stmt;
  DOSSIER_ASSIGN_OR_RETURN(stmt.targets, parse_targets());
  if (!accept_name("in")) return unexpected(peek(), "'in'");
  DOSSIER_ASSIGN_OR_RETURN(stmt.iterable, parse_tuple(false));
  if (accept_name("if")) {
    DOSSIER_ASSIGN_OR_RETURN(stmt.filter, parse_expression());
  }
  DOSSIER_TRY(expect_block_end());
  DOSSIER_ASSIGN_OR_RETURN(stmt.body, parse_body({"else", "endfor"}, opener));
  next();
  if (next().text == "else") {
    DOSSIER_TRY(expect_block_end());
    DOSSIER_ASSIGN_OR_RETURN(stmt.otherwise, parse_body({"endfor"}, opener));
    next();
    next();
  }
  DOSSIER_TRY(expect_block_end());
  return Stmt{loc, std::move(stmt)};
}

Result<Stmt> Parser::parse_set(Location loc, const Token& opener) {
  DOSSIER_ASSIGN_OR_RETURN(std::string first, expect_identifier("a variable name"));
  if (peek().kind == TokenKind::kBlockEnd) {
    next();
    SetBlockStmt stmt{std::move(first), {}};
    DOSSIER_ASSIGN_OR_RETURN(stmt.body, parse_body({"endset"}, opener));
    next();
    next();
    DOSSIER_TRY(expect_block_end());
    return Stmt{loc, std::move(stmt)};
  }
  SetStmt stmt;
  stmt.targets.push_back(std::move(first));
  if (accept_op(".")) {
    DOSSIER_ASSIGN_OR_RETURN(stmt.attr, expect_identifier("an attribute name"));
  } else {
    while (accept_op(",")) {
      DOSSIER_ASSIGN_OR_RETURN(std::string n, expect_identifier("a variable name"));
      stmt.targets.push_back(std::move(n));
    }
  }
  DOSSIER_TRY(expect_op("="));
  DOSSIER_ASSIGN_OR_RETURN(stmt.value, parse_tuple(true));
  DOSSIER_TRY(expect_block_end());
  return Stmt{loc, std::move(stmt)};
}

Result<Stmt> Parser::parse_macro(Location loc, const Token& opener) {
  MacroStmt stmt;
  DOSSIER_ASSIGN_OR_RETURN(stmt.name, expect_identifier("a macro name"));
  DOSSIER_TRY(expect_op("("));
  while (!accept_op(")")) {
    if (!stmt.params.empty()) DOSSIER_TRY(expect_op(","));
    if (accept_op(")")) break;  // trailing comma
    MacroParam p;
    DOSSIER_ASSIGN_OR_RETURN(p.name, expect_identifier("a parameter name"));
    if (accept_op("=")) {
      DOSSIER_ASSIGN_OR_RETURN(p.default_value, parse_expression());
    } else if (!stmt.params.empty() && stmt.params.back().default_value) {
      return error_at(peek().loc, "parameter without a default follows one with a default");
    }
    stmt.params.push_back(std::move(p));
  }
  DOSSIER_TRY(expect_block_end());
  DOSSIER_ASSIGN_OR_RETURN(stmt.body, parse_body({"endmacro"}, opener));
  next();
  next();
  DOSSIER_TRY(expect_block_end());
  return Stmt{loc, std::move(stmt)};
}

Result<Stmt> Parser::parse_include(Location loc) {
  IncludeStmt stmt;
  DOSSIER_ASSIGN_OR_RETURN(stmt.name, parse_expression());
  if (accept_name("ignore")) {
    if (!accept_name("missing")) return unexpected(peek(), "'missing'");
    stmt.ignore_missing = true;
  }
  if (accept_name("with") || accept_name("without")) {
    if (!accept_name("context")) return unexpected(peek(), "'context'");
  }
  DOSSIER_TRY(expect_block_end());
  return Stmt{loc, std::move(stmt)};
}

Result<Stmt> Parser::parse_filter_block(Location loc, const Token& opener) {
  FilterBlockStmt stmt;
  DOSSIER_ASSIGN_OR_RETURN(stmt.name, expect_identifier("a filter name"));
  if (is_op("(")) DOSSIER_TRY(parse_args(stmt.args));
  DOSSIER_TRY(expect_block_end());
  DOSSIER_ASSIGN_OR_RETURN(stmt.body, parse_body({"endfilter"}, opener));
  next();
  next();
  DOSSIER_TRY(expect_block_end());
  return Stmt{loc, std::move(stmt)};
}

}  // namespace dossier::tmpl

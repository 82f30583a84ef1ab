// Text helpers shared by the evaluator and the filters: HTML escaping, UTF-8 walking and
// Unicode-aware case mapping. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::tmpl {

//! Appends `s` to `out` with & < > " ' replaced by entities, exactly as MarkupSafe does
//! (&amp; &lt; &gt; &#34; &#39;).
void append_escaped(std::string& out, std::string_view s);
std::string html_escape(std::string_view s);

//! Decodes UTF-8 into code points; each invalid byte becomes U+FFFD, so no input fails.
std::vector<char32_t> utf8_decode(std::string_view s);
void utf8_append(std::string& out, char32_t cp);
std::string utf8_encode(const std::vector<char32_t>& cps, size_t begin = 0,
                        size_t end = static_cast<size_t>(-1));
//! Number of code points (what Python's len() says about the string).
size_t utf8_length(std::string_view s);

//! Unicode simple case mapping (via the C.UTF-8 locale; ASCII-only if it is missing).
char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);
bool is_space(char32_t c);
bool is_upper_letter(char32_t c);
bool is_lower_letter(char32_t c);
std::string upper(std::string_view s);
std::string lower(std::string_view s);

//! Python's str.strip() without arguments: removes leading and trailing whitespace.
std::string_view trim(std::string_view s);

}  // namespace dossier::tmpl

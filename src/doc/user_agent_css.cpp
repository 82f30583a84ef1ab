#include "doc/user_agent_css.h"

namespace dossier::doc {
namespace {

// Close to the HTML Living Standard's rendering section, trimmed to what we support.
constexpr const char* kUserAgentCss = R"css(
html, body, address, blockquote, center, div, dl, dd, dt, fieldset, form, figure, figcaption,
footer, header, hgroup, hr, main, nav, ol, p, pre, section, article, aside, ul, menu, dir,
h1, h2, h3, h4, h5, h6, details, summary, legend, listing, xmp, plaintext { display: block }
head, script, style, title, meta, link, base, template, noscript, iframe, object, embed, video,
audio, canvas, input, button, select, textarea, map, area, param, source, track, datalist,
dialog, frameset, frame, noframes, applet { display: none }
body { margin: 8px }
p, dl, figure { margin-top: 1em; margin-bottom: 1em }
blockquote { margin: 1em 40px }
figure { margin-left: 40px; margin-right: 40px }
dd { margin-left: 40px }
address, cite, dfn, em, i, var { font-style: italic }
b, strong, th { font-weight: bold }
h1 { font-size: 2em; margin-top: 0.67em; margin-bottom: 0.67em }
h2 { font-size: 1.5em; margin-top: 0.83em; margin-bottom: 0.83em }
h3 { font-size: 1.17em; margin-top: 1em; margin-bottom: 1em }
h4 { font-size: 1em; margin-top: 1.33em; margin-bottom: 1.33em }
h5 { font-size: 0.83em; margin-top: 1.67em; margin-bottom: 1.67em }
h6 { font-size: 0.67em; margin-top: 2.33em; margin-bottom: 2.33em }
h1, h2, h3, h4, h5, h6 { font-weight: bold; break-after: avoid; break-inside: avoid }
u, ins { text-decoration: underline }
s, strike, del { text-decoration: line-through }
small { font-size: smaller }
big { font-size: larger }
sub { vertical-align: sub; font-size: smaller }
sup { vertical-align: super; font-size: smaller }
pre, code, kbd, samp, tt, listing, xmp, plaintext { font-family: monospace }
pre, listing, xmp, plaintext { white-space: pre; margin-top: 1em; margin-bottom: 1em }
mark { background-color: yellow; color: black }
center { text-align: center }
ul, ol, menu, dir { margin-top: 1em; margin-bottom: 1em; padding-left: 40px }
ul, menu, dir { list-style-type: disc }
ol { list-style-type: decimal }
ul ul, ol ul, ul ol, ol ol { margin-top: 0; margin-bottom: 0 }
ul ul, ol ul { list-style-type: circle }
ul ul ul, ul ol ul, ol ul ul, ol ol ul { list-style-type: square }
li { display: list-item }
table { display: table; border-spacing: 2px; border-collapse: separate }
caption { display: table-caption; text-align: center }
thead { display: table-header-group }
tbody { display: table-row-group }
tfoot { display: table-footer-group }
tr { display: table-row }
td, th { display: table-cell; padding: 1px }
thead, tbody, tfoot, tr { vertical-align: middle }
td, th { vertical-align: inherit }
th { text-align: center }
hr { border-top: 1px solid #888888; margin-top: 0.5em; margin-bottom: 0.5em }
a:link { color: #0000ee; text-decoration: underline }
)css";

css::Stylesheet parse_user_agent() {
  css::Stylesheet sheet;
  uint32_t order = 0;
  css::parse_stylesheet(kUserAgentCss, sheet, order);
  return sheet;
}

}  // namespace

const css::Stylesheet& user_agent_stylesheet() {
  static const css::Stylesheet sheet = parse_user_agent();
  return sheet;
}

}  // namespace dossier::doc

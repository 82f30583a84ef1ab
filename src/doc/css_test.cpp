#include <gtest/gtest.h>

#include "doc/cascade.h"
#include "doc/css_content.h"
#include "doc/css_stylesheet.h"
#include "doc/css_values.h"
#include "doc/html_parser.h"
#include "doc/render.h"

namespace dossier::doc {
namespace {

using css::Property;

TEST(CssParser, ExpandsShorthandsIntoLonghands) {
  const auto block = css::parse_declaration_list("margin: 1px 2px; border: 1px solid #ddd");
  ASSERT_EQ(block.size(), 16u);
  EXPECT_EQ(block[0].property, Property::kMarginTop);
  EXPECT_EQ(block[1].property, Property::kMarginRight);
  EXPECT_EQ(block[1].value[0].number, 2);
  EXPECT_EQ(block[3].value[0].number, 2);  // left = right
}

TEST(CssParser, ImportantAndUnknownProperties) {
  const auto block = css::parse_declaration_list("color: red !important; frobnicate: 3; ;;");
  ASSERT_EQ(block.size(), 1u);
  EXPECT_TRUE(block[0].important);
}

TEST(CssParser, SelectorsAndSpecificity) {
  auto sels = css::parse_selector_list("div p, #main .x > a, li:nth-child(2n+1), a:hover, *");
  ASSERT_EQ(sels.size(), 4u);  // :hover is dropped
  EXPECT_EQ(sels[0].specificity, 2u);
  EXPECT_EQ(sels[1].specificity, (1u << 16) | (1u << 8) | 1u);
  EXPECT_EQ(sels[2].compounds[0].nth_a, 2);
  EXPECT_EQ(sels[2].compounds[0].nth_b, 1);
  EXPECT_EQ(sels[3].specificity, 0u);
}

TEST(CssParser, PseudoElementsEndASelectorAndCountAsTypes) {
  const auto sels = css::parse_selector_list(
      "a::after, p:before, .toc a.x::BEFORE, ::after, a::after span, a::before:hover, "
      "a::marker, p::first-line, a::after::before, a:after.x");
  ASSERT_EQ(sels.size(), 4u);
  EXPECT_EQ(sels[0].pseudo_element, css::PseudoElement::kAfter);
  EXPECT_EQ(sels[0].compounds.size(), 1u);
  EXPECT_EQ(sels[0].compounds[0].tag, "a");
  EXPECT_EQ(sels[0].specificity, 2u);                              // a + ::after
  EXPECT_EQ(sels[1].pseudo_element, css::PseudoElement::kBefore);  // legacy one-colon form
  EXPECT_EQ(sels[1].specificity, 2u);
  EXPECT_EQ(sels[2].pseudo_element, css::PseudoElement::kBefore);
  EXPECT_EQ(sels[2].compounds.size(), 2u);
  EXPECT_EQ(sels[2].specificity, (2u << 8) | 2u);  // .toc .x; a ::before
  EXPECT_EQ(sels[3].pseudo_element, css::PseudoElement::kAfter);
  EXPECT_EQ(sels[3].specificity, 1u);
  EXPECT_EQ(css::parse_selector_list("a.x")[0].pseudo_element, css::PseudoElement::kNone);
}

TEST(CssParser, ContentValues) {
  using Kind = css::ContentItem::Kind;
  const auto block = css::parse_declaration_list(
      "content: 'p. ' target-counter(attr(HREF), page) \" / \" attr(title) "
      "target-counter(url(#sec-2), page) target-counter('#x', page, decimal) counter(chapter) "
      "open-quote url(x.png) target-counter(attr(href), chapter) attr()");
  ASSERT_EQ(block.size(), 1u);
  const std::vector<css::ContentItem> items = css::parse_content(block[0].value);
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[0].kind, Kind::kString);
  EXPECT_EQ(items[0].text, "p. ");
  EXPECT_EQ(items[1].kind, Kind::kTargetPage);
  EXPECT_EQ(items[1].text, "href");
  EXPECT_TRUE(items[1].target_from_attribute);
  EXPECT_EQ(items[2].text, " / ");
  EXPECT_EQ(items[3].kind, Kind::kAttr);
  EXPECT_EQ(items[3].text, "title");
  EXPECT_EQ(items[4].kind, Kind::kTargetPage);
  EXPECT_EQ(items[4].text, "#sec-2");
  EXPECT_FALSE(items[4].target_from_attribute);
  EXPECT_EQ(items[5].kind, Kind::kTargetPage);
  EXPECT_EQ(items[5].text, "#x");
  for (const char* none : {"content: none", "content: normal", "content: open-quote"}) {
    EXPECT_TRUE(css::parse_content(css::parse_declaration_list(none)[0].value).empty()) << none;
  }
}

TEST(CssParser, SkipsBadRulesAndAtRules) {
  css::Stylesheet sheet;
  uint32_t order = 0;
  css::parse_stylesheet(R"(@import url(x.css); @font-face { src: url(a) }
    @media screen { p { color: red } } @media print { p { color: blue } }
    p { color: green } }}} garbage { ; } h1 { font-size: 20pt }
    @page { size: A4 landscape; margin: 1cm; @bottom-center { content: "Page " counter(page) } })",
                        sheet, order);
  ASSERT_EQ(sheet.rules.size(), 3u);  // print p, p, h1 (empty "garbage" rule dropped)
  EXPECT_EQ(sheet.rules[2].selector.compounds[0].tag, "h1");
  ASSERT_EQ(sheet.pages.size(), 1u);
  EXPECT_EQ(sheet.pages[0].margin_boxes.size(), 1u);
  EXPECT_EQ(sheet.notes.size(), 2u);
}

TEST(CssParser, Colors) {
  const auto block = css::parse_declaration_list(
      "color: #abc; background-color: rgb(10, 20, 30); border-top-color: rgba(0,0,0,0.5)");
  ASSERT_EQ(block.size(), 3u);
  auto c = css::parse_color(block[0].value, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, (Color{0xaa, 0xbb, 0xcc, 255}));
  EXPECT_EQ(*css::parse_color(block[1].value, {}), (Color{10, 20, 30, 255}));
  EXPECT_EQ(css::parse_color(block[2].value, {})->a, 128);
}

Document build(std::string_view html) {
  auto doc = build_document(html, RenderOptions{});
  EXPECT_TRUE(doc.ok());
  return std::move(doc).value();
}

const Node* find_tag(const Node& n, std::string_view tag) {
  if (n.tag == tag) return &n;
  for (const Node& c : n.children) {
    if (const Node* f = find_tag(c, tag)) return f;
  }
  return nullptr;
}

const Node* find_text(const Node& n, std::string_view text) {
  if (n.kind == NodeKind::kText && n.text.find(text) != std::string::npos) return &n;
  for (const Node& c : n.children) {
    if (const Node* f = find_text(c, text)) return f;
  }
  return nullptr;
}

TEST(Cascade, SpecificityBeatsOrderAndImportantBeatsAll) {
  const Document d = build(R"(<style>
      #x { color: red } p.c { color: blue } p { color: green }
      .i { color: green !important } p.i { color: blue }
    </style><p id=x class=c>one</p><p class="c i" style="color: red">two</p>)");
  EXPECT_EQ(find_text(d.body, "one")->style.color, (Color{255, 0, 0, 255}));
  EXPECT_EQ(find_text(d.body, "two")->style.color, (Color{0, 128, 0, 255}));
}

TEST(Cascade, PseudoElementRulesLeaveTheElementAlone) {
  const Document d = build(R"(<style>
      p::after { color: red; font-size: 30pt } p:before { color: red } p { color: blue }
    </style><p>text</p>)");
  EXPECT_EQ(find_text(d.body, "text")->style.color, (Color{0, 0, 255, 255}));
  EXPECT_DOUBLE_EQ(find_text(d.body, "text")->style.font_size, 12);
}

const DomNode* find_element(const DomNode& n, std::string_view id) {
  if (n.is_element() && n.id == id) return &n;
  for (const auto& c : n.children) {
    if (const DomNode* f = find_element(*c, id)) return f;
  }
  return nullptr;
}

TEST(Cascade, PseudoElementsCascadeAndInheritFromTheirElement) {
  css::Stylesheet ua, author;
  uint32_t order = 0;
  css::parse_stylesheet(R"(
      a { color: blue; font-size: 10pt; font-style: italic }
      .toc a::after { content: target-counter(attr(href), page); color: red }
      a::after { content: "x"; color: green; font-weight: bold; padding-left: 1em }
      a#b::after { content: none } a#c:after { display: none } a#d::before { content: 'B' })",
                        author, order);
  const StyleResolver resolver(ua, author, 468);
  auto dom = parse_html(R"(<div class=toc><a id=a href="#s">S</a><a id=b>N</a></div>
      <a id=c>C</a><a id=d>D</a>)");
  ASSERT_TRUE(dom.ok());
  auto pseudo = [&](std::string_view id, css::PseudoElement which) {
    const DomNode* e = find_element(*dom->root, id);
    EXPECT_NE(e, nullptr) << id;
    const ElementStyle es = resolver.compute(*e, initial_style(), 12);
    return resolver.compute_pseudo(*e, which, es.style, 12);
  };
  const auto a = pseudo("a", css::PseudoElement::kAfter);
  ASSERT_TRUE(a);
  ASSERT_EQ(a->content.size(), 1u);  // the more specific rule's content wins
  EXPECT_EQ(a->content[0].kind, css::ContentItem::Kind::kTargetPage);
  EXPECT_EQ(a->style.color, (Color{255, 0, 0, 255}));  // so does its colour
  EXPECT_EQ(a->style.font_weight, 700);                // the less specific rule still applies
  EXPECT_TRUE(a->style.italic);                        // inherited from the <a>
  EXPECT_DOUBLE_EQ(a->style.font_size, 10);
  EXPECT_DOUBLE_EQ(a->style.padding.left, 10);  // 1em of the element's font size
  EXPECT_FALSE(pseudo("a", css::PseudoElement::kBefore));
  EXPECT_FALSE(pseudo("b", css::PseudoElement::kAfter));  // content: none
  EXPECT_FALSE(pseudo("c", css::PseudoElement::kAfter));  // display: none
  const auto d = pseudo("d", css::PseudoElement::kBefore);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->content[0].text, "B");
  EXPECT_EQ(pseudo("d", css::PseudoElement::kAfter)->content[0].text, "x");
}

TEST(Cascade, InheritanceAndEmUnits) {
  const Document d = build(R"(<style>
      body { font-family: Arial, sans-serif; font-size: 10pt; margin: 0 }
      div { font-size: 2em; padding: 1em; border: 1px solid }
    </style><div><span>x</span></div>)");
  const Node* div = find_tag(d.body, "div");
  ASSERT_NE(div, nullptr);
  EXPECT_DOUBLE_EQ(div->style.font_size, 20);
  EXPECT_DOUBLE_EQ(div->style.padding.left, 20);
  EXPECT_EQ(div->style.font_family, "Liberation Sans, sans-serif");
  const Node* span = find_tag(*div, "span");
  EXPECT_DOUBLE_EQ(span->style.padding.left, 0);  // padding is not inherited
  EXPECT_DOUBLE_EQ(span->style.font_size, 20);
  EXPECT_DOUBLE_EQ(div->style.border.top.width, 0.75);
}

TEST(Cascade, DescendantChildAndSiblingSelectors) {
  const Document d = build(R"(<style>
      .a span { color: red } .a > b { color: blue } h2 + p { color: lime } h2 ~ p { font-size: 20pt }
    </style><div class=a><p><span>s</span><b>not child</b></p><b>child</b></div>
    <h2>h</h2><p>adjacent</p><p>sibling</p>)");
  EXPECT_EQ(find_text(d.body, "s")->style.color, (Color{255, 0, 0, 255}));
  EXPECT_EQ(find_text(d.body, "not child")->style.color, (Color{0, 0, 0, 255}));
  EXPECT_EQ(find_text(d.body, "child")->style.color, (Color{0, 0, 0, 255}));
  EXPECT_EQ(find_text(d.body, "adjacent")->style.color, (Color{0, 255, 0, 255}));
  EXPECT_EQ(find_text(d.body, "sibling")->style.color, (Color{0, 0, 0, 255}));
  EXPECT_DOUBLE_EQ(find_text(d.body, "sibling")->style.font_size, 20);
}

TEST(Cascade, UserAgentDefaults) {
  const Document d = build("<h1>T</h1><p><b>b</b><em>i</em><u>u</u><s>s</s></p><pre>a  b</pre>");
  const Node* h1 = find_tag(d.body, "h1");
  EXPECT_EQ(h1->heading_level, 1);
  EXPECT_DOUBLE_EQ(h1->style.font_size, 24);
  EXPECT_EQ(h1->style.break_after, BreakValue::kAvoid);
  EXPECT_EQ(find_text(d.body, "b")->style.font_weight, 700);
  EXPECT_TRUE(find_text(d.body, "i")->style.italic);
  EXPECT_TRUE(find_text(d.body, "u")->style.underline);
  EXPECT_TRUE(find_text(d.body, "s")->style.line_through);
  EXPECT_EQ(find_text(d.body, "a  b")->style.white_space, WhiteSpace::kPre);
}

TEST(Cascade, PageRuleAndMarginBoxes) {
  const Document d = build(R"(<style>@page { size: A4 landscape; margin: 2cm 1cm;
      @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
    </style><p>x</p>)");
  EXPECT_NEAR(d.page.width, 841.89, 0.01);
  EXPECT_NEAR(d.page.margin.top, 56.69, 0.01);
  EXPECT_NEAR(d.page.margin.left, 28.35, 0.01);
  ASSERT_EQ(d.page.margin_boxes.size(), 1u);
  const MarginBox& box = d.page.margin_boxes[0];
  EXPECT_EQ(box.slot, MarginBoxSlot::kBottomRight);
  ASSERT_EQ(box.content.size(), 4u);
  EXPECT_EQ(box.content[1].kind, ContentPart::Kind::kPageNumber);
  EXPECT_EQ(box.content[3].kind, ContentPart::Kind::kPageCount);
  EXPECT_DOUBLE_EQ(box.style.font_size, 8);
  EXPECT_EQ(box.style.text_align, TextAlign::kRight);
}

}  // namespace
}  // namespace dossier::doc

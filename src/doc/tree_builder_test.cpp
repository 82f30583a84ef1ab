#include <gtest/gtest.h>

#include "doc/render.h"

namespace dossier::doc {
namespace {

Document build(std::string_view html, RenderOptions options = {}) {
  auto doc = build_document(html, options);
  EXPECT_TRUE(doc.ok());
  return std::move(doc).value();
}

TEST(TreeBuilder, NormalizesMixedContentIntoAnonymousParagraphs) {
  const Document d = build("<div>loose <b>bold</b><p>para</p> tail </div>");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  block <div>\n"
            "    paragraph\n"
            "      text \"loose \"\n"
            "      span <b>\n"
            "        text \"bold\"\n"
            "    paragraph <p>\n"
            "      text \"para\"\n"
            "    paragraph\n"
            "      text \"tail\"\n");
}

TEST(TreeBuilder, SplitsInlineAroundBlocks) {
  const Document d = build("<span>a<div>b</div>c</span>");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  paragraph\n"
            "    span <span>\n"
            "      text \"a\"\n"
            "  paragraph <div>\n"
            "    text \"b\"\n"
            "  paragraph\n"
            "    span <span>\n"
            "      text \"c\"\n");
}

TEST(TreeBuilder, CollapsesWhitespaceAcrossInlines) {
  const Document d = build("<p>  a \n <b> b </b>  c <br> d  </p><pre> x\n  y</pre>");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  paragraph <p>\n"
            "    text \"a \"\n"
            "    span <b>\n"
            "      text \"b \"\n"
            "    text \"c\"\n"
            "    br <br>\n"
            "    text \"d\"\n"
            "  paragraph <pre>\n"
            "    text \" x\n  y\"\n");
}

TEST(TreeBuilder, ListsTablesAndMetadata) {
  const Document d = build(R"(<html lang=en><head><title> My  Report </title>
      <meta name=author content="Dr. A"><meta name=description content="Progress"></head>
      <body><ol start=3><li>x</li><li>y<ul><li>z</li></ul></li></ol>
      <table><tr><th>H</th><th>H2</th></tr><tr><td colspan=2>c</td></tr></table></body></html>)");
  EXPECT_EQ(d.metadata.title, "My Report");
  EXPECT_EQ(d.metadata.author, "Dr. A");
  EXPECT_EQ(d.metadata.subject, "Progress");
  EXPECT_EQ(d.metadata.language, "en");
  const Node& ol = d.body.children[0];
  ASSERT_EQ(ol.children.size(), 2u);
  EXPECT_EQ(ol.children[0].marker, "3.");
  EXPECT_EQ(ol.children[1].marker, "4.");
  EXPECT_EQ(ol.children[1].children[1].children[0].marker, "\u25E6");
  const Node& table = d.body.children[1];
  ASSERT_EQ(table.kind, NodeKind::kTable);
  ASSERT_EQ(table.children.size(), 2u);
  EXPECT_EQ(table.children[0].row_group, RowGroup::kHead);  // all-<th> first row
  EXPECT_EQ(table.children[1].children[0].colspan, 2);
}

TEST(TreeBuilder, BeforeAndAfterBecomeFirstAndLastInlineChildren) {
  const Document d = build(R"(<style>
      p.n::before { content: "Note " attr(data-n) attr(data-missing) ": "; font-weight: bold }
      p.n::after { content: '.' } div::before { content: "Box" } p.plain::after { content: none }
      .toc a::after { content: " p. " target-counter(attr(href), page) }
    </style><p class=n data-n=3>text</p><p class=plain>plain</p>
    <p class=toc><a href="#s2">Second</a></p><div><h2 id=s2>Section</h2></div>)");
  EXPECT_EQ(debug_string(d.body),
            "block <body>\n"
            "  paragraph <p>\n"
            "    span <::before>\n"
            "      text \"Note 3: \"\n"
            "    text \"text\"\n"
            "    span <::after>\n"
            "      text \".\"\n"
            "  paragraph <p>\n"
            "    text \"plain\"\n"
            "  paragraph <p>\n"
            "    span <a> href=#s2\n"
            "      text \"Second\"\n"
            "      span <::after>\n"
            "        text \" p. \"\n"
            "        page-ref target=s2\n"
            "  block <div>\n"
            "    paragraph\n"
            "      span <::before>\n"
            "        text \"Box\"\n"
            "    paragraph <h2>\n"
            "      text \"Section\"\n");
  const Node& before = d.body.children[0].children[0];
  EXPECT_EQ(before.style.font_weight, 700);
  EXPECT_EQ(before.children[0].style.font_weight, 700);  // its text inherits from it
  EXPECT_EQ(d.body.children[0].children[1].style.font_weight, 400);
  EXPECT_TRUE(d.notes.empty());
}

TEST(TreeBuilder, PageReferencesToMissingTargetsAreDroppedWithANote) {
  const Document d = build(R"(<style>
      a::after { content: target-counter(attr(href), page) }
      .u::after { content: "[" target-counter(url(#shown), page) "]" } .hidden { display: none }
    </style><p><a href="#shown">a</a> <a href="#nowhere">b</a> <a href="#hidden">c</a>
    <a href="https://example.org/#x">d</a> <span class=u>u</span></p>
    <p id=shown>here</p><p id=hidden class=hidden>not displayed</p>)");
  EXPECT_EQ(debug_string(d.body.children[0]),
            "paragraph <p>\n"
            "  span <a> href=#shown\n"
            "    text \"a\"\n"
            "    span <::after>\n"
            "      page-ref target=shown\n"
            "  text \" \"\n"
            "  span <a> href=#nowhere\n"
            "    text \"b\"\n"
            "    span <::after>\n"
            "  text \" \"\n"
            "  span <a> href=#hidden\n"
            "    text \"c\"\n"
            "    span <::after>\n"
            "  text \" \"\n"
            "  span <a> href=https://example.org/#x\n"
            "    text \"d\"\n"
            "  text \" \"\n"
            "  span <span>\n"
            "    text \"u\"\n"
            "    span <::after>\n"
            "      text \"[\"\n"
            "      page-ref target=shown\n"
            "      text \"]\"\n");
  ASSERT_EQ(d.notes.size(), 3u);
  EXPECT_EQ(d.notes[0], "ignored page reference to a target outside the document");
  EXPECT_EQ(d.notes[1], "ignored page reference to an element not in the document");
  EXPECT_EQ(d.notes[2], "ignored page reference to an element not in the document");
}

TEST(TreeBuilder, RefusesNetworkAndFileSources) {
  const Document d = build(R"html(<link rel=stylesheet href="http://127.0.0.1:9/x.css">
      <img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png"><img src="//evil/x.png">
      <img src="logo.png"><a href="javascript:alert(1)">j</a><a href="https://x.org">ok</a>
      <script>alert(1)</script><iframe src="http://x"></iframe>)html");
  std::string notes;
  for (const auto& n : d.notes) notes += n + "\n";
  EXPECT_NE(notes.find("ignored <link> element"), std::string::npos) << notes;
  EXPECT_NE(notes.find("ignored image source with scheme file"), std::string::npos);
  EXPECT_NE(notes.find("ignored image source with scheme http"), std::string::npos);
  EXPECT_NE(notes.find("network path"), std::string::npos);
  EXPECT_NE(notes.find("no asset resolver"), std::string::npos);
  EXPECT_NE(notes.find("ignored link with scheme javascript"), std::string::npos);
  EXPECT_NE(notes.find("<script>"), std::string::npos);
  EXPECT_NE(notes.find("<iframe>"), std::string::npos);
  EXPECT_EQ(notes.find("passwd"), std::string::npos);
}

TEST(TreeBuilder, ImagesFromDataUrisSvgAndAssets) {
  // 1×1 transparent PNG.
  const std::string png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
      "gg==";
  RenderOptions options;
  options.assets = [](std::string_view name) -> std::optional<std::string> {
    if (name != "logo.svg") return std::nullopt;
    return std::string(R"(<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>)");
  };
  const Document d = build("<p><img src=\"data:image/png;base64," + png +
                               "\"><img src=logo.svg><svg viewBox=\"0 0 100 50\" width=100 "
                               "height=50><rect width=10 height=10/></svg></p>",
                           options);
  const Node& p = d.body.children[0];
  ASSERT_EQ(p.children.size(), 3u);
  ASSERT_TRUE(p.children[0].image);
  EXPECT_EQ(p.children[0].image->format, Image::Format::kPng);
  EXPECT_EQ(p.children[0].image->width_px, 1);
  ASSERT_TRUE(p.children[1].image);
  EXPECT_EQ(p.children[1].image->width_px, 40);
  ASSERT_TRUE(p.children[2].image);
  EXPECT_EQ(p.children[2].image->format, Image::Format::kSvg);
  EXPECT_NE(p.children[2].image->bytes.find("viewBox"), std::string::npos);
  EXPECT_EQ(p.children[2].image->width_px, 100);
}

}  // namespace
}  // namespace dossier::doc

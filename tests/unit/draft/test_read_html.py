"""draft/read_html.py: a saved web page's text, without its page furniture."""

from __future__ import annotations

from briefgen.draft.blocks import BULLET, HEADING, PARAGRAPH, Block
from briefgen.draft.read_html import read_html

PAGE = b"""<!doctype html><html><head><title>PEEL</title><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a></nav><header>Site name</header>
<main><h1>Metropolitan Police Service</h1><h2>Investigating crime</h2>
<p>The force is <b>good</b> at&nbsp;investigating crime.</p>
<p><strong>Causes of concern</strong></p>
<ul><li>Its supervision<ul><li>of online crime</li></ul></li><li>Its records</li></ul>
<script>var x = 1;</script></main><footer>Cookies</footer></body></html>"""


def test_headings_paragraphs_and_nested_lists_without_page_furniture():
    assert read_html(PAGE) == [
        Block(HEADING, "Metropolitan Police Service", 1),
        Block(HEADING, "Investigating crime", 2),
        Block(PARAGRAPH, "The force is good at investigating crime."),
        Block(HEADING, "Causes of concern", 0),
        Block(BULLET, "Its supervision", 0),
        Block(BULLET, "of online crime", 1),
        Block(BULLET, "Its records", 0),
    ]

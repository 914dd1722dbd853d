"""Stage 2: reduce a raw web scrape to its article body, recording every change.

The cleaner never edits words. It removes whole spans (boilerplate) and makes a few repairs that do
not change meaning (a stray quote, a non-breaking space); each is a `Removal` with raw offsets, the
named rule that fired and the reason. Every character of the cleaned text keeps the raw offset it came
from, so any later finding can cite its characters in the raw file.

General rules live here, named; what is specific to one source is data in `data/rules/cleaning_rules.csv`.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .dates import MONTH_PATTERN, parse_day_first_date, parse_full_date, parse_us_numeric_date
from .outputs import read_text_table
from .prefilter import prefiltered

# Why each rule removes or repairs what it does; the audit cites these.
REASONS = {
    "forum_chrome": "forum navigation and site chrome, not part of the article",
    "forum_user_panel": "the reposting user's profile panel (name, role, join date, message count, location)",
    "title": "article title, kept as metadata rather than body",
    "title_repeat": "the title printed again by the page template",
    "standfirst": "the summary printed between headline and dateline, kept as a zone of its own",
    "byline": "author line, kept as metadata",
    "date_line": "date line, kept as metadata",
    "section_tags": "the site's section labels for the article",
    "email_header": "e-mail headers of the newsletter the aggregator scraped",
    "wire_dateline": "wire dateline with transmission time, kept as metadata",
    "ad_banner": "advertising banner inserted by the site",
    "paywall_prompt": "subscription prompt inserted by the site",
    "read_more": "link to other content inserted by the site",
    "photo_caption": "photo caption and credit, not article prose",
    "caption_repeat": "a removed caption printed again as plain text",
    "html_script": "HTML script or style element: code, not text",
    "html_tag": "HTML tag markup; the text inside is kept",
    "bare_url": "a URL alone on a line after the article",
    "reader_comments": "readers' comments below the article",
    "edit_mark": "forum edit marker",
    "comments_footer": "comment-count footer of the blog that reposted the article",
    "commenting_rules": "the site's commenting rules",
    "aggregator_footer": "aggregator footer (posting time, related topics)",
    "copyright": "copyright notice of the page",
    "copyright_footer": "the page's copyright notice after the article, and the page footer below it",
    "page_date": "the saved page's date metadata line, kept as metadata",
    "timestamp": "a page's date or time stamp (published, updated, posted), kept as metadata",
    "page_furniture": "a short line of page furniture (menu item, button, widget) without prose",
    "bibliographic_code": "a paper's classification or identifier line (UDC, JEL, DOI, ISSN), metadata",
    "reading_time": "the site's estimate of how long the article takes to read or hear, not the article",
    "relative_stamp": "a stamp relative to when the page was saved (\"Updated 2 hours ago\"): no date, and "
                      "not the article",
    "price_offer": "a shop's price offer beside a product or book cover (\"Only $1.99 at Amazon\"), not the article",
    "other_script": "a line written mostly in another script than the English article's (a site notice in "
                    "Russian, a Japanese headline)",
    "related_headline": "a headline of another article, printed by the site beside this one",
    "repeated_paragraph": "a paragraph the page prints a second time (a teaser or related block repeating the "
                          "article, whole or cut off): its words are read once",
    "related_news": "a block of other stories after the article (\"Top news\", \"Most read\")",
    "publisher_blurb": "the publisher's or author's blurb after the article (\"About Channel:\", \"About the author\")",
    "gallery_counter": "a photo gallery's counter before a caption (\"1 of 3 |\")",
    "author_credit": "the author's credit after the article (\"Author:\", \"Author: <name>\"), and the source line and bio after it",
    "contact_details": "contact details: an address, e-mail or telephone line",
    "view_counter": "the page's view counter (\"Views: 153\"), with the stamp and source beside it",
    "donation_appeal": "the site's appeal for money or support, not the article",
    "nbsp": "repair: non-breaking space read as an ordinary space",
    "html_entity": "repair: HTML entity decoded to the character it stands for",
    "stray_quote": "repair: unmatched straight quote left at a paragraph end by the scrape",
    "stray_letter": "repair: single capital letter glued to a paragraph's final full stop (scrape artefact)",
    "stroke_dash": "repair: combining long stroke (U+0336) standing in for a dash",
}
# Rules grouped for the audit figure; the tables keep every rule apart.
RULE_GROUPS = {
    "kept": "kept",
    **dict.fromkeys(["title", "title_repeat", "standfirst", "byline", "date_line", "section_tags",
                     "wire_dateline", "email_header", "page_date", "timestamp", "relative_stamp", "bibliographic_code"],
                    "header and metadata"),
    **dict.fromkeys(["forum_chrome", "forum_user_panel", "ad_banner", "paywall_prompt",
                     "read_more", "inserted_promo", "page_furniture", "related_headline", "repeated_paragraph",
                     "donation_appeal", "reading_time", "price_offer", "other_script", "view_counter",
                     "contact_details"],
                    "chrome, ads, paywall"),
    **dict.fromkeys(["photo_caption", "caption_repeat", "gallery_counter", "html_tag", "html_script"],
                    "captions and markup"),
    **dict.fromkeys(["bare_url", "reader_comments", "edit_mark", "comments_footer",
                     "commenting_rules", "aggregator_footer", "copyright", "copyright_footer", "related_news",
                     "publisher_blurb", "author_credit"],
                    "comments and footers"),
    **dict.fromkeys(["nbsp", "html_entity", "stray_quote", "stray_letter", "stroke_dash"], "repaired"),
    "whitespace": "collapsed whitespace",
}
RULE_GROUP_ORDER = ["kept", "repaired", "header and metadata", "chrome, ads, paywall",
                    "captions and markup", "comments and footers", "collapsed whitespace", "other"]
# Removed lines that are zones of the page rather than boilerplate.
ZONE_OF_RULE = {"title": "title", "standfirst": "standfirst", "photo_caption": "caption"}
REPAIR_RULES = {"nbsp", "html_entity", "stray_quote", "stray_letter", "stroke_dash"}

# A line that reads like article prose: enough words and a sentence end (at its end, or inside it
# for a paragraph cut off by the page), or a bullet point of a few words.
BODY_MIN_WORDS = 12
BYLINE_MAX_CHARS = 120  # a byline with its date and reading time; a longer line that starts "By ..." is prose
BULLET_MIN_WORDS = 6
# The commonest English function words: prose is full of them, menus and icon rows have none.
_FUNCTION_WORDS = frozenset("""the of and to a in is for on with as by at from that it was are be has have had
this which his her their its an or not but were will would said been more than about after into over also who
""".split())
HEADLINE_MIN_WORDS = 4  # a shorter first header line above a longer one is a section label
LONG_LINE_WORDS = 2 * BODY_MIN_WORDS  # longer than headlines run
_SENTENCE_END = re.compile(r"[.?!…][\"”’)]*\"?\s*$")
_INNER_SENTENCE_END = re.compile(r"[a-z0-9%)”’\"][.?!][\"”’]?\s+[\"“‘(]?[A-Z]")
_BULLET = re.compile(r"^(?:[•▪●◦‣∙·*–—-]|\d{1,2}[.)])\s+")
# Hard-wrapped text (wire copy saved with a line break every ~60 characters) is reflowed into
# paragraphs before lines are judged: a run of at least WRAP_RUN lines, most of them between these
# lengths and most not ending a sentence.
WRAP_RUN, WRAP_MIN, WRAP_MAX = 3, 35, 100

# --- general patterns ------------------------------------------------------------------------
_EMAIL_HEADER_BLOCK = re.compile(
    # Field values are bounded so a long line without the later fields cannot backtrack for minutes.
    r"Subject:\s*(?P<subject>.{1,300}?)\s+Date:\s*(?P<date>.{1,80}?)\s+From:\s*.{1,120}?\s+"
    r"Reply-To:\s*.{1,120}?\s+To:[ \t]*")
_SUBJECT_LINE = re.compile(r"^Subject:(?:(?!\bDate:)[^\n]){0,200}$", re.M)
_WIRE_DATELINE = re.compile(rf"{MONTH_PATTERN}\s+\d{{1,2}},\s+\d{{4}}\s*\|\s*\d{{4}}\s+GMT")
_SCRIPT_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_CAPTION_ELEMENT = re.compile(r"<figcaption\b[^>]*>(?P<caption>.*?)</figcaption\s*>", re.I | re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_LINE_RULES = [  # (rule, pattern matched against a whole stripped line)
    ("ad_banner", re.compile(r"(?i)^(?:advertisement|sponsored content|.*go ad-free!?)$")),
    ("paywall_prompt", re.compile(
        r"(?i)^.*(?:register for full access|subscribe (?:now|today|to)|subscribers only|"
        r"already a subscriber|per month\.?$|to continue reading|register (?:today|now)|unlimited (?:content|access|reading)|"
        r"free trial).*$")),
    ("read_more", re.compile(r"(?i)^(?:read more|related(?: articles?| stories| content)?|see also|"
                             r"more on this(?: story)?)\s*(?:[:»›>|-].{0,150})?$")),
    ("photo_caption", re.compile(r"^.{0,300}(?:©\s*[A-Z][\w .&-]{1,40}|\((?:Reuters|AP|AFP|Getty Images)\)|"
                                 r"Photo(?:graph)?:\s.{1,60}|(?:File )?Photo by [A-Z][\w.'’ /-]{1,60}(?:\s*\|\s*License Photo)?)$")),
    # a line that ends in a picture's file name is its caption or alt text: "... in 1946 Soldiers 1946.jpg"
    ("photo_caption", re.compile(r"(?i)^.{0,300}\S\.(?:jpe?g|png|gif|webp|svg)$")),
    ("copyright", re.compile(r"^(?:©|Copyright\b|\(c\)\s*\d{4}).{0,120}$", re.I)),
    ("edit_mark", re.compile(r"^Last edited(?: by .{1,40})?:.{0,40}$")),
    # a forum post's edit note: "edit on 16-12-2023 by JusticeAboveAllElse because: spelling"
    ("edit_mark", re.compile(r"(?i)^(?:last )?edit(?:ed)? (?:on|at) [\w ,./:-]{1,30}?(?: by \S{1,60})?(?: because:.{0,80})?$")),
    ("forum_chrome", re.compile(
        r"(?i)^(?:what's new|what’s new|back|top|bottom|top bottom|log in|register|reply|share|"
        r"latest posts|.{1,40} latest posts|forums|home|menu)$")),
    ("bare_url", re.compile(r"^https?://\S+$")),
    # How long the article takes to read or hear: "5 min read", "0 minutes, 43 seconds Read",
    # "Reading time: 3 minutes", "Listen to this article · 4 min".
    ("reading_time", re.compile(
        r"(?i)^(?:(?:estimated\s+)?(?:reading|read|listening)\s+time|listen to (?:this|the) (?:article|story))"
        r"\s*[:·•|–-]?\s*(?:about\s+)?\d{1,3}\s*(?:min(?:ute)?s?|m)\b(?:,?\s*\d{1,2}\s*sec(?:ond)?s?)?\.?$"
        r"|^(?:about\s+)?\d{1,3}\s*(?:min(?:ute)?s?|m)\b(?:,?\s*\d{1,2}\s*sec(?:ond)?s?)?\s+(?:read|listen)\.?$")),
    # A stamp relative to the moment the page was saved: "Updated 2 hours ago", "Last updated: 3 days ago".
    ("relative_stamp", re.compile(
        r"(?i)^(?:(?:last\s+)?updated|posted|published|edited)?\s*:?\s*(?:about\s+|over\s+)?(?:\d{1,3}|an?|one)\s+"
        r"(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s?\s+ago(?:\s+by\b[^.!?]{0,60})?$")),  # a sentence
    # ends in a full stop; a post's byline and section may follow: "6 years ago by in Politics"
    # a shop's offer beside a book cover or product: "Only $1.99 at Amazon", "(¥214 at Amazon Japan)", "Only 99¢"
    ("price_offer", re.compile(r"(?i)^\(?(?:only|just|now|from)?\s*(?:(?:US)?\$\s?\d[\d,.]*|[€£¥]\s?\d[\d,.]*|"
                               r"\d{1,3}\s?¢)(?:\s+(?:at|on|from|in)\s+[^.!?]{1,40})?\)?$")),
    # Accessibility links and breadcrumbs: "Skip to main content", "INTERNATIONAL > East Asia & Pacific".
    ("page_furniture", re.compile(r"(?i)^.{0,80}\b(?:skip(?:ping)? (?:to|the) (?:the )?(?:main )?(?:content|menu|navigation)|"
                                  r"skip navigation)\b.{0,40}$")),
    # contact details: a line that ends in a telephone number ("... ME 04101 | +1 207-842-5500"), or a labelled
    # address, e-mail or telephone field ("Address: 1-2-1 Tsurukabuto, Nada-ku, Kobe 657-8501, Japan")
    ("contact_details", re.compile(r"^(?=.*\d[,.;]?$)(?:"  # (a number ends the line: a fast test before the slow ones)
                                   r".{0,300}?(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}$"
                                   # a labelled number at the end of a line: "please contact: Ms Eeva Innola, tel.
                                   # +358 9 432 7710," (any country's grouping of digits)
                                   r"|(?i:.{0,300}\b(?:tel|telephone|phone|fax)\b\.?\s*:?\s*\+?\d[\d\s().-]{5,}\d[,.;]?$))"
                                   r"|(?i:^(?:address|e-?mail|tel(?:ephone)?|phone|fax)\s*:.{0,200}$)")),
    # a page's view counter, alone or after its stamp and source: "March 23, 14:00 Source: APK-Inform Views: 153"
    ("view_counter", re.compile(r"(?i)^.{0,100}\b(?:views|hits|reads)\s*:\s*\d[\d,]*$")),
    # a count of a page's or a post's readers, votes or answers on its own line: "8.3k points", "1 Answer",
    # "2 votes", "148k views", "12 comments"
    ("view_counter", re.compile(r"(?i)^\d[\d.,]*\s?[km]?\s+(?:points?|answers?|votes?|views?|comments?|likes?|"
                                r"replies|repl(?:y|ies)|shares?|followers?|reactions?|reads?)$")),
    # a forum post's header with its stamp: "Post by Admin on May 28, 2018 18:42:36 GMT"
    ("timestamp", re.compile(r"(?i)^(?:post(?:ed)?|reply|replied|quote|comment(?:ed)?)\s+(?:by|from)\s+.{1,60}?\s"
                             r"(?:on\s+|»\s*|-\s*|,\s*).{0,12}\d{4}\b.{0,30}$")),
    # a notice of when the page changed: "This page was updated on January 6, 2017. Please note that ..."
    ("timestamp", re.compile(r"(?i)^this (?:page|article|post|story|entry|site) was (?:last )?(?:updated|modified|"
                             r"published|posted|reviewed|revised) on\b[^.]{0,40}\b(?:19|20)\d\d\b.{0,120}$")),
    # a document host's counters: "105 downloads 3741 Views 966KB Size"
    ("view_counter", re.compile(r"(?i)^(?:\d[\d,.]*\s?(?:[km]b?)?\s+(?:downloads?|views?|pages?|size|reads?)\s*){2,}$")),
    # a blog's post-views counter: "(Visited 1 times, 1 visits today)"
    ("view_counter", re.compile(r"(?i)^\(?visited \d[\d,]* times?(?:,\s*\d[\d,]* visits? today)?\)?$")),
    # a pager or a prompt to leave the page: "1 pages in this article", "Page 2 of 3", "Go to First Page and Get the
    # Latest News."
    ("page_furniture", re.compile(r"(?i)^(?:\d{1,3} pages? in this (?:article|story|post)|page \d{1,3} of \d{1,3}|"
                                  r"go to (?:the )?(?:first|front|home|main|next|previous|last) page\b.{0,60})$")),
    # a paper's classification codes: "UDC 001.83 (100): 639.2/.3", "JEL: F51, Q22", "DOI: 10.1234/..."
    ("bibliographic_code", re.compile(r"^(?:UDC|УДК|BBK|ББК|JEL(?: [Cc]lassification)?|PACS|MSC|DOI|ISSN|e-ISSN|ISBN)"
                                      r"(?:\s*:\s*|\s+)[\d(A-Z][^\n]{0,100}$")),
    # breadcrumbs: "Home > News > September 2016 > <the page's own, perhaps long, title>"
    ("page_furniture", re.compile(r"^[^.!?]{1,40}(?:\s[>›»]\s[^.!?>›»]{1,40}){0,4}\s[>›»]\s[^.!?>›»]{1,120}$")),
]
# each tried only on a line that holds a word it needs (`prefilter`): most lines are prose that none matches
_LINE_RULES = [(rule, prefiltered(pattern)) for rule, pattern in _LINE_RULES]
# Lines that open the page's tail: from the first of them after the article, all is boilerplate.
_TAIL_OPENERS = [
    ("bare_url", re.compile(r"^https?://\S+$")),
    ("reader_comments", re.compile(r"^(?:\.|Last edited.*|\d+ comments?:?|Comments:?|Leave a (?:comment|reply))$")),
    ("comments_footer", re.compile(r"^No comments:?$")),
    # a block of other stories after the article: "Top news", "Latest news", "Most read", "Read also"
    # (after a section's name, as some sites print it: '"Business" POPULAR ARTICLE'), or a ranking: "ACCESS RANKING"
    ("related_news", re.compile(r"(?i)^(?:[\"“][^\"”]{1,30}[\"”]\s+|[\w ]{1,20}\s+)?(?:(?:top|latest|more|related|popular|"
                                r"recommended|trending)\s+(?:news|stor(?:y|ies)|articles?|posts?|videos?)|most (?:read|popular|"
                                r"viewed)|read also|(?:access|popularity|reader) ranking)s?:?$")),
    # an appeal for money that closes the page: "… we have a small favor to ask.", "Before you go"
    ("donation_appeal", re.compile(r"(?i)^\W*(?:we have a small favou?r to ask|before you (?:go|continue)|"
                                   r"a (?:message|note) from (?:the|our) (?:editors?|publisher))\b.{0,40}$")),
    # the publisher's or author's blurb after the article: "About Channel:", "About the author", "About Us"
    ("publisher_blurb", re.compile(r"(?i)^about (?:the |this |our )?(?:channel|authors?|us|publisher|company)\s*:?$")),
    # the author's credit after the article, a label alone or with a name: "Author:", "Author: Ekaterina Alipova"
    # (what follows is the credit, the source and the author's bio)
    ("author_credit", re.compile(r"^(?:Authors?|Written by)\s*:\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?$")),
    ("commenting_rules", re.compile(r"^(?:Our )?comment(?:ing)? (?:rules|policy)\b.*$", re.I)),
    ("aggregator_footer", re.compile(r"^(?:Posted on:|Recently Viewed Topics).*$")),
    # A copyright notice with a year ("©2018 GPlusMedia Inc.", "Copyright 2022 The Diplomat") is the
    # page's footer; a bare credit ("© KYODO", "© Reuters") may end a caption or the story and is not.
    ("copyright_footer", re.compile(r"^(?:©|Copyright\b|\(c\))\s*(?:©\s*)?(?:19|20)\d\d\b.{0,120}$", re.I)),
]
_TAIL_OPENERS = [(rule, prefiltered(pattern)) for rule, pattern in _TAIL_OPENERS]
_PANEL_LABELS = {"joined", "messages", "reaction score", "points", "trophies", "country",
                 "location", "posts", "likes", "ratings", "age", "website"}
_PERSON = re.compile(r"^(?:By\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.(?:\s?[A-Z]\.)*)?(?:\s+[A-Z][a-z]+){1,2})$")
_SECTION_TAGS = re.compile(r"^[A-Z][A-Za-z&]+(?:,\s*[A-Z][A-Za-z&]+){1,4}$")
_SITE_SUFFIX = re.compile(r"\s+(?:[-–|]\s+)+(?P<site>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s*$")


# Page furniture, date stamps, other articles' headlines and appeals: general shapes, found anywhere.
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_STAMP_TOKENS = re.compile(
    rf"{MONTH_PATTERN}|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?|{_TIME}|\d{{1,4}}(?!\d)"
    r"|\b(?:UTC|GMT|JST|MSK|EST|EDT|BST|CET|KST)(?:\s?[+-]\s?\d{1,2})?\b|\b(?:am|pm)\b|[-–/,.:|·()+]")
_STAMP_WORDS = {"published", "updated", "update", "last", "posted", "on", "at", "date", "modified",
                "created", "first", "time"}
_GLUED_LABEL = re.compile(rf"[a-z](?:{MONTH_PATTERN})\s?\d")
_DAY_SPAN = re.compile(rf"\d{{1,2}}\s?[–-]\s?\d{{1,2}}\s+{MONTH_PATTERN}|{MONTH_PATTERN}\s+\d{{1,2}}\s?[–-]\s?\d{{1,2}}\b")
# a byline that carries the date: "By Yuka Obayashi, Reuters - May 3, 2022"
# or "by Dinara Khalilova March 21, 2023 9:42 PM 2 min read"
_DATED_BYLINE = re.compile(rf"[Bb]y\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\b[^\n]{{0,60}}?(?:[,|–-]\s*|\s+)"
                           rf"(?P<date>{MONTH_PATTERN}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{MONTH_PATTERN}\s+\d{{4}})")
_HAS_STAMP = re.compile(rf"{_TIME}|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b")
_UI_WORDS = re.compile(r"(?i)\b(?:back|main page|search|menu|subscribe|share|log ?in|sign (?:in|up)|expand|"
                       r"collapse|all news|print|e-?mail|(?:follow|watch|like|find|join) us|newsletter|support|download|app|"
                       r"comments?|sections?|home)\b")
_APPEAL = prefiltered(re.compile(r"(?i)\b(?:your support|support us|support (?:the|our) [\w ]{1,40}!|donat(?:e|ion)|"
                     r"become a (?:member|subscriber|patron)|fill the gap|disabled all ads|"
                     r"independent journalism needs|contribute (?:now|today)|ad-free|small favou?r to ask|we need your help)"))
# a byline and stamps run into a line of text: "Thursday.ANI | Tokyo | Updated: 24-09-2020 11:41 IST | Created:
# 24-09-2020 11:41 IST"
_STAMP_DATE = r"(?:\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2}|" + MONTH_PATTERN + r"\.?\s+\d{1,2},?\s+\d{4})"
_INLINE_STAMP = re.compile(r"(?:[A-Z][\w.&]{1,20}(?: [A-Z][\w.&]{1,20})?\s*\|\s*){0,3}"
                           r"(?:(?:Last updated|Updated|Created|Published|Posted|Modified)(?:\s*:\s*|\s+(?=\d))" +
                           _STAMP_DATE + r"(?:,?\s+" + _TIME + r"(?:\s*[A-Z]{2,4}\b(?:\s?[+-]\s?\d{1,2}\b)?)?)?"
                           r"\s*(?:\|\s*)?)+")  # "Published: 5 May 2016", "Published 18.02.2014 23:59 GMT+4 |"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_MONTH_YEAR = (r"(?:\d{1,2}[ \t]+" + MONTH_PATTERN + r",?[ \t]+\d{4}|" + MONTH_PATTERN +
                   r"\.?[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4})")
# "![]() 1213 Friday, 08 April, 2022, 12:48 Japan expelled ...": an image slot, a view counter, the day and
# time of posting run into a paragraph's first words; a full date and a time are both needed
_LEADING_STAMP = re.compile(r"(?m)^[ \t]*(?:!\[[^\]\n]*\]\([^)\n]*\)[ \t]*)?(?:\d{1,7}[ \t]+)?(?:" + _WEEKDAY +
                            r",?[ \t]+)?" + _DAY_MONTH_YEAR + r",?[ \t]+" + _TIME + r"[ \t]+(?=[A-Z])"
                            # or an all-digit date alone, which no sentence opens with: "10.06.2015 Japanese New
                            # Generation Greenhouse to Be Built in Khabarovsk" (a news list's stamp and headline)
                            r"|^[ \t]*(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)[ \t]+(?=[A-Z])")
# a photo gallery's counter before a picture's caption: "1 of 3 | Japan lodged a diplomatic complaint ..."
_GALLERY_COUNTER = re.compile(r"(?m)^[ \t]*\d{1,2} of \d{1,3}[ \t]*\|[ \t]*(?=\S)")
# "47915.10.2025, 10:42European Commission slaps ...": a feed item, its view count and stamp glued to its headline
_FEED_ITEM = re.compile(r"\d{0,7}?" + _DAY_MONTH_YEAR + r",?\s*" + _TIME + r"\s*\S")
PAGE_DATE = re.compile(r"\A\s*date (?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")


def _is_timestamp(text: str) -> bool:
    """A short line that is a date or time stamp, with at most a place or site name beside it."""
    if len(text) > 80 or not (_HAS_STAMP.search(text) or parse_full_date(text)):
        return False
    if _DAY_SPAN.search(text) or _GLUED_LABEL.search(text):
        # "Date18–23 August 1945": the days an event took; "SignedApril 13, 1941": an infobox's label run into
        # its value; neither is when the page was stamped
        return False
    label = re.match(r"[-•*\s]*([A-Za-z][A-Za-z ]{0,30}):\s", text)
    if label and any(w.lower() not in _STAMP_WORDS for w in label[1].split()):
        return False  # a labelled field of the page's data ("Date Signed: 1855-02-07"), not its stamp
    rest = [w for w in _STAMP_TOKENS.sub(" ", text).split() if w.lower().rstrip(":") not in _STAMP_WORDS]
    return len(rest) <= 2


def _is_furniture(text: str, between_paragraphs: bool = False) -> bool:
    """Menu items, buttons and widgets: a short line made of interface words, a row of icon-font
    glyphs, or of icon names as a page saved without its icon font prints them ("icon bookmark-bicon
    cameraicon chevron downicon ..."), or (outside the article's paragraphs, where a short line is a
    subheading) any line of three words or fewer; never a sentence."""
    if _SENTENCE_END.search(text):
        return False
    words = text.split()
    # a row of icon-font glyphs is neither letters nor digits ("2,339 metres (7,674 ft)" is a measurement, a
    # pager's "• 1" is neither)
    letters = sum(map(str.isalnum, text)) if any(map(str.isalpha, text)) else 0
    icon_names = sum("icon" in w.lower() for w in words)
    return ((len(words) <= 3 and not between_paragraphs) or (len(words) <= 6 and bool(_UI_WORDS.search(text)))
            or letters < 0.5 * len(text.replace(" ", "")) or (len(words) >= 4 and icon_names >= len(words) / 3))


def _is_headline(text: str) -> bool:
    """A header line that can be the article's title: at least HEADLINE_MIN_WORDS words, and not a
    stamp, a date, furniture or a line another rule names."""
    return (len(re.findall(r"\w+", text)) >= HEADLINE_MIN_WORDS and not _line_rule(text)
            and not _is_timestamp(text) and not parse_full_date(text) and not _is_furniture(text)
            and not _is_appeal(text))


_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\w,.%]*")


def _is_related_headline(text: str) -> bool:
    """Another article's headline: Title Case words without a sentence end."""
    if _SENTENCE_END.search(text):
        return False
    words = _HEADLINE_WORD.findall(text)
    if len(words) < 4 or len(words) > 25:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as", "by", "with",
             "from", "vs", "is", "are", "be", "its", "over", "into", "after", "amid"}
    capitalised = [w for w in words if w[0].isupper() or w[0].isdigit()]
    counted = [w for w in words if w.lower() not in small]
    return len(capitalised) >= 0.8 * max(len(counted), 1)


def _is_appeal(text: str) -> bool:
    return len(text) <= 400 and bool(_APPEAL.search(text))


class CleaningError(ValueError):
    """A source that cannot be cleaned into an article body; the message names it."""


@dataclass(frozen=True)
class Removal:
    """A raw span taken out (or, for repairs, replaced) and why."""
    raw_start: int
    raw_end: int
    rule: str
    reason: str
    text: str
    replacement: str = ""

    @property
    def is_repair(self) -> bool:
        return self.rule in REPAIR_RULES


@dataclass(frozen=True)
class QualityFlag:
    """A problem in the words themselves, reported rather than rewritten."""
    flag: str
    count: int
    examples: str
    reason: str


@dataclass
class CleanedSource:
    """The article body of one raw text, with its audit trail and offset map."""
    source_id: str
    raw: str
    text: str
    raw_starts: list[int]  # raw offset of each cleaned character
    raw_ends: list[int]    # raw end of the span each cleaned character stands for
    removals: list[Removal]
    metadata: dict = field(default_factory=dict)
    quality: list[QualityFlag] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the cleaned span [start, end)."""
        return self.raw_starts[start], self.raw_ends[end - 1]

    @property
    def zones(self) -> list[tuple[str, int, int]]:
        """(zone, raw_start, raw_end) of the page's title and captions: kept out of the body, but
        evidence a researcher may want, so their numbers are extracted apart."""
        return [(ZONE_OF_RULE[r.rule], r.raw_start, r.raw_end) for r in self.removals if r.rule in ZONE_OF_RULE]


@dataclass(frozen=True)
class SourceRule:
    """A piece of knowledge about particular sources, kept as data with its reason."""
    rule: str
    action: str      # "remove" or "flag"
    text: str        # literal text, matched exactly
    source_id: str   # a source id, or "*" for every source
    reason: str


def load_source_rules(path: str | Path) -> list[SourceRule]:
    """Read the seed-specific rules file; a malformed row is an error naming the file and row."""
    path = Path(path)
    frame = read_text_table(path)
    rules = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        if row.get("action") not in {"remove", "flag"} or not row.get("text") or not row.get("reason"):
            raise CleaningError(f"{path}, line {number}: needs action remove|flag, a text and a reason")
        rules.append(SourceRule(**{k: row[k] for k in ("rule", "action", "text", "source_id", "reason")}))
    return rules


# --- finding spans ---------------------------------------------------------------------------
def _physical_lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end before its line break."""
    spans, start = [], 0
    for match in re.finditer(r"\r\n|\r|\n", raw):  # CR-only and mixed line ends too
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(raw)))
    return spans


def _is_hard_wrapped(texts: list[str]) -> bool:
    """A run of lines broken at a fixed width rather than at paragraph ends."""
    if len(texts) < WRAP_RUN:
        return False
    body = texts[:-1]
    in_width = sum(WRAP_MIN <= len(t) <= WRAP_MAX for t in body)
    open_ended = sum(not _SENTENCE_END.search(t) for t in body)
    return in_width >= 0.75 * len(body) and open_ended >= 0.5 * len(body) and max(map(len, texts)) <= WRAP_MAX + 20


def _lines(raw: str) -> list[tuple[int, int]]:
    """Logical lines: physical lines, with hard-wrapped runs joined into paragraphs (a line that does
    not end a sentence continues on the next). A joined line keeps its inner line breaks, which the
    cleaned text shows as spaces, so every character keeps its raw offset."""
    physical = _physical_lines(raw)
    texts = [raw[s:e].strip() for s, e in physical]
    logical, i = [], 0
    while i < len(physical):
        j = i
        while j < len(physical) and texts[j]:
            j += 1
        if j - i >= WRAP_RUN and _is_hard_wrapped(texts[i:j]):
            start = physical[i][0]
            for k in range(i + 1, j):
                if _SENTENCE_END.search(texts[k - 1]):
                    logical.append((start, physical[k - 1][1]))
                    start = physical[k][0]
            logical.append((start, physical[j - 1][1]))
        else:
            logical += physical[i:j]
        logical += physical[j:j + 1]  # the blank line, if any
        i = j + 1
    return logical


def _removal(raw: str, start: int, end: int, rule: str, replacement: str = "") -> Removal:
    return Removal(start, end, rule, REASONS[rule], raw[start:end], replacement)


def _inline_removals(raw: str, rules: list[SourceRule], source_id: str) -> tuple[list[Removal], dict]:
    """Spans found by pattern anywhere in the text, and metadata they carry."""
    found, metadata = [], {}
    for match in _EMAIL_HEADER_BLOCK.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "email_header"))
        subject = _SITE_SUFFIX.sub("", match["subject"]).strip(" -")
        metadata.setdefault("title", subject)
        metadata.setdefault("email_date", match["date"])
    for match in _SUBJECT_LINE.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "email_header"))
        subject = re.sub(r"(?:\s+-)+\s+\S+$", "", match.group()[len("Subject:"):]).strip(" -")
        metadata.setdefault("title", subject)
    page_date = PAGE_DATE.match(raw)
    if page_date:
        found.append(_removal(raw, page_date.start(), page_date.end(), "page_date"))
        metadata["page_date"] = page_date["date"]
    for match in _INLINE_STAMP.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "timestamp"))
        for piece in match.group().split("|"):
            _note_stamp(piece, metadata)
    for match in _LEADING_STAMP.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "timestamp"))
        _note_stamp(match.group(), metadata)
    for match in _GALLERY_COUNTER.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "gallery_counter"))
    for match in _WIRE_DATELINE.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "wire_dateline"))
        metadata.setdefault("date_line", match.group())
    for match in _SCRIPT_ELEMENT.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "html_script"))
    for match in _CAPTION_ELEMENT.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "photo_caption"))
        metadata.setdefault("captions", []).append(html.unescape(match["caption"]).strip())
    for match in _HTML_TAG.finditer(raw):
        found.append(_removal(raw, match.start(), match.end(), "html_tag"))
    for rule in rules:
        if rule.action == "remove" and rule.source_id in ("*", source_id):
            for start in _occurrences(raw, rule.text):
                found.append(Removal(start, start + len(rule.text), rule.rule, rule.reason, rule.text))
    return _without_overlaps(found), metadata


def _without_overlaps(removals: list[Removal]) -> list[Removal]:
    """Keep the earliest, then longest, of overlapping spans."""
    kept: list[Removal] = []
    for removal in sorted(removals, key=lambda r: (r.raw_start, -r.raw_end)):
        if kept and removal.raw_start < kept[-1].raw_end:
            continue
        kept.append(removal)
    return kept


def _mask(length: int, removed: list[Removal]) -> bytearray:
    """1 for every raw position inside a removal, 0 elsewhere."""
    mask = bytearray(length)
    for r in removed:
        mask[r.raw_start:r.raw_end] = b"\x01" * (r.raw_end - r.raw_start)
    return mask


def _gaps(start: int, end: int, mask: bytearray) -> list[tuple[int, int]]:
    """The runs of [start, end) that no removal covers."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(rb"\x00+", bytes(mask[start:end]))]


def _blanked(raw: str, mask: bytearray) -> str:
    """The raw text with removed characters turned into spaces (same length, same offsets)."""
    pieces, at = [], 0
    for run in re.finditer(rb"\x01+", bytes(mask)):
        pieces += [raw[at:run.start()], " " * (run.end() - run.start())]
        at = run.end()
    return "".join(pieces) + raw[at:]


@functools.lru_cache(maxsize=4096)  # asked of the same lines several times per page
def _is_body_line(text: str) -> bool:
    """Prose: enough words and a sentence end (or a sentence inside a cut-off paragraph), a bullet, or a
    line too long to be a headline whose words are mostly lower case and full of function words (a
    quote cut off, an unpunctuated paragraph)."""
    words = text.split()
    if _BULLET.match(text):
        return len(words) >= BULLET_MIN_WORDS and not _is_furniture(text)
    if len(words) >= BODY_MIN_WORDS and (_SENTENCE_END.search(text) or _INNER_SENTENCE_END.search(text)):
        return True
    return (len(words) >= LONG_LINE_WORDS and sum(w[0].islower() for w in words) >= 0.4 * len(words)
            and sum(w.lower() in _FUNCTION_WORDS for w in words) >= 0.2 * len(words))


def _line_removals(raw: str, inline: list[Removal], metadata: dict) -> list[Removal]:
    """Whole lines classified as header, chrome, panel or tail."""
    lines = _lines(raw)
    mask = _mask(len(raw), inline)
    blanked = _blanked(raw, mask)
    residuals = [blanked[s:e].replace("\xa0", " ").strip() for s, e in lines]
    first_body = next((i for i, text in enumerate(residuals)
                       if _is_body_line(text) and not _is_appeal(text) and not _line_rule(text)), None)
    if first_body is None:
        return []
    rule_of: dict[int, str] = {i: "photo_caption" for i in _credited_captions(residuals)}
    if (feed_end := _feed_above_article(residuals, first_body)) is not None:
        # "News Feed" items, then "MORE NEWS", then the article: the items are other stories, and what
        # stands above them is the site's chrome; the article's header starts after the opener
        for i in range(feed_end + 1):
            if residuals[i]:
                rule_of[i] = _line_rule(residuals[i]) or ("related_news" if i >= first_body else "page_furniture")
        first_body = next(i for i in range(feed_end + 1, len(residuals)) if _is_body_line(residuals[i])
                          and not _is_appeal(residuals[i]) and not _line_rule(residuals[i]))

    # Header: everything before the first prose line is title, byline, date, chrome or panel.
    _mark_user_panel(residuals, first_body, rule_of)
    for i in range(first_body):
        text = residuals[i]
        if not text or i in rule_of:
            continue
        rule = "byline" if _note_byline(text, metadata) else _line_rule(text)
        if rule:
            rule_of[i] = rule
            if rule == "timestamp":  # "Post by Admin on May 28, 2018 18:42:36 GMT" above the first post
                _note_stamp(text, metadata)
        elif len(text) <= 40 and (parse_full_date(text) or parse_day_first_date(text)) and \
                not re.search(r"(?i)updated?", text):  # "May 3, 2022", "29.03.2017 г."
            rule_of[i] = "date_line"
            metadata.setdefault("date_line", text)
            _note_stamp(text, metadata)
        elif _is_timestamp(text):
            rule_of[i] = "timestamp"
            _note_stamp(text, metadata)
        elif stamp := next((part for part in text.split("|")[1:] if _is_timestamp(part.strip())), None):
            rule_of[i] = "timestamp"  # sections and the stamp in one row: "World|opinion & analysis|May 18, 2016 / 03:56 PM"
            _note_stamp(stamp.strip(), metadata)
        elif _is_appeal(text):
            rule_of[i] = "donation_appeal"
        elif "title" in metadata and parse_full_date(text) and not _reads_as_prose(text):
            # below the headline, a row of byline, stamp and share bar: "Associated Press NEWS News 26 May 2018,
            # 17:51 IST 61 Share Options × Facebook Twitter LinkedIn" (removed; its date is not taken for the
            # article's, since such a row may carry a source's or a machine's stamp)
            rule_of[i] = "timestamp"
        elif "title" in metadata and "byline" not in metadata and (person := _PERSON.match(text)):
            rule_of[i] = "byline"
            metadata["byline"] = person["name"]
        elif "title" in metadata and _SECTION_TAGS.match(text):
            rule_of[i] = "section_tags"
        elif _is_furniture(text):
            rule_of[i] = "page_furniture"
        elif "title" not in metadata and not _is_headline(text) and any(
                _is_headline(residuals[j]) for j in range(i + 1, first_body)):
            rule_of[i] = "section_tags"  # a short label ("Russian Politics & Diplomacy") above the headline
        elif "title" not in metadata:
            rule_of[i] = "title"
            site = _SITE_SUFFIX.search(text)
            metadata["title"] = text[: site.start()] if site else text
            if site:
                metadata["site"] = site["site"]
        elif _normalise(text) == _normalise(metadata["title"]):
            rule_of[i] = "title_repeat"
        elif (person := _PERSON.match(text)) and "byline" not in metadata:
            rule_of[i] = "byline"
            metadata["byline"] = person["name"]
        elif _SECTION_TAGS.match(text):
            rule_of[i] = "section_tags"

    _mark_standfirst(residuals, rule_of, first_body)

    # Another article's headline: after the last prose line, or in a run of such lines; a single
    # Title Case line between paragraphs is the article's own subheading and stays.
    last_body = max(i for i, text in enumerate(residuals) if _is_body_line(text))
    filled = [i for i, text in enumerate(residuals) if text]
    headline_like = {i for i in filled if i > first_body and _is_related_headline(residuals[i])}
    after = dict(zip(filled, filled[1:]))
    before = dict(zip(filled[1:], filled))
    related = {i for i in headline_like
               if i > last_body or after.get(i) in headline_like or before.get(i) in headline_like}
    # a run of feed items, each a stamp glued to a headline, and the headline the run's first stamp follows
    feed = {i for i in filled if i > first_body and _FEED_ITEM.match(residuals[i])}
    feed = {i for i in feed if after.get(i) in feed or before.get(i) in feed}
    related |= feed | {before[i] for i in feed if before.get(i) not in feed and before.get(i, first_body) > first_body
                       and not _SENTENCE_END.search(residuals[before[i]]) and len(residuals[before[i]].split()) <= 25}

    # Tail: from the first tail opener after the body started, nothing is article.
    tail_rule = opener = first_tail = None
    thread = _comment_thread_start(residuals, first_body)
    for i in range(first_body + 1, len(lines)):
        text = residuals[i]
        if tail_rule is None and text:
            tail_rule = "reader_comments" if i == thread else _opens_tail(text)
            opener, first_tail = tail_rule, i
            # After a link posted below the article, what follows is the readers' thread.
            tail_rule = "reader_comments" if tail_rule == "bare_url" else tail_rule
        if tail_rule:
            rule_of[i] = (opener if i == first_tail else _line_rule(text) or tail_rule) if text else tail_rule
        elif text and i not in rule_of:
            rule = ("byline" if _note_byline(text, metadata) else None) or _line_rule(text) or \
                _body_boilerplate(text, i < last_body) or ("related_headline" if i in related else None)
            if rule == "timestamp":
                _note_stamp(text, metadata)
            if rule and rule != "bare_url":
                rule_of[i] = rule
            elif "title" in metadata and _normalise(text) == _normalise(metadata["title"]):
                rule_of[i] = "title_repeat"
            elif any(_normalise(text) == _normalise(c) for c in metadata.get("captions", [])):
                rule_of[i] = "caption_repeat"

    _mark_repeated_paragraphs(residuals, rule_of)
    removals = []
    for i, rule in sorted(rule_of.items()):
        start, end = lines[i]
        for piece_start, piece_end in _gaps(start, end, mask):
            if raw[piece_start:piece_end].strip() or i > first_body:
                removals.append(_removal(raw, piece_start, piece_end, rule))
    return _merge_adjacent(raw, removals)


# A wire story's first paragraph opens with its dateline: "TOKYO, June 8. /TASS/.", "TOKYO (Kyodo) --",
# "MOSCOW, June 8 (Reuters) -", "TOKYO – Japan's ...".
_DATELINE_OPENER = re.compile(r"^[A-Z]{3,}(?:[ -][A-Z]{3,})*(?:,\s|\s\(|\s[-–—]{1,2}\s)")
STANDFIRST_WORDS = (8, 60)  # a sentence, not a credit ("By | Associated Press") nor a second article


_IMAGE_FILE = re.compile(r"\s*[^\n]{0,120}?\S\.(?:jpe?g|png|gif|webp|svg)", re.I)
_CREDIT = re.compile(r"\s*\([^()]{2,80}\)")


def _credited_captions(residuals: list[str]) -> set[int]:
    """A photo's caption printed twice, the second time with its credit in brackets ("A Japan Air
    Self-Defense Force F-35A flies over Misawa Air Base, Japan, Nov. 2, 2017." and the same line with
    "(Brittany Chase/U.S. Air Force)"): both lines are the caption."""
    filled = [i for i, text in enumerate(residuals) if text]
    found = set()
    for i, j in zip(filled, filled[1:]):
        first, second = residuals[i], residuals[j]
        if len(first) >= 20 and second.startswith(first) and _CREDIT.fullmatch(second[len(first):]):
            found |= {i, j}
        # a picture's caption run into its file's title and name, then the caption alone ("... at Maizuru, in
        # 1946 Japanese Soldiers Returning from Siberia 1946.jpg", "... at Maizuru, in 1946")
        elif len(second) >= 20 and first.startswith(second) and _IMAGE_FILE.fullmatch(first[len(second):]):
            found |= {i, j}
    return found


def _feed_above_article(residuals: list[str], first_body: int) -> int | None:
    """The line of a related-news opener ("MORE NEWS") that ends a block of other stories above the
    article: the first such opener after the first prose line with more words of prose after it (to the
    next opener) than between the first prose line and it; None when the page has none."""
    def prose_words(lines) -> int:
        return sum(len(text.split()) for text in lines if _is_body_line(text))

    for i in range(first_body + 1, len(residuals)):
        if _opens_tail(residuals[i]) != "related_news":
            continue
        end = next((j for j in range(i + 1, len(residuals)) if _opens_tail(residuals[j])), len(residuals))
        after = prose_words(residuals[i + 1:end])
        return i if after > prose_words(residuals[first_body:i]) else None
    return None


def _mark_standfirst(residuals: list[str], rule_of: dict[int, str], first_body: int) -> None:
    """A standfirst is the summary printed between the headline and a wire story's dateline paragraph:
    the paragraphs of 8 to 60 words directly above the first paragraph that opens with a dateline, when
    that is the second or third paragraph after the header."""
    filled = [i for i, text in enumerate(residuals) if text and i not in rule_of]
    dateline = next((n for n, i in enumerate(filled[:4]) if _DATELINE_OPENER.match(residuals[i])), None)
    if dateline is None or not 1 <= dateline <= 2:
        return
    low, high = STANDFIRST_WORDS
    above = [i for i in filled[:dateline] if len(residuals[i].split()) >= low]
    if all(len(residuals[i].split()) <= high for i in above):
        for i in above:
            rule_of[i] = "standfirst"


PROSE_LOWER_SHARE = 0.3  # of a prose line's words, at least this share starts in lower case


def _reads_as_prose(text: str) -> bool:
    """Words mostly in lower case, as sentences are: not a row of names, labels and stamps."""
    words = [w for w in text.split() if w[0].isalpha()]
    return bool(words) and sum(w[0].islower() for w in words) >= PROSE_LOWER_SHARE * len(words)


def _body_boilerplate(text: str, between_paragraphs: bool) -> str | None:
    """What a line between or after paragraphs is, if not article prose."""
    if _is_body_line(text) and not _is_appeal(text):
        return None
    if _is_timestamp(text):
        return "timestamp"
    if _is_appeal(text):
        return "donation_appeal"
    if _is_furniture(text, between_paragraphs):
        return "page_furniture"
    return None


def _note_byline(text: str, metadata: dict) -> bool:
    """True if the line is a byline with the article's date ("By Yuka Obayashi, Reuters - May 3, 2022"):
    its name and date are kept as metadata."""
    found = _DATED_BYLINE.match(text) if len(text) <= BYLINE_MAX_CHARS else None
    if found:
        metadata.setdefault("byline", found["name"])
        metadata.setdefault("date_line", found["date"])
    return bool(found)


def _note_stamp(text: str, metadata: dict) -> None:
    """A "Published ..." stamp is the article's date; another stamp is kept in case nothing better
    turns up; an "Updated ..." stamp is not the article's date and is ignored."""
    found = parse_full_date(text) or parse_us_numeric_date(text) or parse_day_first_date(text)
    if found and re.search(r"(?i)\bpublished\b|\bposted\b|\bcreated\b", text):
        metadata.setdefault("published_date", found.isoformat())
    elif found and not re.search(r"(?i)updated?", text):
        metadata.setdefault("stamp_date", found.isoformat())
    elif found:  # an "Updated" stamp dates the page only when nothing else does
        metadata.setdefault("updated_date", found.isoformat())


def _publication_date(metadata: dict) -> tuple[str, str]:
    """The article's own date and where it was found: a "Published" stamp, else the header's date line
    (or a dated byline), else the saved page's date metadata, else another stamp on the page, else an
    "Updated" stamp; ("", "") if none."""
    if "published_date" in metadata:
        return metadata["published_date"], "published stamp"
    parsed = parse_full_date(metadata.get("date_line", ""))
    if parsed:
        return parsed.isoformat(), "date line"
    if "page_date" in metadata:
        return metadata["page_date"], "page date metadata"
    if "stamp_date" in metadata:
        return metadata["stamp_date"], "date stamp"
    if "updated_date" in metadata:
        return metadata["updated_date"], "updated stamp"
    return "", ""


@functools.lru_cache(maxsize=4096)  # asked of the same lines several times per page
def _opens_tail(text: str) -> str | None:
    return next((rule for rule, pattern in _TAIL_OPENERS if pattern.match(text)), None)


@functools.lru_cache(maxsize=4096)
def _line_rule(text: str) -> str | None:
    if _is_other_script(text):
        return "other_script"
    return next((rule for rule, pattern in _LINE_RULES if pattern.match(text)), None)


def _is_other_script(text: str) -> bool:
    """A line written mostly in a script other than the Latin alphabet (a site's notice in Russian, a
    Japanese headline above the English one): not the English article the study reads."""
    if text.isascii():
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c > "\u024f" for c in letters) > len(letters) / 2


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


REPEATED_RUN = 2  # paragraphs in a row printed again make a block that repeats the article


def _mark_repeated_paragraphs(residuals: list[str], rule_of: dict[int, str]) -> None:
    """A block of prose paragraphs the page has already printed, word for word (the last of them may be cut
    off where the copy ends): a teaser or "Related" block that repeats the article. One paragraph printed
    twice stays: a reply quoting a post, a highlight the article then says again, are read as written."""
    kept = [i for i, text in enumerate(residuals) if text and i not in rule_of]
    seen: set[str] = set()
    run: list[int] = []
    for i in kept + [None]:
        words = _normalise(residuals[i]) if i is not None else ""
        repeated = len(words.split()) >= BODY_MIN_WORDS and (
            words in seen or (i == kept[-1] and any(earlier.startswith(words) for earlier in seen)))
        if repeated:
            run.append(i)
            continue
        if len(run) >= REPEATED_RUN:
            rule_of.update({j: "repeated_paragraph" for j in run})
        run = []
        seen.add(words)


_HANDLE = re.compile(r"[A-Za-z][\w.-]{2,30}")  # a commenter's user name alone on its line
# written as no word is: in lower case ("marcelito"), with inner capitals ("MountainVPN"), digits or "_"
_HANDLE_LOOK = re.compile(r"[a-z]|\w*[a-z][A-Z0-9_]|\w*[0-9_]")
THREAD_MIN_HANDLES = 3


def _comment_thread_start(residuals: list[str], first_body: int) -> int | None:
    """Reader comments printed without a heading: after the article, user names alone on their lines
    ("vendingmachinemusic", "marcelito", "MountainVPN"), each above the comment it signs. At least
    THREAD_MIN_HANDLES of them, one at least written as no subheading is (lower case, inner capitals,
    digits), make a thread; it starts at the first. None if there is no such thread."""
    filled = [i for i, text in enumerate(residuals) if text and i > first_body]
    handles = [i for i, after in zip(filled, filled[1:]) if _HANDLE.fullmatch(residuals[i])
               and not _HANDLE.fullmatch(residuals[after]) and not _line_rule(residuals[i])]
    if len(handles) >= THREAD_MIN_HANDLES and any(_HANDLE_LOOK.match(residuals[i]) for i in handles):
        return handles[0]
    return None


def _mark_user_panel(residuals: list[str], before: int, rule_of: dict[int, str]) -> None:
    """A forum user panel: label/value lines ("Joined", "Messages"...) and the name and role above."""
    labels = [i for i in range(before) if residuals[i].lower() in _PANEL_LABELS]
    if len(labels) < 2:
        return
    first, last = labels[0], labels[-1]
    for i in range(first, min(last + 2, before)):  # labels and their values
        if residuals[i]:
            rule_of[i] = "forum_user_panel"
    above = [i for i in range(first - 1, -1, -1) if residuals[i]][:2]  # user name and role
    for i in above:
        if len(residuals[i]) <= 30 and len(residuals[i].split()) <= 2:
            rule_of[i] = "forum_user_panel"


def _merge_adjacent(raw: str, removals: list[Removal]) -> list[Removal]:
    """Join consecutive removals of one rule separated only by whitespace into one span."""
    merged: list[Removal] = []
    for removal in removals:
        if merged and merged[-1].rule == removal.rule and not raw[merged[-1].raw_end:removal.raw_start].strip():
            previous = merged.pop()
            removal = _removal(raw, previous.raw_start, removal.raw_end, removal.rule)
        merged.append(removal)
    return merged


def _title_repeats(raw: str, removed: list[Removal], title: str) -> list[Removal]:
    """The title printed again inline, right after other boilerplate (e.g. after 'To:')."""
    if len(title) < 10:
        return []
    ends = {r.raw_end for r in removed}
    repeats = []
    for start in _occurrences(raw, title):
        end = start + len(title)
        before = start
        while before > 0 and raw[before - 1] in " \t":
            before -= 1
        inside = any(r.raw_start <= start < r.raw_end for r in removed)
        follows_removal = any(before <= e <= start for e in ends)
        if not inside and (follows_removal or before == 0 or raw[before - 1] == "\n"):
            repeats.append(_removal(raw, start, end, "title_repeat"))
    return repeats


def _occurrences(text: str, part: str):
    """Where `part` occurs in `text`, left to right, without overlaps (as a regex search would find it)."""
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + len(part))


def _repairs(raw: str, removed: list[Removal]) -> list[Removal]:
    """Meaning-preserving character repairs in the kept text."""
    repairs = [_removal(raw, m.start(), m.end(), "nbsp", " ") for m in re.finditer("\xa0", raw)]
    repairs += [_removal(raw, m.start(), m.end(), "stroke_dash", "–") for m in re.finditer("\u0336", raw)]
    repairs += [_removal(raw, m.start(), m.end(), "html_entity", html.unescape(m.group()))
                for m in _HTML_ENTITY.finditer(raw)]
    mask = _mask(len(raw), removed)
    for start, end in _lines(raw):
        pieces = _gaps(start, end, mask)
        if not pieces:
            continue
        text = "".join(raw[a:b] for a, b in pieces).rstrip()
        if not text:
            continue
        last = max(b for a, b in pieces)
        while last > start and raw[last - 1].isspace():
            last -= 1
        if text.endswith('"') and text.count('"') % 2 == 1:
            repairs.append(_removal(raw, last - 1, last, "stray_quote"))
        elif re.search(r"[a-z]{2}\.[A-Z]$", text):
            repairs.append(_removal(raw, last - 1, last, "stray_letter"))
    return [r for r in repairs if not mask[r.raw_start]]


# --- building the cleaned text ---------------------------------------------------------------
def _assemble(raw: str, removals: list[Removal]) -> tuple[str, list[int], list[int]]:
    """Cleaned text and, per character, the raw span it stands for. Each line is the raw text minus its
    removed spans, with repairs' replacements in their place, stripped, its whitespace runs collapsed to
    one space; paragraphs are joined by a blank line whose characters stand for the raw line end."""
    skipped = bytearray(len(raw))
    repairs: list[Removal] = []
    for r in removals:
        skipped[r.raw_start:r.raw_end] = b"\x01" * (r.raw_end - r.raw_start)
        if r.is_repair:
            repairs.append(r)
    repairs.sort(key=lambda r: r.raw_start)
    repair_starts = [r.raw_start for r in repairs]
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    previous_end = None
    for line_start, line_end in _lines(raw):
        pieces = [(m.start() + line_start, m.end() + line_start, None)
                  for m in re.finditer(rb"\x00+", bytes(skipped[line_start:line_end]))]
        first = bisect.bisect_left(repair_starts, line_start)
        last = bisect.bisect_left(repair_starts, line_end)
        pieces += [(r.raw_start, r.raw_end, r) for r in repairs[first:last]]
        pieces.sort(key=lambda piece: piece[0])
        line_text, line_starts, line_ends = [], [], []
        for start, end, repair in pieces:
            if repair is None:
                line_text.append(raw[start:end])
                line_starts += range(start, end)
                line_ends += range(start + 1, end + 1)
            else:
                line_text.append(repair.replacement)
                line_starts += [start] * len(repair.replacement)
                line_ends += [end] * len(repair.replacement)
        line = "".join(line_text)
        kept = _collapsed(line)
        if not kept:
            continue
        if previous_end is not None:
            # Paragraph break: both characters stand for the raw newline that ended the paragraph.
            text.append("\n\n"), starts.extend([previous_end] * 2), ends.extend([previous_end + 1] * 2)
        for begin, finish, space in kept:
            if space is None:
                text.append(line[begin:finish])
                starts += line_starts[begin:finish]
                ends += line_ends[begin:finish]
            else:
                text.append(space)
                starts.append(line_starts[begin])
                ends.append(line_ends[begin])
        previous_end = line_end
    return "".join(text), starts, ends


# What a line's whitespace collapses: a run of two or more, or a single line break or tab (a single space
# stays as it is).
_COLLAPSIBLE = re.compile(r"\s{2,}|[^\S ]")


def _collapsed(line: str) -> list[tuple[int, int, str | None]]:
    """A line stripped, each inner run of whitespace (a reflowed line break too) standing as one
    character: (start, end, None) for a stretch kept as it is, (start, start + 1, character) for a run,
    which is a space, or the run's first character if that is another kind of space (a tab)."""
    begin, finish = len(line) - len(line.lstrip()), len(line.rstrip())
    out, at = [], begin
    for run in _COLLAPSIBLE.finditer(line, begin, finish):
        if run.start() > at:
            out.append((at, run.start(), None))
        first = line[run.start()]
        out.append((run.start(), run.start() + 1, " " if first in " \r\n" else first))
        at = run.end()
    if at < finish:
        out.append((at, finish, None))
    return out


# --- text quality ----------------------------------------------------------------------------
# "Koreans" is a plural, not a possessive that lost its apostrophe.
_DEMONYM_ENDINGS = ("s", "ian", "ean", "can")


def quality_flags(text: str, rules: list[SourceRule], source_id: str) -> list[QualityFlag]:
    """Problems in the words themselves, reported, never fixed."""
    flags = []
    words = set(re.findall(r"[A-Z][a-z]+", text))
    if not re.search(r"\w['’]s\b", text):
        candidates = [m.group(1) for m in re.finditer(r"(?<!the )\b([A-Z][a-z]+s)\b", text)
                      if m.group(1)[:-1] in words and not m.group(1)[:-1].endswith(_DEMONYM_ENDINGS)]
        if candidates:
            counts = Counter(candidates)
            flags.append(QualityFlag(
                "missing_apostrophes", len(candidates),
                "; ".join(f"{w} ×{n}" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                "possessives printed without apostrophes (e.g. 'Japans' for 'Japan's'); left as printed"))
    joined = [m.group() for m in re.finditer(r"\b[a-z]{2,}[A-Z][a-z]{2,}\b|\b[a-z]{3,}\.[A-Z][a-z]+\b", text)]
    if joined:
        flags.append(QualityFlag("missing_space", len(joined), "; ".join(joined),
                                 "words run together where the scrape lost a space; left as printed"))
    for rule in rules:
        if rule.action == "flag" and rule.source_id in ("*", source_id) and rule.text in text:
            flags.append(QualityFlag(rule.rule, text.count(rule.text), rule.text, rule.reason))
    return flags


def clean_source(raw: str, source_id: str = "source", rules: list[SourceRule] = ()) -> CleanedSource:
    """The article body of `raw`, the removals and repairs that produced it, and header metadata."""
    rules = list(rules)
    inline, metadata = _inline_removals(raw, rules, source_id)
    removed = sorted(inline + _line_removals(raw, inline, metadata), key=lambda r: r.raw_start)
    removed = sorted(removed + _title_repeats(raw, removed, metadata.get("title", "")),
                     key=lambda r: r.raw_start)
    removed = _merge_adjacent(raw, removed)
    removals = sorted(removed + _repairs(raw, removed), key=lambda r: (r.raw_start, r.raw_end))
    text, starts, ends = _assemble(raw, removals)
    metadata["date"], metadata["date_found_in"] = _publication_date(metadata)
    metadata.pop("captions", None)
    if not any(_is_body_line(paragraph) for paragraph in text.split("\n\n")):
        raise CleaningError(f"{source_id}: no article body found: no line of at least "
                            f"{BODY_MIN_WORDS} words ending a sentence survives cleaning")
    cleaned = CleanedSource(source_id, raw, text, starts, ends, removals, metadata)
    cleaned.quality = quality_flags(text, rules, source_id)
    return cleaned


def clean_sources(sources, rules: list[SourceRule]) -> list[CleanedSource]:
    """Clean every source or fail naming the raw file (for a corpus that must clean whole, the seeds)."""
    cleaned = []
    for source in sources:
        try:
            cleaned.append(clean_source(source.read_text(), source.source_id, rules))
        except CleaningError as error:
            raise CleaningError(f"{source.path}: {error}") from None
    return cleaned


def cleaned_status(cleaned: CleanedSource) -> tuple[str, str]:
    """("warned", why) for a cleaned source whose words have known defects, else ("ok", "")."""
    counts: dict[str, int] = {}
    for q in cleaned.quality:
        counts[q.flag] = counts.get(q.flag, 0) + q.count
    flags = ", ".join(f"{flag} ({n})" for flag, n in counts.items())
    return ("warned", f"text quality: {flags}") if flags else ("ok", "")


def status_summary(status: pd.DataFrame) -> str:
    """"32 sources: 30 ok, 1 warned, 1 skipped: b14 (no article body found ...)"."""
    counts = [f"{(status['status'] == s).sum()} {s}" for s in ("ok", "warned", "skipped")
              if (status["status"] == s).any()]
    skipped = [f"{r.source_id} ({r.reason})" for r in status.itertuples() if r.status == "skipped"]
    noun = "source" if len(status) == 1 else "sources"
    return f"{len(status)} {noun}: " + ", ".join(counts) + (": " + "; ".join(skipped) if skipped else "")


def skipped_ids(data_dir: str | Path) -> set[str]:
    """The sources that notebook 02 skipped, from data/source_status.csv."""
    status = read_text_table(Path(data_dir) / "source_status.csv")
    return set(status.loc[status["status"] == "skipped", "source_id"])


# --- tables ----------------------------------------------------------------------------------
# Each table is made of per-source rows, so a source's rows can be made where it was cleaned (in a
# worker process) and only the rows travel.
REMOVAL_COLUMNS = ["source_id", "raw_start", "raw_end", "rule", "action", "reason", "text", "replacement"]
QUALITY_COLUMNS = ["source_id", "flag", "count", "examples", "reason"]
SUMMARY_COLUMNS = ["source_id", "raw_characters", "kept_characters", "repaired_characters",
                   "removed_characters", "collapsed_whitespace", "cleaned_characters", "removals", "repairs",
                   "paragraphs", "words", "title_found", "byline_found", "date_found"]


def removal_rows(c: CleanedSource) -> list[dict]:
    """One row per removal or repair, with raw offsets, rule, reason and the raw text."""
    return [{"source_id": c.source_id, "raw_start": r.raw_start, "raw_end": r.raw_end,
             "rule": r.rule, "action": "repair" if r.is_repair else "remove", "reason": r.reason,
             "text": r.text, "replacement": r.replacement} for r in c.removals]


def _raw_kept(c: CleanedSource) -> int:
    """Raw characters that reach the cleaned text unchanged (repairs are counted apart)."""
    repaired = {r.raw_start for r in c.removals if r.is_repair}
    return len(set(c.raw_starts) - repaired)


def character_rows(c: CleanedSource) -> list[dict]:
    """Raw characters of a source by fate: kept, removed by each rule, or collapsed whitespace."""
    kept = _raw_kept(c)
    by_rule: dict[str, int] = {}
    for r in c.removals:
        by_rule[r.rule] = by_rule.get(r.rule, 0) + (r.raw_end - r.raw_start)
    rows = [{"source_id": c.source_id, "fate": "kept", "characters": kept}]
    rows += [{"source_id": c.source_id, "fate": rule, "characters": n} for rule, n in sorted(by_rule.items())]
    # Runs of spaces and blank lines collapsed between kept text: not audited one by one.
    rows.append({"source_id": c.source_id, "fate": "whitespace",
                 "characters": len(c.raw) - kept - sum(by_rule.values())})
    return rows


def summary_row(c: CleanedSource) -> dict:
    """Sizes before and after, and the metadata found in the header."""
    removed = sum(r.raw_end - r.raw_start for r in c.removals if not r.is_repair)
    repaired = sum(r.raw_end - r.raw_start for r in c.removals if r.is_repair)
    kept = _raw_kept(c)
    return {"source_id": c.source_id, "raw_characters": len(c.raw),
            "kept_characters": kept, "repaired_characters": repaired,
            "removed_characters": removed,
            "collapsed_whitespace": len(c.raw) - kept - repaired - removed,
            "cleaned_characters": len(c.text),
            "removals": sum(not r.is_repair for r in c.removals),
            "repairs": sum(r.is_repair for r in c.removals),
            "paragraphs": len(c.paragraphs), "words": len(c.text.split()),
            "title_found": c.metadata.get("title", ""),
            "byline_found": c.metadata.get("byline", ""),
            "date_found": c.metadata.get("date", "")}


def quality_rows(c: CleanedSource) -> list[dict]:
    """The text-quality flags: what is wrong with the words, left as printed."""
    return [{"source_id": c.source_id, "flag": q.flag, "count": q.count, "examples": q.examples,
             "reason": q.reason} for q in c.quality]


def audit_summary(characters: pd.DataFrame, groups: dict[str, str], names: dict[str, str] | None = None) -> str:
    """In words, from `characters_by_rule`: how much of the raw text the corpus kept, and which source
    kept the least (by its name in `names`, `figures.source_names`, when given) and lost most of the rest
    to which group of rules."""
    frame = characters.assign(group=characters["fate"].map(lambda f: groups.get(f, "other")))
    raw = frame.groupby("source_id")["characters"].sum()
    kept = frame[frame["fate"] == "kept"].groupby("source_id")["characters"].sum().reindex(raw.index, fill_value=0)
    share = (kept / raw.where(raw > 0)).fillna(0)
    worst = share.sort_values(kind="stable").index[0]
    lost = (frame[(frame["source_id"] == worst) & ~frame["group"].isin(["kept", "repaired"])]
            .groupby("group")["characters"].sum().sort_values(ascending=False, kind="stable"))
    text = (f"{len(raw):,} sources kept {kept.sum() / max(raw.sum(), 1):.0%} of their {raw.sum():,} raw characters "
            f"(median per source {share.median():.0%}). {(names or {}).get(worst, worst)} kept the least, "
            f"{share[worst]:.0%}")
    if not lost.empty and lost.iloc[0] > 0:
        text += f"; most of the rest went to {lost.index[0]} ({lost.iloc[0]:,} characters)"
    return text + "."


def removals_table(cleaned: list[CleanedSource]) -> pd.DataFrame:
    return pd.DataFrame([row for c in cleaned for row in removal_rows(c)], columns=REMOVAL_COLUMNS)


def characters_by_rule(cleaned: list[CleanedSource]) -> pd.DataFrame:
    return pd.DataFrame([row for c in cleaned for row in character_rows(c)])


def summary_table(cleaned: list[CleanedSource]) -> pd.DataFrame:
    return pd.DataFrame([summary_row(c) for c in cleaned], columns=SUMMARY_COLUMNS)


def quality_table(cleaned: list[CleanedSource]) -> pd.DataFrame:
    return pd.DataFrame([row for c in cleaned for row in quality_rows(c)], columns=QUALITY_COLUMNS)


def load_cleaned(sources, data_dir: str | Path) -> list[CleanedSource]:
    """The cleaned sources of a finished cleaning stage, with their offset maps, without cleaning again:
    each raw text minus its recorded removals (`data/removed.csv`), checked against `data/clean/`."""
    data_dir, sources = Path(data_dir), list(sources)
    if not sources:
        return []
    skipped = skipped_ids(data_dir)
    removals: dict[str, list[Removal]] = {}
    removed = read_text_table(data_dir / "removed.csv")
    for row in removed[removed["source_id"].isin({s.source_id for s in sources})].itertuples(index=False):
        removals.setdefault(row.source_id, []).append(
            Removal(int(row.raw_start), int(row.raw_end), row.rule, row.reason, row.text, row.replacement))
    cleaned = []
    for source in sources:
        if source.source_id in skipped:
            continue
        raw = source.read_text()
        text, starts, ends = _assemble(raw, removals.get(source.source_id, []))
        path = data_dir / "clean" / f"{source.source_id}.txt"
        if not path.exists() or path.read_bytes().decode("utf-8") != text + "\n":
            raise CleaningError(f"{path}: missing or stale; run the study from notebook 01_sources")
        cleaned.append(CleanedSource(source.source_id, raw, text, starts, ends, removals.get(source.source_id, [])))
    return cleaned

"""Figures are ready for a journal: editable text, 300 dpi, no dates, captioned, from data."""

import re
import struct
import subprocess
import sys

import pytest

from conftest import ROOT

FIGURES = ROOT / "figures"
NAMES = ["cleaning_audit", "scrambles", "meeting_tally", "timeline", "framing"]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_embeds_truetype_fonts_and_no_dates(name):
    pdf = (FIGURES / f"{name}.pdf").read_bytes()
    # TrueType outlines (FontFile2), embedded as TrueType or as a CID-keyed TrueType (Type 42) font
    assert b"/FontFile2" in pdf and (b"/Subtype /TrueType" in pdf or b"/Subtype /CIDFontType2" in pdf)
    assert b"/Type3" not in pdf and b"/CreationDate" not in pdf and b"/ModDate" not in pdf


@pytest.mark.parametrize("name", NAMES)
def test_svg_keeps_text_as_text_and_has_no_date(name):
    svg = (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "<dc:date>" not in svg


@pytest.mark.parametrize("name", NAMES)
def test_png_is_300_dpi(name):
    png = (FIGURES / f"{name}.png").read_bytes()
    chunk = png.index(b"pHYs")
    x_per_metre, y_per_metre, unit = struct.unpack(">IIB", png[chunk + 4:chunk + 13])
    assert unit == 1 and round(x_per_metre * 0.0254) == round(y_per_metre * 0.0254) == 300


def test_widths_are_journal_columns():
    for name in NAMES:
        width_pt = float(re.search(rb"/MediaBox \[\s*0 0 ([\d.]+)", (FIGURES / f"{name}.pdf").read_bytes())[1])
        assert width_pt / 72 <= 7.2 + 0.05, name


def test_readme_lists_every_figure_with_caption_notebook_and_data():
    readme = (FIGURES / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        section = readme.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert "Drawn by: `notebooks/0" in section and "- Data: `data/" in section
        assert len(section.split("\n")[3]) > 40  # a caption sentence


def test_saving_is_byte_identical_across_timezone_and_locale(tmp_path):
    script = (
        "import sys, pandas as pd\n"
        "from japan_russia_numbers import figures, cleaning\n"
        "chars = pd.read_csv('data/characters_by_rule.csv')\n"
        "fig = figures.plot_cleaning_audit(chars, cleaning.RULE_GROUPS, cleaning.RULE_GROUP_ORDER)\n"
        "figures.save_figure(fig, figures.FigureRecord('audit', 'caption', 'nb', ('d',)), sys.argv[1])\n"
    )
    outputs = []
    for index, env in enumerate([{"TZ": "UTC", "LC_ALL": "C.UTF-8"}, {"TZ": "Asia/Tokyo", "LC_ALL": "C"}]):
        folder = tmp_path / str(index)
        subprocess.run([sys.executable, "-c", script, str(folder)], cwd=ROOT, check=True,
                       env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": str(index), **env})
        outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert outputs[0] == outputs[1]

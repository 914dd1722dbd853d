"""Writing outputs: atomically, deterministically, and escaped for each format."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd


_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: str | os.PathLike, content: str | bytes) -> Path:
    """Write `content` to `path` via a temporary file in the same folder and a rename.

    A reader never sees a half-written file: either the previous complete file or the new one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_text_table(path: str | os.PathLike) -> pd.DataFrame:
    """A CSV with every cell as text and empty cells as "" (the study's tables and inputs)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def format_number(value: float) -> str:
    """390.0 -> "390", 38.5 -> "38.5"."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table as UTF-8 CSV with `\\n` line ends, without the index."""
    return write_atomic(path, frame.to_csv(index=False, lineterminator="\n"))


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}",
}
# Non-ASCII characters that stock pdflatex cannot take as UTF-8 input, written as commands it knows.
_LATEX_UNICODE = {
    "\u2013": "--", "\u2014": "---", "\u2212": "$-$", "\u2018": "`", "\u2019": "'", "\u201c": "``",
    "\u201d": "''", "\u2026": r"\ldots{}", "\u00a0": "~", "\u00d7": r"$\times$", "\u00b0": r"\textdegree{}",
    "\u00a5": r"\textyen{}", "\u20ac": r"\texteuro{}", "\u00a3": r"\pounds{}", "\u00ab": "<<", "\u00bb": ">>",
    "\u2022": r"\textbullet{}", "\u00df": r"\ss{}", "\u00e6": r"\ae{}", "\u00f8": r"\o{}",
}
_LATEX_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
                  "\u0327": "c", "\u030c": "v", "\u0306": "u", "\u030a": "r"}


def latex_escape(text: object) -> str:
    """Escape any text for stock pdflatex: the output is pure ASCII, specials and accents as commands,
    and a character LaTeX has no command for is written as its code point ("[U+4E2D]")."""
    out = []
    for char in str(text):
        if char in _LATEX_SPECIALS:
            out.append(_LATEX_SPECIALS[char])
        elif char in ("\n", "\r", "\t"):
            out.append(" ")
        elif " " <= char <= "~":
            out.append(char)
        elif char in _LATEX_UNICODE:
            out.append(_LATEX_UNICODE[char])
        elif unicodedata.category(char) == "Nd":  # full-width and other digits: their value
            out.append(str(unicodedata.digit(char)))
        else:
            base, *marks = unicodedata.normalize("NFD", char)
            if " " <= base <= "~" and marks and all(m in _LATEX_ACCENTS for m in marks):
                escaped = _LATEX_SPECIALS.get(base, base)
                for mark in marks:
                    escaped = rf"\{_LATEX_ACCENTS[mark]}{{{escaped}}}"
                out.append(escaped)
            elif unicodedata.category(char)[0] != "C":
                out.append(f"[U+{ord(char):04X}]")
    return "".join(out)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LINK_SYNTAX = re.compile(r"[\[\]`]")  # no link or image without brackets; no code spans
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=\S)")  # "javascript:x", "https://": no autolink


def markdown_escape(text: object) -> str:
    """Escape a cell for a Markdown pipe table: no HTML, no links, no column or line breaks, no
    control characters. A source's "[x](javascript:...)" or "https://..." stays visible as text."""
    text = _CONTROL.sub(" ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", r"\|")
    text = _LINK_SYNTAX.sub(lambda m: "\\" + m.group(), text)
    return _SCHEME.sub("&#58;", text).replace("www.", "www&#46;")


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def to_markdown(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown pipe table."""
    header = "| " + " | ".join(markdown_escape(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(markdown_escape(_cell(v)) for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows]) + "\n"


def to_latex_booktabs(frame: pd.DataFrame, caption: str) -> str:
    """A booktabs `table` environment; every cell escaped, so it compiles whatever the text."""
    spec = "".join("r" if pd.api.types.is_numeric_dtype(frame[c]) else "l" for c in frame.columns)
    lines = [
        r"\begin{table}",
        r"\centering",
        rf"\caption{{{latex_escape(caption)}}}",
        rf"\begin{{tabular}}{{{spec}}}",
        r"\toprule",
        " & ".join(latex_escape(c) for c in frame.columns) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(latex_escape(_cell(v)) for v in row) + r" \\"
              for row in frame.itertuples(index=False)]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def write_paper_table(frame: pd.DataFrame, folder: str | os.PathLike, name: str, caption: str) -> list[Path]:
    """Write one table for papers as `<name>.csv`, `<name>.tex` (booktabs) and `<name>.md`."""
    folder = Path(folder)
    return [
        write_csv(frame, folder / f"{name}.csv"),
        write_atomic(folder / f"{name}.tex", to_latex_booktabs(frame, caption)),
        write_atomic(folder / f"{name}.md", f"**{markdown_escape(caption)}**\n\n" + to_markdown(frame)),
    ]

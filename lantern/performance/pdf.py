"""The pack as PDF (WeasyPrint): the same tables, each trend drawn on the server as a small SVG line chart (the
template draws the lines from the points worked out here)."""

from datetime import date

from django.template.loader import render_to_string

from lantern.performance.selectors import Row

WIDTH, HEIGHT, PAD = 240, 60, 4


def trend_lines(row: Row) -> list[str]:
    """The points of each SVG polyline through the trend's values, scaled to their range; a week with no children
    breaks the line."""
    points = [(n, s.value) for n, s in enumerate(row.trend)]
    known = [v for _, v in points if v is not None]
    if len(row.trend) < 2 or not known:
        return []
    low, high = min(0.0, min(known)), max(known) or 1.0
    step = (WIDTH - 2 * PAD) / (len(points) - 1)

    def xy(n: int, v: float) -> str:
        y = HEIGHT - PAD - (v - low) / ((high - low) or 1) * (HEIGHT - 2 * PAD)
        return f"{PAD + n * step:.1f},{y:.1f}"

    runs: list[list[str]] = [[]]
    for n, v in points:
        if v is None:
            runs.append([])
        else:
            runs[-1].append(xy(n, v))
    return [" ".join(run) for run in runs if run]


def render_pack_pdf(sections: list[tuple[str, str, list[Row]]], *, as_of: date, scope_phrase: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and only this export needs it.
    from weasyprint import HTML

    drawn = [(title, [(row, trend_lines(row)) for row in rows]) for _, title, rows in sections]
    html = render_to_string(
        "performance/pack_pdf.html", {"sections": drawn, "as_of": as_of, "scope_phrase": scope_phrase}
    )
    return HTML(string=html).write_pdf()

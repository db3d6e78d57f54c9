"""The RAG history drawn on the server as a small SVG line (the measure's monthly value against its trajectory);
the page shows the same figures in a table beside it, and no chart without one."""

from lantern.improvement.models import RagSnapshot

WIDTH, HEIGHT, PAD = 480, 120, 8


def history_chart(history: list[RagSnapshot]) -> dict | None:
    """The points of the value's and the trajectory's polylines, or None when there are fewer than two values."""
    known = [s for s in history if s.value is not None]
    if len(known) < 2:
        return None
    values = [v for s in known for v in (s.value, s.expected) if v is not None]
    # Scaled to the figures' own range (with a margin), so that a change of a point or two shows.
    spread = (max(values) - min(values)) or abs(max(values)) or 1.0
    low, high = min(values) - spread * 0.1, max(values) + spread * 0.1
    step = (WIDTH - 2 * PAD) / (len(known) - 1)

    def y(value: float) -> float:
        return HEIGHT - PAD - (value - low) / ((high - low) or 1) * (HEIGHT - 2 * PAD)

    def line(attr: str) -> str:
        points = [(n, getattr(s, attr)) for n, s in enumerate(known)]
        return " ".join(f"{PAD + n * step:.1f},{y(v):.1f}" for n, v in points if v is not None)

    return {"value": line("value"), "expected": line("expected"), "width": WIDTH, "height": HEIGHT}

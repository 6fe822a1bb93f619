"""A trend as a small bar chart drawn on the server: SVG with a title and a description, no
chart library and no script. The same numbers are always in a table beneath it."""

from dataclasses import dataclass

from .selectors import Heading

WIDTH, HEIGHT = 640, 220
TOP, BOTTOM, LEFT = 24, 44, 44  # room for the value above a bar, the period below, the axis
BAR_GAP = 16


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    value: str  # "63%", or "fewer than 5" where no bar is drawn
    label: str  # the period, short
    label_x: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    left: int
    bars: list[Bar]
    gridlines: list[tuple[int, str]]  # (y, "50%")


def chart_for(heading: Heading) -> Chart:
    plot = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot
    count = len(heading.trend)
    slot = (WIDTH - LEFT) // count
    bars = []
    for index, point in enumerate(heading.trend):
        percent = point.figure.percent
        height = round(plot * percent / 100) if percent is not None else 0
        x = LEFT + index * slot + BAR_GAP // 2
        bars.append(
            Bar(
                x=x,
                y=baseline - height,
                width=slot - BAR_GAP,
                height=height,
                value=_value(point.figure.percent, point.figure.out_of),
                label=f"to {point.period.end:%-d %b %y}",
                label_x=x + (slot - BAR_GAP) // 2,
            )
        )
    gridlines = [(baseline - round(plot * p / 100), f"{p}%") for p in (0, 50, 100)]
    return Chart(
        width=WIDTH, height=HEIGHT, baseline=baseline, left=LEFT, bars=bars, gridlines=gridlines
    )


def _value(percent: int | None, out_of: int | None) -> str:
    if percent is not None:
        return f"{percent}%"
    return "none yet" if out_of == 0 else "fewer than 5"

"""Draws a stack's CloudWatch dashboard, as the program builds it, into a PNG for the README.

Reads the dashboard body from an offline preview document (`pulumi preview --json` format), lays
the widgets out on CloudWatch's 24-column grid, and fills each metric graph with a day of
synthetic fixture data (seeded, so the picture is stable), drawing every horizontal annotation of
the body (the alarm thresholds) as CloudWatch does. The data is made up; the layout, titles,
metrics, statistics and thresholds are the program's.

    python scripts/dashboard-picture.py PREVIEW.json OUT.png
"""
import json
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HOURS = np.arange(0, 24, 5 / 60)  # a day at five-minute points


def dashboard_body(preview):
    for step in preview["steps"]:
        state = step.get("newState") or {}
        if state.get("type") == "aws:cloudwatch/dashboard:Dashboard":
            return json.loads(state["inputs"]["dashboardBody"])
    raise SystemExit("no aws:cloudwatch/dashboard:Dashboard in the preview")


def fixture(metric, rng):
    """A plausible day of one metric: sending follows office hours; rates drift up in the afternoon."""
    office = np.clip(np.sin((HOURS - 6) / 14 * np.pi), 0.05, None)
    sends = 900 * office + rng.normal(0, 20, HOURS.size).clip(-50, 50)
    series = {
        "Send": sends,
        "Delivery": sends * 0.975,
        "Bounce": sends * (0.012 + 0.01 * (HOURS > 14)),
        "Complaint": sends * 0.0004,
        "Reject": sends * 0.001,
        "DeliveryDelay": sends * 0.004,
        "Reputation.BounceRate": 0.011 + 0.0002 * HOURS + 0.008 * (HOURS > 15),
        "Reputation.ComplaintRate": 0.0003 + 0.00001 * HOURS,
        "IncomingRecords": sends * 2.6,
        "DeliveryToS3.Bytes": sends * 2.6 * 180,
        "DeliveryToS3.DataFreshness": 240 + 60 * rng.random(HOURS.size) + 1100 * ((HOURS > 3) & (HOURS < 3.5)),
        "DeliveryToS3.Success": np.where((HOURS > 3) & (HOURS < 3.5), 0.0, 1.0),
        "ThrottledRecords": np.zeros(HOURS.size),
        "FailedInvocations": np.zeros(HOURS.size),
        # Every bounce and complaint reaches people as an alert; none fails.
        "NumberOfNotificationsDelivered": sends * (0.0124 + 0.01 * (HOURS > 14)),
        "NumberOfNotificationsFailed": np.zeros(HOURS.size),
        "BucketSizeBytes": 3.1e10 + 7.5e7 * HOURS,
    }
    return series.get(metric, office * 100)


def markdown_text(markdown):
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = re.sub(r"[`*#]", "", text)
    return "\n".join(line.strip() for line in text.splitlines())


def draw(body, out):
    rows = max(w["y"] + w["height"] for w in body["widgets"])
    row_inches = 0.62
    figure = plt.figure(figsize=(18, rows * row_inches))
    # Room inside each grid cell for the title above and the time axis below, in grid units.
    pad_x, pad_top, pad_bottom = 0.55 / 24, 0.55 / rows, 0.75 / rows
    rng = np.random.default_rng(7)
    titles = []
    for widget in body["widgets"]:
        x, y, width, height = widget["x"], widget["y"], widget["width"], widget["height"]
        axes = figure.add_axes([x / 24 + pad_x, 1 - (y + height) / rows + pad_bottom,
                                width / 24 - 2 * pad_x, height / rows - pad_top - pad_bottom])
        properties = widget["properties"]
        if widget["type"] == "text":
            axes.axis("off")
            axes.add_patch(plt.Rectangle((0, 0), 1, 1, transform=axes.transAxes, color="#f4f6f8", zorder=0))
            axes.text(0.01, 0.95, markdown_text(properties["markdown"]), va="top", ha="left", fontsize=8, wrap=True,
                      transform=axes.transAxes)
            titles.append(properties["markdown"].splitlines()[0])
            continue
        title = properties["title"]
        titles.append(title)
        axes.set_title(title, fontsize=9, loc="left")
        right = None
        colour = 0
        for metric in properties["metrics"]:
            options = metric[-1] if isinstance(metric[-1], dict) else {}
            name = metric[1]
            target = axes
            if options.get("yAxis") == "right":
                right = right or axes.twinx()
                target = right
            label = options.get("label", name + " (" + options.get("stat", properties["stat"]) + ")")
            target.plot(HOURS, fixture(name, rng), linewidth=1.2, label=label, color=f"C{colour}")
            colour += 1
        for annotation in properties.get("annotations", {}).get("horizontal", []):
            axes.axhline(annotation["value"], color=annotation.get("color", "#d62728"), linestyle="--", linewidth=1)
            axes.text(HOURS[-1], annotation["value"], " " + annotation["label"], color=annotation.get("color", "#d62728"),
                      fontsize=7, va="bottom", ha="right")
        left = properties.get("yAxis", {}).get("left", {})
        if "min" in left:
            axes.set_ylim(bottom=left["min"])
        if "max" in left:
            axes.set_ylim(top=left["max"] * 1.1)
        axes.set_xlim(0, 24)
        axes.set_xticks(range(0, 25, 6))
        axes.set_xticklabels([f"{h:02d}:00" for h in range(0, 25, 6)], fontsize=7)
        axes.tick_params(axis="y", labelsize=7)
        handles, labels = axes.get_legend_handles_labels()
        if right is not None:
            more = right.get_legend_handles_labels()
            handles, labels = handles + more[0], labels + more[1]
            right.tick_params(axis="y", labelsize=7)
            right.set_ylim(bottom=0)
        axes.legend(handles, labels, fontsize=6, loc="upper left")
    figure.savefig(out, dpi=110)
    return titles


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: dashboard-picture.py PREVIEW.json OUT.png")
    with open(sys.argv[1]) as f:
        drawn = draw(dashboard_body(json.load(f)), sys.argv[2])
    print("\n".join(drawn))

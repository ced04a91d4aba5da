"""Turn bench/results/*.json into the tables of bench/README.md and bench/results/speed.png.

Usage: .venv/bin/python -m bench.report
"""

import json
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench.servers import ROOT

RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"
BEGIN, END = "<!-- latest run: begin -->", "<!-- latest run: end -->"
READS = ("list", "statement", "timeline")
NAMES = {
    "list": "`GET /v1/statements?event=` (50)",
    "statement": "`GET /v1/statements/{id}`",
    "timeline": "`GET /v1/events/{e}/timeline` (50)",
    "comparison": "`GET /v1/events/{e}/comparison` (10,000 statements)",
}


def _load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def _rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def _reads_table(load: dict[str, Any]) -> list[str]:
    wrk, in_process = load["wrk"], load["in_process_us"]
    lines = [
        "| endpoint | Claimline req/s | ceiling req/s | ratio (goal ≥ 0.7) | "
        "Claimline p50 / p99 ms (goal p99 ≤ 6x p50) | "
        "in-process µs, Claimline / ceiling (goal ≤ 1.5x) |",
        "|---|---|---|---|---|---|",
    ]
    for endpoint in (*READS, "comparison"):
        ours, theirs = wrk[endpoint]["claimline"], wrk[endpoint]["ceiling"]
        ratio = ours["rps"] / theirs["rps"]
        cost = in_process["claimline"][endpoint] / in_process["ceiling"][endpoint]
        tail = ours["p99_ms"] / ours["p50_ms"]
        rate_goal = f"{ratio:.2f}"
        if endpoint in READS:
            rate_goal += f", {_verdict(ratio >= 0.7)}"
        cost_goal = 3.0 if endpoint == "comparison" else 1.5
        lines.append(
            f"| {NAMES[endpoint]} | {_rate(ours['rps'])} | {_rate(theirs['rps'])} | {rate_goal} | "
            f"{ours['p50_ms']:.1f} / {ours['p99_ms']:.1f} ({tail:.1f}x, {_verdict(tail <= 6)}) | "
            f"{in_process['claimline'][endpoint]:,.0f} / {in_process['ceiling'][endpoint]:,.0f} "
            f"({cost:.2f}x, goal ≤ {cost_goal}x: {_verdict(cost <= cost_goal)}) |"
        )
    rss = load["rss_kib_after_round"]
    lines += [
        "",
        f"Resident size of the Claimline worker after each round of load runs: "
        f"{', '.join(f'{kib / 1024:.0f} MiB' for kib in rss)} "
        f"(growth from the first to the last: {(rss[-1] - rss[0]) / 1024:+.1f} MiB).",
    ]
    return lines


def _ingest_table(ingest: dict[str, Any]) -> list[str]:
    lines = [
        "| store | statements | statements/s through the batch endpoint | goal | "
        "COPY statements/s (rows/s) | ratio to COPY | bytes on disk per statement |",
        "|---|---|---|---|---|---|---|",
    ]
    for store, goal in (("postgresql", 10_000), ("sqlite", 5_000)):
        result = ingest.get(store)
        if not result:
            continue
        copy = result.get("copy")
        copied = f"{copy['statements_per_s']:,} ({copy['rows_per_s']:,})" if copy else "—"
        lines.append(
            f"| {store} | {result['statements']:,} | {result['statements_per_s']:,} | ≥ {goal:,}: "
            f"{_verdict(result['statements_per_s'] >= goal)} | {copied} | "
            f"{result.get('ratio_to_copy', '—')} | {result['bytes_per_statement']:,} |"
        )
    return lines


def _archive_table(archive: dict[str, Any]) -> list[str]:
    lines = [
        "| store | statements | statements/s | COPY statements/s | ratio to COPY (goal ≥ 0.5) | "
        "peak resident MiB (goal ≤ 500) | last ÷ first step of the rate (goal ≥ 0.8) | "
        "rebuild fixes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for store in ("postgresql", "sqlite"):
        result = archive.get(store)
        if not result:
            continue
        steps = [step["statements_per_s"] for step in result["rate_by_size"]]
        trend = round(steps[-1] / steps[0], 2) if steps and steps[0] and steps[-1] else None
        copy = result.get("copy")
        ratio = result.get("ratio_to_copy")
        cells = [
            store,
            f"{result['statements']:,}",
            f"{result['statements_per_s']:,}",
            f"{copy['statements_per_s']:,}" if copy else "—",
            f"{ratio} ({_verdict(ratio >= 0.5)})" if ratio is not None else "—",
            f"{result['peak_rss_mib']:,} ({_verdict(result['peak_rss_mib'] <= 500)})",
            f"{trend} ({_verdict(trend >= 0.8)})" if trend is not None else "—",
            str(result["rebuild_fixes"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| store | statements stored | statements/s over the step |", "|---|---|---|"]
    for store in ("postgresql", "sqlite"):
        for step in archive.get(store, {}).get("rate_by_size", []):
            rate = step["statements_per_s"]
            shown = f"{rate:,}" if rate else "—"
            lines.append(f"| {store} | {step['from']:,} to {step['to']:,} | {shown} |")
    return lines


def _views_table(views: dict[str, Any]) -> list[str]:
    lines = [
        "| store | statements | first page ms | deep page ms | comparison ms | bare stance "
        "query ms | rebuild s | rebuild fixes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for store in ("sqlite", "postgresql"):
        for size, result in sorted(views.get(store, {}).items(), key=lambda item: int(item[0])):
            lines.append(
                f"| {store} | {int(size):,} | {result['timeline_first_page_ms']} | "
                f"{result['timeline_deep_page_ms']} | {result.get('comparison_ms', '—')} | "
                f"{result.get('stance_rows_sql_ms', '—')} | {result['rebuild_s']} | "
                f"{result['rebuild_fixed']} |"
            )
    lines += [
        "",
        "| store | largest event | first page, largest ÷ 1,000 (goal ≤ 1.5) | deep page, "
        "largest ÷ 1,000 (goal ≤ 1.5) |",
        "|---|---|---|---|",
    ]
    for store in ("sqlite", "postgresql"):
        ratios = views.get("ratios", {}).get(store)
        if not ratios:
            continue
        largest = max(int(size) for size in views[store])
        first = ratios["first_page_largest_over_smallest"]
        deep = ratios["deep_page_largest_over_smallest"]
        lines.append(
            f"| {store} | {largest:,} | {first} ({_verdict(first <= 1.5)}) | "
            f"{deep} ({_verdict(deep <= 1.5)}) |"
        )
    return lines


def _bigevents_table(big: dict[str, Any]) -> list[str]:
    lines = [
        "| store | statements | comparison ms | with `as_of` (middle) ms | "
        "with `sources=` (5) ms |",
        "|---|---|---|---|---|",
    ]
    for store, by_size in big.get("comparison", {}).items():
        for size, result in sorted(by_size.items(), key=lambda item: int(item[0])):
            lines.append(
                f"| {store} | {int(size):,} | {result['all_ms']} | {result['as_of_middle_ms']} | "
                f"{result['sources_5_ms']} |"
            )
    ratios = big.get("ratios", {})
    lines += ["", "| goal | this run | verdict |", "|---|---|---|"]
    for store in ("sqlite", "postgresql"):
        for kind, goal in (("all", 1.5), ("as_of_middle", 3), ("sources_5", 3)):
            value = ratios.get(f"comparison_{kind}_{store}_100k_over_1k")
            if value is not None:
                lines.append(
                    f"| {store}: comparison ({kind}) at 100,000 ÷ 1,000 ≤ {goal} | {value} | "
                    f"{_verdict(value <= goal)} |"
                )
        value = ratios.get(f"timeline_no_analyze_{store}_20k_over_1k")
        if value is not None:
            lines.append(
                f"| {store}: first timeline page, 20,000 ÷ 1,000, no ANALYZE ≤ 1.5 | {value} | "
                f"{_verdict(value <= 1.5)} |"
            )
    served = big.get("served_views")
    if served:
        for endpoint in ("comparison", "timeline"):
            value = served[f"{endpoint}_over_healthz"]
            lines.append(
                f"| postgresql: unchanged {endpoint} req/s ÷ `/healthz` ≥ 0.5 "
                f"({served[endpoint]['rps']:,.0f} ÷ {served['healthz']['rps']:,.0f}) | {value} | "
                f"{_verdict(value >= 0.5)} |"
            )
    fan = big.get("fan_out")
    if fan:
        lines.append(
            f"| postgresql: {fan['subscribers']:,} subscribers, p99 from 201 ≤ 250 ms "
            f"(p50 {fan['p50_ms']} ms, {fan['delivered']:,} deliveries) | {fan['p99_ms']} ms | "
            f"{_verdict(fan['p99_ms'] <= 250)} |"
        )
        lines.append(
            f"| postgresql: stream reads per change (database transactions per change, "
            f"writes included: {fan['database_transactions_per_change']}) | "
            f"{fan['stream_reads_per_change']} | — |"
        )
    for store, loads in big.get("event_page", {}).items():
        small, large = loads.get("100"), loads.get("100000")
        if not small or not large:
            continue
        for kind, label in (("cold", "first load, views computed"), ("warm", "views kept")):
            ms = large[f"{kind}_ready_ms"]
            ratio = ratios.get(f"event_page_{kind}_ready_{store}_100k_over_100")
            met = ms <= 2000 and ratio is not None and ratio <= 1.5
            lines.append(
                f"| {store}: event page of 100,000 ready ≤ 2 s and ≤ 1.5x that of 100 ({label}: "
                f"{ms:,.0f} ms ÷ {small[f'{kind}_ready_ms']:,.0f} ms) | {ratio} | {_verdict(met)} |"
            )
        requests = max(small["requests"], large["requests"])
        lines.append(
            f"| {store}: requests until the page is ready ≤ 10 (API: {large['api_requests']}) | "
            f"{requests} | {_verdict(requests <= 10)} |"
        )
        live = max(small["live_change_ms"], large["live_change_ms"])
        live_requests = max(small["live_change_requests"], large["live_change_requests"])
        lines.append(
            f"| {store}: a live change shown ≤ 1 s with ≤ 3 requests ({live_requests} requests) "
            f"| {live:,.0f} ms | {_verdict(live <= 1000 and live_requests <= 3)} |"
        )
    return lines


def _submit_table(timing: dict[str, Any]) -> list[str]:
    lines = [
        "| store | seed story (2 POSTs) ms | one batch of 1,000 s | statements/s |",
        "|---|---|---|---|",
    ]
    for store in ("sqlite", "postgresql"):
        result = timing.get(store)
        if result:
            lines.append(
                f"| {store} | {result['seed_story_s'] * 1000:.0f} | "
                f"{result['batch_1000_s']:.2f} | {result['batch_statements_per_s']:,.0f} |"
            )
    return lines


def _plot(load: dict[str, Any], ingest: dict[str, Any]) -> None:
    figure, (reads, writes) = plt.subplots(1, 2, figsize=(11, 4))
    endpoints = list(READS)
    ours = [load["wrk"][e]["claimline"]["rps"] for e in endpoints]
    theirs = [load["wrk"][e]["ceiling"]["rps"] for e in endpoints]
    positions = range(len(endpoints))
    reads.bar([p - 0.2 for p in positions], ours, 0.4, label="Claimline")
    reads.bar([p + 0.2 for p in positions], theirs, 0.4, label="ceiling (Starlette+asyncpg)")
    reads.set_xticks(list(positions), endpoints)
    reads.set_ylabel("requests/s (wrk, 32 connections, median of 3)")
    reads.set_title("Reads on PostgreSQL, one worker")
    reads.legend()
    stores = [store for store in ("postgresql", "sqlite") if store in ingest]
    writes.bar(stores, [ingest[store]["statements_per_s"] for store in stores], label="Claimline")
    writes.axhline(10_000, color="grey", linestyle="--", label="goal on PostgreSQL")
    writes.set_ylabel("statements/s (batches of 1000)")
    writes.set_title("Ingest")
    writes.legend()
    figure.tight_layout()
    figure.savefig(RESULTS / "speed.png", dpi=100)


def _plot_bigevents(big: dict[str, Any]) -> None:
    """The comparison's cost by event size, each store and kind, on log-log axes."""
    figure, axes = plt.subplots(1, 1, figsize=(7, 4))
    for store, by_size in big.get("comparison", {}).items():
        sizes = sorted(by_size, key=int)
        for kind, label in (
            ("all_ms", "all"),
            ("as_of_middle_ms", "as_of"),
            ("sources_5_ms", "sources= (5)"),
        ):
            axes.plot(
                [int(size) for size in sizes],
                [by_size[size][kind] for size in sizes],
                marker="o",
                label=f"{store}: {label}",
            )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("statements in the event (50 parties, 20 claims)")
    axes.set_ylabel("comparison computed, ms (median)")
    axes.set_title("The comparison by event size")
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(RESULTS / "bigevents.png", dpi=100)


def main() -> None:
    """Rewrite the latest-run section of bench/README.md and the plots."""
    load, ingest, views = _load("load"), _load("ingest"), _load("views")
    archive = _load("archive")
    timing, big = _load("submit_timing"), _load("bigevents")
    section = [BEGIN, ""]
    if load:
        section += ["### Reads (`bench/load.py`, PostgreSQL)", "", *_reads_table(load), ""]
    if ingest:
        section += ["### Ingest and size (`bench/ingest.py`)", "", *_ingest_table(ingest), ""]
    if archive:
        section += [
            "### Import of an archive (`bench/archive.py`)",
            "",
            *_archive_table(archive),
            "",
        ]
    if views:
        section += ["### Page cost by event size (`bench/views.py`)", "", *_views_table(views), ""]
    if big:
        section += ["### Big events (`bench/bigevents.py`)", "", *_bigevents_table(big), ""]
        if big.get("comparison"):
            _plot_bigevents(big)
            section += ["![The comparison by event size](results/bigevents.png)", ""]
    if timing:
        section += [
            "### Submissions in-process (`bench/submit_timing.py`)",
            "",
            *_submit_table(timing),
            "",
        ]
    if load and ingest:
        _plot(load, ingest)
        section += ["![Claimline and the ceiling](results/speed.png)", ""]
    section.append(END)
    text = README.read_text()
    if BEGIN in text:
        before, rest = text.split(BEGIN, 1)
        text = before + "\n".join(section) + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Latest run\n\n" + "\n".join(section) + "\n"
    README.write_text(text)


if __name__ == "__main__":
    main()

"""The benchmark: a generated corpus of N plans through every stage, against the budgets.

    .venv/bin/python scripts/bench.py [--plans 10000] [--seed 1] [--json FILE] [--record PAGE]
                                      [--no-baseline] [--no-serve] [--no-browser]

Measures import throughput (documents through `kehoach import`), the citation graph (`kehoach
graph --json`), the full `mkdocs build` of the site (cold: no cache) with its peak memory (all its
processes), the same build without the search index, the size of the site and of its pages, the
search index and a cold query in headless Chromium (bytes fetched, time to first results), the
plain MkDocs + Material baseline (the same plan files as Markdown pages, no hooks, the same theme
and features, Material's own search as a plain site has it), and how long `mkdocs serve` takes to
show a change to one plan (at 1,000 plans). Prints JSON, writes it to --json, appends a dated row
to the performance page (--record), and exits 1 if a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import quote, unquote

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ENGINE = BIN / "properdocs"  # ProperDocs, the maintained fork of MkDocs 1.x
CONFIG = "properdocs.yml"
sys.path.insert(0, str(ROOT))

from kehoach.synth import write_corpus  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
CHROMIUM = "/usr/bin/chromium"
# cold queries: words, a place, numbers as typed, a quoted phrase, and words most plans hold, which a
# large base answers from their whole lists (at 100,000 plans, 384 and 438 KB where the others fetch ≤ 215)
QUERIES = ["tro giup phap ly", "nguoi khuyet tat hung ha", "19/KH-UBND", "19 kh ubnd thai binh", "kế hoạch số 15 hòa bình",
           '"tiep can phap luat" can tho', "tuyen truyen pho bien", "trợ giúp pháp lý cho người khuyết tật"]
MB = 1_000_000


def budgets(plans: int) -> dict:
    """The budgets of the scale issue, for a corpus of `plans` (time budgets hold at 10,000)."""
    # memory: ≤ 2 GB up to 30,000 plans, ≤ 4 GB at 100,000; a cold build ≤ 150 s at 10,000, ≤ 30 minutes at 100,000,
    # and ≤ 0.5× the plain MkDocs + Material build of the same files (it was ≤ 1.25× before the scale issue);
    # the site ≤ 400 MB at 10,000 (about 40 KB a plan)
    return {"build_ratio": 0.5, "build_seconds": 150 if plans <= 10000 else 1800,
            "rss_mb": 2000 if plans <= 30000 else 4000, "site_mb": 400 * max(1, plans / 10000), "plan_page_kb": 40,
            "page_kb": 200, "query_kb": 300, "query_ms": 300, "search_share": 0.20, "serve_seconds": 5,
            "incremental_share": 0.10,
            "lookup_kb": 1500, "recall_at_1": 0.9}


# -- helpers ------------------------------------------------------------------------------------

def machine() -> str:
    cpu = ""
    try:
        cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "")
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {cpu or platform.processor()}, {os.cpu_count()} cores, {mem:.0f} GiB, " \
           f"Python {platform.python_version()}"


def _tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the sum of their proportional set
    sizes (Linux /proc), so that pages a forked worker shares with its parent count once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_measured(cmd: list[str], env: dict, cwd: Path) -> tuple[float, int, subprocess.CompletedProcess]:
    """(seconds, peak RSS of the process tree in bytes, result)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    out: dict[str, str] = {}
    reader = threading.Thread(target=lambda: out.update(zip(("stdout", "stderr"), proc.communicate())))
    reader.start()
    while reader.is_alive():
        peak = max(peak, _tree_rss(proc.pid))
        reader.join(0.2)
    seconds = time.perf_counter() - start
    return seconds, peak, subprocess.CompletedProcess(cmd, proc.returncode, out.get("stdout", ""), out.get("stderr", ""))


def env(**extra) -> dict:
    """The environment of the commands the bench runs: this tree's library first on the path (the bench
    of a worktree measures that tree's code, whatever the virtual environment's editable install)."""
    return {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "NO_MKDOCS_2_WARNING": "1",
            "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT), **extra}


def project(tmp: Path, plans: Path) -> Path:
    """A copy of the site's configuration whose plans/ is `plans` (moved in, not copied)."""
    proj = tmp / "project"
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, proj / name)
    shutil.copy(ROOT / CONFIG, proj)
    shutil.move(str(plans), proj / "plans")
    return proj


def baseline_project(tmp: Path, proj: Path, search: bool = True) -> Path:
    """The same plan files as plain Markdown pages of a plain MkDocs + Material site: no hooks, the
    same theme, features, extensions and navigation, Material's default plugins (its search), or
    with `search=False` no plugin at all."""
    base = tmp / ("baseline" if search else "baseline-nosearch")
    shutil.copytree(proj / "docs", base / "docs")
    (base / "docs" / "ke-hoach").mkdir(parents=True)
    for f in (proj / "plans").rglob("*.md"):
        shutil.copy(f, base / "docs" / "ke-hoach" / f.name)
    text = (proj / CONFIG).read_text("utf-8")
    text = re.sub(r"(?m)^hooks:\n(  - .*\n)+", "", text)
    text = re.sub(r"(?m)^plugins: \[\].*\n", "", text)  # plain Material: its default search plugin
    text = re.sub(r"(?m)^  custom_dir: .*\n", "", text)
    text = re.sub(r"(?m)^watch:\n(  - .*\n)+", "", text)
    # the nav of the plain site lists the hand-written pages it has; generated index pages do not exist
    text = re.sub(r"(?ms)^nav:\n.*?(?=^\S)", "nav:\n  - Trợ giúp pháp lý: huong-dan/tro-giup-phap-ly.md\n"
                  "  - Định dạng kế hoạch: dinh-dang.md\n", text)
    if not search:
        text = text.replace("\nnav:", "\nplugins: []\nnav:", 1)
    (base / CONFIG).write_text(text, "utf-8")
    (base / "docs" / "index.md").write_text("# Kế hoạch\n", "utf-8")
    return base


def apparent_size(root: Path) -> int:
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- stages -------------------------------------------------------------------------------------

def bench_import(docs: int) -> dict:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in seeds]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "plans")
        src.mkdir()
        for i in range(docs):  # the seeds with distinct numbers
            (src / f"doc{i:05d}.txt").write_text(re.sub(r"Số: [^/\n]*/", f"Số: {i + 1}/", texts[i % len(texts)],
                                                        count=1), "utf-8")
        start = time.perf_counter()
        proc = subprocess.run([str(BIN / "kehoach"), "import", str(src), "--out", str(out)], capture_output=True,
                              text=True, check=False)
        seconds = time.perf_counter() - start
        written = len(list(out.rglob("*.md")))
    return {"documents": docs, "written": written, "seconds": round(seconds, 2),
            "per_second": round(docs / seconds, 1), "ok": proc.returncode == 0 and written == docs}


def bench_graph(plans: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "kehoach"), "graph", str(plans), "--json"], capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    data = json.loads(proc.stdout) if proc.returncode == 0 else {"nodes": [], "edges": []}
    kinds: dict[str, int] = {}
    for n in data["nodes"]:
        kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
    return {"seconds": round(seconds, 2), "nodes": kinds, "edges": len(data["edges"]),
            "json_mb": round(len(proc.stdout.encode()) / MB, 1), "ok": proc.returncode == 0}


def build_env(search: bool) -> dict:
    """The environment of a build as the Pages workflow runs it (plan files linked, not copied)."""
    return env(KEHOACH_SOURCE_URL="https://github.com/OWNER/REPO/raw/COMMIT/", KEHOACH_SEARCH="1" if search else "0",
               REPO_URL="https://github.com/OWNER/REPO", EDIT_URI="edit/main/docs/")


MARKER = "Bản sửa đổi thử nghiệm"  # put before a plan's title to see a change reach its page


def plan_id(plan: Path) -> str:
    return yaml.safe_load(plan.read_text("utf-8").split("---\n")[1])["id"]


def retitle(plan: Path) -> None:
    """Put MARKER before the plan's title."""
    text = plan.read_text("utf-8")
    plan.write_text(re.sub(r"(?m)^title: (.*)$", rf"title: {MARKER} \1", text, count=1), "utf-8")


def bench_build(proj: Path, site: Path, search: bool) -> dict:
    shutil.rmtree(proj / ".cache", ignore_errors=True)  # cold: no converted text kept from before
    shutil.rmtree(site, ignore_errors=True)
    e = build_env(search)
    seconds, rss, proc = run_measured([str(ENGINE), "build", "-q", "-d", str(site)], e, proj)
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(rss / MB), "ok": proc.returncode == 0,
            "error": proc.stderr[-2000:] if proc.returncode else ""}


def bench_incremental(proj: Path, site: Path, cold: float) -> dict:
    """Builds after the cold one, keeping what they can of it: with nothing changed, then after one
    plan's title changed; each as a share of the cold build."""
    e = build_env(True)
    out: dict = {}
    plans = sorted((proj / "plans").rglob("*.md"))
    target = plans[len(plans) // 3]
    for name in ("unchanged", "one_title"):
        if name == "one_title":
            retitle(target)
        seconds, rss, proc = run_measured([str(ENGINE), "build", "-q", "-d", str(site)], e, proj)
        out[name] = {"seconds": round(seconds, 1), "share": round(seconds / cold, 3) if cold else None,
                     "peak_rss_mb": round(rss / MB), "ok": proc.returncode == 0,
                     "error": proc.stderr[-2000:] if proc.returncode else ""}
    page = site / "ke-hoach" / plan_id(target) / "index.html"
    out["one_title"]["shown"] = page.exists() and MARKER in page.read_text("utf-8")
    return out


def site_figures(site: Path) -> dict:
    pages = [(f, f.stat().st_size) for f in site.rglob("*.html")]
    plan_pages = [s for f, s in pages if f.parent.parent.name == "ke-hoach" and f.name == "index.html"]
    biggest = max(pages, key=lambda x: x[1]) if pages else (site, 0)
    index = site / "chi-muc"
    return {"site_mb": round(apparent_size(site) / MB, 1), "pages": len(pages),
            "plan_pages": len(plan_pages),
            "plan_page_kb": {"median": round(statistics.median(plan_pages) / 1024, 1) if plan_pages else 0,
                             "max": round(max(plan_pages) / 1024, 1) if plan_pages else 0},
            "largest_page": {"path": str(biggest[0].relative_to(site)), "kb": round(biggest[1] / 1024, 1)},
            "pages_over_200kb": sum(1 for _, s in pages if s > 200 * 1024),
            "search_index_mb": round(apparent_size(index) / MB, 1) if index.exists() else 0,
            "search_index_files": sum(1 for _ in index.rglob("*")) if index.exists() else 0,
            "catalogue_gz_mb": round(sum(len(gzip.compress(f.read_bytes(), 6)) for f in (site / "tra-cuu").glob("*.json"))
                                     / MB, 2) if (site / "tra-cuu").exists() else 0,
            "catalogue_part_gz_mb": round(max((len(gzip.compress(f.read_bytes(), 6)) for f in (site / "tra-cuu").glob("*-*.json")),
                                              default=0) / MB, 2) if (site / "tra-cuu").exists() else 0}


class Pages(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text (HTML, CSS, JS, JSON) gzip-compressed."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in self.COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


def serve_site(site: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Pages, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port


def bench_queries(site: Path) -> dict:
    """Each query in a fresh browser context (empty cache), typed into the search of the site's
    home page: bytes transferred (compressed, as GitHub Pages serves them) from the query on, and
    the time until the first results are in the page."""
    from playwright.sync_api import sync_playwright

    server, port = serve_site(site)
    out = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for q in QUERIES:
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(f"http://127.0.0.1:{port}/")
                fetched: list[int] = []
                page.on("requestfinished", lambda r: fetched.append(r.sizes()["responseBodySize"]
                                                                    + r.sizes()["responseHeadersSize"]))
                result = page.evaluate("""async (q) => {
                    const t0 = performance.now();
                    const ts = await import(new URL('assets/timkiem.js', document.baseURI).href);
                    const found = await ts.search(q, {base: new URL('./', document.baseURI).href, limit: 10});
                    const ms = performance.now() - t0;
                    // then, as the box does, the passage of each of the first plans, from its page
                    await Promise.all(found.results.filter(r => r.kind === 'plan').slice(0, 8)
                      .map(r => ts.passage(r.url, found.terms)));
                    return {ms, excerpts_ms: performance.now() - t0, total: found.total,
                            first: found.results.map(r => r.title)};
                }""", q)
                page.wait_for_timeout(300)
                out.append({"query": q, "ms": round(result["ms"]), "excerpts_ms": round(result["excerpts_ms"]),
                            "kb": round(sum(fetched) / 1024, 1), "results": result["total"], "first": result["first"][:3]})
                ctx.close()
            browser.close()
    finally:
        server.shutdown()
    return {"queries": out, "max_ms": max(q["ms"] for q in out), "max_kb": max(q["kb"] for q in out)}


def lookups(site: Path) -> list[str]:
    """Lookups people make on the Tra cứu page, as its address's query: opening it, a number, words
    most documents hold, a place's name, a province, the oldest year (its parts are the last)."""
    index = json.loads((site / "tra-cuu" / "index.json").read_text("utf-8"))
    years = sorted({y for part in index["counts"] for y in part["years"]})
    provinces = index["tables"].get("provinces") or [""]
    return ["", "q=19/KH-UBND", "q=tro+giup+phap+ly", "q=hung+ha", "q=k%E1%BA%BF+ho%E1%BA%A1ch+s%E1%BB%91+15",
            f"tinh={quote(provinces[0])}", f"nam={years[0] if years else ''}",
            f"tinh={quote(provinces[-1])}&nam={years[-1] if years else ''}"]


def bench_lookups(site: Path) -> dict:
    """Each lookup opened in a fresh browser context (empty cache): the catalogue's bytes it fetched
    (compressed, as GitHub Pages serves them) and the time until its rows are in the page."""
    from playwright.sync_api import sync_playwright

    server, port = serve_site(site)
    out = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for query in lookups(site):
                ctx = browser.new_context()
                page = ctx.new_page()
                fetched: list[int] = []
                page.on("requestfinished", lambda r: fetched.append(r.sizes()["responseBodySize"]
                                                                    + r.sizes()["responseHeadersSize"])
                        if "/tra-cuu/" in r.url and r.url.endswith(".json") else None)
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/tra-cuu/?{query}")
                page.wait_for_selector("[data-kh-lookup-results][data-query]", state="attached", timeout=120_000)
                ms = (time.perf_counter() - t0) * 1000
                page.wait_for_timeout(300)
                out.append({"query": unquote(query), "ms": round(ms), "kb": round(sum(fetched) / 1024, 1),
                            "files": len(fetched), "said": page.inner_text("[data-kh-lookup-meta]")[:80]})
                ctx.close()
            browser.close()
    finally:
        server.shutdown()
    return {"lookups": out, "max_kb": max(q["kb"] for q in out), "max_ms": max(q["ms"] for q in out)}


def bench_timelines(plans: Path) -> dict:
    """How many task timelines of the corpus are read as periods (kehoach.timeline)."""
    from kehoach.planfile import PlanError, iter_plan_paths, read_plans
    from kehoach.timeline import share_parsed

    files = [f for f in read_plans(iter_plan_paths(plans), keys=frozenset({"tasks"})) if not isinstance(f, PlanError)]
    read, given = share_parsed([t.get("timeline") for f in files for t in f.meta.get("tasks") or []
                                if isinstance(t, dict)])
    return {"read": read, "given": given, "share": round(read / given, 3) if given else None}


def bench_relevance(site: Path, plans: Path) -> dict:
    """The relevance set (scripts/relevance.py) of the corpus, asked of the site's search script."""
    from playwright.sync_api import sync_playwright

    from scripts.relevance import cases, figures, ranks

    all_cases = cases(plans)
    server, port = serve_site(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            base = f"http://127.0.0.1:{port}/"
            page.goto(base)
            found = figures(all_cases, ranks(page, base, all_cases, typing=False))
            browser.close()
    finally:
        server.shutdown()
    return found


def bench_serve(tmp: Path, count: int, seed: int) -> dict:
    """`mkdocs serve` on `count` plans: seconds from saving a change to one plan until the served page
    shows it."""
    import urllib.request

    plans = tmp / "serve-plans"
    write_corpus(count, plans, seed)
    proj = project(tmp / "serve", plans)
    port = free_port()
    proc = subprocess.Popen([str(ENGINE), "serve", "-a", f"127.0.0.1:{port}"], env=env(), cwd=proj,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    target = sorted((proj / "plans").rglob("*.md"))[count // 2]
    url = f"http://127.0.0.1:{port}/ke-hoach/{plan_id(target)}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.time() + 300
        while "<h1" not in page():
            if time.time() > deadline or proc.poll() is not None:
                return {"plans": count, "seconds": None, "ok": False, "error": (proc.stderr.read() or "")[-1000:]}
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle
        start = time.perf_counter()
        retitle(target)
        while MARKER not in page():
            if time.perf_counter() - start > 120:
                return {"plans": count, "seconds": None, "ok": False}
            time.sleep(0.1)
        return {"plans": count, "seconds": round(time.perf_counter() - start, 1), "ok": True}
    finally:  # serve and what it started (its search index, still writing into this folder)
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)


# -- the run ------------------------------------------------------------------------------------

def check(r: dict, b: dict) -> list[str]:
    misses = []
    build = r["build"]
    # like for like: the site with its search against the plain site with Material's, and both without
    for key, ours, plain in (("build_ratio", "build", "baseline"),
                             ("build_ratio_without_search", "build_without_search", "baseline_without_search")):
        if (r.get(plain) or {}).get("seconds") and (r.get(ours) or {}).get("seconds"):
            r[key] = round(r[ours]["seconds"] / r[plain]["seconds"], 2)
            if r[key] > b["build_ratio"]:
                misses.append(f"{ours} {r[ours]['seconds']} s is {r[key]}× {plain}'s (≤ {b['build_ratio']})")
    if build["seconds"] > b["build_seconds"]:
        misses.append(f"build {build['seconds']} s (≤ {b['build_seconds']})")
    if build["peak_rss_mb"] > b["rss_mb"]:
        misses.append(f"peak RSS {build['peak_rss_mb']} MB (≤ {b['rss_mb']})")
    s = r["site"]
    if s["site_mb"] > b["site_mb"]:
        misses.append(f"site {s['site_mb']} MB (≤ {b['site_mb']})")
    if s["plan_page_kb"]["max"] > b["plan_page_kb"]:
        misses.append(f"largest plan page {s['plan_page_kb']['max']} KB (≤ {b['plan_page_kb']})")
    if s["pages_over_200kb"]:
        misses.append(f"{s['pages_over_200kb']} pages over {b['page_kb']} KB")
    lk = r.get("lookups")
    if lk and lk["max_kb"] > b["lookup_kb"]:
        misses.append(f"a lookup fetched {lk['max_kb']} KB of the catalogue (≤ {b['lookup_kb']})")
    rel = r.get("relevance")
    if rel and rel["recall_at_1"] < b["recall_at_1"]:
        misses.append(f"search recall@1 {rel['recall_at_1']} (≥ {b['recall_at_1']})")
    q = r.get("search")
    if q:
        if q["max_kb"] > b["query_kb"]:
            misses.append(f"a cold query fetched {q['max_kb']} KB (≤ {b['query_kb']})")
        if q["max_ms"] > b["query_ms"]:
            misses.append(f"a cold query took {q['max_ms']} ms (≤ {b['query_ms']})")
    nosearch = r.get("build_without_search")
    if nosearch and nosearch.get("seconds"):
        r["search_share"] = round(build["seconds"] / nosearch["seconds"] - 1, 2)
        if r["search_share"] > b["search_share"]:
            misses.append(f"the search index adds {r['search_share']:.0%} to the build (≤ {b['search_share']:.0%})")
    inc = r.get("incremental")
    if inc:
        for name, what in (("unchanged", "with nothing changed"), ("one_title", "after one title changed")):
            step = inc[name]
            if not step["ok"] or step["share"] > b["incremental_share"]:
                misses.append(f"a build {what} took {step['seconds']} s, {step['share']:.0%} of the cold one "
                              f"(≤ {b['incremental_share']:.0%})")
        if not inc["one_title"].get("shown"):
            misses.append("the build after one title changed did not show it")
    sv = r.get("serve")
    if sv and (not sv.get("ok") or sv["seconds"] > b["serve_seconds"]):
        misses.append(f"mkdocs serve showed a change in {sv.get('seconds')} s (≤ {b['serve_seconds']})")
    for stage in ("import", "graph", "build", "build_without_search", "baseline", "baseline_without_search"):
        if stage in r and not r[stage].get("ok"):
            misses.append(f"{stage} failed")
    return misses


def record(path: Path, r: dict) -> None:
    """Append the run as a row of the table under '## Benchmark' in the performance page."""
    s, q = r["site"], r.get("search") or {}
    inc = r.get("incremental") or {}
    lookup = f", a lookup ≤ {r['lookups']['max_kb']} KB" if r.get("lookups") else ""
    again = "".join(f"; {label} {inc[k]['seconds']} s ({inc[k]['share']:.0%})"
                    for k, label in (("unchanged", "again unchanged"), ("one_title", "one title changed")) if k in inc)
    row = (f"| {r['date']} | {r['machine']} | {r['plans']:,} | {r['import']['per_second']} | {r['graph']['seconds']} s "
           f"| {r['build']['seconds']} s, {r['build']['peak_rss_mb']} MB{again} | "
           f"{(r.get('baseline') or {}).get('seconds', '–')} s ({r.get('build_ratio', '–')}×); without search "
           f"{(r.get('baseline_without_search') or {}).get('seconds', '–')} s ({r.get('build_ratio_without_search', '–')}×) | "
           f"{'{:+.0%}'.format(r['search_share']).replace('-', '−') if 'search_share' in r else '–'} | {s['site_mb']} MB | {s['plan_page_kb']['median']}/{s['plan_page_kb']['max']} KB "
           f"| {s['largest_page']['kb']} KB | {s['search_index_mb']} MB, catalogue {s.get('catalogue_gz_mb', '–')} MB gz{lookup} | {q.get('max_kb', '–')} KB, {q.get('max_ms', '–')} ms; "
           f"recall@1 {(r.get('relevance') or {}).get('recall_at_1', '–')}, MRR {(r.get('relevance') or {}).get('mrr', '–')} "
           f"| {(r.get('serve') or {}).get('seconds', '–')} s | {'✓' if not r['misses'] else '✗ ' + '; '.join(r['misses'])} |")
    text = path.read_text("utf-8")
    text = text.rstrip("\n") + "\n" + row + "\n"
    path.write_text(text, "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--import-docs", type=int, default=1000)
    ap.add_argument("--serve-plans", type=int, default=10000)
    ap.add_argument("--json", type=Path, help="write the result here too")
    ap.add_argument("--record", type=Path, help="append a row to this page (docs/hieu-nang.md)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    r: dict = {"date": datetime.date.today().isoformat(), "machine": machine(), "plans": args.plans}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmpdir:
        tmp = Path(tmpdir)
        t = time.perf_counter()
        r["plans"] = write_corpus(args.plans, tmp / "plans", args.seed)  # as many as the generator can make
        if r["plans"] < args.plans:
            print(f"bench: the generator made {r['plans']} plans, not {args.plans}", file=sys.stderr)
        r["synth_seconds"] = round(time.perf_counter() - t, 1)
        proj = project(tmp, tmp / "plans")
        r["import"] = bench_import(min(args.import_docs, args.plans))
        r["graph"] = bench_graph(proj / "plans")
        r["timelines"] = bench_timelines(proj / "plans")
        r["build_without_search"] = bench_build(proj, tmp / "site", search=False)
        r["build"] = bench_build(proj, tmp / "site", search=True)
        r["site"] = site_figures(tmp / "site")
        if not args.no_browser and r["build"]["ok"]:
            r["search"] = bench_queries(tmp / "site")
            r["relevance"] = bench_relevance(tmp / "site", proj / "plans")
            r["lookups"] = bench_lookups(tmp / "site")
        if r["build"]["ok"]:
            r["incremental"] = bench_incremental(proj, tmp / "site", r["build"]["seconds"])
        shutil.rmtree(tmp / "site", ignore_errors=True)
        if not args.no_baseline:
            for key, search in (("baseline", True), ("baseline_without_search", False)):
                base = baseline_project(tmp, proj, search)
                seconds, rss, proc = run_measured([str(ENGINE), "build", "-q", "-d", str(tmp / "base-site")],
                                                  env(), base)
                r[key] = {"seconds": round(seconds, 1), "peak_rss_mb": round(rss / MB), "ok": proc.returncode == 0,
                          "site_mb": round(apparent_size(tmp / "base-site") / MB, 1),
                          "error": proc.stderr[-2000:] if proc.returncode else ""}
                shutil.rmtree(tmp / "base-site", ignore_errors=True)
                shutil.rmtree(base, ignore_errors=True)
        if not args.no_serve:
            r["serve"] = bench_serve(tmp, min(args.serve_plans, args.plans), args.seed)
    r["bench_seconds"] = round(time.perf_counter() - started)
    r["misses"] = check(r, budgets(args.plans))
    text = json.dumps(r, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    if args.record:
        record(args.record, r)
    return 1 if r["misses"] else 0


if __name__ == "__main__":
    sys.exit(main())

// A register (co-quan/<agency>/<province>/, dia-ban/<province>/nhiem-vu/, a commune's page): its tasks again, by the reader's
// day rather than the build's, so the page never goes stale between builds. Each item carries its
// period (data-kh-p="start/end", either part empty when the plan does not say; data-kh-r when it
// recurs or never ends); kehoach/register.py and register_pages.py write them, by the year of their
// deadline, which is how the page reads without this script.
//
//   Đến hạn quý này   the deadline falls in the current quarter
//   Sắp tới           the deadline is after this quarter and the task has not begun by its end
//   Đang thực hiện    begun, or recurring, and running past this quarter; or all along, with no end
//   Đã qua            the deadline was before this quarter
//   Chưa rõ thời hạn  the plan names no time

const iso = (d) => [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"), String(d.getDate()).padStart(2, "0")].join("-");
const shown = (s) => s.split("-").reverse().join("/");

export function quarter(now) {
  const q = Math.floor(now.getMonth() / 3);
  return { number: q + 1, start: iso(new Date(now.getFullYear(), 3 * q, 1)), end: iso(new Date(now.getFullYear(), 3 * q + 3, 0)) };
}

export function group(period, recurs, q) {
  if (!period) return "chua-ro";
  const [start, end] = period.split("/");
  if (!end) return "dang-thuc-hien";
  if (end < q.start) return "da-qua";
  if (end <= q.end) return "den-han";
  if ((start && start <= q.end) || (recurs && !start)) return "dang-thuc-hien";
  return "sap-toi";
}

const register = document.querySelector("[data-kh-register]");
if (register) {
  const now = new Date();
  const q = quarter(now);
  const groups = [
    ["den-han", `Đến hạn quý này (quý ${["I", "II", "III", "IV"][q.number - 1]}/${now.getFullYear()})`],
    ["sap-toi", "Sắp tới"],
    ["dang-thuc-hien", "Đang thực hiện"],
    ["da-qua", "Đã qua"],
    ["chua-ro", "Chưa rõ thời hạn"],
  ];
  const items = Object.fromEntries(groups.map(([key]) => [key, []]));
  // every task, whatever its heading, with its plan (the li.kh-reg-plan it is under) and its place in the page
  const all = [...register.querySelectorAll("li[data-kh-p]")];
  all.forEach((li, i) => items[group(li.dataset.khP, li.hasAttribute("data-kh-r"), q)].push({ li, i, plan: li.parentElement.closest("li") }));
  const end = (x) => x.li.dataset.khP.split("/")[1] || "9999";
  for (const key in items) items[key].sort((a, b) => end(a).localeCompare(end(b)) || a.i - b.i);
  items["da-qua"].reverse();  // the latest deadline first
  const toc = document.createElement("nav");
  toc.className = "kh-toc";
  toc.setAttribute("aria-label", "Các nhóm nhiệm vụ");
  const note = document.createElement("p");
  note.className = "kh-register-note";
  const paged = document.querySelector(".kh-pager") ? " Các nhóm dưới đây là của những nhiệm vụ trên trang này." : "";
  note.textContent = `Theo ngày hôm nay, ${shown(iso(now))}. Mỗi nhiệm vụ ghi thời gian như kế hoạch viết.${paged}`;
  const parts = [note, toc];
  for (const [key, title] of groups) {
    if (!items[key].length) continue;
    const h = document.createElement(`h${register.dataset.khLevel}`);
    h.id = key;
    h.textContent = `${title} (${items[key].length})`;
    const ul = document.createElement("ul");
    const under = new Map();  // a plan's tasks in this group, under one copy of its number and link
    for (const x of items[key]) {
      const plan = x.plan.querySelector("a").getAttribute("href");  // a plan is under each period it has tasks in
      if (!under.has(plan)) {
        const li = document.createElement("li");
        li.className = "kh-reg-plan";
        for (const node of x.plan.childNodes) if (node.nodeName !== "UL") li.append(node.cloneNode(true));
        li.append(document.createElement("ul"));
        under.set(plan, li.lastChild);
        ul.append(li);
      }
      under.get(plan).append(x.li);
    }
    const a = document.createElement("a");
    a.href = `#${key}`;
    a.textContent = h.textContent;
    toc.append(a, " ");
    parts.push(h, ul);
  }
  register.replaceChildren(...parts);
  register.dataset.khSorted = iso(now);
}

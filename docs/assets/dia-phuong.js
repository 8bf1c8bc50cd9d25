// "Địa phương của tôi" (dia-phuong/): pick a province, then a commune (typed with or without
// diacritics), and see every plan that applies there, newest first, from the province's file written by
// kehoach/site/local_page.py. The address keeps the commune (?xa=…): sharing it shares the page.
import { el, fold } from "./timkiem.js";

const form = document.querySelector("[data-kh-local]");
const input = form.elements.xa;
const select = form.elements.tinh;
const choices = document.querySelector("[data-kh-local-choices]");
const meta = document.querySelector("[data-kh-local-meta]");
const out = document.querySelector("[data-kh-local-result]");
const LEGACY = "truoc-2025/";
const ERA = " (trước 1/7/2025)";
const MAX_CHOICES = 12;
let data = null;

async function load(province) {
  data = null;
  input.disabled = true;
  choices.replaceChildren();
  out.replaceChildren();
  if (!province) { meta.textContent = ""; return; }
  meta.textContent = "Đang tải danh sách xã, phường…";
  try {
    const res = await fetch(new URL(`${province}.json`, location.href));
    if (!res.ok) throw new Error(res.status);
    data = await res.json();
    data.keys = data.communes.map((c) => fold(c[1]));
    data.provinces = Object.keys(data.at);
  } catch {
    meta.textContent = "Không tải được danh sách. Hãy kiểm tra kết nối mạng rồi thử lại.";
    return;
  }
  input.disabled = false;
  meta.textContent = `${data.communes.length} xã, phường, đặc khu. Gõ tên để chọn.`;
}

function suggest() {
  choices.replaceChildren();
  if (!data) return;
  const words = fold(input.value).split(/\s+/).filter(Boolean);
  if (!words.length) return;
  const found = data.communes.filter((c, i) => words.every((w) => data.keys[i].includes(w))).slice(0, MAX_CHOICES);
  for (const c of found) {
    const li = el("li");
    const b = el("button", c[1], { type: "button", "data-xa": c[0] });
    b.addEventListener("click", () => show(c[0], true));
    li.append(b);
    choices.append(li);
  }
  if (!found.length) choices.append(el("li", "Không có xã, phường nào có tên như vậy trong tỉnh này."));
}

function shown(iso) {  // "2024-07-19" → "19/07/2024"; "2024" → "năm 2024"
  const [y, m, d] = iso.split("-");
  return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : y ? `năm ${y}` : "";
}

async function more(places) {  // the files of the places a commune holds plans from
  const files = await Promise.all(places.filter((x) => !data.at[x]).map(async (x) => {
    const res = await fetch(new URL(`${x}.json`, location.href));
    if (!res.ok) throw new Error(res.status);
    return res.json();
  }));
  for (const f of files) for (const k of ["at", "names", "plans"]) Object.assign(data[k], f[k]);
  if (!data.docs) {
    const res = await fetch(new URL("van-ban.json", location.href));
    if (!res.ok) throw new Error(res.status);
    data.docs = await res.json();
  }
}

function entry(id, scope) {
  const plan = data.plans[id];
  const article = el("article", "", { class: "kh-local-plan", "data-plan": id });
  const h = el("h3");
  h.append(el("a", plan.t, { href: `../ke-hoach/${id}/` }));
  article.append(h);
  // a plan dated by its year (or month) only: after the latest document it cites ("năm 2026, sau ngày 30/03/2026")
  const when = [shown(plan.o), plan.a && `sau ngày ${shown(plan.a)}`].filter(Boolean).join(", ");
  article.append(el("p", [plan.d && "Dự thảo", plan.n, when, plan.i, scope].filter(Boolean).join(" · "), { class: "kh-local-facts" }));
  if (plan.s) article.append(el("p", plan.s));
  if (plan.k.length) {
    article.append(el("p", "Việc làm cho người dân:"));
    const ul = el("ul");
    for (const task of plan.k) ul.append(el("li", task));
    article.append(ul);
  }
  return article;
}

const placeName = (id) => (data.names[id] || id) + (id.startsWith(LEGACY) ? ERA : "");

async function show(communeId, remember) {
  const commune = data && data.communes.find((c) => c[0] === communeId);
  if (!commune) return;
  const [id, name, places, formedFrom] = commune;
  input.value = name;
  choices.replaceChildren();
  try {
    await more(places);
  } catch {
    meta.textContent = "Không tải được kế hoạch của xã, phường này. Hãy kiểm tra kết nối mạng rồi thử lại.";
    return;
  }
  if (remember) history.replaceState(null, "", `?xa=${encodeURIComponent(id)}`);
  const entries = [];  // [plan id, scope]
  const add = (place, scope) => { for (const p of data.at[place] || []) entries.push([p, scope]); };
  for (const e of places) add(e, e === id ? `Của ${name}` : `Của ${placeName(e)}`);
  for (const p of data.provinces) add(p, `Của ${placeName(p)}`);
  entries.sort((a, b) => (data.plans[b[0]].o > data.plans[a[0]].o ? 1 : data.plans[b[0]].o < data.plans[a[0]].o ? -1 : 0));
  out.replaceChildren();
  out.append(el("h2", `${name}, ${data.name}`, { "data-kh-local-commune": id }));
  if (formedFrom) out.append(el("p", `Hình thành ngày 1/7/2025 từ: ${formedFrom}.`));
  if (!entries.length) {
    out.append(el("p", "Chưa có kế hoạch nào trong cơ sở dữ liệu áp dụng ở đây."));
  } else {
    out.append(el("p", `${entries.length} kế hoạch áp dụng ở đây, mới nhất trước.`));
    for (const [p, scope] of entries) out.append(entry(p, scope));
  }
  const national = new Map();
  for (const [p] of entries) for (const d of data.plans[p].c) national.set(d, data.docs[d]);
  if (national.size) {
    out.append(el("h2", "Văn bản trung ương được thực hiện"));
    const ul = el("ul", "", { "data-kh-local-national": "" });
    for (const d of [...national.values()].sort((a, b) => (b.o > a.o ? 1 : b.o < a.o ? -1 : 0))) {
      const li = el("li");
      li.append(el("a", d.l, { href: d.u }), [d.o && ` ${d.o.length > 4 ? "ngày " : ""}${shown(d.o)}`, d.i && ` của ${d.i}`, d.t && ` — ${d.t}`].filter(Boolean).join(""));
      ul.append(li);
    }
    out.append(ul);
  }
  meta.textContent = "Địa chỉ trang này giữ xã, phường bạn chọn: có thể gửi cho người khác.";
}

form.hidden = false;
form.addEventListener("submit", (e) => e.preventDefault());
select.addEventListener("change", () => { history.replaceState(null, "", location.pathname); load(select.value); });
input.addEventListener("input", suggest);
input.addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    e.preventDefault();
    const first = choices.querySelector("button");
    if (first) first.click();
  }
});

// ?xa=hai-phong/phuong-le-thanh-nghi, or the commune's own id (?xa=phuong-le-thanh-nghi) when one province has it
async function withProvince(xa) {
  if (xa.includes("/")) return xa;
  const res = await fetch(new URL("ten-xa.json", location.href));
  const found = res.ok ? (await res.json())[xa] || [] : [];
  if (found.length === 1) return `${found[0]}/${xa}`;
  const names = found.map((p) => [...select.options].find((o) => o.value === p)?.textContent).filter(Boolean);
  meta.textContent = found.length
    ? `Có ${found.length} xã, phường mang tên này, ở ${names.join(", ")}. Hãy chọn tỉnh, thành phố.`
    : "Không tìm thấy xã, phường trong địa chỉ trang. Hãy chọn tỉnh, thành phố.";
  return null;
}

const wanted = new URLSearchParams(location.search).get("xa");
const province = new URLSearchParams(location.search).get("tinh");  // from search: a province, its communes to pick
if (wanted) {
  withProvince(wanted).then((xa) => {
    if (!xa) return;
    select.value = xa.split("/")[0];
    load(select.value).then(() => show(xa, false));
  }).catch(() => { meta.textContent = "Không tải được danh sách. Hãy kiểm tra kết nối mạng rồi thử lại."; });
} else if (province && [...select.options].some((o) => o.value === province)) {
  select.value = province;
  load(province).then(() => input.focus());
}

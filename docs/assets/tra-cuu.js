// The lookup page (Tra cứu): the catalogue written by kehoach/search/catalogue.py, a lunr index built
// in Python (lunr.py) and loaded by lunr.js, filtered by province, level, year, type and topic as the
// reader types. The filters live in the address (?q=…&tinh=…), so a lookup can be shared.
import { fold } from "./timkiem.js";

const here = new URL("../tra-cuu/", import.meta.url);  // this file is <site>/assets/tra-cuu.js
const site = new URL("../", import.meta.url);
const form = document.querySelector("[data-kh-lookup]");
const meta = document.querySelector("[data-kh-lookup-meta]");
const list = document.querySelector("[data-kh-lookup-results]");
const NUMBER = /^\d+[a-z]?(?:\/\d{4})?[/-]\p{L}+(?:[-/]\p{L}+\d*)*$/iu;
const SHOWN = 100;
const KINDS = { plan: "Kế hoạch trong cơ sở dữ liệu", external: "Văn bản được trích dẫn", ambiguous: "Trích dẫn chưa xác định" };
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ESC[c]);

function loadLunr() {  // lunr.js (the copy MkDocs ships) is a classic script
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = new URL("lunr.js", import.meta.url).href;
    s.onload = () => {
      // the same word folding as the index was built with, registered under the same name
      lunr.Pipeline.registerFunction((token) => token.update((w) => fold(w)), "kehoachFold");
      resolve();
    };
    s.onerror = reject;
    document.head.appendChild(s);
  });
}

let catalogue = null, index = null, shown = SHOWN;

function params() {
  const out = new URLSearchParams();
  for (const el of form.elements) if (el.name && el.value) out.set(el.name, el.value);
  return out;
}

function matches(doc, f, t) {
  const [, , , , , date, level, today, issued, type, topics] = doc;
  if (f.tinh && t.provinces[today] !== f.tinh && t.provinces[issued] !== f.tinh) return false;
  if (f.cap && t.levels[level] !== f.cap) return false;
  if (f.nam && date.slice(-4) !== f.nam) return false;
  if (f.loai && t.types[type] !== f.loai) return false;
  if (f["chu-de"] && !topics.some((i) => t.topics[i] === f["chu-de"])) return false;
  return true;
}

function sortKey(date) {  // "16/02/2023" → "20230216"
  return date.split("/").reverse().join("");
}

function render() {
  if (!catalogue) return;
  const f = Object.fromEntries(params());
  const q = (f.q || "").trim();
  const t = catalogue.tables;
  let ids;
  let mode = "";
  if (NUMBER.test(q)) {  // a document number: every document that bears it, whoever issued it, whenever
    const wanted = fold(q);
    ids = catalogue.docs.map((_, i) => i).filter((i) => fold(catalogue.docs[i][2]) === wanted);
    mode = "number";
  } else if (q) {
    const words = q.split(/[\s\-/]+/).map(fold).filter(Boolean);
    const found = index.query((query) => words.forEach((w, k) => query.term(w, {
      usePipeline: false, presence: lunr.Query.presence.REQUIRED,
      wildcard: k === words.length - 1 ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
    })));
    ids = found.map((r) => Number(r.ref));
  } else {
    ids = catalogue.docs.map((_, i) => i);
  }
  ids = ids.filter((i) => matches(catalogue.docs[i], f, t));
  if (!q || mode === "number") ids.sort((a, b) => sortKey(catalogue.docs[b][5]).localeCompare(sortKey(catalogue.docs[a][5])));
  history.replaceState(null, "", `${location.pathname}${params().toString() ? "?" + params() : ""}`);
  if (!ids.length) {
    meta.textContent = q ? `Không có văn bản nào khớp “${q}” với các lựa chọn này. Thử bỏ bớt lựa chọn hoặc từ.`
      : "Không có văn bản nào với các lựa chọn này.";
  } else {
    meta.textContent = `${ids.length.toLocaleString("vi-VN")} văn bản` +
      (mode === "number" ? ` mang số ${q}` : "") + (ids.length > shown ? `; ${shown} đầu tiên` : "") + ".";
  }
  list.innerHTML = ids.slice(0, shown).map((i) => {
    const [url, kind, number, title, issuer, date] = catalogue.docs[i];
    const facts = [KINDS[kind], number, issuer, date].filter(Boolean).map(esc).join(" · ");
    return `<li><a href="${esc(new URL(url, site).href)}">${esc(title)}</a><br><small>${facts}</small></li>`;
  }).join("") + (ids.length > shown ? `<li class="kh-more"><button type="button" data-kh-more>Xem thêm</button></li>` : "");
}

async function start() {
  for (const [k, v] of new URLSearchParams(location.search)) if (form.elements[k]) form.elements[k].value = v;
  try {
    const [cat, idx] = await Promise.all([fetch(new URL("danh-muc.json", here)).then((r) => r.json()),
                                          fetch(new URL("lunr.json", here)).then((r) => r.json()), loadLunr()]);
    catalogue = cat;
    index = lunr.Index.load(idx);
  } catch (err) {
    meta.textContent = "Chưa tải được danh mục tra cứu. Kiểm tra kết nối mạng rồi tải lại trang.";
    return;
  }
  render();
}

if (form) {
  let timer = 0;
  const later = () => { shown = SHOWN; clearTimeout(timer); timer = setTimeout(render, 80); };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", (e) => { e.preventDefault(); render(); });
  list.addEventListener("click", (e) => {
    if (e.target.closest("[data-kh-more]")) { shown += SHOWN; render(); }
  });
  start();
}

// The lookup page (Tra cứu): the catalogue written by kehoach/search/catalogue.py, in parts, filtered
// by province, level, year, type and topic as the reader types; words are looked for in each
// document's title, number and issuing body (every word typed, the last as far as typed). A document number, however typed ("19/KH-UBND", "19 kh ubnd",
// "kế hoạch 19", "19/KH-UBND thái bình"), lists what bears it, the rest of the query ranking it.
// The filters live in the address (?q=…&tinh=…), so a lookup can be shared.
import { fold, numberKeys, numberQuery, parseNumber, search } from "./timkiem.js";

const here = new URL("../tra-cuu/", import.meta.url);  // this file is <site>/assets/tra-cuu.js
const site = new URL("../", import.meta.url);
const form = document.querySelector("[data-kh-lookup]");
const meta = document.querySelector("[data-kh-lookup-meta]");
const list = document.querySelector("[data-kh-lookup-results]");
const SHOWN = 100;
const KINDS = { plan: "Kế hoạch trong cơ sở dữ liệu", external: "Văn bản được trích dẫn", ambiguous: "Trích dẫn chưa xác định" };
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ESC[c]);

let manifest = null, shown = SHOWN;
const docs = [];  // every document of the parts loaded so far
const SPLIT = /[^\p{L}\p{N}]+/u;
const wordsOf = [];  // per document, lazily: [words of its number, words of its title and issuer], folded
let urlIndex = null;  // page address → position in `docs`
let keysOf = null, keyed = 0;  // number key → positions in `docs`; how many documents it covers

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

function bearing() {
  if (!keysOf) keysOf = new Map();
  for (; keyed < docs.length; keyed += 1) {
    for (const k of numberKeys(docs[keyed][2])) (keysOf.get(k) || keysOf.set(k, []).get(k)).push(keyed);
  }
  return keysOf;
}

// the documents bearing the number typed, those that match more of the other words first, then newest
function byNumber(number, t) {
  const index = bearing();
  const { keys } = numberQuery(number, 0);
  let longest = 0;
  keys.forEach((k, i) => { if (index.has(k)) longest = i; });
  const ids = index.get(keys[longest]) || [];
  const { rest } = numberQuery(number, longest);
  const hits = new Map(ids.map((i) => {
    const [, , , title, issuer, date, , today, issued] = docs[i];
    const words = new Set(fold([title, issuer, date, t.provinces[today] || "", t.provinces[issued] || ""].join(" "))
      .split(/[^\p{L}\p{N}]+/u));
    return [i, rest.filter((w) => words.has(w)).length];
  }));
  return [...ids].sort((a, b) => hits.get(b) - hits.get(a) || sortKey(docs[b][5]).localeCompare(sortKey(docs[a][5])));
}

function words(i) {
  if (!wordsOf[i]) {
    const [, , number, title, issuer] = docs[i];
    wordsOf[i] = [new Set(fold(number).split(SPLIT)), new Set(fold(`${title} ${issuer}`).split(SPLIT))];
  }
  return wordsOf[i];
}

// the documents holding every word typed (the last one as far as typed), those whose number holds
// them first (a word of the number weighs five of the title's), then newest
function byWords(typed) {
  const want = typed.split(SPLIT).map(fold).filter(Boolean);
  if (!want.length) return [];
  const last = want.pop();
  const scored = [];
  for (let i = 0; i < docs.length; i += 1) {
    const [inNumber, inText] = words(i);
    let score = 0;
    for (const w of want) {
      if (inNumber.has(w)) score += 5;
      else if (inText.has(w)) score += 1;
      else { score = -1; break; }
    }
    if (score < 0) continue;
    let found = inNumber.has(last) ? 5 : inText.has(last) ? 1 : 0;
    if (!found) {
      for (const w of inNumber) if (w.startsWith(last)) { found = 5; break; }
    }
    if (!found) {
      for (const w of inText) if (w.startsWith(last)) { found = 1; break; }
    }
    if (found) scored.push([i, score + found]);
  }
  scored.sort((a, b) => b[1] - a[1] || sortKey(docs[b[0]][5]).localeCompare(sortKey(docs[a[0]][5])));
  return scored.map(([i]) => i);
}

// the documents citing a number: the site's search index has them (the catalogue holds no text)
async function citing(q) {
  try {
    const found = await search(q, { base: site.href, limit: 500 });
    return found.byNumber ? found.results.map((r) => r.url) : [];
  } catch {
    return [];
  }
}

let latest = 0;
async function render() {
  if (!manifest) return;
  const mine = ++latest;
  const f = Object.fromEntries(params());
  const q = (f.q || "").trim();
  const t = manifest.tables;
  const number = q ? parseNumber(q, manifest.types) : null;
  let ids, cites = 0;
  if (number) {
    ids = byNumber(number, t);
    const urls = await citing(q);
    if (mine !== latest) return;  // a newer query is on its way
    if (!urlIndex || urlIndex.size < docs.length) urlIndex = new Map(docs.map((d, i) => [new URL(d[0], site).href, i]));
    const have = new Set(ids);
    const more = urls.map((u) => urlIndex.get(u)).filter((i) => i !== undefined && !have.has(i));
    cites = more.length;
    ids = ids.concat(more);
  }
  if (!ids || (!ids.length && !number.parts.length)) {
    if (q) {
      ids = byWords(q);
    } else {
      ids = docs.map((_, i) => i);
      ids.sort((a, b) => sortKey(docs[b][5]).localeCompare(sortKey(docs[a][5])));
    }
  }
  const bears = ids.length - cites;
  ids = ids.filter((i) => matches(docs[i], f, t));
  history.replaceState(null, "", `${location.pathname}${params().toString() ? "?" + params() : ""}`);
  const more = docs.length < manifest.docs ? " Đang tải thêm danh mục…" : "";
  if (!ids.length) {
    meta.textContent = (q ? `Không có văn bản nào khớp “${q}” với các lựa chọn này. Thử bỏ bớt lựa chọn hoặc từ.`
      : "Không có văn bản nào với các lựa chọn này.") + more;
  } else {
    const same = number && bears && ids.slice(0, bears).every((i) => fold(docs[i][2]) === fold(docs[ids[0]][2]));
    meta.textContent = `${ids.length.toLocaleString("vi-VN")} văn bản` +
      (number ? `: mang số ${same ? docs[ids[0]][2] : number.digits} trước, rồi văn bản trích dẫn số ấy` : "") +
      (ids.length > shown ? `; ${shown} đầu tiên` : "") + "." + more;
  }
  list.innerHTML = ids.slice(0, shown).map((i) => {
    const [url, kind, num, title, issuer, date] = docs[i];
    const facts = [KINDS[kind], num, issuer, date].filter(Boolean).map(esc).join(" · ");
    return `<li><a href="${esc(new URL(url, site).href)}">${esc(title)}</a><br><small>${facts}</small></li>`;
  }).join("") + (ids.length > shown ? `<li class="kh-more"><button type="button" data-kh-more>Xem thêm</button></li>` : "");
  list.dataset.query = q;
}

async function start() {
  for (const [k, v] of new URLSearchParams(location.search)) if (form.elements[k]) form.elements[k].value = v;
  meta.textContent = "Đang tải danh mục…";
  try {
    manifest = await fetch(new URL("index.json", here)).then((r) => r.json());
    const loads = [];
    for (let n = 0; n < manifest.parts; n += 1) {
      loads.push(fetch(new URL(`danh-muc-${n}.json`, here)).then((r) => r.json()));
    }
    for (const load of loads) {  // in order, each rendered as it comes: the first part answers first
      docs.push(...await load);
      render();
    }
  } catch (err) {
    meta.textContent = "Chưa tải được danh mục tra cứu. Kiểm tra kết nối mạng rồi tải lại trang.";
  }
}

if (form) {
  form.hidden = false;
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

// The lookup page (Tra cứu): the catalogue written by kehoach/search/catalogue.py, filtered by
// province, level, year, type and topic as the reader types; words are looked for in each document's
// title, number and issuing body (every word typed, the last as far as typed). A document number,
// however typed ("19/KH-UBND", "19 kh ubnd", "kế hoạch 19", "19/KH-UBND thái bình"), lists what bears
// it, the rest of the query ranking it, then what cites it. The filters live in the address
// (?q=…&tinh=…), so a lookup can be shared.
//
// The page reads only what a lookup needs: the catalogue's parts (newest first) that hold a match,
// until a screenful is found; the one file of a number typed; the files of the words typed.
import { fnv1a, fold, numberKeys, numberQuery, parseNumber } from "./timkiem.js";

const here = new URL("../tra-cuu/", import.meta.url);  // this file is <site>/assets/tra-cuu.js
const site = new URL("../", import.meta.url);
const form = document.querySelector("[data-kh-lookup]");
const meta = document.querySelector("[data-kh-lookup-meta]");
const list = document.querySelector("[data-kh-lookup-results]");
const SHOWN = 100;
const KINDS = { plan: "Kế hoạch trong cơ sở dữ liệu", external: "Văn bản được trích dẫn", ambiguous: "Trích dẫn chưa xác định" };
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ESC[c]);
const SPLIT = /[^\p{L}\p{N}]+/u;
const FILTERS = { tinh: "provinces", cap: "levels", loai: "types", "chu-de": "topics", nam: "years" };

const STEP = 6;  // parts read at most for one screenful (~0.6 MB gzipped), before the reader asks for more
let manifest = null, shown = SHOWN, read = 0, allowance = STEP;
const files = new Map();  // name → promise of its JSON
const docs = [];  // every document of the parts loaded so far
const partOf = [];  // its part
const dateKey = [];  // its date as "20230216", to sort by
const loaded = new Set();  // the parts in `docs`
const wordsOf = new WeakMap();  // document → [words of its number, words of its title and issuer], folded

const own = (o, k) => (Object.hasOwn(o, k) ? o[k] : undefined);  // not what every object has ("constructor")

function json(name) {
  if (!files.has(name)) {
    files.set(name, fetch(new URL(name, here)).then((r) => {
      if (!r.ok) throw new Error(`${name}: ${r.status}`);
      return r.json();
    }).catch((err) => { files.delete(name); throw err; }));
  }
  return files.get(name);
}

async function load(p) {
  const part = await json(`danh-muc-${p}.json`);
  if (!loaded.has(p)) {
    loaded.add(p);
    for (const doc of part) { docs.push(doc); partOf.push(p); dateKey.push(sortKey(doc[5])); }
  }
}

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

// How many documents of part `p` have the value chosen in each filter: at most, for several filters
function inPart(p, f) {
  const counts = manifest.counts[p];
  let most = Infinity;
  for (const [name, facet] of Object.entries(FILTERS)) {
    if (!f[name]) continue;
    const i = facet === "years" ? f[name] : manifest.tables[facet]?.indexOf(f[name]);
    most = Math.min(most, own(counts[facet], i) || 0);
  }
  return most;
}

function chosen(f) {
  return Object.keys(FILTERS).filter((name) => f[name]).length;
}

function sortKey(date) {  // "16/02/2023" → "20230216"
  return date.split("/").reverse().join("");
}

function words(doc) {
  if (!wordsOf.has(doc)) {
    const [, , number, title, issuer] = doc;
    wordsOf.set(doc, [new Set(fold(number).split(SPLIT)), new Set(fold(`${title} ${issuer}`).split(SPLIT))]);
  }
  return wordsOf.get(doc);
}

function typedWords(typed) {
  const want = typed.split(SPLIT).map(fold).filter(Boolean);
  return { want, last: want.pop() };
}

// The parts holding every word typed (the last as a word's beginning), from the words' files
async function partsWith(typed) {
  const { want, last } = typedWords(typed);
  const letter = (w) => (/^[a-z0-9]/.test(w) ? w[0] : "_");
  const known = new Set(manifest.words);
  const read = async (w) => (known.has(letter(w)) ? json(`tu-${letter(w)}.json`) : {});
  let parts = null;
  const keep = (ps) => { parts = parts ? new Set(ps.filter((p) => parts.has(p))) : new Set(ps); };
  for (const w of want) keep(own(await read(w), w) || []);
  const begins = [];
  for (const [w, ps] of Object.entries(await read(last))) if (w.startsWith(last)) begins.push(...ps);
  keep(begins);
  return parts;
}

// the documents holding every word typed (the last one as far as typed), those whose number holds
// them first (a word of the number weighs five of the title's), then newest
function byWords(typed, among) {
  const { want, last } = typedWords(typed);
  if (last === undefined) return [];
  const scored = [];
  for (const i of among) {
    const [inNumber, inText] = words(docs[i]);
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
  scored.sort((a, b) => b[1] - a[1] || dateKey[b[0]].localeCompare(dateKey[a[0]]));
  return scored.map(([i]) => i);
}

// A number typed: the documents bearing it (those matching more of the other words first, then
// newest), then those citing them, newest first; from the one file of the number
async function byNumber(number, t) {
  const file = await json(`so-${fnv1a(`#${number.n}`) % manifest.shards}.json`);
  const held = file.docs;
  const bearing = new Map();
  held.forEach((doc, i) => { for (const k of numberKeys(doc[2])) (bearing.get(k) || bearing.set(k, []).get(k)).push(i); });
  const { keys } = numberQuery(number, 0);
  let longest = 0;
  keys.forEach((k, i) => { if (bearing.has(k)) longest = i; });
  const ids = bearing.get(keys[longest]) || [];
  const { rest } = numberQuery(number, longest);
  const hits = new Map(ids.map((i) => {
    const [, , , title, issuer, date, , today, issued] = held[i];
    const ws = new Set(fold([title, issuer, date, t.provinces[today] || "", t.provinces[issued] || ""].join(" ")).split(SPLIT));
    return [i, rest.filter((w) => ws.has(w)).length];
  }));
  const bears = [...ids].sort((a, b) => hits.get(b) - hits.get(a) || sortKey(held[b][5]).localeCompare(sortKey(held[a][5])));
  const these = new Set(ids);
  const citing = held.map((_, i) => i).filter((i) => !these.has(i) && held[i][11].some((c) => these.has(c)));
  const heldCiters = new Map();  // a document → how many of those citing it this file holds
  for (const doc of held) for (const c of doc[11]) heldCiters.set(c, (heldCiters.get(c) || 0) + 1);
  const more = ids.reduce((n, i) => n + Math.max(0, (own(file.citers, i) || 0) - (heldCiters.get(i) || 0)), 0);
  return { held, bears, citing, more };
}

let latest = 0;
async function render() {
  if (!manifest) return;
  const mine = ++latest;
  const f = Object.fromEntries(params());
  const q = (f.q || "").trim();
  const t = manifest.tables;
  const number = q ? parseNumber(q, manifest.types) : null;
  let rows, count, note = "";
  if (number) {
    const { held, bears, citing, more } = await byNumber(number, t);
    if (mine !== latest) return;  // a newer query is on its way
    if (bears.length || citing.length || number.parts.length) {
      const ids = [...bears, ...citing].filter((i) => matches(held[i], f, t));
      const kept = bears.filter((i) => matches(held[i], f, t)).length;
      rows = ids.map((i) => held[i]);
      count = ids.length;
      const same = kept && bears.slice(0, kept).every((i) => fold(held[i][2]) === fold(held[bears[0]][2]));
      if (count) note = `: mang số ${same ? held[bears[0]][2] : number.digits} trước, rồi văn bản trích dẫn số ấy`;
      if (more) note += ` (và ${more.toLocaleString("vi-VN")} văn bản khác trích dẫn, xem trang của văn bản)`;
    }
  }
  let exact = true, exhausted = true, looked = 0;
  if (!rows) {
    // the parts that may hold a match, newest first; read in order until a screenful is found
    const withWords = q ? await partsWith(q) : null;
    if (mine !== latest) return;
    const candidates = new Set([...Array(manifest.parts).keys()]
      .filter((p) => inPart(p, f) > 0 && (!withWords || withWords.has(p))));
    let ids;
    for (;;) {
      const among = docs.map((_, i) => i).filter((i) => candidates.has(partOf[i]));
      ids = (q ? byWords(q, among) : among.sort((a, b) => dateKey[b].localeCompare(dateKey[a])))
        .filter((i) => matches(docs[i], f, t));
      const next = [...candidates].find((p) => !loaded.has(p));
      exhausted = next === undefined;
      if (exhausted || ids.filter((i) => partOf[i] < next).length >= shown) break;
      if (read >= allowance) {  // enough read for one step: "Xem thêm" reads on
        looked = next * manifest.part;
        break;
      }
      meta.textContent = "Đang tải danh mục…";
      read += 1;
      await load(next);
      if (mine !== latest) return;
    }
    rows = ids.map((i) => docs[i]);
    count = ids.length;
    if (!exhausted && !q && chosen(f) <= 1) {  // counted without reading every part
      count = chosen(f) ? [...candidates].reduce((n, p) => n + inPart(p, f), 0) : manifest.docs;
      looked = 0;
    } else {
      exact = exhausted;
    }
  }
  history.replaceState(null, "", `${location.pathname}${params().toString() ? "?" + params() : ""}`);
  const n = count.toLocaleString("vi-VN");
  if (!count && looked) {
    meta.textContent = `Chưa thấy văn bản nào khớp trong ${looked.toLocaleString("vi-VN")} văn bản mới nhất; bấm “Xem thêm” để tìm tiếp trong văn bản cũ hơn.`;
  } else if (!count) {
    meta.textContent = q ? `Không có văn bản nào khớp “${q}” với các lựa chọn này. Thử bỏ bớt lựa chọn hoặc từ.`
      : "Không có văn bản nào với các lựa chọn này.";
  } else {
    meta.textContent = `${exact ? n : `Ít nhất ${n}`} văn bản${note}` +
      (looked ? ` trong ${looked.toLocaleString("vi-VN")} văn bản mới nhất; bấm “Xem thêm” để tìm tiếp trong văn bản cũ hơn`
        : count > shown || !exact ? `; ${Math.min(shown, rows.length)} ${q ? "đầu tiên" : "mới nhất"}` : "") + ".";
  }
  const more = rows.length > shown || !exhausted;
  list.innerHTML = rows.slice(0, shown).map((doc) => {
    const [url, kind, num, title, issuer, date] = doc;
    const facts = [KINDS[kind], num, issuer, date].filter(Boolean).map(esc).join(" · ");
    return `<li><a href="${esc(new URL(url, site).href)}">${esc(title)}</a><br><small>${facts}</small></li>`;
  }).join("") + (more ? `<li class="kh-more"><button type="button" data-kh-more>Xem thêm</button></li>` : "");
  list.dataset.query = q;
}

async function start() {
  for (const [k, v] of new URLSearchParams(location.search)) if (form.elements[k]) form.elements[k].value = v;
  meta.textContent = "Đang tải danh mục…";
  try {
    manifest = await json("index.json");
    await render();
  } catch (err) {
    meta.textContent = "Chưa tải được danh mục tra cứu. Kiểm tra kết nối mạng rồi tải lại trang.";
  }
}

if (form) {
  form.hidden = false;
  let timer = 0;
  const later = () => { shown = SHOWN; read = 0; allowance = STEP; clearTimeout(timer); timer = setTimeout(render, 80); };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", (e) => { e.preventDefault(); render(); });
  list.addEventListener("click", (e) => {
    if (e.target.closest("[data-kh-more]")) { shown += SHOWN; allowance = read + STEP; render(); }
  });
  start();
}

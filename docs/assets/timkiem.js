// kehoach search: queries the index written by kehoach/search/termindex.py (folding, tokens and
// hashing must stay the same on both sides; tests check they agree). No dependency, no server.
//
//   import { search, highlight } from "<base>/assets/timkiem.js";
//   const found = await search("tro giup phap ly", { base: "<base>/", limit: 10 });

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const NUMBER = /\d+[a-z]?(?:\/\d{4})?[/-]\p{L}+(?:[-/]\p{L}+\d*)*/gu;
const WORD = /[\p{L}\p{N}_]+/gu;

export function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

// Query words: whole document numbers first ("19/kh-ubnd"), then the other words.
export function queryTokens(query) {
  const text = query.normalize("NFC").toLowerCase();
  const numbers = text.match(NUMBER) || [];
  const rest = numbers.reduce((t, n) => t.replace(n, " "), text);
  return [...new Set([...numbers, ...(rest.match(WORD) || [])])];
}

function fnv1a(key) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function decode(vlq) {
  const out = [];
  let n = 0, shift = 0;
  for (const ch of vlq) {
    const d = B64.indexOf(ch);
    n += (d & 31) << shift;
    if (d & 32) { shift += 5; } else { out.push(n); n = 0; shift = 0; }
  }
  return out;
}

const cache = new Map();
function fetchJSON(url) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    }));
  }
  return cache.get(url);
}

// {doc id → {score, exact}} of the documents holding `token`, in any spelling of its folded key
async function postings(root, manifest, token) {
  const key = fold(token);
  const bucket = await fetchJSON(`${root}t/${fnv1a(key) % manifest.buckets}.json`);
  const spellings = bucket[key] || {};
  const accented = token !== key;
  const docs = new Map();
  for (const [spelling, encoded] of Object.entries(spellings)) {
    const nums = decode(encoded);
    let doc = 0;
    for (let i = 0; i < nums.length; i += 2) {
      doc += nums[i];
      const exact = accented && spelling === token;
      const had = docs.get(doc);
      if (!had || exact || nums[i + 1] > had.score) {
        docs.set(doc, { score: Math.max(nums[i + 1], had ? had.score : 0), exact: exact || (had && had.exact) });
      }
    }
  }
  return docs;
}

// `typing`: the query is being typed, so its last word may be unfinished: when no document has it,
// it is left out rather than emptying the results.
export async function search(query, { base = "./", limit = 10, typing = false } = {}) {
  const root = `${base}chi-muc/`;
  const manifest = await fetchJSON(`${root}index.json`);
  const terms = queryTokens(query);
  if (!terms.length) return { results: [], total: 0, terms, partial: false };
  const lists = await Promise.all(terms.map((t) => postings(root, manifest, t)));
  if (typing && terms.length > 1 && !lists[lists.length - 1].size) {
    terms.pop();
    lists.pop();
  }
  const N = manifest.docs;
  let candidates = [...lists.reduce((a, b) => (a.size <= b.size ? a : b)).keys()]
    .filter((d) => lists.every((l) => l.has(d)));
  let partial = false;
  if (!candidates.length && lists.length > 1) {  // no document has every word: the nearest ones
    partial = true;
    candidates = [...new Set(lists.flatMap((l) => [...l.keys()]))];
  }
  const scored = candidates.map((doc) => {
    let score = 0, exact = 0, words = 0;
    lists.forEach((l) => {
      const p = l.get(doc);
      if (!p) return;
      words += 1;
      score += Math.log(1 + N / l.size) * p.score;
      if (p.exact) exact += 1;
    });
    return { doc, score: words * 1000 + exact * 100 + score };  // more words, then accents as typed
  });
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const top = scored.slice(0, limit);
  const rows = await Promise.all(top.map(async ({ doc }) => {
    const chunk = await fetchJSON(`${root}d/${Math.floor(doc / manifest.chunk)}.json`);
    const [url, title, kind, number, issuer, area, date, excerpt] = chunk[doc % manifest.chunk];
    return { url: base + url, title, kind, number, issuer, area, date, excerpt };
  }));
  return { results: rows, total: scored.length, terms, partial };
}

// an element with plain text (never parsed as HTML) and attributes
export function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// `text` as HTML, the words of `terms` (any accents) in <mark>
export function highlight(text, terms) {
  const keys = new Set(terms.map(fold));
  return String(text).split(/([\p{L}\p{N}_/-]+)/u).map((part) => {
    const hit = keys.has(fold(part)) || part.split(/[/-]/).some((w) => keys.has(fold(w)));
    return hit ? `<mark>${escapeHTML(part)}</mark>` : escapeHTML(part);
  }).join("");
}

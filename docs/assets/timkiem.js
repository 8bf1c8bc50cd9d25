// kehoach search: queries the index written by kehoach/search/termindex.py (folding, tokens and
// hashing must stay the same on both sides; tests check they agree). No dependency, no server.
//
//   import { search, highlight } from "<base>/assets/timkiem.js";
//   const found = await search("tro giup phap ly", { base: "<base>/", limit: 10 });

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Int8Array(128).fill(-1);  // char code → its base64 value: a list of 30,000 plans is ~90,000 digits
for (let i = 0; i < B64.length; i += 1) DIGIT[B64.charCodeAt(i)] = i;
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

export function fnv1a(key) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// each (doc id, number) of a list VLQ-encoded as (gap from the document before, number) pairs, to `fn`:
// no array of the whole list is made (a word of 100,000 plans is 200,000 numbers)
function eachEntry(vlq, fn) {
  let n = 0, shift = 0, doc = 0, second = false;
  for (let i = 0; i < vlq.length; i += 1) {
    const d = DIGIT[vlq.charCodeAt(i)];
    n += (d & 31) << shift;
    if (d & 32) { shift += 5; continue; }
    if (second) fn(doc, n); else doc += n;
    second = !second;
    n = 0;
    shift = 0;
  }
}

// [doc id, number] of a list
function entries(encoded) {
  const out = [];
  eachEntry(encoded || "", (doc, n) => out.push([doc, n]));
  return out;
}

const cache = new Map();
function fetchJSON(url) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    }).catch((err) => {
      cache.delete(url);  // a failed fetch (offline a moment) is asked again next time
      throw err;
    }));
  }
  return cache.get(url);
}

// {doc id → score × 2 + exact (1 where spelled as typed)} of the documents holding `token`, in any
// spelling of its folded key. A key most documents hold (TIER_AT in termindex.py) is cut in tiers by
// score, and comes as its first: the
// documents scoring highest for it, with `df` (how many documents hold it), `bound` (the highest score
// of those not here), `cut` (the last document here scoring `bound`, -1 if none: any other scoring as
// much comes after it) and `rest` (the key, while tiers are left: advance() adds the next).
async function postings(root, manifest, token) {
  const key = fold(token);
  const bucket = await fetchJSON(`${root}t/${fnv1a(key) % manifest.buckets}.json`);
  const spellings = bucket[key] || {};
  const docs = merge(new Map(), spellings, token);
  const about = spellings[REST];
  docs.token = token;
  docs.accented = token !== key;
  docs.df = about ? about[0] : docs.size;
  docs.weight = Math.log(1 + manifest.docs / Math.max(docs.df, 1));  // rarer words weigh more
  docs.tiers = about ? about[1] : [];
  docs.max = 0;
  for (const p of docs.values()) if (p >> 1 > docs.max) docs.max = p >> 1;
  return at(docs, key, 0);
}

const REST = "~";

// the list holding its tiers up to `tier`
function at(docs, key, tier) {
  docs.tier = tier;
  docs.rest = tier < docs.tiers.length ? key : null;
  [docs.bound, docs.cut] = docs.rest ? docs.tiers[tier] : [0, -1];
  return docs;
}

function merge(docs, spellings, token) {
  const accented = token !== fold(token);
  for (const [spelling, encoded] of Object.entries(spellings)) {
    if (spelling === REST) continue;
    const exact = accented && spelling === token ? 1 : 0;
    eachEntry(encoded, (doc, score) => {
      const had = docs.get(doc);
      // a document in two spellings: its higher score, spelled as typed if either is
      docs.set(doc, had === undefined ? score * 2 + exact : Math.max(score, had >> 1) * 2 + (exact | (had & 1)));
    });
  }
  return docs;
}

// The next tier of a list, or (`all`) every tier left, added to it
async function advance(root, docs, all = false) {
  if (!docs.rest) return docs;
  const key = docs.rest, last = all ? docs.tiers.length : docs.tier + 1;
  const files = [];
  for (let t = docs.tier + 1; t <= last; t += 1) files.push(fetchJSON(`${root}r/${fnv1a(key)}-${t}.json`));
  for (const file of await Promise.all(files)) merge(docs, file[key] || {}, docs.token);
  return at(docs, key, last);
}

const complete = (root, docs) => advance(root, docs, true);

// {doc id → score} of the documents holding two words side by side ("tham gia"); null for a pair in
// most documents ("thực hiện"), which the index keeps without its list: it ranks and filters nothing
async function pairPostings(root, manifest, pair) {
  const bucket = await fetchJSON(`${root}p/${fnv1a(pair) % manifest.pair_buckets}.json`);
  if (bucket[pair] === "*") return null;
  return new Map(entries(bucket[pair]));
}

// the documents found by a whole key: "#19/kh-ubnd" (bearing that number), "@hung ha" (that place)
// (doc id → weight: a place's by the plans it holds). A whole key is in the file of its first word,
// without its sign ("@hung ha", "=hung ha", "#19/kh" with "hung", "hung", "19"): the file a query
// asks for its words anyway.
async function whole(root, manifest, key) {
  const lead = key.slice(1).split(/[ /]/)[0];
  const bucket = await fetchJSON(`${root}t/${fnv1a(lead) % manifest.buckets}.json`);
  return new Map(entries(bucket[key]));
}

// The words of a query, folded, with the separator typed before each: "19/KH-UBND thái bình" →
// [{w: "19", sep: ""}, {w: "kh", sep: "/"}, {w: "ubnd", sep: "-"}, {w: "thai", sep: " "}, …]
function words(query) {
  const out = [];
  const re = /([^\p{L}\p{N}]*)([\p{L}\p{N}]+)/gu;
  let m;
  while ((m = re.exec(fold(query.normalize("NFC"))))) out.push({ w: m[2], sep: m[1] });
  return out;
}

// A document number in a query, however it is typed: "19/KH-UBND", "19 kh ubnd", "19/kh", "số 19",
// "kế hoạch 19", "04/2024/NQ-HĐND", "39-CT/TW", "19/KH-UBND thái bình". `types`: how people name a
// type of document, folded, and its code ("ke hoach" → "kh"). Returns the number, the symbol's parts
// as typed (the script keeps the longest run that some document bears), the year if typed within the
// number, and which words of the query it took; or null when the query names no number.
export function parseNumber(query, types = {}) {
  const ws = words(query);
  const codes = new Set(Object.values(types));
  for (let i = 0; i < ws.length; i += 1) {
    if (!/^\d{1,5}$/.test(ws[i].w)) continue;
    const used = new Set([i]);
    let code = null;
    let j = i - 1;
    if (j >= 0 && ws[j].w === "so") { used.add(j); j -= 1; }
    for (let len = 4; len >= 1 && !code; len -= 1) {  // "kế hoạch", "thông tư liên tịch"
      if (j - len + 1 < 0) continue;
      const name = ws.slice(j - len + 1, j + 1).map((x) => x.w).join(" ");
      if (types[name]) { code = types[name]; for (let k = j - len + 1; k <= j; k += 1) used.add(k); }
    }
    let k = i + 1;
    let year = null;
    if (k < ws.length && /^(19|20)\d\d$/.test(ws[k].w) && ws[k].sep.includes("/")) { year = ws[k].w; used.add(k); k += 1; }
    const joined = k < ws.length && /[/-]/.test(ws[k].sep);
    const typedCode = k < ws.length && codes.has(ws[k].w);
    const said = used.size > 1;  // "số 19", "kế hoạch 19"
    if (!joined && !typedCode && !said) continue;
    const parts = [];  // the symbol's parts: words with a letter, split as the index splits them ("qh14")
    for (; k < ws.length && /[a-z]/.test(ws[k].w); k += 1) for (const w of ws[k].w.match(/[a-z]+|[0-9]+/g)) parts.push({ w, at: k });
    if (!parts.length && code) parts.push({ w: code, at: -1 });
    return { n: String(Number(ws[i].w)), digits: ws[i].w, year, parts, used, words: ws };
  }
  return null;
}

// The keys a document bearing `number` is found by (as kehoach/search/records.py number_keys):
// "19/KH-UBND" → #19, #19/kh, #19/kh-ubnd; "04/2024/NQ-HĐND" → #4, #4/nq, #4/nq-hdnd.
export function numberKeys(number) {
  const m = /^0*(\d+)[a-z]?(?:\/\d{4})?[/-](.+)$/.exec(fold(number || "").trim());
  return m ? keysOf(m[1], m[2].match(/[a-z]+|[0-9]+/g) || []) : [];  // "qh14" → qh, 14
}

// #n, then #n with each longer run of the symbol's parts: 19, [kh, ubnd] → #19, #19/kh, #19/kh-ubnd
function keysOf(n, parts) {
  return [`#${n}`, ...parts.map((_, i) => `#${n}/${parts.slice(0, i + 1).join("-")}`)];
}

// The keys to look a parsed number up by, shortest first, and the words of the query it leaves
// once `longest` parts are taken (`longest`: how many of the typed parts some document bears).
export function numberQuery(number, longest) {
  const { n, parts } = number;
  const keys = keysOf(n, parts.map((p) => p.w));
  const took = new Set([...number.used, ...parts.slice(0, longest).map((p) => p.at)]);
  const rest = number.words.filter((x, i) => !took.has(i)).map((x) => x.w);
  if (number.year) rest.push(number.year);
  return { keys, rest };
}

// How well a document answers words (`lists`, their postings) and pairs of them (`pairLists`; null for
// a pair in most documents): more words, then more pairs side by side, then accents as typed, then
// the words' weight × rarity
function relevance(lists, pairLists, doc) {
  let score = 0, found = 0, exact = 0;
  lists.forEach((l) => {
    const p = l.get(doc);
    if (p === undefined) return;
    found += 1;
    score += l.weight * (p >> 1);
    exact += p & 1;
  });
  const together = pairLists.filter((l) => l && l.has(doc)).length;
  return found * 1000 + together * 300 + exact * 100 + score;
}

// each two words side by side: [tham, gia, quoc] → "tham gia", "gia quoc"
function pairsOf(ws) {
  return ws.slice(1).map((w, i) => `${ws[i]} ${w}`);
}

// documents bearing the number first, then those citing it; each ordered by the rest of the query
async function numberSearch(root, manifest, number) {
  const { n, parts } = number;
  // the number's keys and every other word of the query at once (the words not in the number rank it)
  const [found] = await Promise.all([Promise.all(numberQuery(number, 0).keys.map((k) => whole(root, manifest, k))),
    ...number.words.filter((x, i) => !number.used.has(i)).map((x) => postings(root, manifest, x.w))]);
  let longest = 0;
  found.forEach((docs, i) => { if (docs.size) longest = i; });
  const bearing = found[longest];
  // the words the number did not take: issuer, place, year ("19/KH-UBND thái bình 2023")
  const { rest } = numberQuery(number, longest);
  // every document of the words, split lists completed: what ranks the few bearing the number
  const [restLists, pairLists] = await Promise.all([
    Promise.all(rest.map((w) => postings(root, manifest, w).then((l) => complete(root, l)))),
    Promise.all(pairsOf(rest).map((p) => pairPostings(root, manifest, p)))]);  // "giai lac": the place, as written
  // documents citing it: the number whole in their text, in the two ways numbers are written
  let citing = new Map();
  if (longest > 0) {
    // the parts as they were written: "qh" "14" of one word again "qh14"; words joined by a separator
    const symbol = [];
    parts.slice(0, longest).forEach((p, i, all) => {
      if (i && all[i - 1].at === p.at) symbol[symbol.length - 1] += p.w; else symbol.push(p.w);
    });
    const y = number.year ? `/${number.year}` : "";
    const forms = new Set([`${number.digits}${y}/${symbol.join("-")}`, `${number.digits}${y}-${symbol.join("/")}`,
                           `${n}${y}/${symbol.join("-")}`]);
    const lists = await Promise.all([...forms].map((f) => postings(root, manifest, f).then((l) => complete(root, l))));
    citing = new Map(lists.flatMap((l) => [...l]));
  }
  const rank = (doc, tier) => ({ doc, score: tier * 1e6 + relevance(restLists, pairLists, doc) });
  const scored = [...bearing.keys()].filter((d) => d >= manifest.pages).map((d) => rank(d, 2));
  for (const d of citing.keys()) if (!bearing.has(d) && d >= manifest.pages) scored.push(rank(d, 1));
  return { scored, terms: [number.digits, ...parts.slice(0, longest).map((p) => p.w), ...rest] };
}

// The words of the query in quotes: each phrase must stand as typed
function phrases(query) {
  return [...query.matchAll(/"([^"]+)"|“([^”]+)”/g)].map((m) => words(m[1] || m[2]).map((x) => x.w));
}

async function wordSearch(root, manifest, query, typing, limit, exact) {
  const terms = queryTokens(query);
  const plain = words(query).map((x) => x.w).filter((w) => terms.some((t) => fold(t) === w));
  // words side by side: each pair of the query, and the pairs of quoted phrases, which are required
  const quoted = phrases(query).flatMap(pairsOf);
  const near = [...new Set([...pairsOf(plain), ...quoted])];
  // a place or a page the query names: as a whole ("hưng hà", "xã đông đô", "người khuyết tật"), or
  // places whose names cover every word ("hưng hà thái bình"), first; a place named by a run of its
  // words ("cai nghiện ma túy hải phòng"), among the first results
  const runs = [];
  for (let len = Math.min(plain.length, 6); len >= 1; len -= 1) {  // names run to 6 words at most
    for (let i = 0; i + len <= plain.length; i += 1) if (len > 1 || plain.length === 1) runs.push([i, len]);
  }
  // every file the query needs, asked for at once: one round trip on a slow connection, not three
  const [lists, nearLists, [page, ...found]] = await Promise.all([
    Promise.all(terms.map((t) => postings(root, manifest, t))),
    Promise.all(near.map((p) => pairPostings(root, manifest, p))),
    Promise.all([whole(root, manifest, `=${plain.join(" ")}`),
                 ...runs.map(([i, len]) => whole(root, manifest, `@${plain.slice(i, i + len).join(" ")}`))]),
  ]);
  if (typing && terms.length > 1 && !lists[lists.length - 1].size) {
    terms.pop();
    lists.pop();
  }
  const covered = new Set();
  runs.forEach(([i, len], k) => { if (found[k].size) for (let j = i; j < i + len; j += 1) covered.add(j); });
  const named = new Map(), near_ = new Set();
  const covers = plain.length > 0 && covered.size === plain.length;
  // named first where named earlier in the query ("hưng hà thái bình": the district, then its province),
  // then the one with more plans
  runs.forEach(([i], k) => {
    for (const [d, w] of found[k]) {
      if (covers) named.set(d, Math.max((plain.length - i) * 32 + w, named.get(d) || 0)); else near_.add(d);
    }
  });
  for (const [d, w] of page) named.set(d, plain.length * 32 + w);
  if (!terms.length) return { scored: [], terms, partial: false };
  const required = quoted.map((p) => nearLists[near.indexOf(p)]).filter(Boolean);  // a quoted phrase's pairs
  const rank = () => {
    let candidates = [...lists.reduce((a, b) => (a.size <= b.size ? a : b)).keys()]
      .filter((d) => lists.every((l) => l.has(d)));
    let partial = false;
    if (!candidates.length && lists.length > 1) {  // no document has every word: the nearest ones
      partial = true;
      candidates = [...new Set(lists.flatMap((l) => [...l.keys()]))];
    }
    candidates = candidates.filter((d) => required.every((l) => l.has(d)));
    const pool = new Set([...candidates, ...named.keys(), ...near_]);
    const scored = [...pool].map((doc) => {
      // what the query names first, then how well it answers the words
      const name = named.has(doc) ? 1e6 + named.get(doc) * 1e5 : 0;
      const help = doc < manifest.help && !named.has(doc) ? -500 : 0;  // contributors' pages after documents
      return { doc, score: name + help + relevance(lists, nearLists, doc) };
    });
    return { scored, partial };
  };
  // lists of common words, a tier more of each at a time, until the first results are known; where
  // every word is common, COMMON_TIERS more at most (unless `exact`)
  const common = !exact && lists.every((l) => l.tiers.length > 0);
  let ranked = rank();
  while (lists.some((l) => l.rest) && !settled(ranked, lists, nearLists, required, named, [...near_], limit, manifest.help)) {
    const first = common && lists.some((l) => l.tier < COMMON_TIERS);  // common words: their first tiers, one by one
    if (common && !first && !ranked.partial && ranked.scored.length >= limit) break;
    // no document with every word in the tiers at hand: the words rarely go together, every tier at once
    await Promise.all(lists.map((l) => advance(root, l, ranked.partial && !first)));
    ranked = rank();
  }
  // where lists are not all here, how many there are at most: as many as hold the rarest word, or the
  // rarest phrase required
  const estimate = lists.some((l) => l.rest) ? Math.min(...lists.map((l) => l.df), ...required.map((l) => l.size)) : 0;
  const { scored, partial } = ranked;
  return { scored, terms, partial, also: [...near_], estimate };
}

// Whether the first `limit` results are known from the tiers of the lists at hand (postings()): no
// document outside every head can pass the limit-th result, nor tie it with an earlier id. Such a
// document scores, in a split list whose head it is not in, at most the list's `bound` (and less if its
// id is not after the list's `cut`), every accent as typed; in the other lists what they say (it is in
// them all, or it holds not every word), and the pairs what theirs say. A document in no head at all
// scores at most every list's `bound`, every pair side by side. And every place or page the query
// names must be in every head, unless none other is named as much; a place it names in part, unless
// it cannot rank above ALSO_AT.
function settled(ranked, lists, pairLists, required, named, near, limit, help) {
  if (ranked.partial || ranked.scored.length < limit) return false;
  const split = lists.filter((l) => l.rest);
  // what the query names ranks first by how it names it, then by the words: known where two tie
  const partly = (d) => split.some((l) => !l.has(d));
  const weights = [...named.values()];
  if ([...named].some(([d, w]) => partly(d) && weights.filter((x) => x === w).length > 1)) return false;
  const order = [...ranked.scored].sort((a, b) => b.score - a.score || a.doc - b.doc);
  const last = order[limit - 1];
  const EPS = 1e-6;  // the same sum in another order
  const passes = (most, doc) => most > last.score + EPS || (most > last.score - EPS && doc < last.doc);
  const extra = (l, doc) => 1000 + (l.accented ? 100 : 0) + l.weight * (doc > l.cut ? l.bound : l.bound - 1);
  // the most a document can score, as relevance() and rank() count; -Infinity where it cannot be a
  // result, lacking a word or a phrase, unless `pooled` (a place the query names in part, there anyway)
  const most = (doc, pooled = false) => {
    let top = 0;
    for (const l of lists) {
      const p = l.get(doc);
      if (p !== undefined) top += 1000 + (p & 1) * 100 + l.weight * (p >> 1);
      else if (l.rest) top += extra(l, doc);
      else if (!pooled) return -Infinity;
    }
    if (!pooled) for (const l of required) if (!l.has(doc)) return -Infinity;
    for (const l of pairLists) if (l && l.has(doc)) top += 300;
    return top - (doc < help && !named.has(doc) ? 500 : 0);  // contributors' pages after documents
  };
  // a place named in part comes third (ALSO_AT) where it ranks lower: known if, at its best, more
  // documents than the places so named rank above it
  const others = order.filter((s) => !near.includes(s.doc));
  const third = others[Math.min(others.length - 1, ALSO_AT + near.length - 1)];
  if (near.some((d) => partly(d) && !(others.length >= ALSO_AT + near.length && most(d, true) < third.score - EPS))) return false;
  const seen = new Set(lists.flatMap((l) => (l.rest ? [...l.keys()] : [])));
  for (const doc of seen) if (partly(doc) && passes(most(doc), doc)) return false;  // in every head: scored already
  if (split.length < lists.length) return true;  // one list is whole: a document in no head lacks its word
  const unseen = 300 * pairLists.filter(Boolean).length + lists.reduce((sum, l) => sum + extra(l, Infinity), 0);
  return !passes(unseen, Math.max(...lists.map((l) => l.cut)) + 1);
}

const ALSO_AT = 2;

// A query whose every word most documents hold ("trợ giúp pháp lý cho người khuyết tật" in a base of
// legal-aid plans) is answered from the first COMMON_TIERS + 1 tiers of each list: the documents scoring
// highest for each word, 32,768 of them (8,192, then 24,576). Proving the first results exact could need
// every tier of every word (at 100,000 plans, 8 words: ~440 KB and a second on a phone), while a document
// the first tiers of none of its words hold is one that names them only in passing. The count is then
// "at most"; search(q, {exact: true}) reads on until the first results are proven.
const COMMON_TIERS = 1;

// Ask for the index's manifest before the first word is typed (the box has just been opened): one
// round trip fewer when it matters.
export function warm(base = "./") {
  fetchJSON(`${base}chi-muc/index.json`).catch(() => {});
}

// `typing`: the query is being typed, so its last word may be unfinished: when no document has it,
// it is left out rather than emptying the results.
export async function search(query, { base = "./", limit = 10, typing = false, exact = false } = {}) {
  const root = `${base}chi-muc/`;
  const manifest = await fetchJSON(`${root}index.json`);
  const number = parseNumber(query, manifest.types);
  let found = null;
  if (number) {
    const byNumber = await numberSearch(root, manifest, number);
    if (byNumber.scored.length) found = { ...byNumber, partial: false, number: true };
  }
  if (!found) found = await wordSearch(root, manifest, query, typing, limit, exact);
  const { scored, terms, partial } = found;
  if (!terms.length) return { results: [], total: 0, terms, partial: false };
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  // places the query names in part come third at the latest, after the two documents that answer it best
  for (const doc of found.also || []) {
    const at = scored.findIndex((s) => s.doc === doc);
    if (at > ALSO_AT) scored.splice(ALSO_AT, 0, ...scored.splice(at, 1));
  }
  const top = scored.slice(0, limit);
  const rows = await Promise.all(top.map(async ({ doc, score }) => {
    const chunk = await fetchJSON(`${root}d/${Math.floor(doc / manifest.chunk)}.json`);
    const [url, title, kind, number_, issuer, area, date, excerpt, local] = chunk[doc % manifest.chunk];
    return { url: base + url, title, kind, number: number_, issuer, area, date, excerpt,
             local: local ? base + local : "", score };
  }));
  // a place comes with its "Địa phương của tôi" page: every plan that applies there
  const results = rows.flatMap((r) => (r.local ? [r, { url: r.local, title: `${r.title}: kế hoạch áp dụng ở đây`,
    kind: "local", number: "", issuer: "", area: "", date: "", excerpt: "", local: "" }] : [r]));
  // a query of words most documents hold is told from the first tiers of their lists: its count, at most
  const approximate = Boolean(found.estimate);
  return { results, total: approximate ? Math.max(scored.length, found.estimate) : scored.length, approximate,
           terms, partial, byNumber: Boolean(found.number) };
}

// The passage of a plan's text that best answers `terms`: the paragraph, item or cell holding most
// of them, cut to about `size` characters around the first; read from the plan's own page (fetched
// once, and then in the browser's cache for the click that follows). Plain text; null if none holds one.
const passages = new Map();
export async function passage(url, terms, size = 220) {
  if (!passages.has(url)) {
    passages.set(url, fetch(url).then((r) => (r.ok ? r.text() : "")).then((html) => {
      const doc = new DOMParser().parseFromString(html, "text/html");
      const text = doc.querySelector("[data-kh-text]");
      return text ? [...text.querySelectorAll("p, li, td, th, h2, h3, h4")]
        .filter((n) => !n.querySelector("p, li, td")).map((n) => n.textContent.replace(/\s+/g, " ").trim())
        .filter(Boolean) : [];
    }).catch(() => []));
  }
  const blocks = await passages.get(url);
  const keys = [...new Set(terms.flatMap((t) => fold(t).split(/[^\p{L}\p{N}]+/u)).filter((k) => k.length > 1 || /\d/.test(k)))];
  if (!keys.length) return null;
  let best = null, bestHits = 0;
  for (const block of blocks) {
    const words = new Set(block.split(/[^\p{L}\p{N}]+/u).map(fold));
    const hits = keys.filter((k) => words.has(k)).length;
    if (hits > bestHits) { best = block; bestHits = hits; }
  }
  if (!best) return null;
  const folded = fold(best);  // same length as `best`: folding keeps one letter for one letter
  const at = Math.min(...keys.map((k) => { const i = folded.search(new RegExp(`(^|[^\\p{L}\\p{N}])${k}($|[^\\p{L}\\p{N}])`, "u")); return i < 0 ? Infinity : i; }));
  if (best.length <= size) return best;
  let start = Math.max(0, Math.min(at - Math.floor(size / 3), best.length - size));
  if (start > 0) start = best.indexOf(" ", start) + 1 || start;
  let end = Math.min(best.length, start + size);
  if (end < best.length) end = best.lastIndexOf(" ", end) > start ? best.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "… " : ""}${best.slice(start, end)}${end < best.length ? " …" : ""}`;
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

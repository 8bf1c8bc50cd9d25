// The search box in the header: runs queries on the site's index (timkiem.js) as the reader types,
// and handles keys and focus as Material's own search does ("/", "s" or "f" opens it, Esc closes it,
// arrow keys move through the results, Enter opens the first or chosen one).
import { search, highlight, escapeHTML, passage, warm } from "./timkiem.js";

const root = new URL("../", import.meta.url).href;  // this file is <site>/assets/timkiem-ui.js
const box = document.querySelector("[data-kh-search]");
const icon = (d) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${d}"/></svg>`;
const MAGNIFY = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
  "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
const BACK = "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z";
const CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";
if (box) {  // Material's search markup and classes (Material icons, Apache 2.0), without its script hooks
  box.innerHTML = `<label class="md-search__overlay" for="__search"></label>
<div class="md-search__inner" role="search"><form class="md-search__form" name="search">
<input type="text" class="md-search__input" name="q" aria-label="Tìm kế hoạch, số hiệu, địa bàn"
 placeholder="Tìm: trợ giúp pháp lý, Hưng Hà, 19/KH-UBND" autocapitalize="off" autocorrect="off" autocomplete="off"
 spellcheck="false" data-kh-query>
<label class="md-search__icon md-icon" for="__search">${icon(MAGNIFY)}${icon(BACK)}</label>
<nav class="md-search__options" aria-label="Tìm kiếm"><button type="reset" class="md-search__icon md-icon" title="Xóa"
 aria-label="Xóa" tabindex="-1">${icon(CLOSE)}</button></nav></form>
<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>
<div class="md-search-result" aria-live="polite"><div class="md-search-result__meta" data-kh-meta></div>
<ol class="md-search-result__list" role="presentation" data-kh-results></ol></div></div></div></div>`;
}
const toggle = document.getElementById("__search");
const input = box && box.querySelector("[data-kh-query]");
const list = box && box.querySelector("[data-kh-results]");
const meta = box && box.querySelector("[data-kh-meta]");
const HINT = "Gõ từ cần tìm, có dấu hay không dấu đều được: trợ giúp pháp lý, Hưng Hà, 19/KH-UBND.";
const KINDS = { plan: "Kế hoạch", document: "Văn bản được trích dẫn", place: "Địa bàn", page: "Trang", help: "Hướng dẫn đóng góp",
  local: "Địa phương của tôi" };

function open(on) {
  if (toggle) toggle.checked = on;
  if (on) input.focus(); else input.blur();
}

const PASSAGES = 8;  // results whose passage is read from their page; the others show their beginning

function item(r, terms, i) {
  const facts = [r.number, r.issuer, r.area, r.date].filter(Boolean).map(escapeHTML).join(" · ");
  const own = r.kind === "plan" && i < PASSAGES;  // its passage comes from its page, below
  return `<li class="md-search-result__item"><a href="${escapeHTML(r.url)}" class="md-search-result__link" tabindex="-1">` +
    `<article class="md-search-result__article md-typeset"><h1>${highlight(r.title, terms)}</h1>` +
    `<p class="kh-result-facts">${escapeHTML(KINDS[r.kind] || "")}${facts ? " · " + facts : ""}</p>` +
    (own ? `<p data-kh-excerpt="${i}"></p>` : r.excerpt ? `<p>${highlight(r.excerpt, terms)}</p>` : "") + "</article></a></li>";
}

// each plan's passage that matched, as its page arrives; its beginning where the words are in its title only
function passages(results, terms, mine) {
  results.forEach(async (r, i) => {
    const slot = list.querySelector(`[data-kh-excerpt="${i}"]`);
    if (!slot) return;
    const text = await passage(r.url, terms);
    if (mine !== latest) return;
    slot.innerHTML = highlight(text || r.excerpt || "", terms);
    slot.removeAttribute("data-kh-excerpt");
    slot.dataset.khPassage = text ? "matched" : "beginning";  // which it shows (for tests and tools)
  });
}

let latest = 0;
async function run() {
  const query = input.value.trim();
  const mine = ++latest;
  if (!query) {
    meta.textContent = HINT;
    list.innerHTML = "";
    list.dataset.query = "";
    return;
  }
  let found;
  try {
    found = await search(query, { base: root, limit: 20, typing: true });
  } catch (err) {
    if (mine === latest) {
      meta.textContent = "Chưa tải được dữ liệu tìm kiếm. Kiểm tra kết nối mạng rồi thử lại.";
      list.innerHTML = "";
    }
    return;
  }
  if (mine !== latest) return;  // a newer query is on its way
  if (!found.terms.length) {
    meta.textContent = HINT;
  } else if (!found.total) {
    meta.textContent = `Không tìm thấy kết quả cho “${query}”. Thử bớt từ, kiểm tra chính tả, hoặc gõ số hiệu như 19/KH-UBND.`;
  } else {
    meta.textContent = (found.partial ? "Không văn bản nào có đủ mọi từ; các kết quả gần nhất: " : "") +
      (found.approximate ? "Tối đa " : "") + `${found.total.toLocaleString("vi-VN")} kết quả` +
      (found.total > found.results.length ? `, ${found.results.length} đầu tiên` : "");
  }
  list.innerHTML = found.results.map((r, i) => item(r, found.terms, i)).join("");
  list.dataset.query = query;  // which query the list answers (for tests and assistive tools)
  passages(found.results, found.terms, mine);
}

if (box && input) {
  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("focus", () => { if (toggle) toggle.checked = true; warm(root); });
  box.querySelector("form").addEventListener("submit", (e) => {
    e.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  box.querySelector("form").addEventListener("reset", () => { setTimeout(run, 0); input.focus(); });
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && ["/", "s", "f"].includes(e.key)) {
      e.preventDefault();
      open(true);
      return;
    }
    if (!toggle || !toggle.checked) return;
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (e.key === "Escape") {
      e.preventDefault();
      open(false);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = e.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
    }
  });
  meta.textContent = HINT;
}

// what only works with this script is hidden in the page until it runs: no page promises a box that is not there
for (const el of document.querySelectorAll("[data-kh-needs-js]")) el.hidden = false;

// the lookup page (Tra cứu) has its own script, loaded only there
if (document.querySelector("[data-kh-lookup]")) import("./tra-cuu.js");
// so have the legal-aid guide's self-check and "Địa phương của tôi"
if (document.querySelector("[data-kh-selfcheck]")) import("./tu-kiem-tra.js");
if (document.querySelector("[data-kh-local]")) import("./dia-phuong.js");
if (document.querySelector("[data-kh-register]")) import("./nhiem-vu.js");
// A plan's period against the reader's day, not the build's: "đang thực hiện" or "hết thời hạn"
// (the card carries the day it ends, data-kh-until; kehoach/status.py).
const now = new Date();  // the reader's own day (toISOString would give London's)
const today = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join("-");
for (const el of document.querySelectorAll("[data-kh-until]")) {
  const over = el.dataset.khUntil < today;
  el.dataset.khState = over ? "het-thoi-han" : "dang-thuc-hien";
  el.textContent = `${over ? "Hết thời hạn" : "Đang thực hiện"} (${el.textContent.toLowerCase()})`;
}

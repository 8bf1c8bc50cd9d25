// The self-check on the legal-aid guide ("Tôi có thuộc diện…?"). The page lists every clause of
// Article 7 with the facts it needs (data-when, from kehoach/data/tro-giup-phap-ly.yaml); this script
// only shows the form and matches the reader's answers against that list, in the browser: nothing is sent.
import { el } from "./timkiem.js";

const form = document.querySelector("[data-kh-selfcheck]");
const out = document.querySelector("[data-kh-selfcheck-result]");
const clauses = [...document.querySelectorAll("[data-kh-clauses] > li[data-khoan]")];
const FINANCIAL = "kho-khan-tai-chinh";
const derivedFrom = (form.dataset.derivedKhoKhanTaiChinh || "").split(" ").filter(Boolean);

function facts() {
  const data = new FormData(form);
  const have = new Set(data.getAll("dieu-kien"));
  if (data.get("tuoi")) have.add(data.get("tuoi"));
  if (derivedFrom.some((f) => have.has(f))) have.add(FINANCIAL);
  return have;
}

const needs = (li) => li.dataset.when.split(" ").filter(Boolean);
const plain = (li) => li.querySelector("strong").textContent;

const link = (li) => el("a", `${li.dataset.label} Điều 7`, { href: `#khoan-${li.dataset.khoan}` });

function answer(scroll) {
  const have = facts();
  const matched = clauses.filter((li) => needs(li).length && needs(li).every((f) => have.has(f)));
  // clauses the reader would fall under with financial difficulty, which they did not say they have
  const almost = clauses.filter((li) => !matched.includes(li) && needs(li).includes(FINANCIAL)
    && needs(li).filter((f) => f !== FINANCIAL).every((f) => have.has(f)));
  out.replaceChildren();
  if (matched.length) {
    out.append(el("h3", "Bạn thuộc diện được trợ giúp pháp lý miễn phí"));
    const list = el("ul");
    for (const li of matched) {
      const item = el("li", "", { "data-khoan": li.dataset.khoan });
      item.append("Theo ", link(li), " Luật Trợ giúp pháp lý: ", plain(li));
      list.append(item);
    }
    out.append(list);
  } else {
    out.append(el("h3", "Chưa thấy khoản nào phù hợp với những điều bạn chọn"),
      el("p", "Hãy xem danh sách đầy đủ ở dưới, hoặc hỏi Trung tâm Trợ giúp pháp lý nhà nước: họ sẽ xem hoàn cảnh cụ thể của bạn."));
  }
  if (almost.length && !matched.length) {  // one already entitled needs no "if": it would only confuse
    const p = el("p", "", { "data-kh-almost": almost.map((li) => li.dataset.khoan).join(" ") });
    p.append(`Nếu ${derivedHint()} (khó khăn về tài chính), bạn thuộc diện: `);
    almost.forEach((li, i) => p.append(i ? "; " : "", link(li), ` (${plain(li)})`));
    out.append(p);
  }
  const shown = matched.length ? matched : almost;
  if (shown.length) {
    // the papers of the clauses shown only: a child is not asked for an HIV certificate
    const need = new Set(shown.flatMap(needs));
    out.append(el("h3", "Mang theo giấy tờ gì"));
    const docs = document.querySelector("#kh-giay-to");
    if (docs) {
      const copy = docs.cloneNode(true);
      copy.removeAttribute("id");
      copy.setAttribute("data-kh-papers", "");
      for (const li of copy.querySelectorAll("li[data-for]")) {
        if (!li.dataset.for.split(" ").some((f) => need.has(f))) li.remove();
      }
      out.append(copy);
    }
  }
  out.append(el("h3", "Hỏi ở đâu"));
  const province = form.elements.tinh;
  const name = province.selectedIndex > 0 ? province.options[province.selectedIndex].text : "tỉnh, thành phố nơi bạn ở";
  out.append(el("p", `Trung tâm Trợ giúp pháp lý nhà nước của ${name} (thuộc Sở Tư pháp), hoặc Ủy ban nhân dân xã, phường nơi bạn ở.`));
  // its address and phone where the page publishes them (checked against an official page), else where to find them
  const centre = province.value && document.querySelector(`[data-centre="${CSS.escape(province.value)}"]`);
  const directory = document.querySelector("[data-kh-directory] a");
  if (centre) out.append(el("p", centre.textContent));
  else if (directory) {
    const p = el("p", "Địa chỉ, số điện thoại của Trung tâm: xem ");
    p.append(directory.cloneNode(true), ", hoặc hỏi Sở Tư pháp.");
    out.append(p);
  }
  if (province.value) {
    const plans = document.querySelector(`[data-tinh="${CSS.escape(province.value)}"] ul`);
    if (plans) {
      out.append(el("p", `Kế hoạch trợ giúp pháp lý của ${name} trong cơ sở dữ liệu:`));
      const copy = plans.cloneNode(true);
      copy.setAttribute("data-kh-selfcheck-plans", "");
      out.append(copy);
    } else {
      out.append(el("p", `Cơ sở dữ liệu chưa có kế hoạch trợ giúp pháp lý nào của ${name}.`));
    }
  }
  if (scroll) out.scrollIntoView({ block: "nearest" });
}

// the facts that make financial difficulty, as the reader is told them: "gia đình bạn là hộ cận nghèo hoặc bạn
// đang hưởng trợ cấp xã hội hằng tháng" (the form asks them as "Gia đình tôi…", "Tôi đang…")
function derivedHint() {
  return derivedFrom.map((f) => form.querySelector(`input[value="${f}"]`)?.parentElement.textContent.trim())
    .filter(Boolean).map((t) => (t[0].toLowerCase() + t.slice(1)).replace(/(^|\s)tôi(?=\s|$)/gu, "$1bạn"))
    .join(" hoặc ");
}

form.hidden = false;
form.addEventListener("submit", (e) => { e.preventDefault(); answer(true); });
form.addEventListener("change", () => { if (out.childElementCount) answer(false); });

// Interview pages: the words a search result matched, marked on arrival, the contents
// panel (opened on wide screens, marking where the reader is), and a find box for
// this transcript. Both are progressive enhancement: without JavaScript the
// page is whole, and the find box (hidden in the HTML) never appears.
// Expects (in interview.html): div.transcript holding form#find-box (hidden) with
// input#find-q, button#find-prev, button#find-next and output#find-count, whose
// data-none and data-one ("{i} of {n}") are its words in the page's language; and
// data-highlighter on this script: Pagefind's pagefind-highlight.js (relative URL).
(() => {
  "use strict";
  const script = document.currentScript;
  const transcript = document.querySelector(".transcript");
  if (!transcript) return;

  // --- arriving from search: ?highlight=<word>&highlight=<phrase> ---------------------
  // Pagefind's own highlighter (mark.js, a module) is loaded only then, from the bundle; it
  // marks each term (a phrase whole) inside the transcript, and the page then
  // returns to the turn the result named.
  const terms = new URLSearchParams(location.search).getAll("highlight").filter(Boolean);
  if (terms.length && script && script.dataset.highlighter && location.protocol !== "file:") {
    import(new URL(script.dataset.highlighter, location.href).href).then(() => {
      if (!window.PagefindHighlight) return;
      new window.PagefindHighlight({ highlightParam: "highlight", addStyles: false,
        markContext: transcript.querySelectorAll(".turn > p"),
        markOptions: { className: "search-highlight", exclude: [] } });
      const target = location.hash && document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    }).catch(() => {});
  }

  // --- the contents panel: open beside the transcript, marking where you are ----------
  // Folded in the HTML so a phone reaches the first question; opened on a wide screen,
  // where it stands beside the transcript, and whenever a "Questions" link leads to it.
  const toc = document.getElementById("contents");
  const fold = toc && toc.querySelector("details");
  if (fold) {
    const wide = window.matchMedia("(min-width: 62rem)");
    if (wide.matches) fold.open = true;
    wide.addEventListener("change", (event) => { if (event.matches) fold.open = true; });
    const unfold = () => { if (location.hash === "#contents") fold.open = true; };
    window.addEventListener("hashchange", unfold);
    unfold();

    // aria-current="location" on the question whose exchange is at the top of the view
    const links = new Map();
    for (const a of fold.querySelectorAll('a[href^="#"]')) links.set(a.hash.slice(1), a);
    const turns = [...transcript.querySelectorAll(".turn")];
    const owner = new Map();  // turn -> the question it belongs to (the last one before it)
    let question = null;
    for (const t of turns) {
      if (links.has(t.id)) question = t.id;
      owner.set(t, question);
    }
    let current = null;
    const mark = (id) => {
      const link = id && links.get(id);
      if (link === current) return;
      if (current) current.removeAttribute("aria-current");
      current = link || null;
      if (!current) return;
      current.setAttribute("aria-current", "location");
      // the panel scrolls by itself beside the transcript: keep the mark in its view
      if (wide.matches && toc.scrollHeight > toc.clientHeight) {
        const at = current.getBoundingClientRect(), box = toc.getBoundingClientRect();
        if (at.top < box.top || at.bottom > box.bottom) {
          toc.scrollTop += at.top - box.top - box.height / 3;
        }
      }
    };
    if ("IntersectionObserver" in window && links.size) {
      const seen = new Set();
      // a turn counts while it crosses the top 40% of the viewport
      const watch = new IntersectionObserver((records) => {
        for (const r of records) {
          if (r.isIntersecting) seen.add(r.target); else seen.delete(r.target);
        }
        const first = turns.find((t) => seen.has(t));
        if (first) mark(owner.get(first));
      }, { rootMargin: "0px 0px -60% 0px" });
      for (const t of turns) watch.observe(t);
    }
  }

  // --- find in this interview --------------------------------------------------------
  const box = document.getElementById("find-box");
  if (!box) return;
  const input = document.getElementById("find-q");
  const count = document.getElementById("find-count");
  const paragraphs = [...transcript.querySelectorAll(".turn > p")];
  let hits = [];
  let at = -1;

  function clear() {
    for (const mark of transcript.querySelectorAll("mark.find-hit")) {
      const parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    }
    hits = [];
    at = -1;
  }

  // every occurrence of the words, case-insensitive, in each paragraph's text nodes
  function find(query) {
    clear();
    const needle = query.trim().toLocaleLowerCase();
    if (!needle) { count.textContent = ""; return; }
    for (const p of paragraphs) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      for (let node of nodes) {
        let i;
        while ((i = node.data.toLocaleLowerCase().indexOf(needle)) >= 0) {
          const hit = node.splitText(i);
          node = hit.splitText(needle.length);
          const mark = document.createElement("mark");
          mark.className = "find-hit";
          hit.parentNode.replaceChild(mark, hit);
          mark.append(hit);
          hits.push(mark);
        }
      }
    }
    go(hits.length ? 0 : -1);
  }

  function go(i) {
    if (at >= 0 && hits[at]) hits[at].classList.remove("find-current");
    at = i;
    if (at < 0) {
      count.textContent = input.value.trim() ? count.dataset.none : "";
      return;
    }
    hits[at].classList.add("find-current");
    hits[at].scrollIntoView({ block: "center" });
    count.textContent = count.dataset.one.replace("{i}", at + 1).replace("{n}", hits.length);
  }

  const step = (d) => { if (hits.length) go((at + d + hits.length) % hits.length); };
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => find(input.value), 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    clearTimeout(timer);
    if (!hits.length || input.value.trim().toLocaleLowerCase() !==
        (hits[0].textContent || "").toLocaleLowerCase()) find(input.value);
    else step(event.shiftKey ? -1 : 1);
  });
  box.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("find-next").addEventListener("click", () => step(1));
  document.getElementById("find-prev").addEventListener("click", () => step(-1));
  box.hidden = false;
})();

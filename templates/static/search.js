// Search page: Pagefind's JS API, one result per turn, filters and date sort.
// Expects (in search.html): form#search-form with input[name=q] and
// select#search-sort, div#search-filters, p#search-status, ol#search-results,
// and data-bundle="pagefind/pagefind.js" on form#search-form (relative URL).
(() => {
  "use strict";
  const form = document.getElementById("search-form");
  if (!form) return;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const filterBox = document.getElementById("search-filters");
  const sortSel = document.getElementById("search-sort");
  const input = form.querySelector("input[name=q]");

  if (location.protocol === "file:") {
    status.textContent = "Search cannot run from a file opened on disk (file://): " +
      "browsers block the search index there. Serve the site over http — for example " +
      "`scogen serve` or `python -m http.server` in the site folder — or browse by " +
      "speaker, topic and year instead.";
    status.classList.add("search-unavailable");
    form.querySelectorAll("input, select, button").forEach((el) => { el.disabled = true; });
    return;
  }

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (params.get("sort")) sortSel.value = params.get("sort");
  let pagefind = null;
  const chosen = {};
  for (const [k, v] of params) if (k.startsWith("f.")) (chosen[k.slice(2)] ||= []).push(v);

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    return node;
  };

  async function load() {
    if (pagefind) return pagefind;
    try {
      pagefind = await import(new URL(form.dataset.bundle, location.href).href);
      await pagefind.options({ excerptLength: 40 });
    } catch (e) {
      status.textContent = "The search index could not be loaded (" + e.message + ").";
      throw e;
    }
    return pagefind;
  }

  async function renderFilters() {
    const pf = await load();
    const filters = await pf.filters();
    filterBox.replaceChildren();
    for (const name of ["speaker", "topic", "year", "publisher", "kind"]) {
      const values = filters[name];
      if (!values) continue;
      const label = el("label", { for: "filter-" + name }, name[0].toUpperCase() + name.slice(1));
      const select = el("select", { id: "filter-" + name, name: "f." + name });
      select.append(el("option", { value: "" }, "Any"));
      for (const value of Object.keys(values).sort()) {
        const opt = el("option", { value }, `${value} (${values[value]})`);
        if ((chosen[name] || []).includes(value)) opt.selected = true;
        select.append(opt);
      }
      select.addEventListener("change", run);
      const wrap = el("div", { class: "search-filter" });
      wrap.append(label, select);
      filterBox.append(wrap);
    }
  }

  function currentFilters() {
    const out = {};
    filterBox.querySelectorAll("select").forEach((s) => {
      if (s.value) out[s.name.slice(2)] = [s.value];
    });
    return out;
  }

  async function run(event) {
    if (event) event.preventDefault();
    const pf = await load();
    const q = input.value.trim();
    const filters = currentFilters();
    const options = { filters };
    if (sortSel.value === "newest") options.sort = { date: "desc" };
    if (sortSel.value === "oldest") options.sort = { date: "asc" };
    const url = new URL(location.href);
    url.search = "";
    if (q) url.searchParams.set("q", q);
    if (sortSel.value !== "relevance") url.searchParams.set("sort", sortSel.value);
    for (const [k, v] of Object.entries(filters)) url.searchParams.set("f." + k, v[0]);
    history.replaceState(null, "", url);
    if (!q && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "Type a word or phrase, or choose a filter.";
      return;
    }
    status.textContent = "Searching…";
    const search = await pf.search(q || null, options);
    const results = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
    list.replaceChildren();
    for (const r of results) {
      const li = el("li", { class: "search-result" });
      const a = el("a", { href: r.url, class: "search-result-link" }, r.meta.title || r.url);
      const meta = el("p", { class: "search-result-meta" },
        [r.meta.date, r.meta.kind].filter(Boolean).join(" · "));
      const excerpt = el("p", { class: "search-result-excerpt" });
      // Pagefind's excerpt is the record's own text with <mark> around hits:
      // rebuild it with text nodes so nothing else in it can become markup.
      for (const part of r.excerpt.split(/(<mark>.*?<\/mark>)/)) {
        const m = part.match(/^<mark>(.*)<\/mark>$/);
        excerpt.append(m ? el("mark", {}, m[1]) : document.createTextNode(
          part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'").replace(/&amp;/g, "&")));
      }
      li.append(a, meta, excerpt);
      list.append(li);
    }
    const n = search.results.length;
    status.textContent = n ? `${n} matching turn${n === 1 ? "" : "s"}` +
      (n > 50 ? " (first 50 shown)" : "") : "No matching turns.";
  }

  form.addEventListener("submit", run);
  sortSel.addEventListener("change", run);
  renderFilters().then(() => run()).catch(() => {});
})();

// Search page: Pagefind's JS API, one result per turn, filters and date sort.
// Expects (in search.html): form#search-form with input[name=q] and
// select#search-sort, div#search-filters, p#search-status, ol#search-results,
// and data-bundle="pagefind/pagefind.js" on form#search-form (relative URL).
// The bundle holds one index per language; all of them are searched at once.
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
  let languageList = [];  // the index's languages, the page's first
  const chosen = {};
  for (const [k, v] of params) if (k.startsWith("f.")) (chosen[k.slice(2)] ||= []).push(v);

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    return node;
  };

  // Pagefind opens the index of the page's <html lang> (else of its main tag, else
  // the largest); the same choice here, so that every other one is merged into it.
  function opened(languages) {
    const lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    if (languages[lang]) return lang;
    if (languages[lang.split("-")[0]]) return lang.split("-")[0];
    return Object.keys(languages).sort((a, b) =>
      languages[b].page_count - languages[a].page_count)[0];
  }

  // One query searches every language: each other language's index of the same
  // bundle is merged into the page's search. A merged index keeps its own language
  // for cutting a Chinese query into words; Pagefind returns one list by score.
  // Pagefind skips a merge whose path begins its own root-relative path, so the same
  // folder is named with a trailing "./" (the browser resolves it to the same files).
  async function mergeLanguages(pf, folder) {
    const entry = await (await fetch(new URL("pagefind-entry.json", folder),
      { cache: "no-cache" })).json();
    const languages = entry.languages || {};
    const own = opened(languages);
    languageList = [own, ...Object.keys(languages).filter((l) => l !== own).sort()];
    await Promise.all(languageList.slice(1).map((language) =>
      pf.mergeIndex(folder.pathname + "./", { language })));
  }

  // a language tag's name in that language ("ru" -> "Русский")
  function languageName(tag) {
    try {
      const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag);
      return name[0].toLocaleUpperCase(tag) + name.slice(1);
    } catch (e) {
      return tag;
    }
  }

  async function load() {
    if (pagefind) return pagefind;
    try {
      const bundle = new URL(form.dataset.bundle, location.href);
      const pf = await import(bundle.href);
      await pf.options({ excerptLength: 40 });
      await mergeLanguages(pf, new URL(".", bundle));
      pagefind = pf;
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
    for (const name of ["speaker", "topic", "year", "publisher", "kind", "language"]) {
      const values = filters[name];
      if (!values) continue;
      const label = el("label", { for: "filter-" + name }, name[0].toUpperCase() + name.slice(1));
      const select = el("select", { id: "filter-" + name, name: "f." + name });
      select.append(el("option", { value: "" }, "Any"));
      for (const value of Object.keys(values).sort()) {
        const opt = name === "language" ?
          el("option", { value, lang: value }, `${languageName(value)} (${values[value]})`) :
          el("option", { value }, `${value} (${values[value]})`);
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
    const { n, results } = options.sort ? await byDate(pf, q || null, options) :
      await byScore(pf, q || null, options);
    list.replaceChildren();
    for (const r of results) {
      const tag = (r.filters.language || [])[0] || "";
      const li = el("li", { class: "search-result" });
      const a = el("a", { href: r.url, class: "search-result-link" }, r.meta.title || r.url);
      const meta = el("p", { class: "search-result-meta" },
        [r.meta.date, r.meta.kind].filter(Boolean).join(" · "));
      if (tag) {
        a.setAttribute("lang", tag);
        meta.append(meta.textContent ? " · " : "",
          el("span", { class: "search-result-lang", lang: tag }, languageName(tag)));
      }
      const excerpt = el("p", { class: "search-result-excerpt" });
      if (tag) excerpt.setAttribute("lang", tag);
      // Pagefind's excerpt is the record's own text with <mark> around hits:
      // rebuild it with text nodes so nothing else in it can become markup.
      // (Pagefind joins the words it cut a Chinese text into with zero-width spaces)
      for (const part of r.excerpt.replace(/\u200b/g, "").split(/(<mark>.*?<\/mark>)/)) {
        const m = part.match(/^<mark>(.*)<\/mark>$/);
        excerpt.append(m ? el("mark", {}, m[1]) : document.createTextNode(
          part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'").replace(/&amp;/g, "&")));
      }
      li.append(a, meta, excerpt);
      list.append(li);
    }
    status.textContent = n ? `${n} matching turn${n === 1 ? "" : "s"}` +
      (n > 50 ? " (first 50 shown)" : "") : "No matching turns.";
  }

  // Relevance: Pagefind's merged list, by each index's score (the page's language
  // first where scores tie).
  async function byScore(pf, q, options) {
    const search = await pf.search(q, options);
    return { n: search.results.length,
      results: await Promise.all(search.results.slice(0, 50).map((r) => r.data())) };
  }

  // By date: Pagefind sorts within each language's index and scores a result by its
  // place there, which does not compare across indexes. So each language is searched
  // alone (a language filter) and the lists, each in date order, are merged by date,
  // a list's results read ten at a time as the merge reaches them.
  async function byDate(pf, q, options) {
    const wanted = options.filters.language || languageList;
    const lists = await Promise.all(wanted.map(async (language) => (await pf.search(q,
      { ...options, filters: { ...options.filters, language: [language] } })).results));
    const cursors = lists.map((list) => {
      const read = [];
      return { list, at: 0, async head() {
        if (this.at >= list.length) return null;
        if (this.at >= read.length) {
          read.push(...await Promise.all(list.slice(this.at, this.at + 10).map((r) => r.data())));
        }
        return read[this.at];
      } };
    });
    const key = (r) => r.meta.date || "0000-00-00";
    const before = options.sort.date === "desc" ? (a, b) => key(a) > key(b) :
      (a, b) => key(a) < key(b);
    const results = [];
    while (results.length < 50) {
      const heads = await Promise.all(cursors.map((c) => c.head()));
      let best = -1;
      heads.forEach((h, i) => { if (h && (best < 0 || before(h, heads[best]))) best = i; });
      if (best < 0) break;
      results.push(heads[best]);
      cursors[best].at += 1;
    }
    return { n: lists.reduce((sum, l) => sum + l.length, 0), results };
  }

  form.addEventListener("submit", run);
  sortSel.addEventListener("change", run);
  renderFilters().then(() => run()).catch(() => {});
})();

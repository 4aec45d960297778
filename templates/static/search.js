// Search page: Pagefind's JS API, one result per turn, facets and date sort.
// Expects (in search.html): form#search-form with input[name=q] and
// select#search-sort, div#search-filters, p#search-status, ol#search-results,
// button#search-more, and data-bundle="pagefind/pagefind.js" on form#search-form
// (relative URL). The bundle holds one index per language; all are searched at once.
// A result links to its turn with ?highlight=<word> for each word it matched
// (static/interview.js marks them there).
(() => {
  "use strict";
  // Every interface string of this script, in one place (to be localised).
  const STRINGS = {
    fileProtocol: "Search cannot run from a file opened on disk (file://): browsers " +
      "block the search index there. Serve the site over http — for example with " +
      "scogen serve, or python -m http.server in the site folder.",
    indexFailed: (message) => `The search index could not be loaded (${message}).`,
    prompt: "Type a word or phrase, or choose a filter.",
    searching: "Searching…",
    none: "No matching turns.",
    count: (n) => `${n.toLocaleString()} matching turn${n === 1 ? "" : "s"}`,
    shown: (k, n) => `${n.toLocaleString()} matching turn${n === 1 ? "" : "s"}` +
      (k < n ? `, ${k.toLocaleString()} shown` : ""),
    more: (k) => `Show ${k} more`,
    facets: { speaker: "Speaker", topic: "Topic", publisher: "Outlet", kind: "Kind",
      language: "Language" },
    selected: (n) => `${n} chosen`,
    years: "Years", from: "From", to: "To", anyYear: "Any", loading: "Loading…",
    kinds: { question: "Question", answer: "Answer" },
    title: (q) => `“${q}”`,
  };
  const BATCH = 20;  // results shown at first, and added by "Show more"
  const FACETS = ["speaker", "topic", "publisher", "kind", "language"];

  const form = document.getElementById("search-form");
  if (!form) return;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const filterBox = document.getElementById("search-filters");
  const sortSel = document.getElementById("search-sort");
  const moreButton = document.getElementById("search-more");
  const input = form.querySelector("input[name=q]");
  const baseTitle = document.title;

  if (location.protocol === "file:") {
    // the reason, before the page's own no-JavaScript text and its browse links
    const why = document.createElement("strong");
    why.textContent = STRINGS.fileProtocol;
    status.prepend(why, " ");
    status.classList.add("search-unavailable");
    form.querySelectorAll("input, select, button").forEach((el) => { el.disabled = true; });
    return;
  }

  let pagefind = null;
  let languageList = [];  // the index's languages, the page's first
  let shardLists = [];  // the lists a date-sorted search merges: [language, bundle or null]
  let allFilters = {};    // every filter value in the archive (and its count)
  let years = [];
  let filtersLoaded = null;  // the promise of allFilters, made when first needed
  let filtersDone = false;
  let state = readURL();  // { q, sort, chosen: {facet: [values]}, from, to }
  let current = null;     // the search on screen: { source, shown, token }
  let token = 0;
  history.scrollRestoration = "manual";

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    return node;
  };

  function readURL() {
    const params = new URLSearchParams(location.search);
    const chosen = {};
    for (const [k, v] of params) if (k.startsWith("f.")) (chosen[k.slice(2)] ||= []).push(v);
    return { q: params.get("q") || "", sort: params.get("sort") || "relevance", chosen,
      from: params.get("from") || "", to: params.get("to") || "" };
  }

  function urlOf(s) {
    const url = new URL(location.href);
    url.search = "";
    url.hash = "";
    if (s.q) url.searchParams.set("q", s.q);
    if (s.sort !== "relevance") url.searchParams.set("sort", s.sort);
    for (const name of FACETS) for (const v of s.chosen[name] || []) url.searchParams.append("f." + name, v);
    if (s.from) url.searchParams.set("from", s.from);
    if (s.to) url.searchParams.set("to", s.to);
    return url.href;
  }

  // the form as a state
  function readForm() {
    const chosen = {};
    filterBox.querySelectorAll("input[type=checkbox]:checked").forEach((c) => {
      (chosen[c.name.slice(2)] ||= []).push(c.value);
    });
    const from = document.getElementById("filter-year-from");
    const to = document.getElementById("filter-year-to");
    return { q: input.value.trim(), sort: sortSel.value, chosen,
      from: from ? from.value : state.from, to: to ? to.value : state.to };
  }

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
  // A large archive's index is cut into bundles (pagefind/, pagefind-1/, ...), which
  // pagefind/shards.json lists with their languages: each is merged the same way, and
  // its records carry a "shard" filter, its number.
  async function mergeLanguages(pf, folder) {
    const [entry, shards] = await Promise.all([
      fetch(new URL("pagefind-entry.json", folder)).then((r) => r.json()),
      fetch(new URL("shards.json", folder)).then((r) => r.ok ? r.json() : { bundles: [] })
        .catch(() => ({ bundles: [] }))]);
    const languages = entry.languages || {};
    const own = opened(languages);
    const others = (shards.bundles || []).filter((b) => b && typeof b.path === "string");
    const all = new Set(Object.keys(languages));
    for (const b of others) for (const l of b.languages || []) all.add(l);
    languageList = [own, ...[...all].filter((l) => l !== own).sort()];
    const sharded = others.length > 0;
    shardLists = [];
    for (const l of Object.keys(languages)) shardLists.push([l, sharded ? "0" : null]);
    for (const b of others) for (const l of b.languages || []) shardLists.push([l, String(b.number)]);
    await Promise.all([
      ...Object.keys(languages).filter((l) => l !== own).map((language) =>
        pf.mergeIndex(folder.pathname + "./", { language })),
      ...others.flatMap((b) => (b.languages || []).map((language) =>
        pf.mergeIndex(new URL(b.path, folder).pathname, { language })))]);
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
      status.textContent = STRINGS.indexFailed(e.message);
      throw e;
    }
    return pagefind;
  }

  // every filter value in the archive, with its count (every filter's index read)
  function loadFilters(pf) {
    filtersLoaded ||= pf.filters().then((all) => {
      allFilters = all;
      years = Object.keys(all.year || {}).sort();
      filtersDone = true;
    });
    return filtersLoaded;
  }

  // --- facets ---------------------------------------------------------------------

  // One group of checkboxes per facet (several values of one facet: any of them);
  // each value with its count for the current query, the values with none hidden
  // unless chosen; a year range. Each facet is a closed <details> until it is
  // opened or has a value chosen: the filter indexes are read only then, so a
  // search that uses no facet does not fetch them.
  function renderFilters(counts) {
    const open = new Set([...filterBox.querySelectorAll("details[open]")].map((d) => d.id));
    filterBox.replaceChildren();
    const shell = (id, title, chosen) => {
      const details = el("details", { class: "search-filter", id });
      if (open.has(id) || chosen) details.open = true;
      const summary = el("summary", {}, title);
      if (chosen) summary.append(" ", el("span", { class: "facet-chosen" },
        `(${STRINGS.selected(chosen)})`));
      details.append(summary);
      if (!filtersDone) details.append(el("p", { class: "facet-loading" }, STRINGS.loading));
      filterBox.append(details);
      return details;
    };
    for (const name of FACETS) {
      const values = allFilters[name];
      if (filtersDone && (!values || Object.keys(values).length < 2 && name !== "language")) continue;
      const chosen = state.chosen[name] || [];
      const details = shell("filter-" + name, STRINGS.facets[name], chosen.length);
      if (!filtersDone) continue;
      const here = counts ? counts[name] || {} : values;
      const shown = Object.keys(values).filter((v) => here[v] || chosen.includes(v))
        .sort((a, b) => (here[b] || 0) - (here[a] || 0) || a.localeCompare(b));
      const fieldset = el("fieldset");
      fieldset.append(el("legend", { class: "visually-hidden" }, STRINGS.facets[name]));
      shown.forEach((value, i) => {
        const id = `f-${name}-${i}`;
        const box = el("input", { type: "checkbox", id, name: "f." + name, value });
        box.checked = chosen.includes(value);
        const label = el("label", { for: id });
        const text = name === "language" ? languageName(value) :
          name === "kind" ? STRINGS.kinds[value] || value : value;
        const span = el("span", {}, text);
        if (name === "language") span.setAttribute("lang", value);
        label.append(span, ` (${(here[value] || 0).toLocaleString()})`);
        const row = el("div", { class: "facet-value" });
        row.append(box, label);
        fieldset.append(row);
      });
      details.append(fieldset);
    }
    if (filtersDone && years.length < 2) return;
    const details = shell("filter-years", STRINGS.years, (state.from ? 1 : 0) + (state.to ? 1 : 0));
    if (!filtersDone) return;
    const fieldset = el("fieldset", { class: "search-years" });
    fieldset.append(el("legend", { class: "visually-hidden" }, STRINGS.years));
    for (const [key, text] of [["from", STRINGS.from], ["to", STRINGS.to]]) {
      const select = el("select", { id: "filter-year-" + key, name: key });
      select.append(el("option", { value: "" }, STRINGS.anyYear));
      for (const y of years) {
        const opt = el("option", { value: y }, y);
        if (state[key] === y) opt.selected = true;
        select.append(opt);
      }
      const wrap = el("div", { class: "search-year" });
      wrap.append(el("label", { for: select.id }, text), select);
      fieldset.append(wrap);
    }
    details.append(fieldset);
  }

  // Pagefind's filters for a state: several values of a facet match any of them;
  // the year range is every year in it.
  function filtersOf(s) {
    const out = {};
    for (const name of FACETS) if ((s.chosen[name] || []).length) out[name] = { any: s.chosen[name] };
    if (s.from || s.to) {
      const inRange = years.filter((y) => (!s.from || y >= s.from) && (!s.to || y <= s.to));
      out.year = { any: inRange.length ? inRange : ["none"] };
    }
    return out;
  }

  // --- results --------------------------------------------------------------------

  // The words a result matched, as the text writes them (a Russian form, a Chinese
  // word), for highlighting on the page it opens; a quoted phrase whole.
  function highlightTerms(q, data) {
    const phrases = [...q.matchAll(/"([^"]+)"/g)].map((m) => m[1].trim()).filter(Boolean);
    if (phrases.length) return phrases;
    const text = data.content.replace(/\u200b/g, " ");
    const words = data.content.includes("\u200b") ? data.content.split("\u200b") :
      data.content.split(/\s+/);
    const seen = new Set();
    for (const i of data.locations || []) {
      const w = (words[i] || "").trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (w && text.includes(w)) seen.add(w);
    }
    return [...seen].slice(0, 8);
  }

  // the turn's URL with the words to mark, relative: a record's URL is written
  // relative to the site root (raw_url; Pagefind's url prefixes the root's path), and
  // this page is at the root
  function resultLink(q, data) {
    const [path, hash] = (data.raw_url || data.url).split("#");
    const params = new URLSearchParams();
    for (const term of highlightTerms(q, data)) params.append("highlight", term);
    const query = params.toString();
    return path + (query ? "?" + query : "") + (hash ? "#" + hash : "");
  }

  const plain = (html) => html.replace(/<\/?mark>/g, "").replace(/\u200b/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();

  function renderResult(q, r) {
    // who, what, where and when are the record's filters (Pagefind indexes no filter
    // value as a word; search.py); one value each
    const f = (name) => (r.filters[name] || [])[0] || "";
    const tag = f("language");
    const m = { speaker: f("speaker"), title: f("interview"), date: f("date"),
      kind: f("kind"), outlet: f("publisher") };
    const li = el("li", { class: "search-result" });
    const a = el("a", { href: resultLink(q, r), class: "search-result-link" },
      [m.speaker, m.title].filter(Boolean).join(" — ") || r.url);
    const meta = el("p", { class: "search-result-meta" });
    const parts = [];
    if (m.date) parts.push(el("time", { datetime: m.date }, m.date));
    if (m.kind) parts.push(STRINGS.kinds[m.kind] || m.kind);
    if (m.outlet) parts.push(el("span", { class: "search-result-outlet" }, m.outlet));
    if (tag) parts.push(el("span", { class: "search-result-lang", lang: tag }, languageName(tag)));
    parts.forEach((p, i) => meta.append(i ? " · " : "", p));
    if (tag) a.setAttribute("lang", tag);
    const excerpt = el("p", { class: "search-result-excerpt" });
    if (tag) excerpt.setAttribute("lang", tag);
    // Pagefind's excerpt is the record's own text with <mark> around hits:
    // rebuild it with text nodes so nothing else in it can become markup.
    // (Pagefind joins the words it cut a Chinese text into with zero-width spaces)
    // An excerpt cut from a longer text says so with "…" at the cut.
    const whole = plain(r.content);
    const shown = plain(r.excerpt);
    if (shown && !whole.startsWith(shown)) excerpt.append("…");
    for (const part of r.excerpt.replace(/\u200b/g, "").split(/(<mark>.*?<\/mark>)/)) {
      const mk = part.match(/^<mark>(.*)<\/mark>$/);
      excerpt.append(mk ? el("mark", {}, mk[1]) : document.createTextNode(
        part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'").replace(/&amp;/g, "&")));
    }
    if (shown && !whole.endsWith(shown)) excerpt.append("…");
    li.append(a, meta, excerpt);
    return li;
  }

  // Relevance: Pagefind's merged list, by each index's score (the page's language
  // first where scores tie). Each result's fragment is fetched when it is shown.
  function byScore(results) {
    let at = 0;
    return { total: results.length,
      take(k) { const slice = results.slice(at, at + k); at += slice.length;
        return slice.map((r) => r.data()); } };
  }

  // By date: Pagefind sorts within each index (a language of a bundle) and scores a
  // result by its place there, which does not compare across indexes. So each index
  // is searched alone (a language filter, and a shard filter when the index is cut
  // into bundles) and the lists, each in date order, are merged by date, a list's
  // results read ten at a time as the merge reaches them.
  async function byDate(pf, q, options, order) {
    const chosen = options.filters.language ? options.filters.language.any : languageList;
    const wanted = shardLists.filter(([language]) => chosen.includes(language));
    const lists = await Promise.all(wanted.map(async ([language, shard]) => (await pf.search(q,
      { ...options, sort: { date: order }, filters: { ...options.filters, language: [language],
        ...(shard === null ? {} : { shard: [shard] }) } }))));
    const cursors = lists.map((search) => {
      const list = search.results;
      const read = [];
      return { at: 0, async head() {
        if (this.at >= list.length) return null;
        if (this.at >= read.length) {
          read.push(...await Promise.all(list.slice(this.at, this.at + 10).map((r) => r.data())));
        }
        return read[this.at];
      } };
    });
    const key = (r) => (r.filters.date || [])[0] || "0000-00-00";
    const before = order === "desc" ? (a, b) => key(a) > key(b) : (a, b) => key(a) < key(b);
    let queue = Promise.resolve();
    const next = async () => {
      const heads = await Promise.all(cursors.map((c) => c.head()));
      let best = -1;
      heads.forEach((h, i) => { if (h && (best < 0 || before(h, heads[best]))) best = i; });
      if (best < 0) return null;
      cursors[best].at += 1;
      return heads[best];
    };
    const total = lists.reduce((sum, s) => sum + s.results.length, 0);
    let given = 0;
    return { total, counts: mergeCounts(lists.map((s) => s.filters)),
      take(k) {
        const out = [];
        for (let i = 0; i < k && given < total; i++, given++) {
          queue = queue.then(next);
          out.push(queue);
        }
        return out;
      } };
  }

  function mergeCounts(all) {
    const merged = {};
    for (const counts of all) for (const [name, values] of Object.entries(counts || {})) {
      merged[name] ||= {};
      for (const [v, n] of Object.entries(values)) merged[name][v] = (merged[name][v] || 0) + n;
    }
    return merged;
  }

  // The facets' counts for this query: for a facet with values chosen, the counts
  // with every other filter but its own (so its other values stay there to add).
  async function facets(pf, s, mine, counts, fresh) {
    await loadFilters(pf);
    const searchCounts = async (filters) => {
      const lists = s.sort === "relevance" ? [await pf.search(s.q || null, { filters })] :
        await Promise.all(languageList.map((language) => pf.search(s.q || null,
          { filters: { language: [language], ...filters } })));
      return mergeCounts(lists.map((l) => l.filters));
    };
    const filters = filtersOf(s);
    if (!s.q && !Object.keys(filters).length) counts = null;  // the archive's own
    else if (!fresh) counts = await searchCounts(filters);
    counts = counts && { ...counts };
    for (const name of FACETS) {
      if (!counts || !filters[name]) continue;
      const others = { ...filters };
      delete others[name];
      counts[name] = Object.keys(others).length || s.q ? (await searchCounts(others))[name] || {} :
        allFilters[name];
    }
    if (mine === token) renderFilters(counts);
  }

  // Shows the next ``k`` results, each as soon as it and those before it are read.
  async function show(k, search) {
    const promises = search.source.take(k);
    moreButton.hidden = true;
    list.setAttribute("aria-busy", "true");
    for (const p of promises) {
      const r = await p;
      if (search.token !== token) return;
      if (!r) break;
      list.append(renderResult(search.q, r));
      search.shown += 1;
    }
    list.removeAttribute("aria-busy");
    // said once a batch is on screen (a live region announcing each result is noise)
    status.textContent = STRINGS.shown(search.shown, search.source.total);
    const left = search.source.total - search.shown;
    moreButton.hidden = left <= 0;
    moreButton.textContent = STRINGS.more(Math.min(BATCH, left));
  }

  // Runs the state's search; ``want`` results shown at once (a return from a result
  // shows as many as were shown when it was left), then ``scroll`` restored.
  async function run(want = BATCH, scroll = null) {
    const pf = await load();
    const mine = ++token;
    const s = state;
    input.value = s.q;
    sortSel.value = s.sort;
    document.title = s.q ? `${STRINGS.title(s.q)} — ${baseTitle}` : baseTitle;
    if ((s.from || s.to) && !filtersDone) await loadFilters(pf);  // the years there are
    if (mine !== token) return;
    const filters = filtersOf(s);
    if (!s.q && !Object.keys(filters).length) {
      list.replaceChildren();
      moreButton.hidden = true;
      if (filtersLoaded) loadFilters(pf).then(() => { if (mine === token) renderFilters(null); });
      else renderFilters(null);
      status.textContent = STRINGS.prompt;
      return;
    }
    status.textContent = STRINGS.searching;
    const fresh = filtersDone;  // the search counts every facet only once all are loaded
    const options = { filters };
    let source;
    if (s.sort === "relevance") {
      const search = await pf.search(s.q || null, options);
      source = byScore(search.results);
      source.counts = search.filters;
    } else {
      source = await byDate(pf, s.q || null, options, s.sort === "newest" ? "desc" : "asc");
    }
    if (mine !== token) return;
    current = { source, shown: 0, token: mine, q: s.q };
    list.replaceChildren();
    if (!source.total) {
      status.textContent = STRINGS.none;
      moreButton.hidden = true;
      return;
    }
    await show(Math.max(want, BATCH), current);
    if (scroll !== null && mine === token) window.scrollTo(0, scroll);
    // the facets once the results are on screen: reading every filter's index then
    // does not hold up the first results (the worker does one thing at a time)
    if (mine !== token) return;
    if (filtersLoaded || Object.keys(filters).length) {
      facets(pf, s, mine, source.counts, fresh).catch(() => {});
    } else {
      renderFilters(null);
    }
  }

  // A new search is a new history entry (its URL and title carry the query).
  function submit(event) {
    if (event) event.preventDefault();
    state = readForm();
    const url = urlOf(state);
    if (url !== location.href) history.pushState({ shown: 0 }, "", url);
    run().catch(() => {});
  }

  // Leaving for a result remembers how many results were shown and where the page
  // was, so Back comes to the same place.
  list.addEventListener("click", (event) => {
    if (!event.target.closest("a") || !current) return;
    history.replaceState({ shown: current.shown, scroll: window.scrollY }, "", location.href);
  });
  window.addEventListener("pagehide", () => {
    if (current) history.replaceState({ shown: current.shown, scroll: window.scrollY }, "",
      location.href);
  });
  window.addEventListener("popstate", (event) => {
    state = readURL();
    const h = event.state || {};
    run(h.shown || BATCH, h.scroll ?? null).catch(() => {});
  });

  // a facet opened for the first time: read the filter indexes, count this query
  filterBox.addEventListener("toggle", (event) => {
    if (!event.target.open || filtersLoaded || !pagefind) return;
    const mine = token;
    facets(pagefind, state, mine, null, false).catch(() => {});
  }, true);

  form.addEventListener("submit", submit);
  sortSel.addEventListener("change", submit);
  filterBox.addEventListener("change", submit);
  moreButton.addEventListener("click", () => {
    if (current) show(BATCH, current).then(() => {
      history.replaceState({ shown: current.shown }, "", location.href);
    });
  });

  (async () => {
    const pf = await load();
    const h = history.state || {};
    await run(h.shown || BATCH, h.scroll ?? null);
  })().catch(() => {});
})();

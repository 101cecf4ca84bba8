// The search page (templates/search.html). The form is a plain GET form:
// this reads its query and filters from the address (?q=pain&kind=…&tag=…),
// keeps the address in step as the reader types, asks Pagefind and lists
// the results, ten at a time. Pagefind (served from the site itself, see
// plugins/search) is loaded only once there is something to search, so the
// page alone stays light. Without JavaScript the page shows its archive.
const form = document.querySelector("[data-search]");

if (form) {
  const input = form.elements.q;
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const filters = form.querySelector("[data-search-filters]");
  const lang = form.dataset.dateLang;
  const numbers = new Intl.NumberFormat(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
  const PAGE = 10;
  let pagefind = null;
  let latest = 0; // each search's number: only the latest one writes the page
  let typing;
  let more = null;

  filters.hidden = false;

  const load = () => {
    pagefind ??= import(form.dataset.pagefind).then(async (found) => {
      await found.options({ excerptLength: 24 });
      // A large site's index comes in parts (plugins/search/parts.py): one
      // search over all of them.
      for (const part of (form.dataset.pagefindParts ?? "").split(" ").filter(Boolean)) {
        await found.mergeIndex(part);
      }
      // Its WebAssembly and the language's list of index pieces: fetched
      // now (as the reader reaches the field), not on the first letter.
      await found.init();
      await found.preload("");
      return found;
    });
    return pagefind;
  };

  const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, name) => values[name] ?? "");

  // Empty first, then write: a screen reader announces a repeated sentence.
  let said;
  const say = (text) => {
    clearTimeout(said);
    status.textContent = "";
    said = setTimeout(() => {
      status.textContent = text;
    }, 100);
  };

  const wanted = () => ({
    q: input.value.trim(),
    kinds: [...form.querySelectorAll('input[name="kind"]:checked')].map((box) => box.value),
    tag: form.elements.tag ? form.elements.tag.value : "",
  });

  const fromAddress = () => {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") ?? "";
    const kinds = params.getAll("kind");
    form.querySelectorAll('input[name="kind"]').forEach((box) => {
      box.checked = kinds.includes(box.value);
    });
    if (form.elements.tag) {
      const tag = params.get("tag") ?? "";
      const known = [...form.elements.tag.options].some((option) => option.value === tag);
      form.elements.tag.value = known ? tag : "";
    }
  };

  const toAddress = ({ q, kinds, tag }) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    kinds.forEach((kind) => params.append("kind", kind));
    if (tag) params.set("tag", tag);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  // Pagefind's excerpt is HTML with <mark> around the words found: parsed
  // in an inert <template> (nothing loads or runs there), only its text and
  // its marks are kept.
  const excerpt = (html) => {
    const inert = document.createElement("template");
    inert.innerHTML = html;
    const paragraph = document.createElement("p");
    paragraph.className = "search-result__excerpt";
    inert.content.childNodes.forEach((node) => {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(node.textContent);
      }
    });
    return paragraph;
  };

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "search-result";
    const body = document.createElement("div");
    body.className = "search-result__body";
    const title = document.createElement("h2");
    title.className = "search-result__title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    title.append(link);
    const facts = document.createElement("p");
    facts.className = "meta";
    facts.append(data.meta.kind || "");
    if (data.meta.date) {
      const time = document.createElement("time");
      time.dateTime = data.meta.date;
      time.textContent = dates.format(new Date(`${data.meta.date}T00:00:00Z`));
      facts.append(" · ", time);
    }
    body.append(title, facts, excerpt(data.excerpt));
    li.append(body);
    if (data.meta.image) {
      const image = document.createElement("img");
      image.className = "search-result__image";
      image.src = data.meta.image;
      image.alt = "";
      image.loading = "lazy";
      image.decoding = "async";
      li.append(image);
    }
    return li;
  };

  const show = async (results, from, number) => {
    const data = await Promise.all(results.slice(from, from + PAGE).map((r) => r.data()));
    if (number !== latest) return;
    const items = data.map(item);
    // The first ten replace the last search's in one go: no empty flash.
    if (from === 0) list.replaceChildren(...items);
    else list.append(...items);
    more?.remove();
    more = null;
    if (from + PAGE < results.length) {
      more = document.createElement("button");
      more.type = "button";
      more.className = "button search__more";
      more.textContent = form.dataset.more;
      more.addEventListener("click", async () => {
        await show(results, from + PAGE, number);
        // The first new result, so the keyboard carries on from there.
        list.children[from + PAGE]?.querySelector("a")?.focus();
      });
      list.after(more);
    }
    return items;
  };

  const run = async () => {
    const asked = wanted();
    toAddress(asked);
    const number = ++latest;
    if (!asked.q) {
      list.replaceChildren();
      more?.remove();
      status.textContent = "";
      return;
    }
    let found;
    try {
      const engine = await load();
      const narrow = {};
      if (asked.kinds.length) narrow.kind = { any: asked.kinds };
      if (asked.tag) narrow.tag = asked.tag;
      found = await engine.search(asked.q, { filters: narrow });
    } catch {
      if (number === latest) say(form.dataset.failed);
      return;
    }
    if (number !== latest || !found) return;
    await show(found.results, 0, number);
    if (number !== latest) return;
    const count = found.results.length;
    const sentence = count === 0 ? form.dataset.none : count === 1 ? form.dataset.one : form.dataset.many;
    say(fill(sentence, { query: asked.q, count: numbers.format(count) }));
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(run, 250);
    // The index pieces for these letters start coming during the pause.
    const term = input.value.trim();
    if (term) load().then((engine) => engine.preload(term)).catch(() => {});
  });
  form.addEventListener("change", (event) => {
    if (event.target !== input) run();
  });
  // Loaded on the reader's first move towards searching, not on arrival.
  input.addEventListener("focus", load, { once: true });

  fromAddress();
  if (input.value.trim()) run();
}

// Comptoir embeds, on a partner's page (the snippet's second line). Each
// <blockquote class="comptoir-embed" data-embed="…"> pointing at this
// script's own site becomes that card, in a sandboxed iframe that the card
// sizes by posting its height. No dependency, no cookie, nothing but the
// site's own files. Without JavaScript the blockquote stays, with its links.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const origin = new URL(script.src).origin;
  const KEY = "comptoirEmbeds";
  // Same flags as the oEmbed iframe (comptoir/embeds/oembed.py: SANDBOX).
  const SANDBOX =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox " +
    "allow-top-navigation-by-user-activation";
  const WIDTH = 560;

  const swap = () => {
    document.querySelectorAll("blockquote.comptoir-embed[data-embed]").forEach((quote) => {
      let src;
      try {
        src = new URL(quote.dataset.embed, script.src);
      } catch (error) {
        return;
      }
      // Only this site's cards: another site's snippet has its own script.
      if (src.origin !== origin) return;
      const frame = document.createElement("iframe");
      frame.className = "comptoir-embed";
      frame.title = quote.dataset.title || quote.textContent.trim().slice(0, 100);
      frame.setAttribute("sandbox", SANDBOX);
      frame.setAttribute("loading", "lazy");
      frame.width = String(WIDTH);
      // The quote's own height until the card tells its own: no jump.
      frame.height = String(Math.max(150, quote.offsetHeight));
      frame.style.cssText = `display:block;width:100%;max-width:${WIDTH}px;border:0;margin:1em 0`;
      frame.src = src.href;
      quote.replaceWith(frame);
    });
  };

  // A height counts only when it comes from this site (event.origin) and
  // from the very frame it resizes (event.source): no other page or frame
  // can resize anything.
  const resize = (event) => {
    if (event.origin !== origin) return;
    const data = event.data;
    if (!data || data.type !== "comptoir-embed:height") return;
    const height = Math.ceil(Number(data.height));
    if (!(height > 0 && height < 20000)) return;
    for (const frame of document.querySelectorAll("iframe.comptoir-embed")) {
      if (frame.contentWindow === event.source) {
        frame.style.height = `${height}px`;
        return;
      }
    }
  };

  // Every snippet loads the script once more: one listener per site is enough.
  const seen = (window[KEY] = window[KEY] || {});
  if (!seen[origin]) {
    seen[origin] = true;
    window.addEventListener("message", resize);
  }
  swap();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", swap);
})();

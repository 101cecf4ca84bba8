// Inside an embed card (templates/embed/): tell the partner's page, through
// embed.js, how tall the card is, now and whenever it reflows. Only a
// height is sent, so any parent may hear it ("*": its origin is unknown
// here); embed.js checks that the message comes from this site's frame.
(() => {
  "use strict";
  if (window.parent === window) return;
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "comptoir-embed:height", height }, "*");
  };
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener("load", post);
  post();
})();

// Share and copy-link buttons over the plain share links (partials/share.html).
// Each button is shown only when the browser has what it needs: without
// JavaScript, the Web Share API or the clipboard, it stays hidden and the
// links do the work.
document.querySelectorAll(".share[data-share-url]").forEach((box) => {
  // The address as published (absolute there); a development build has a
  // path only, resolved against the preview's own address.
  const url = new URL(box.dataset.shareUrl, document.baseURI).href;
  const title = box.dataset.shareTitle;
  const status = box.querySelector(".share__status");
  let timer;
  const say = (text) => {
    // Empty first, then write: a screen reader announces the same words twice.
    clearTimeout(timer);
    status.textContent = "";
    timer = setTimeout(() => {
      status.textContent = text;
    }, 100);
  };

  const native = box.querySelector("[data-share-native]");
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", () => {
      // A closed share sheet rejects (AbortError): nothing to tell.
      navigator.share({ title, url }).catch(() => {});
    });
  }

  const copy = box.querySelector("[data-share-copy]");
  if (copy && navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
    copy.hidden = false;
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(url).then(
        () => say(status.dataset.copied),
        () => say(status.dataset.failed),
      );
    });
  }
});

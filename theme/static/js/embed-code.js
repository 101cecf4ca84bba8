// Copy buttons: <button data-copy="ID" hidden> copies the read-only box ID,
// and the role=status element right after it says so. Used by the embed
// codes (partials/embed_snippet.html) and the subscribe page's feed
// addresses (subscribe.html). Shown only where the clipboard API is there;
// the read-only box can always be selected and copied by hand.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const code = document.getElementById(button.dataset.copy);
  const status = button.nextElementSibling;
  if (!code || !status || !navigator.clipboard || !navigator.clipboard.writeText) return;
  button.hidden = false;
  let timer;
  const say = (text) => {
    // Empty first, then write: a screen reader announces the same words twice.
    clearTimeout(timer);
    status.textContent = "";
    timer = setTimeout(() => {
      status.textContent = text;
    }, 100);
  };
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(code.value).then(
      () => say(status.dataset.copied),
      () => {
        code.select();
        say(status.dataset.failed);
      },
    );
  });
});

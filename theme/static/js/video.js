// Click-to-load video: the player (and the video host) loads only after the
// reader clicks. Without JavaScript the link simply opens the video's page.
document.querySelectorAll(".video[data-embed]").forEach((box) => {
  const link = box.querySelector("a");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = box.dataset.embed;
    frame.title = box.dataset.title;
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    box.replaceChildren(frame);
    frame.focus();
  });
});

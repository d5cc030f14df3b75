// On a narrow screen the header's menu folds behind a "Menu" button (issue 16, item 15).
// Without scripts the menu simply stays open and wraps; nothing else on the site needs JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".menu-toggle");
  if (!toggle) return;
  header.classList.add("js-menu");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = header.classList.toggle("menu-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
});

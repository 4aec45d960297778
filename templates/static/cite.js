/* Citations on an interview page: the URL in full from the page's own address
   (when the archive was built without base_url its citations carry a relative one),
   today's date as the access date, and a copy button per format. */
(function () {
  "use strict";
  var page = location.href.split("#")[0];
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var ru = pad(now.getDate()) + "." + pad(now.getMonth() + 1) + "." + now.getFullYear();
  var live = /^https?:$/.test(location.protocol);  /* a file:// address is none to cite */
  if (live) {
    document.querySelectorAll(".cite-url").forEach(function (el) {
      var hash = el.textContent.split("#")[1];
      el.textContent = page + (hash ? "#" + hash : "");
    });
    document.querySelectorAll(".cite-note").forEach(function (el) { el.hidden = true; });
  }
  document.querySelectorAll(".cite-accessed").forEach(function (el) {
    el.textContent = el.getAttribute("data-form") === "ru" ? ru : iso;
  });
  var labels = document.getElementById("cite-labels");
  if (!labels) return;
  var copy = labels.getAttribute("data-copy"), copied = labels.getAttribute("data-copied");
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }
  document.querySelectorAll(".cite-plain, .cite-bibtex, .cite-csl").forEach(function (box) {
    var head = box.previousElementSibling;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = copy;
    button.setAttribute("aria-label", copy + ": " + head.textContent);
    button.addEventListener("click", function () {
      var text = box.textContent;
      var done = function () {
        button.textContent = copied;
        setTimeout(function () { button.textContent = copy; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else {
        fallback(text);
        done();
      }
    });
    head.appendChild(document.createTextNode(" "));
    head.appendChild(button);
  });
})();

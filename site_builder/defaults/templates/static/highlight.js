// An article reached from a search result: mark the searched terms in its text (Pagefind's highlightParam).
// Pagefind's highlighter (mark.js, 44 KB) is loaded only when the address carries terms to mark.
(function () {
  "use strict";
  var PARAM = "highlight";  // search.js gives it to Pagefind as highlightParam
  if (!new URLSearchParams(window.location.search).has(PARAM)) { return; }
  var script = document.currentScript || document.querySelector("script[src$='static/highlight.js']");
  var bundle = new URL("../pagefind/pagefind-highlight.js", script.src).href;
  import(bundle).then(function (module) {
    var Highlight = module.default || window.PagefindHighlight;
    new Highlight({ highlightParam: PARAM, addStyles: false, markContext: "[data-pagefind-body]" });
  }).catch(function () { /* the article reads the same without marks */ });
}());

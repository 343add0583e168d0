// Injected by `site-builder serve` only: asks the preview server for its build counter, reloads the page when a
// rebuild finishes, and shows the last rebuild's error over the page. Never part of the built site.
(() => {
  let seen = null;
  const show = (text) => {
    let box = document.getElementById("site-builder-error");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "site-builder-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;" +
        "background:#7f1d1d;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.append(box);
    }
    box.textContent = "site-builder: the last rebuild failed\n\n" + text;
  };
  const poll = async () => {
    try {
      const status = await (await fetch("/__site-builder/status", {cache: "no-store"})).json();
      if (seen !== null && status.build !== seen) { location.reload(); return; }
      seen = status.build;
      show(status.error);
    } catch (_) { /* the server is restarting: try again */ }
    setTimeout(poll, 400);
  };
  poll();
})();

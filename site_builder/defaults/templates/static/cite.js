// Fills each citation's access date with the reader's today (the built page holds a placeholder, so that
// rebuilding gives identical bytes). Nothing else on the page needs this script.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var forms = {
    long: now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear(),
    iso: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate())
  };
  var found = document.querySelectorAll(".access-date");
  for (var i = 0; i < found.length; i += 1) {
    var form = found[i].getAttribute("data-form");
    if (Object.prototype.hasOwnProperty.call(forms, form)) { found[i].textContent = forms[form]; }
  }
}());

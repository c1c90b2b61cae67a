// Autocomplete for the search boxes: fills their <datalist> from /search.json. The pages work without it.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var endpoint = input.getAttribute("data-suggest");
    if (!list || !endpoint || !window.fetch) { return; }
    var timer = null, last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q === last) { return; }
      last = q;
      clearTimeout(timer);
      if (!q) { list.replaceChildren(); return; }
      timer = setTimeout(function () {
        fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.replaceChildren.apply(list, items.map(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              option.textContent = item.kind;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  }
  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();

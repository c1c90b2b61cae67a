// The query page: Yasgui (offline) or the plain form, with the example queries as buttons.
(function () {
  const endpoint = document.getElementById("endpoint").textContent;
  const examples = JSON.parse(document.getElementById("pg-examples").textContent);
  const prefixes = JSON.parse(document.getElementById("pg-prefixes").textContent);
  const prologue = Object.entries(prefixes).map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
  const starter = prologue + "\n\nSELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 10\n";
  const buttons = document.querySelectorAll("#examples button");
  if (window.Yasgui) {
    // Offline: no prefix.cc, no LOV look-ups, no endpoint catalogue from the network.
    const Yasqe = Yasgui.Yasqe;
    Yasqe.defaults.autocompleters = ["variables"];
    Yasqe.defaults.value = starter;
    Yasqe.defaults.prefixCcApi = "";
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      persistenceId: null,
      endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
      tabName: "Query",
      yasr: { prefixes: prefixes },
    });
    window.pgYasgui = yasgui;
    const open = (ex) => {
      const tab = yasgui.addTab(true, { name: ex.title.split(":")[0], requestConfig: { endpoint: endpoint } });
      const yasqe = tab.getYasqe ? tab.getYasqe() : null;
      if (yasqe) { yasqe.setValue(ex.query); } else { tab.setQuery && tab.setQuery(ex.query); }
    };
    buttons.forEach((b) => b.addEventListener("click", () => open(examples[+b.dataset.example])));
  } else {
    const area = document.getElementById("query");
    area.value = starter;
    buttons.forEach((b) => b.addEventListener("click", () => { area.value = examples[+b.dataset.example].query; }));
  }
})();

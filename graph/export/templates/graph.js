// entity-graph page controls: plain JavaScript, no libraries besides vis-network.
// Data from the documents (names, aliases, sentences, document ids) only ever reaches the page
// as text: textContent, createTextNode, option.value and plain-string vis titles.
(function () {
  "use strict";

  var FADED_NODE = "#e6e6e6";
  var FADED_EDGE = "rgba(200,200,200,0.2)";
  var FADED_TEXT = "#c4c4c4";
  var TEXT = "#343434";
  var weightRange = graphConfig.weightRange;

  // What the user asked for, and what is on screen now.
  var state = {types: {}, relation: true, cooccurrence: true, minWeight: weightRange[0],
               focusNode: null, focusEdge: null};
  var drawn = {nodes: {}, edges: {}};
  var baseColour = {nodes: {}, edges: {}};
  var byImportance = [];
  var initialPositions = null;

  nodes.forEach(function (n) {
    state.types[n.type] = true;
    baseColour.nodes[n.id] = n.color;
    drawn.nodes[n.id] = {hidden: false, faded: false};
    byImportance.push(n);
  });
  edges.forEach(function (e) {
    baseColour.edges[e.id] = e.color;
    drawn.edges[e.id] = {hidden: false, faded: false};
  });
  byImportance.sort(function (a, b) {
    return (b.value - a.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });

  function $(id) { return document.getElementById(id); }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = String(text);
    return el;
  }

  function plural(n, word, words) { return n.toLocaleString("en-US") + " " + (n === 1 ? word : (words || word + "s")); }

  // ---- visibility and highlighting --------------------------------------------------------

  function edgeFiltered(e, nodeHidden) {
    if (nodeHidden[e.from] || nodeHidden[e.to]) return true;
    if (e.kind === "relation") return !state.relation;
    return !state.cooccurrence || e.weight < state.minWeight;
  }

  // Recompute which nodes and edges are hidden or faded; push only the changes to the DataSets.
  function apply() {
    var nodeHidden = {}, edgeHidden = {}, hoodNodes = null, hoodEdges = null;
    nodes.forEach(function (n) { nodeHidden[n.id] = !state.types[n.type]; });
    edges.forEach(function (e) { edgeHidden[e.id] = edgeFiltered(e, nodeHidden); });
    if (state.focusNode !== null && !nodeHidden[state.focusNode]) {
      hoodNodes = {}; hoodEdges = {};
      hoodNodes[state.focusNode] = true;
      edges.forEach(function (e) {
        if (!edgeHidden[e.id] && (e.from === state.focusNode || e.to === state.focusNode)) {
          hoodNodes[e.from] = hoodNodes[e.to] = hoodEdges[e.id] = true;
        }
      });
    } else if (state.focusEdge !== null && !edgeHidden[state.focusEdge]) {
      var focused = edges.get(state.focusEdge);
      hoodNodes = {}; hoodEdges = {};
      hoodNodes[focused.from] = hoodNodes[focused.to] = hoodEdges[focused.id] = true;
    }
    var nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (n) {
      var hidden = nodeHidden[n.id], faded = hoodNodes !== null && !hoodNodes[n.id], now = drawn.nodes[n.id];
      if (now.hidden === hidden && now.faded === faded) return;
      drawn.nodes[n.id] = {hidden: hidden, faded: faded};
      nodeUpdates.push({id: n.id, hidden: hidden, color: faded ? FADED_NODE : baseColour.nodes[n.id],
                        font: {color: faded ? FADED_TEXT : TEXT}});
    });
    edges.forEach(function (e) {
      var hidden = edgeHidden[e.id], faded = hoodEdges !== null && !hoodEdges[e.id], now = drawn.edges[e.id];
      if (now.hidden === hidden && now.faded === faded) return;
      drawn.edges[e.id] = {hidden: hidden, faded: faded};
      edgeUpdates.push({id: e.id, hidden: hidden, color: faded ? FADED_EDGE : baseColour.edges[e.id],
                        font: {color: faded ? FADED_TEXT : TEXT}});
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  // ---- evidence panel -----------------------------------------------------------------------

  var panel = $("panel"), panelBody = $("panel-body");

  function nodeLabel(id) {
    var n = nodes.get(id);
    return n ? n.label : String(id);
  }

  function evidenceList(edge) {
    var list = element("ol");
    (edge.ev || []).forEach(function (index) {
      var item = evidenceTable[index], li = element("li");
      li.appendChild(element("span", "doc", "[" + item[0] + "]"));
      li.appendChild(document.createTextNode(item[1]));
      list.appendChild(li);
    });
    return list;
  }

  function describeEdge(edge) {
    if (edge.kind === "relation") {
      return edge.label + " (" + edge.category + ", " + edge.modality + ") · weight " + edge.weight;
    }
    return "same sentence · weight " + edge.weight;
  }

  function openPanel(children) {
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
    children.forEach(function (child) { panelBody.appendChild(child); });
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function closePanel() {
    panel.hidden = true;
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
  }

  function showNode(id) {
    var n = nodes.get(id), parts = [];
    parts.push(element("h2", null, n.label));
    parts.push(element("p", "meta", [n.type, plural(n.mentions, "mention") + " in " + plural(n.documents, "document"),
                                      "degree " + n.degree].join(" · ")));
    if (n.aliases && n.aliases.length) parts.push(element("p", "meta", "Aliases: " + n.aliases.join(", ")));
    var mine = edges.get({filter: function (e) { return e.from === id || e.to === id; }});
    mine.sort(function (a, b) {
      return ((a.kind === "relation" ? 0 : 1) - (b.kind === "relation" ? 0 : 1)) || (b.weight - a.weight) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    var sentences = mine.reduce(function (total, e) { return total + (e.ev || []).length; }, 0);
    parts.push(element("h3", null, "Evidence: " + plural(mine.length, "edge") + ", " + plural(sentences, "sentence")));
    mine.forEach(function (e) {
      var section = element("section", "edge"), head = element("div", "edge-head");
      var other = e.from === id ? e.to : e.from;
      var outgoing = e.from === id;
      var arrow = e.kind === "relation" && e.arrows ? (outgoing ? "→ " : "← ") : "— ";
      head.appendChild(document.createTextNode(arrow));
      var link = element("button", null, nodeLabel(other));
      link.type = "button";
      link.title = "Find this entity";
      link.addEventListener("click", function () { focusNode(other, true); });
      head.appendChild(link);
      head.appendChild(document.createTextNode(": " + describeEdge(e)));
      if (drawn.edges[e.id].hidden) head.appendChild(element("span", "hidden-note", " (hidden by the filters)"));
      section.appendChild(head);
      section.appendChild(evidenceList(e));
      parts.push(section);
    });
    if (n.hiddenEdges) {
      parts.push(element("p", "note", plural(n.hiddenEdges, "more edge") + " to entities not shown on this page" +
                                        " (the full graph is in graph.json)."));
    }
    openPanel(parts);
  }

  function showEdge(id) {
    var e = edges.get(id), parts = [];
    var arrow = e.kind === "relation" && e.arrows ? " → " : " — ";
    parts.push(element("h2", null, nodeLabel(e.from) + arrow + nodeLabel(e.to)));
    parts.push(element("p", "meta", e.kind === "relation" ? "relation: " + describeEdge(e) : describeEdge(e)));
    parts.push(element("h3", null, "Evidence: " + plural((e.ev || []).length, "sentence")));
    parts.push(evidenceList(e));
    openPanel(parts);
  }

  // ---- selection ---------------------------------------------------------------------------

  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input.type-toggle"));

  function focusNode(id, move) {
    var n = nodes.get(id);
    if (!n) return;
    if (!state.types[n.type]) {  // a search for an entity of a hidden type shows that type again
      state.types[n.type] = true;
      typeBoxes.forEach(function (box) { if (box.value === n.type) box.checked = true; });
    }
    state.focusNode = id;
    state.focusEdge = null;
    apply();
    network.selectNodes([id], false);
    showNode(id);
    if (move) {
      // centre the entity in the part of the canvas the panel leaves free
      network.focus(id, {scale: Math.max(network.getScale(), 0.8), offset: {x: -panel.offsetWidth / 2, y: 0},
                         animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }
  }

  function focusEdge(id) {
    state.focusNode = null;
    state.focusEdge = id;
    apply();
    network.selectEdges([id]);
    showEdge(id);
  }

  function clearFocus() {
    state.focusNode = null;
    state.focusEdge = null;
    apply();
    network.unselectAll();
    closePanel();
  }

  network.on("click", function (params) {
    if (params.nodes.length) focusNode(params.nodes[0], false);
    else if (params.edges.length) focusEdge(params.edges[0]);
    else clearFocus();
  });
  $("panel-close").addEventListener("click", clearFocus);

  // ---- search ------------------------------------------------------------------------------

  var search = $("search"), status = $("search-status");
  (function fillDatalist() {
    var names = {}, list = $("entity-names");
    byImportance.forEach(function (n) {
      names[n.label] = true;
      (n.aliases || []).forEach(function (a) { names[a] = true; });
    });
    Object.keys(names).sort().forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  })();

  // The most important entity whose name or alias is the query; else the first that starts with
  // it; else the first that contains it (case-insensitive).
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (s) { return s === q; },
      function (s) { return s.indexOf(q) === 0; },
      function (s) { return s.indexOf(q) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < byImportance.length; i++) {
        var n = byImportance[i], names = [n.label].concat(n.aliases || []);
        for (var j = 0; j < names.length; j++) {
          if (tests[t](String(names[j]).toLowerCase())) return n.id;
        }
      }
    }
    return null;
  }

  function runSearch() {
    var id = find(search.value);
    if (id === null) {
      status.textContent = search.value.trim() ? "no entity matches" : "";
      return;
    }
    status.textContent = "";
    focusNode(id, true);
  }

  $("search-form").addEventListener("submit", function (event) { event.preventDefault(); runSearch(); });
  search.addEventListener("change", runSearch);

  // ---- filters -----------------------------------------------------------------------------

  typeBoxes.forEach(function (box) {
    box.addEventListener("change", function () { state.types[box.value] = box.checked; apply(); });
  });
  var relationBox = $("layer-relation"), cooccurrenceBox = $("layer-cooccurrence");
  relationBox.addEventListener("change", function () { state.relation = relationBox.checked; apply(); });
  cooccurrenceBox.addEventListener("change", function () { state.cooccurrence = cooccurrenceBox.checked; apply(); });
  var slider = $("min-weight"), sliderValue = $("min-weight-value");
  slider.addEventListener("input", function () {
    state.minWeight = Number(slider.value);
    sliderValue.textContent = slider.value;
    apply();
  });

  // ---- physics and reset -------------------------------------------------------------------

  var physicsButton = $("physics"), physicsOn = false;
  function setPhysics(on) {
    physicsOn = on;
    network.setOptions({physics: {enabled: on}});
    physicsButton.textContent = on ? "Physics: on" : "Physics: off";
    physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
  }
  physicsButton.addEventListener("click", function () { setPhysics(!physicsOn); });

  $("reset").addEventListener("click", function () {
    typeBoxes.forEach(function (box) { box.checked = true; state.types[box.value] = true; });
    relationBox.checked = cooccurrenceBox.checked = state.relation = state.cooccurrence = true;
    slider.value = String(weightRange[0]);
    sliderValue.textContent = String(weightRange[0]);
    state.minWeight = weightRange[0];
    search.value = "";
    status.textContent = "";
    setPhysics(false);
    if (initialPositions) {
      Object.keys(initialPositions).forEach(function (id) {
        network.moveNode(id, initialPositions[id].x, initialPositions[id].y);
      });
    }
    clearFocus();
    network.fit({animation: false});
  });

  // ---- load: bounded stabilisation, then frozen ----------------------------------------------
  // vis-network stops after options.physics.stabilization.iterations; we then stop the simulation
  // (vis emits "stabilized") and switch physics off, so nothing moves or burns CPU afterwards.

  var frozen = false;
  network.once("stabilizationIterationsDone", function () { network.stopSimulation(); });
  network.once("stabilized", function () {
    network.setOptions({physics: {enabled: false}});
    initialPositions = network.getPositions();
    frozen = true;
    network.redraw();
  });
  network.on("afterDrawing", function () {
    if (!window.graphReady && (frozen || nodes.length === 0)) window.graphReady = true;
  });
})();

// entity-graph page controls: plain JavaScript, no libraries besides vis-network.
// Data from the documents (names, aliases, sentences, document ids, headlines, links) only ever
// reaches the page as text: textContent, createTextNode, option.value, plain-string vis titles,
// and href only for web links.
(function () {
  "use strict";

  var FADED_NODE = "#e6e6e6";
  var FADED_EDGE = "rgba(200,200,200,0.2)";
  var FADED_TEXT = "#c4c4c4";
  var TEXT = "#343434";
  var COMMUNITY_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                           "#9c755f", "#86bcb6", "#d37295", "#8cd17d", "#b6992d", "#499894", "#79706e", "#f1ce63"];
  var CATEGORY_ORDER = ["consult", "cooperate", "agree", "aid", "support", "request", "investigate", "accuse",
                        "reject", "protest", "threaten", "sanction", "coerce", "mobilize", "assault", "other"];
  var MODALITY = {reported: "reported", intended: "intended", possible: "possible"};
  var EGO_MAX = [0, 80, 60];  // most entities shown at 1 and 2 hops
  var MAX_PATHS = 5;
  var TABLE_ROWS = 400;
  var NODE_PANEL_SENTENCES = 5;
  var NODE_PANEL_EDGES = 8;  // per group (category) in an entity's panel, the heaviest first  // per edge in an entity's panel; "show all" lists the rest
  var weightRange = graphConfig.weightRange;
  var dates = graphConfig.dates || [];

  // What the user asked for, and what is on screen now.
  var state = {types: {}, relation: true, cooccurrence: true, minWeight: weightRange[0],
               backbone: !!graphConfig.backbone, showSources: false, community: false, minConfidence: 0,
               dateFrom: 0, dateTo: Math.max(dates.length - 1, 0),
               focusNode: null, focusEdge: null, ego: null, path: null};
  var drawn = {nodes: {}, edges: {}};
  var names = {}, info = {}, baseColour = {nodes: {}, edges: {}};
  var byImportance = [], edgeList = [], edgesOf = {};
  var homePositions = null, labelShown = {}, visibleEdges = {}, visibleNodes = {};

  // ``drawn`` holds what the DataSets show, as apply() keys it: at first every item as the page
  // wrote it (shown, its own colour, vis's default text colour), so apply() pushes only changes.
  nodes.forEach(function (n) {
    state.types[n.type] = true;
    names[n.id] = String(n.label);
    info[n.id] = n;
    baseColour.nodes[n.id] = n.color;
    drawn.nodes[n.id] = (n.hidden === true) + "|" + n.color;
    labelShown[n.id] = true;
    edgesOf[n.id] = [];
    byImportance.push(n);
  });
  edges.forEach(function (e) {
    baseColour.edges[e.id] = e.color;
    drawn.edges[e.id] = (e.hidden === true) + "|false";
    edgeList.push(e);
    edgesOf[e.from].push(e);
    if (e.to !== e.from) edgesOf[e.to].push(e);
  });
  byImportance.sort(function (a, b) {
    return (!!a.source - !!b.source) || (b.value - a.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });

  function $(id) { return document.getElementById(id); }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = String(text);
    return el;
  }

  function button(text, onClick, className) {
    var b = element("button", className || null, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function plural(n, word, words) { return n.toLocaleString("en-US") + " " + (n === 1 ? word : (words || word + "s")); }

  function byId(a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; }

  // ---- visibility and highlighting --------------------------------------------------------

  function datesNarrowed() { return dates.length > 0 && (state.dateFrom > 0 || state.dateTo < dates.length - 1); }

  function inDateRange(e) {
    if (!datesNarrowed()) return true;
    var from = dates[state.dateFrom], to = dates[state.dateTo], list = e.dates || [];
    for (var i = 0; i < list.length; i++) if (list[i] >= from && list[i] <= to) return true;
    return false;
  }

  function edgeFiltered(e, nodeHidden) {
    if (nodeHidden[e.from] || nodeHidden[e.to]) return true;
    if (!inDateRange(e)) return true;
    if (e.kind === "relation") {
      return !state.relation || (e.confidence !== undefined && e.confidence < state.minConfidence);
    }
    return !state.cooccurrence || e.weight < state.minWeight || (state.backbone && !e.backbone);
  }

  // Any edge filter narrower than "everything": entities left without a visible edge are hidden then.
  function edgeFilterActive() {
    return !state.relation || !state.cooccurrence || state.minWeight > weightRange[0] || state.backbone ||
      state.minConfidence > 0 || datesNarrowed();
  }

  function baseHidden() {
    var hidden = {};
    nodes.forEach(function (n) { hidden[n.id] = !state.types[n.type] || (!!n.source && !state.showSources); });
    return hidden;
  }

  function colourOf(id) {
    var n = info[id];
    if (state.community && n.community !== undefined && n.community !== null) {
      return COMMUNITY_COLOURS[Number(n.community) % COMMUNITY_COLOURS.length];
    }
    return baseColour.nodes[id];
  }

  // Recompute which nodes and edges are hidden or faded; push only the changes to the DataSets.
  function apply() {
    var nodeHidden = baseHidden(), edgeHidden = {}, hoodNodes = null, hoodEdges = null;
    if (state.ego) nodes.forEach(function (n) { if (!state.ego.nodes[n.id]) nodeHidden[n.id] = true; });
    var linked = {};
    edgeList.forEach(function (e) {
      var hidden = edgeFiltered(e, nodeHidden);
      edgeHidden[e.id] = hidden;
      if (!hidden) linked[e.from] = linked[e.to] = true;
    });
    if (edgeFilterActive()) {
      nodes.forEach(function (n) {
        var keep = n.id === state.focusNode || (state.ego && state.ego.center === n.id);
        if (!linked[n.id] && !keep) nodeHidden[n.id] = true;
      });
    }
    if (state.path) {
      hoodNodes = state.path.nodes; hoodEdges = state.path.edges;
    } else if (state.focusNode !== null && !nodeHidden[state.focusNode]) {
      hoodNodes = {}; hoodEdges = {};
      hoodNodes[state.focusNode] = true;
      edgesOf[state.focusNode].forEach(function (e) {
        if (!edgeHidden[e.id]) hoodNodes[e.from] = hoodNodes[e.to] = hoodEdges[e.id] = true;
      });
    } else if (state.focusEdge !== null && !edgeHidden[state.focusEdge]) {
      var focused = edges.get(state.focusEdge);
      hoodNodes = {}; hoodEdges = {};
      hoodNodes[focused.from] = hoodNodes[focused.to] = hoodEdges[focused.id] = true;
    }
    visibleNodes = {}; visibleEdges = {};
    var nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (n) {
      var hidden = nodeHidden[n.id], faded = hoodNodes !== null && !hoodNodes[n.id];
      if (!hidden) visibleNodes[n.id] = true;
      var colour = faded ? FADED_NODE : colourOf(n.id), key = hidden + "|" + colour;
      if (drawn.nodes[n.id] === key) return;
      var was = drawn.nodes[n.id];
      drawn.nodes[n.id] = key;
      // only what changed: a font option makes vis measure the label again
      var update = {id: n.id, hidden: hidden};
      if (was.slice(was.indexOf("|") + 1) !== colour) { update.color = colour; update.font = {color: faded ? FADED_TEXT : TEXT}; }
      nodeUpdates.push(update);
    });
    edgeList.forEach(function (e) {
      var hidden = edgeHidden[e.id], faded = hoodEdges !== null && !hoodEdges[e.id];
      if (!hidden) visibleEdges[e.id] = true;
      var key = hidden + "|" + faded;
      if (drawn.edges[e.id] === key) return;
      var was = drawn.edges[e.id];
      drawn.edges[e.id] = key;
      var update = {id: e.id, hidden: hidden};
      if (was.slice(was.indexOf("|") + 1) !== String(faded)) {
        update.color = faded ? FADED_EDGE : baseColour.edges[e.id];
        update.font = {color: faded ? FADED_TEXT : TEXT};
      }
      edgeUpdates.push(update);
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    declutter(hoodNodes);
    if (sideView === "table") renderTable();
    if (sideView === "actors") renderActors();
  }

  // ---- labels that do not collide ------------------------------------------------------------
  // At the fitted zoom (and up to twice as close), a label is drawn only when its box does not
  // overlap the label of a more important entity already placed; closer in, every label is drawn.

  var fittedScale = null, priority = null;

  function declutter(first) {
    if (!homePositions) return;
    if (first !== undefined) priority = first || null;
    var scale = network.getScale(), crowded = fittedScale === null || scale < 2 * fittedScale;
    var order = byImportance.filter(function (n) { return visibleNodes[n.id]; });
    // the entities in focus (a path, a neighbourhood) first: their labels are placed before any other
    if (priority) order.sort(function (a, b) { return (!priority[a.id]) - (!priority[b.id]); });
    var placed = [], updates = [], positions = network.getPositions(order.map(function (n) { return n.id; }));
    order.forEach(function (n) {
      var body = network.body.nodes[n.id], show = true;
      if (crowded && body) {
        var size = (body.options.font && body.options.font.size) || 14;
        if (size * scale >= 30) size = 30 / scale;  // vis caps a label's size on screen (maxVisible)
        var radius = body.options.size || 10, p = positions[n.id];
        var w = names[n.id].length * size * 0.55 + 4, h = size * 1.25;
        var box = {l: p.x - w / 2 - 2, r: p.x + w / 2 + 2, t: p.y + radius - 2, b: p.y + radius + h + 2};  // a margin
        if (size * scale >= 7) {  // smaller labels are not drawn at all (drawThreshold)
          for (var i = 0; i < placed.length; i++) {
            var q = placed[i];
            if (box.l < q.r && box.r > q.l && box.t < q.b && box.b > q.t) { show = false; break; }
          }
          if (show) placed.push(box);
        }
      }
      if (labelShown[n.id] !== show) {
        labelShown[n.id] = show;
        updates.push({id: n.id, label: show ? names[n.id] : ""});
      }
    });
    if (updates.length) nodes.update(updates);
  }

  // ---- the network -----------------------------------------------------------------------------
  // The first view (backbone only, sources hidden, entities left without an edge hidden) goes
  // into the DataSets before vis-network reads them (pushed after the first draw, it made vis
  // re-process every node and edge: 1.4 s of a 2,000-entity page's load), and vis gets views
  // without the hidden items, so it builds objects only for what is shown (about 3,000 of the
  // 14,000 edges of a 2,000-entity page at first: building them all cost more than drawing).
  // The DataSets keep every item with its "hidden" flag; apply() changes the flag, and the views
  // hand vis the items that appear or go.
  apply();
  function notHidden(item) { return item.hidden !== true; }
  network = new vis.Network(container, {nodes: new vis.DataView(nodes, {filter: notHidden}),
                                        edges: new vis.DataView(edges, {filter: notHidden})}, options);
  // vis-network knows only the items shown: ids passed to it are those
  function drawnNodes(ids) { return ids.filter(function (id) { return network.body.nodes[id] !== undefined; }); }
  function selectNode(id) { if (network.body.nodes[id]) network.selectNodes([id], false); else network.unselectAll(); }
  // where every entity is, hidden ones too (their DataSet position, where vis will put them back)
  function allPositions() {
    var out = {};
    nodes.forEach(function (n) { if (typeof n.x === "number" && typeof n.y === "number") out[n.id] = {x: n.x, y: n.y}; },
                  {fields: ["id", "x", "y"]});
    var drawnNow = network.getPositions();
    Object.keys(drawnNow).forEach(function (id) { out[id] = drawnNow[id]; });
    return out;
  }

  var zoomTimer = null;
  network.on("zoom", function () {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(function () { declutter(); }, 150);
  });

  // ---- tooltips: none left over once the pointer leaves the graph -----------------------------

  function hideTooltip() {
    var handler = network.interactionHandler;
    if (!handler) return;
    if (handler.popupTimer) { clearTimeout(handler.popupTimer); handler.popupTimer = undefined; }
    if (handler.popup) handler.popup.hide();
    handler.popupObj = undefined;
  }
  container.addEventListener("mouseleave", hideTooltip);
  container.addEventListener("pointerleave", hideTooltip);

  // ---- evidence ------------------------------------------------------------------------------

  var panel = $("panel"), panelBody = $("panel-body");

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  var nameRegex = {};
  function namesOf(ids) {
    var key = ids.join("\u0001");
    if (nameRegex[key] !== undefined) return nameRegex[key];
    var all = {};
    ids.forEach(function (id) {
      all[names[id]] = true;
      (info[id].aliases || []).forEach(function (a) { if (String(a).length > 1) all[String(a)] = true; });
    });
    var list = Object.keys(all).sort(function (a, b) { return b.length - a.length; }).map(escapeRegExp);
    var regex = null;
    try {
      regex = list.length ? new RegExp("(?<![\\p{L}\\p{N}])(?:" + list.join("|") + ")(?![\\p{L}\\p{N}])", "gu") : null;
    } catch (err) { regex = null; }
    nameRegex[key] = regex;
    return regex;
  }

  // The sentence as text nodes, each name of the entities in ``ids`` in a <mark>.
  function highlighted(parent, sentence, ids) {
    var regex = namesOf(ids), last = 0, match;
    if (regex) {
      regex.lastIndex = 0;
      while ((match = regex.exec(sentence)) !== null) {
        if (match.index > last) parent.appendChild(document.createTextNode(sentence.slice(last, match.index)));
        parent.appendChild(element("mark", null, match[0]));
        last = match.index + match[0].length;
        if (match[0].length === 0) regex.lastIndex++;
      }
    }
    if (last < sentence.length) parent.appendChild(document.createTextNode(sentence.slice(last)));
  }

  function safeLink(url) { return /^(ht)tps?:\/\//i.test(url) ? url : null; }  // web links only

  function sourceLine(doc) {
    var date = doc[1], title = doc[2], url = doc[3];
    if (!date && !title && !url) return null;
    var line = element("div", "source");
    if (date) line.appendChild(element("span", "date", date));
    var text = title || url, href = safeLink(url);
    if (text) {
      if (date) line.appendChild(document.createTextNode(" · "));
      if (href) {
        var a = element("a", null, text);
        a.setAttribute("href", href);
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        line.appendChild(a);
      } else {
        line.appendChild(element("span", "title", text));
      }
    }
    return line;
  }

  function evidenceList(edge, limit) {
    var list = element("ol"), ids = [edge.from, edge.to], ev = edge.ev || [];
    ev.slice(0, limit || ev.length).forEach(function (index) {
      var item = evidenceTable[index], doc = docTable[item[0]], li = element("li");
      li.appendChild(element("span", "doc", "[" + doc[0] + "]"));
      highlighted(li, item[1], ids);
      var line = sourceLine(doc);
      if (line) li.appendChild(line);
      list.appendChild(li);
    });
    return list;
  }

  function countNote(edge, shown) {
    if (edge.weight <= shown) return null;
    var kept = (edge.ev || []).length;
    return element("p", "note", "showing " + shown + " of " + plural(edge.weight, "sentence") +
                   (shown === kept ? " (the graph keeps " + kept + " per edge)" : ""));
  }

  function badges(edge) {
    var span = element("span", "badges");
    if (edge.kind !== "relation") return span;
    if (edge.negated) span.appendChild(element("span", "badge negated", "negated"));
    if (MODALITY[edge.modality]) span.appendChild(element("span", "badge modality", MODALITY[edge.modality]));
    if (edge.viaPronoun) span.appendChild(element("span", "badge pronoun", "via pronoun"));
    if (edge.confidence !== undefined) span.appendChild(element("span", "badge confidence", "confidence " + Math.round(100 * edge.confidence) + "%"));
    return span;
  }

  function describeEdge(edge) {
    if (edge.kind === "relation") {
      return edge.label + " (" + edge.category + ", " + edge.modality + ") · weight " + edge.weight;
    }
    return "same sentence · weight " + edge.weight;
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function openPanel(children) {
    hideTooltip();
    clear(panelBody);
    children.forEach(function (child) { if (child) panelBody.appendChild(child); });
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function closePanel() {
    panel.hidden = true;
    clear(panelBody);
  }

  function entityButton(id) {
    var link = button(names[id], function () { focusNode(id, true); }, "entity");
    link.title = "Find this entity";
    return link;
  }

  function edgeSection(e, id) {
    var section = element("section", "edge"), head = element("div", "edge-head");
    var other = e.from === id ? e.to : e.from, outgoing = e.from === id;
    var arrow = e.kind === "relation" && e.arrows ? (outgoing ? "→ " : "← ") : "— ";
    head.appendChild(document.createTextNode(arrow));
    head.appendChild(entityButton(other));
    head.appendChild(document.createTextNode(": " + describeEdge(e)));
    head.appendChild(badges(e));
    if (!visibleEdges[e.id]) head.appendChild(element("span", "hidden-note", " (hidden by the filters)"));
    section.appendChild(head);
    var ev = e.ev || [], limit = ev.length > NODE_PANEL_SENTENCES + 1 ? NODE_PANEL_SENTENCES : ev.length;
    var list = evidenceList(e, limit), note = countNote(e, limit);
    section.appendChild(list);
    if (limit < ev.length) {
      var more = button("show all " + ev.length, function () {
        section.replaceChild(evidenceList(e), list);
        section.removeChild(more);
        var all = countNote(e, ev.length);
        if (note) section.replaceChild(all || element("span"), note);
      }, "more");
      section.appendChild(more);
    }
    if (note) section.appendChild(note);
    return section;
  }

  function showNode(id) {
    var n = info[id], parts = [];
    parts.push(element("h2", null, names[id]));
    parts.push(element("p", "meta", [n.type, plural(n.mentions, "mention") + " in " + plural(n.documents, "document"),
                                      "degree " + n.degree].join(" · ")));
    if (n.source) parts.push(element("p", "meta", "A source (publisher or news agency), excluded from the ranking"));
    if (n.aliases && n.aliases.length) parts.push(element("p", "meta", "Aliases: " + n.aliases.join(", ")));
    var views = element("div", "actions");
    views.appendChild(button("Only its neighbours", function () { openEgo(id, 1); }, "ego-1"));
    views.appendChild(button("Neighbours at 2 hops", function () { openEgo(id, 2); }, "ego-2"));
    views.appendChild(button("Connect with…", function () { $("connect-a").value = names[id]; $("connect-b").focus(); }));
    parts.push(views);
    parts.push(reviewBox(id));
    var mine = edgesOf[id].slice();
    var sentences = mine.reduce(function (total, e) { return total + e.weight; }, 0);
    parts.push(element("h3", null, "Evidence: " + plural(mine.length, "edge") + ", " + plural(sentences, "sentence")));
    var groups = {};
    mine.forEach(function (e) {
      var g = e.kind === "relation" ? e.category : "\uffff";
      (groups[g] = groups[g] || []).push(e);
    });
    var order = CATEGORY_ORDER.filter(function (c) { return groups[c]; });
    Object.keys(groups).sort().forEach(function (g) { if (order.indexOf(g) < 0 && g !== "\uffff") order.push(g); });
    if (groups["\uffff"]) order.push("\uffff");
    order.forEach(function (g) {
      var list = groups[g].sort(function (a, b) { return (b.weight - a.weight) || byId(a, b); });
      var group = element("div", "group");
      group.appendChild(element("h4", null, (g === "\uffff" ? "named in the same sentence" : g) + " · " +
                                plural(list.length, g === "\uffff" ? "entity" : "relation", g === "\uffff" ? "entities" : null)));
      var limit = list.length > NODE_PANEL_EDGES + 2 ? NODE_PANEL_EDGES : list.length;
      list.slice(0, limit).forEach(function (e) { group.appendChild(edgeSection(e, id)); });
      if (limit < list.length) {
        var more = button("show " + (list.length - limit) + " more", function () {
          group.removeChild(more);
          list.slice(limit).forEach(function (e) { group.appendChild(edgeSection(e, id)); });
        }, "more");
        group.appendChild(more);
      }
      parts.push(group);
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
    parts.push(element("h2", null, names[e.from] + arrow + names[e.to]));
    var meta = element("p", "meta", e.kind === "relation" ? "relation: " + describeEdge(e) : describeEdge(e));
    meta.appendChild(badges(e));
    parts.push(meta);
    if (e.dates && e.dates.length) parts.push(element("p", "meta", "seen " + (e.dates.length > 1 ? e.dates[0] + " to " + e.dates[e.dates.length - 1] : e.dates[0])));
    parts.push(element("h3", null, "Evidence: " + plural((e.ev || []).length, "sentence")));
    parts.push(evidenceList(e));
    parts.push(countNote(e, (e.ev || []).length));
    if (e.kind === "relation") {
      var review = element("div", "actions review");
      review.appendChild(button("Wrong relation", function () {
        addCorrection({kind: "wrong", edge: e.id});
      }, "wrong-relation"));
      parts.push(review);
    }
    openPanel(parts);
  }

  // ---- selection ---------------------------------------------------------------------------

  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input.type-toggle"));

  function showType(n) {
    if (!state.types[n.type]) {  // a search for an entity of a hidden type shows that type again
      state.types[n.type] = true;
      typeBoxes.forEach(function (box) { if (box.value === n.type) box.checked = true; });
    }
    if (n.source && !state.showSources) {
      state.showSources = true;
      if ($("show-sources")) $("show-sources").checked = true;
    }
  }

  function focusNode(id, move) {
    var n = info[id];
    if (!n) return;
    showType(n);
    if (state.ego && !state.ego.nodes[id]) closeEgo(false);
    state.focusNode = id;
    state.focusEdge = null;
    state.path = null;
    apply();
    selectNode(id);
    showNode(id);
    if (move && network.body.nodes[id]) {
      // centre the entity in the part of the canvas the panel leaves free; no animation, so
      // that two focus calls can never leave vis-network's view animation half done
      network.focus(id, {scale: Math.max(network.getScale(), 0.8), offset: {x: -panel.offsetWidth / 2, y: 0},
                         animation: false});
      declutter();
    }
  }

  function focusEdge(id) {
    state.focusNode = null;
    state.focusEdge = id;
    state.path = null;
    apply();
    if (network.body.edges[id]) network.selectEdges([id]); else network.unselectAll();
    showEdge(id);
  }

  function clearFocus() {
    state.focusNode = null;
    state.focusEdge = null;
    state.path = null;
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

  // ---- ego view: one entity and its neighbours, laid out around it ----------------------------

  var viewBar = $("view-bar");

  function neighbours(ids, hidden) {
    var found = {};
    Object.keys(ids).forEach(function (id) {
      edgesOf[id].forEach(function (e) {
        if (edgeFiltered(e, hidden)) return;
        var other = e.from === id ? e.to : e.from;
        if (!ids[other]) found[other] = true;
      });
    });
    return byImportance.filter(function (n) { return found[n.id]; }).map(function (n) { return n.id; });
  }

  function ring(ids, radius, start, positions) {
    var stagger = ids.length > 14;
    ids.forEach(function (id, i) {
      var angle = start + 2 * Math.PI * i / ids.length, r = radius * (stagger && i % 2 ? 1.22 : 1);
      positions.push({id: id, x: Math.round(r * Math.cos(angle)), y: Math.round(r * Math.sin(angle))});
    });
  }

  function openEgo(id, hops) {
    var n = info[id];
    if (!n) return;
    showType(n);
    var hidden = baseHidden(), members = {}, positions = [{id: id, x: 0, y: 0}], total = [0, 0, 0];
    members[id] = true;
    var first = neighbours(members, hidden);
    total[1] = first.length;
    first = first.slice(0, EGO_MAX[1]);
    first.forEach(function (m) { members[m] = true; });
    var r1 = Math.max(260, first.length * 150 / (2 * Math.PI) / (first.length > 14 ? 1.6 : 1));
    ring(first, r1, -Math.PI / 2, positions);
    var second = [];
    if (hops > 1) {
      second = neighbours(members, hidden);
      total[2] = second.length;
      second = second.slice(0, EGO_MAX[2]);
      second.forEach(function (m) { members[m] = true; });
      ring(second, Math.max(r1 * 1.22 + 280, second.length * 150 / (2 * Math.PI) / (second.length > 14 ? 1.6 : 1)),
           -Math.PI / 2 + Math.PI / Math.max(second.length, 1), positions);
    }
    state.ego = {center: id, hops: hops, nodes: members};
    state.focusNode = id;
    state.focusEdge = null;
    state.path = null;
    nodes.update(positions);
    apply();
    selectNode(id);
    clear(viewBar);
    var text = "Neighbours of " + names[id] + ": " + plural(first.length, "entity", "entities") + " at 1 hop" +
      (total[1] > first.length ? " (the " + first.length + " most important of " + total[1] + ")" : "") +
      (hops > 1 ? ", " + second.length + " at 2 hops" + (total[2] > second.length ? " (of " + total[2] + ")" : "") : "");
    viewBar.appendChild(element("span", null, text));
    viewBar.appendChild(button(hops > 1 ? "1 hop" : "2 hops", function () { openEgo(id, hops > 1 ? 1 : 2); }, "ego-toggle"));
    viewBar.appendChild(button("Whole graph", function () { closeEgo(true); }, "ego-close"));
    viewBar.hidden = false;
    showNode(id);
    fitBeside(drawnNodes(Object.keys(members)));  // once the panel and the bar are up
    fittedScale = network.getScale();
    declutter();
  }

  // Fit ``ids`` into the part of the canvas that the side panel and the view bar leave free.
  function fitBeside(ids) {
    network.fit({nodes: ids, animation: false});
    var width = container.clientWidth, height = container.clientHeight;
    var right = panel.hidden ? 0 : panel.offsetWidth, top = viewBar.hidden ? 0 : viewBar.offsetTop + viewBar.offsetHeight;
    if (!width || !height || right >= width || top >= height) return;
    var shrink = Math.min((width - right) / width, (height - top) / height);
    network.moveTo({position: network.getViewPosition(), scale: network.getScale() * shrink,
                    offset: {x: -right / 2, y: top / 2}, animation: false});
  }

  function restorePositions() {
    if (!homePositions) return;
    var now = allPositions(), moved = [];
    Object.keys(homePositions).forEach(function (id) {
      var p = homePositions[id], q = now[id];
      if (!q || Math.abs(p.x - q.x) > 0.5 || Math.abs(p.y - q.y) > 0.5) moved.push({id: id, x: p.x, y: p.y});
    });
    if (moved.length) nodes.update(moved);  // one update, one redraw
  }

  function closeEgo(refit) {
    if (!state.ego) return;
    state.ego = null;
    viewBar.hidden = true;
    clear(viewBar);
    restorePositions();
    apply();
    if (refit) fitAll();
  }

  function fitAll() {
    network.fit({animation: false});
    fittedScale = network.getScale();
    declutter();
  }

  // ---- search ------------------------------------------------------------------------------

  var search = $("search"), status = $("search-status");
  (function fillDatalist() {
    var all = {}, list = $("entity-names");
    byImportance.forEach(function (n) {
      all[names[n.id]] = true;
      (n.aliases || []).forEach(function (a) { all[a] = true; });
    });
    Object.keys(all).sort().forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
  })();

  // The most important entity whose name or alias is the query; else the first that starts with
  // it; else the first that contains it (case-insensitive).
  function find(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (s) { return s === q; },
      function (s) { return s.indexOf(q) === 0; },
      function (s) { return s.indexOf(q) >= 0; },
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < byImportance.length; i++) {
        var n = byImportance[i], all = [names[n.id]].concat(n.aliases || []);
        for (var j = 0; j < all.length; j++) {
          if (tests[t](String(all[j]).toLowerCase())) return n.id;
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

  // One search per submit: the form's submit (Enter or the button), or picking a name from the
  // list; typing alone does not search.
  $("search-form").addEventListener("submit", function (event) { event.preventDefault(); runSearch(); });
  search.addEventListener("input", function (event) {
    if (event.inputType === "insertReplacementText" || event.inputType === undefined) runSearch();
  });

  // ---- what connects two entities --------------------------------------------------------------

  function pathsBetween(a, b, kinds) {
    var hidden = baseHidden(), adjacency = {};
    edgeList.forEach(function (e) {
      if (!kinds[e.kind] || hidden[e.from] || hidden[e.to] || e.from === e.to) return;
      (adjacency[e.from] = adjacency[e.from] || []).push(e.to);
      (adjacency[e.to] = adjacency[e.to] || []).push(e.from);
    });
    function bfs(start) {
      var dist = {}, queue = [start];
      dist[start] = 0;
      for (var i = 0; i < queue.length; i++) {
        (adjacency[queue[i]] || []).forEach(function (m) {
          if (dist[m] === undefined) { dist[m] = dist[queue[i]] + 1; queue.push(m); }
        });
      }
      return dist;
    }
    var fromA = bfs(a);
    if (fromA[b] === undefined) return [];
    var fromB = bfs(b), length = fromA[b], paths = [];
    var rank = {};
    byImportance.forEach(function (n, i) { rank[n.id] = i; });
    (function walk(node, path) {
      if (paths.length >= MAX_PATHS) return;
      if (node === b) { paths.push(path.slice()); return; }
      var next = {};
      (adjacency[node] || []).forEach(function (m) {
        if (fromA[m] === fromA[node] + 1 && fromB[m] === length - fromA[m]) next[m] = true;
      });
      Object.keys(next).sort(function (x, y) { return rank[x] - rank[y]; }).forEach(function (m) {
        path.push(m); walk(m, path); path.pop();
      });
    })(a, [a]);
    return paths;
  }

  function hopEdges(u, v, kinds) {
    return edgeList.filter(function (e) {
      return kinds[e.kind] && ((e.from === u && e.to === v) || (e.from === v && e.to === u));
    }).sort(function (x, y) { return (x.kind === "relation" ? 0 : 1) - (y.kind === "relation" ? 0 : 1) || (y.weight - x.weight) || byId(x, y); });
  }

  function connect(aName, bName) {
    var a = find(aName), b = find(bName), out = $("connect-status");
    if (a === null || b === null) {
      out.textContent = (a === null ? "no entity matches " + JSON.stringify(String(aName)) : "no entity matches " + JSON.stringify(String(bName)));
      return null;
    }
    if (a === b) { out.textContent = "the same entity twice"; return null; }
    out.textContent = "";
    if (state.ego) closeEgo(false);
    var kinds = {relation: true}, how = "through relations";
    var paths = pathsBetween(a, b, kinds);
    if (!paths.length) {
      kinds = {relation: true, cooccurrence: true};
      how = "through relations and co-occurrence (no chain of relations links them)";
      paths = pathsBetween(a, b, kinds);
    }
    var parts = [element("h2", null, names[a] + " … " + names[b])];
    var pathNodes = {}, pathEdges = {};
    if (!paths.length) {
      parts.push(element("p", "meta", "Nothing connects them among the entities on this page."));
    } else {
      parts.push(element("p", "meta", plural(paths[0].length - 1, "step") + " " + how + "; " +
                         (paths.length >= MAX_PATHS ? "the first " + MAX_PATHS + " shortest paths" : plural(paths.length, "shortest path"))));
    }
    paths.forEach(function (path, index) {
      var section = element("section", "path");
      section.appendChild(element("h3", null, "Path " + (index + 1) + ": " + path.map(function (id) { return names[id]; }).join(" → ")));
      for (var i = 0; i + 1 < path.length; i++) {
        var u = path[i], v = path[i + 1];
        pathNodes[u] = pathNodes[v] = true;
        var hop = element("div", "hop"), list = hopEdges(u, v, kinds), main = list[0];
        list.forEach(function (e) { pathEdges[e.id] = true; });
        var head = element("div", "edge-head");
        head.appendChild(entityButton(u));
        head.appendChild(document.createTextNode(" " + list.map(function (e) {
          return e.kind === "relation" ? (e.arrows ? (e.from === u ? "—" + e.label + "→" : "←" + e.label + "—") : "—" + e.label + "—") : "— same sentence —";
        }).join(" ") + " "));
        head.appendChild(entityButton(v));
        head.appendChild(badges(main));
        hop.appendChild(head);
        hop.appendChild(evidenceList(main, 3));
        var more = countNote(main, Math.min(3, (main.ev || []).length));
        if (more) hop.appendChild(more);
        section.appendChild(hop);
      }
      parts.push(section);
    });
    state.focusNode = null;
    state.focusEdge = null;
    state.path = paths.length ? {nodes: pathNodes, edges: pathEdges} : null;
    apply();
    network.unselectAll();
    openPanel(parts);
    if (paths.length) {
      fitBeside(drawnNodes(Object.keys(pathNodes)));
      if (network.getScale() > 1.2) network.moveTo({scale: 1.2, animation: false});
      declutter();
    }
    return paths;
  }

  $("connect-form").addEventListener("submit", function (event) {
    event.preventDefault();
    connect($("connect-a").value, $("connect-b").value);
  });

  // ---- filters -----------------------------------------------------------------------------

  typeBoxes.forEach(function (box) {
    box.addEventListener("change", function () { state.types[box.value] = box.checked; apply(); });
  });
  var relationBox = $("layer-relation"), cooccurrenceBox = $("layer-cooccurrence"), backboneBox = $("backbone");
  relationBox.addEventListener("change", function () { state.relation = relationBox.checked; apply(); });
  cooccurrenceBox.addEventListener("change", function () { state.cooccurrence = cooccurrenceBox.checked; apply(); });
  backboneBox.addEventListener("change", function () { state.backbone = backboneBox.checked; apply(); });
  if ($("show-sources")) {
    $("show-sources").addEventListener("change", function () { state.showSources = $("show-sources").checked; apply(); });
  }
  $("community-colours").addEventListener("change", function () { state.community = $("community-colours").checked; apply(); });
  var slider = $("min-weight"), sliderValue = $("min-weight-value");
  slider.addEventListener("input", function () {
    state.minWeight = Number(slider.value);
    sliderValue.textContent = slider.value;
    apply();
  });
  var confidence = $("min-confidence"), confidenceValue = $("min-confidence-value");
  confidence.addEventListener("input", function () {
    state.minConfidence = Number(confidence.value);
    confidenceValue.textContent = state.minConfidence.toFixed(2);
    apply();
  });
  var dateFrom = $("date-from"), dateTo = $("date-to");
  function dateChanged(which) {
    var a = Number(dateFrom.value), b = Number(dateTo.value);
    if (a > b) { if (which === "from") { b = a; dateTo.value = String(b); } else { a = b; dateFrom.value = String(a); } }
    state.dateFrom = a; state.dateTo = b;
    $("date-range").textContent = dates[a] + " – " + dates[b];
    apply();
  }
  if (dateFrom) {
    dateFrom.addEventListener("input", function () { dateChanged("from"); });
    dateTo.addEventListener("input", function () { dateChanged("to"); });
  }

  // ---- side views: actors, relations table, corrections --------------------------------------

  var side = $("side"), sideBody = $("side-body"), sideView = null;
  var sideButtons = {actors: $("open-actors"), table: $("open-table"), review: $("open-review")};

  function openSide(view) {
    if (sideView === view) { closeSide(); return; }
    sideView = view;
    Object.keys(sideButtons).forEach(function (k) { sideButtons[k].setAttribute("aria-pressed", k === view ? "true" : "false"); });
    side.className = view;
    side.hidden = false;
    hideTooltip();
    if (view === "actors") renderActors();
    else if (view === "table") renderTable();
    else renderReview();
  }

  function closeSide() {
    sideView = null;
    side.hidden = true;
    Object.keys(sideButtons).forEach(function (k) { sideButtons[k].setAttribute("aria-pressed", "false"); });
    clear(sideBody);
  }
  sideButtons.actors.addEventListener("click", function () { openSide("actors"); });
  sideButtons.table.addEventListener("click", function () { openSide("table"); });
  sideButtons.review.addEventListener("click", function () { openSide("review"); });
  $("side-close").addEventListener("click", closeSide);

  function download(name, text) {
    var blob = new Blob([text], {type: "text/csv;charset=utf-8"}), url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.setAttribute("href", url);
    a.setAttribute("download", name);
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
  // one), so a text cell that does gets a leading ' (OWASP). The rule is graph/spreadsheet.py's,
  // which takes the ' off again when an alias file comes back to --aliases: quotes before a
  // trigger count, so that a name starting with '= survives the round trip too.
  function csvCell(value) {
    var s = value === undefined || value === null ? "" : String(value);
    if (typeof value === "string" && /^'*[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(rows) { return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n"; }

  // Actors: entities ranked by importance, mentions, documents or connections.
  var actorState = {by: graphConfig.importance === "pagerank" ? "rank" : "mentions", type: "", sources: false};
  var ACTOR_KEYS = {rank: "importance", mentions: "mentions", documents: "documents", degree: "connections"};

  function renderActors() {
    var keep = sideBody.scrollTop;
    clear(sideBody);
    sideBody.appendChild(element("h2", null, "Key actors"));
    var controls = element("div", "side-controls"), by = element("select"), type = element("select");
    by.id = "actors-by"; type.id = "actors-type";
    Object.keys(ACTOR_KEYS).forEach(function (k) {
      var o = element("option", null, "by " + ACTOR_KEYS[k]); o.value = k; by.appendChild(o);
    });
    by.value = actorState.by;
    var all = element("option", null, "all types"); all.value = ""; type.appendChild(all);
    Object.keys(state.types).sort().forEach(function (t) { var o = element("option", null, t || "(none)"); o.value = t; type.appendChild(o); });
    type.value = actorState.type;
    by.addEventListener("change", function () { actorState.by = by.value; renderActors(); });
    type.addEventListener("change", function () { actorState.type = type.value; renderActors(); });
    controls.appendChild(by); controls.appendChild(type);
    if (graphConfig.sources) {
      var label = element("label"), box = element("input");
      box.type = "checkbox"; box.id = "actors-sources"; box.checked = actorState.sources;
      box.addEventListener("change", function () { actorState.sources = box.checked; renderActors(); });
      label.appendChild(box); label.appendChild(document.createTextNode(" include sources"));
      controls.appendChild(label);
    }
    sideBody.appendChild(controls);
    var list = byImportance.filter(function (n) {
      return (!actorState.type || n.type === actorState.type) && (actorState.sources || !n.source);
    });
    var key = actorState.by;
    if (key === "rank") {
      list.sort(function (a, b) { return ((a.rank || 1e9) - (b.rank || 1e9)) || byId(a, b); });
    } else {
      list.sort(function (a, b) { return (b[key] - a[key]) || ((a.rank || 1e9) - (b.rank || 1e9)) || byId(a, b); });
    }
    var ol = element("ol", "actors");
    list.slice(0, 100).forEach(function (n) {
      var li = element("li");
      li.appendChild(entityButton(n.id));
      li.appendChild(element("span", "type", " " + n.type + (n.source ? " · source" : "")));
      li.appendChild(element("span", "counts", plural(n.mentions, "mention") + " · " + plural(n.documents, "doc") + " · " +
                             plural(n.degree, "link")));
      ol.appendChild(li);
    });
    sideBody.appendChild(ol);
    if (list.length > 100) sideBody.appendChild(element("p", "note", "the first 100 of " + list.length));
    sideBody.scrollTop = keep;
  }

  // Relations table: one row per relation and sentence, of the relations the graph shows now.
  var tableState = {sort: 0, desc: false, filter: ""};
  var hasConfidence = graphConfig.confidences > 0;
  var COLUMNS = ["agent", "predicate", "patient", "category", "modality", "via pronoun"]
    .concat(hasConfidence ? ["confidence"] : []).concat(["date", "document", "sentence"]);

  function tableRows() {
    var rows = [];
    edgeList.forEach(function (e) {
      if (e.kind !== "relation" || !visibleEdges[e.id]) return;
      (e.ev || []).forEach(function (index) {
        var item = evidenceTable[index], doc = docTable[item[0]];
        var row = [names[e.from], e.label, names[e.to], e.category, e.modality, e.viaPronoun ? "yes" : "no"];
        if (hasConfidence) row.push(e.confidence === undefined ? "" : e.confidence.toFixed(2));
        row.push(doc[1], doc[2] || doc[0], item[1]);
        row.url = doc[3]; row.edge = e.id;
        rows.push(row);
      });
    });
    var q = tableState.filter.trim().toLowerCase();
    if (q) rows = rows.filter(function (r) { return r.join("\u0001").toLowerCase().indexOf(q) >= 0; });
    var c = tableState.sort, sign = tableState.desc ? -1 : 1;
    rows.sort(function (a, b) { return a[c] < b[c] ? -sign : a[c] > b[c] ? sign : 0; });
    return rows;
  }

  var tableTimer = null;
  function renderTable() {
    var rows = tableRows(), focusFilter = document.activeElement && document.activeElement.id === "table-filter";
    clear(sideBody);
    sideBody.appendChild(element("h2", null, "Relations"));
    var controls = element("div", "side-controls"), filter = element("input");
    filter.type = "search"; filter.id = "table-filter"; filter.placeholder = "Filter rows"; filter.value = tableState.filter;
    filter.addEventListener("input", function () {
      tableState.filter = filter.value;
      clearTimeout(tableTimer);
      tableTimer = setTimeout(renderTable, 150);
    });
    controls.appendChild(filter);
    controls.appendChild(button("Download CSV", function () {
      download("relations.csv", csv([COLUMNS.concat(["url"])].concat(rows.map(function (r) { return r.concat([r.url]); }))));
    }, "download-table"));
    sideBody.appendChild(controls);
    sideBody.appendChild(element("p", "note", plural(rows.length, "row") + " (the relations shown in the graph)" +
                                 (rows.length > TABLE_ROWS ? "; the first " + TABLE_ROWS + " below, all in the CSV" : "")));
    var table = element("table", "relations"), thead = element("thead"), tr = element("tr");
    COLUMNS.forEach(function (name, i) {
      var th = element("th", null, name + (tableState.sort === i ? (tableState.desc ? " ▼" : " ▲") : ""));
      th.setAttribute("data-column", String(i));
      th.addEventListener("click", function () {
        if (tableState.sort === i) tableState.desc = !tableState.desc; else { tableState.sort = i; tableState.desc = false; }
        renderTable();
      });
      tr.appendChild(th);
    });
    thead.appendChild(tr); table.appendChild(thead);
    var tbody = element("tbody");
    rows.slice(0, TABLE_ROWS).forEach(function (r) {
      var row = element("tr");
      r.forEach(function (cell, i) {
        var td = element("td", null, i === COLUMNS.length - 2 && safeLink(r.url) ? null : cell);
        if (i === COLUMNS.length - 2 && safeLink(r.url)) {
          var a = element("a", null, cell);
          a.setAttribute("href", safeLink(r.url)); a.setAttribute("target", "_blank"); a.setAttribute("rel", "noopener noreferrer");
          td.appendChild(a);
        }
        row.appendChild(td);
      });
      row.addEventListener("click", function (event) { if (event.target.tagName !== "A") focusEdge(r.edge); });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    sideBody.appendChild(table);
    if (focusFilter) { filter.focus(); filter.setSelectionRange(filter.value.length, filter.value.length); }
  }

  // Corrections: merge, keep apart, not an entity (an alias file for --aliases), wrong relations.
  var corrections = [];

  function addCorrection(c) {
    var key = JSON.stringify(c);
    if (corrections.some(function (d) { return JSON.stringify(d) === key; })) return;
    corrections.push(c);
    $("review-count").textContent = String(corrections.length);
    if (sideView === "review") renderReview();
  }

  function describeCorrection(c) {
    if (c.kind === "merge") return names[c.alias] + " is " + c.canonical;
    if (c.kind === "apart") return names[c.alias] + " is not " + c.other;
    if (c.kind === "reject") return names[c.alias] + " is not an entity";
    var e = edges.get(c.edge);
    return "wrong relation: " + names[e.from] + " " + e.label + " " + names[e.to];
  }

  function reviewBox(id) {
    var box = element("div", "actions review"), input = element("input");
    input.type = "search"; input.className = "review-name"; input.setAttribute("list", "entity-names");
    input.placeholder = "another entity"; input.setAttribute("aria-label", "Another entity");
    box.appendChild(element("span", "legend-title", "Review: "));
    box.appendChild(input);
    function other() {
      var found = find(input.value);
      var name = found !== null && names[found].toLowerCase() === input.value.trim().toLowerCase() ? names[found] : input.value.trim();
      return name && name !== names[id] ? name : null;
    }
    box.appendChild(button("merge with", function () { var o = other(); if (o) addCorrection({kind: "merge", alias: id, canonical: o}); }, "merge"));
    box.appendChild(button("keep apart from", function () { var o = other(); if (o) addCorrection({kind: "apart", alias: id, other: o}); }, "apart"));
    box.appendChild(button("not an entity", function () { addCorrection({kind: "reject", alias: id}); }, "reject"));
    return box;
  }

  // One file for every correction, in the alias file's format: --aliases applies all of them.
  function aliasCsv() {
    var rows = [["alias", "canonical", "type", "never_merge_with", "reject", "wrong_relation", "patient"]];
    corrections.forEach(function (c) {
      if (c.kind === "merge") {
        var target = find(c.canonical);
        rows.push([names[c.alias], c.canonical, target !== null && names[target] === c.canonical ? info[target].type : "", "", "", "", ""]);
      } else if (c.kind === "apart") {
        rows.push([names[c.alias], "", "", c.other, "", "", ""]);
      } else if (c.kind === "reject") {
        rows.push([names[c.alias], "", "", "", "yes", "", ""]);
      } else if (c.kind === "wrong") {
        var e = edges.get(c.edge);  // the label is the edge key: "meet", "not meet"
        rows.push([names[e.from], "", "", "", "", String(e.label), names[e.to]]);
      }
    });
    return csv(rows);
  }

  function renderReview() {
    clear(sideBody);
    sideBody.appendChild(element("h2", null, "Corrections"));
    if (!corrections.length) {
      sideBody.appendChild(element("p", "note", "None yet: click an entity and use its Review buttons (merge with…, keep apart " +
                                   "from…, not an entity), or click a relation and mark it wrong."));
    }
    var ol = element("ol", "corrections");
    corrections.forEach(function (c, i) {
      var li = element("li", null, describeCorrection(c) + " ");
      li.appendChild(button("remove", function () {
        corrections.splice(i, 1);
        $("review-count").textContent = String(corrections.length);
        renderReview();
      }, "remove"));
      ol.appendChild(li);
    });
    sideBody.appendChild(ol);
    var actions = element("div", "actions");
    var aliases = button("Download aliases.csv", function () { download("aliases.csv", aliasCsv()); }, "download-aliases");
    aliases.disabled = !corrections.length;
    actions.appendChild(aliases);
    sideBody.appendChild(actions);
    sideBody.appendChild(element("p", "note", "Rebuild with --aliases aliases.csv to apply them all: the merges, the names kept " +
                                 "apart, the rejected names and the wrong relations (their entities' same-sentence link stays). " +
                                 "A rebuild from the cache parses nothing."));
  }

  // ---- physics and reset -------------------------------------------------------------------

  var physicsButton = $("physics"), physicsOn = false;
  function setPhysics(on) {
    physicsOn = on;
    network.setOptions({physics: {enabled: on}});
    physicsButton.textContent = on ? "Physics: on" : "Physics: off";
    physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
    if (!on && homePositions) homePositions = allPositions();  // where physics left them is home now
  }
  physicsButton.addEventListener("click", function () { setPhysics(!physicsOn); });

  $("reset").addEventListener("click", function () {
    typeBoxes.forEach(function (box) { box.checked = true; state.types[box.value] = true; });
    relationBox.checked = cooccurrenceBox.checked = state.relation = state.cooccurrence = true;
    backboneBox.checked = state.backbone = !!graphConfig.backbone;
    slider.value = String(weightRange[0]);
    sliderValue.textContent = String(weightRange[0]);
    state.minWeight = weightRange[0];
    confidence.value = "0"; confidenceValue.textContent = "0.00"; state.minConfidence = 0;
    if (dateFrom) { dateFrom.value = "0"; dateTo.value = String(dates.length - 1); state.dateFrom = 0; state.dateTo = dates.length - 1;
                    $("date-range").textContent = dates[0] + " – " + dates[dates.length - 1]; }
    if ($("show-sources")) $("show-sources").checked = state.showSources = false;
    $("community-colours").checked = state.community = false;
    search.value = "";
    status.textContent = "";
    $("connect-status").textContent = "";
    $("connect-a").value = $("connect-b").value = "";
    if (physicsOn) {
      physicsOn = false;
      network.setOptions({physics: {enabled: false}});
      physicsButton.textContent = "Physics: off";
      physicsButton.setAttribute("aria-pressed", "false");
    }
    state.ego = null;
    viewBar.hidden = true;
    clear(viewBar);
    restorePositions();
    clearFocus();
    fitAll();
  });

  // ---- load: bounded stabilisation (or none), then frozen ---------------------------------------
  // vis-network stops after options.physics.stabilization.iterations; we then stop the simulation
  // (vis emits "stabilized") and switch physics off, so nothing moves or burns CPU afterwards.

  var frozen = false, physicsRan = !(options.physics && options.physics.enabled === false);
  function freeze() {
    if (frozen) return;
    // setOptions re-processes every item: only when physics ran
    if (physicsRan) network.setOptions({physics: {enabled: false}});
    homePositions = allPositions();
    frozen = true;
    $("loading").hidden = true;
    fittedScale = network.getScale();
    apply();  // nothing to change when physics never ran: apply() set the first view before vis started
    if (physicsRan) network.redraw();
  }
  if (!physicsRan) {
    // the first drawing is the page: with physics off, vis fits the view when it starts (its
    // "fit" on init; our own fit after that drawing moved the view by 2 px and cost a redraw)
    network.once("afterDrawing", freeze);
  } else {
    network.once("stabilizationIterationsDone", function () { network.stopSimulation(); });
    network.once("stabilized", freeze);
  }
  network.on("afterDrawing", function () {
    if (!window.graphReady && (frozen || nodes.length === 0)) {
      window.graphReady = true;
      window.graphReadyAt = performance.now();  // ms since navigation start, for timing scripts
      $("loading").hidden = true;
      fittedScale = network.getScale();  // the view as first drawn: labels are placed for it
      declutter();
    }
  });
  if (nodes.length === 0) $("loading").hidden = true;
  // exposed for tests and tools that drive the page
  window.graphPage = {state: state, apply: apply, openEgo: openEgo, closeEgo: closeEgo, connect: connect,
                      corrections: corrections, labelShown: labelShown, declutter: declutter};
})();

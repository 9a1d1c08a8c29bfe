/*
 * The pipeline graph: sources -> models -> published tables, drawn as SVG from the nodes embedded in index.html.
 * A large project starts with its folders collapsed (one box per folder) and never draws more than LIMIT boxes;
 * the search, tag and folder filters show the matches and their neighbours; #column=<node id>.<column> lights up
 * that column's lineage; #node=<node id> shows one node and its neighbours. No library, nothing fetched.
 */
(function () {
  'use strict';
  var LIMIT = 300;
  var W = 200, H = 26, GAP_X = 70, GAP_Y = 12, PAD = 20;
  var NS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('catalog').textContent);
  var svg = document.getElementById('graph');
  var byId = {};
  var all = [];
  var downstream = {};
  var rank = {};
  var collapsed = {};
  var folders = {};
  var tags = {};

  data.nodes.forEach(function (n) { add(n); });
  data.nodes.forEach(function (n) {
    if (n.kind === 'model' && n.relation) {
      add({ id: 'table:' + n.relation, kind: 'table', name: n.relation, folder: n.folder, tags: n.tags,
            page: n.page + '#published', upstream: [n.id], columns: {} });
    }
  });
  // nodes arrive in dependency order, so one pass gives each its longest path from a source
  all.forEach(function (n) {
    var r = 0;
    n.upstream.forEach(function (u) {
      if (rank[u] !== undefined) { r = Math.max(r, rank[u] + 1); }
      (downstream[u] = downstream[u] || []).push(n.id);
    });
    rank[n.id] = r;
  });
  if (all.length > LIMIT) { Object.keys(folders).forEach(function (f) { collapsed[f] = true; }); }
  fill('tag', tags);
  fill('folder', folders);

  function add(n) {
    n.upstream = n.upstream || [];
    byId[n.id] = n;
    all.push(n);
    folders[n.folder] = true;
    (n.tags || []).forEach(function (t) { tags[t] = true; });
  }

  function fill(id, values) {
    var select = document.getElementById(id);
    Object.keys(values).sort().forEach(function (v) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      select.appendChild(o);
    });
    select.addEventListener('change', draw);
  }

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    parent.appendChild(e);
    return e;
  }

  /** The nodes a filter, a node or a column's lineage asks for, or null to show everything. */
  function focus() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf('column=') === 0) { return lineage(hash.slice(7)); }
    if (hash.indexOf('node=') === 0 && byId[hash.slice(5)]) { return around([byId[hash.slice(5)]], 'node'); }
    var q = document.getElementById('search').value.trim().toLowerCase();
    var tag = document.getElementById('tag').value;
    var folder = document.getElementById('folder').value;
    if (!q && !tag && !folder) { return null; }
    var matches = all.filter(function (n) {
      return (!tag || (n.tags || []).indexOf(tag) >= 0) && (!folder || n.folder === folder)
          && (!q || n.name.toLowerCase().indexOf(q) >= 0 || Object.keys(n.columns || {}).some(function (c) {
            return c.toLowerCase().indexOf(q) >= 0;
          }));
    });
    return around(matches, 'search');
  }

  /** The matches and their direct neighbours. */
  function around(matches, why) {
    var shown = {};
    var lit = {};
    matches.forEach(function (n) {
      lit[n.id] = true;
      shown[n.id] = true;
      n.upstream.concat(downstream[n.id] || []).forEach(function (m) { shown[m] = true; });
    });
    return { why: why, shown: shown, lit: lit, edges: {}, matches: matches };
  }

  /** A column and every column it is computed from, transitively; the published table it ends in. */
  function lineage(target) {
    var dot = target.indexOf('.');
    var start = [target.slice(0, dot), target.slice(dot + 1)];
    var shown = {};
    var edges = {};
    var steps = [];
    var queue = [start];
    var seen = {};
    while (queue.length) {
      var at = queue.shift();
      var key = at[0] + '.' + at[1].toLowerCase();
      if (seen[key] || !byId[at[0]]) { continue; }
      seen[key] = true;
      shown[at[0]] = true;
      var node = byId[at[0]];
      var from = columnOf(node, at[1]);
      if (from && from.length) { steps.push({ node: node, column: at[1], from: from }); }
      (from || []).forEach(function (o) {
        var d = o.indexOf('.');
        edges[o.slice(0, d) + '>' + at[0]] = true;
        queue.push([o.slice(0, d), o.slice(d + 1)]);
      });
    }
    var first = byId[start[0]];
    if (first && first.relation && first.kind === 'model') {
      shown['table:' + first.relation] = true;
      edges[first.id + '>table:' + first.relation] = true;
    }
    var lit = Object.assign({}, shown);
    if (all.length <= LIMIT) { all.forEach(function (n) { shown[n.id] = true; }); } // the path in its context
    return { why: 'lineage', shown: shown, lit: lit, edges: edges, matches: [], steps: steps, start: start };
  }

  function columnOf(node, column) {
    var names = Object.keys(node.columns || {});
    for (var i = 0; i < names.length; i++) {
      if (names[i].toLowerCase() === column.toLowerCase()) { return node.columns[names[i]]; }
    }
    return null;
  }

  function draw() {
    var f = focus();
    var items = {};
    var itemOf = {};
    var count = 0;
    var wanted = {};
    all.forEach(function (n) {
      if (f && !f.shown[n.id]) { return; }
      var folded = !f && collapsed[n.folder];
      var key = folded ? 'folder:' + n.folder : n.id;
      wanted[key] = true;
      if (!items[key]) {
        if (count >= LIMIT) { return; }
        count++;
        items[key] = folded ? { id: key, kind: 'folder', name: n.folder, folder: n.folder, rank: rank[n.id], size: 0 }
                            : { id: n.id, kind: n.kind, name: n.name, rank: rank[n.id], node: n };
      }
      if (folded) {
        items[key].size += n.kind === 'table' ? 0 : 1; // a folder counts its sources and models
        items[key].rank = Math.min(items[key].rank, rank[n.id]);
      }
      itemOf[n.id] = key;
    });
    var edges = {};
    all.forEach(function (n) {
      n.upstream.forEach(function (u) {
        var a = itemOf[u], b = itemOf[n.id];
        if (a && b && a !== b) { edges[a + '>' + b] = { from: a, to: b, lit: !!(f && f.edges[u + '>' + n.id]) }; }
      });
    });
    layout(items, edges);
    render(items, edges, f);
    say(f, count, Object.keys(wanted).length);
  }

  /** Columns by rank; within one, boxes ordered by where what they read sits, then by name. */
  function layout(items, edges) {
    var ranks = {};
    Object.keys(items).forEach(function (k) { (ranks[items[k].rank] = ranks[items[k].rank] || []).push(items[k]); });
    var order = Object.keys(ranks).map(Number).sort(function (a, b) { return a - b; });
    var ups = {};
    Object.keys(edges).forEach(function (k) { (ups[edges[k].to] = ups[edges[k].to] || []).push(edges[k].from); });
    order.forEach(function (r, column) {
      ranks[r].forEach(function (it) {
        var ys = (ups[it.id] || []).map(function (u) { return items[u].y; }).filter(function (y) { return y !== undefined; });
        it.key = ys.length ? ys.reduce(function (a, b) { return a + b; }, 0) / ys.length : -1;
      });
      ranks[r].sort(function (a, b) { return a.key - b.key || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
      ranks[r].forEach(function (it, i) {
        it.x = PAD + column * (W + GAP_X);
        it.y = PAD + i * (H + GAP_Y);
      });
    });
  }

  function render(items, edges, f) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var width = 0, height = 0;
    Object.keys(items).forEach(function (k) {
      width = Math.max(width, items[k].x + W + PAD);
      height = Math.max(height, items[k].y + H + PAD);
    });
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    Object.keys(edges).forEach(function (k) {
      var e = edges[k], a = items[e.from], b = items[e.to];
      var x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mid = (x1 + x2) / 2;
      el('path', { 'class': 'edge' + (e.lit ? ' lit' : ''), 'data-edge': k,
                   d: 'M' + x1 + ',' + y1 + ' C' + mid + ',' + y1 + ' ' + mid + ',' + y2 + ' ' + x2 + ',' + y2 }, svg);
    });
    var focused = null;
    Object.keys(items).forEach(function (k) {
      var it = items[k];
      var css = 'node ' + it.kind;
      if (f && f.lit[it.id]) { css += f.why === 'lineage' ? ' lit' : ' match'; } else if (f) { css += ' faded'; }
      var g = el('g', { 'class': css, 'data-node': it.id, transform: 'translate(' + it.x + ',' + it.y + ')' }, svg);
      el('rect', { width: W, height: H }, g);
      var label = it.kind === 'folder' ? it.name + '/ (' + it.size + ')' : it.name;
      var text = el('text', { x: 8, y: 17 }, g);
      text.textContent = label.length > 30 ? label.slice(0, 29) + '\u2026' : label;
      el('title', {}, g).textContent = it.kind === 'folder' ? it.name + ': ' + it.size + ' sources or models, click to open'
          : it.name + (it.node.materialization ? ' (' + it.node.materialization + ')' : '');
      g.addEventListener('click', function () { open(it); });
      if (f && f.why === 'node' && f.lit[it.id]) { focused = g; }
    });
    if (focused && focused.scrollIntoView) { focused.scrollIntoView({ block: 'center', inline: 'center' }); }
  }

  function open(it) {
    if (it.kind === 'folder') {
      collapsed[it.folder] = false;
      draw();
      return;
    }
    location.href = it.node.page;
  }

  function say(f, count, wanted) {
    var models = all.filter(function (n) { return n.kind === 'model'; }).length;
    var sources = all.filter(function (n) { return n.kind === 'source'; }).length;
    var text = sources + ' sources, ' + models + ' models. ';
    text += count < wanted ? 'Showing ' + count + ' boxes of ' + wanted + ': search or pick a folder to narrow.'
        : Object.keys(collapsed).some(function (k) { return collapsed[k]; }) && !f ? 'Click a folder to open it.' : '';
    document.getElementById('status').textContent = text;
    var results = document.getElementById('results');
    results.innerHTML = '';
    ((f && f.matches) || []).slice(0, 100).forEach(function (n) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = n.page;
      a.textContent = n.name;
      a.className = n.kind;
      li.appendChild(a);
      li.appendChild(document.createTextNode(' ' + n.kind));
      results.appendChild(li);
    });
    var panel = document.getElementById('lineage');
    panel.innerHTML = '';
    if (f && f.why === 'lineage') {
      var h = document.createElement('h3');
      h.textContent = 'Lineage of ' + (byId[f.start[0]] ? byId[f.start[0]].name : f.start[0]) + '.' + f.start[1];
      panel.appendChild(h);
      if (!f.steps.length) { panel.appendChild(document.createTextNode('Computed from no column of a source or model.')); }
      f.steps.forEach(function (s) {
        var p = document.createElement('p');
        p.textContent = s.node.name + '.' + s.column + ' \u2190 ' + s.from.map(function (o) {
          var d = o.indexOf('.');
          return (byId[o.slice(0, d)] ? byId[o.slice(0, d)].name : o.slice(0, d)) + '.' + o.slice(d + 1);
        }).join(', ');
        panel.appendChild(p);
      });
    }
  }

  document.getElementById('search').addEventListener('input', function () {
    if (location.hash) { // a search replaces the node or column the page was opened on
      try { history.replaceState(null, '', location.pathname); } catch (e) { location.hash = ''; }
    }
    draw();
  });
  document.getElementById('expand').addEventListener('click', function () {
    Object.keys(collapsed).forEach(function (k) { collapsed[k] = false; });
    draw();
  });
  document.getElementById('collapse').addEventListener('click', function () {
    Object.keys(folders).forEach(function (k) { collapsed[k] = true; });
    draw();
  });
  window.addEventListener('hashchange', draw);
  draw();
}());

/* The belief report's script: draws the embedded, precomputed states.
   It never evaluates a policy: for a time T it shows the state computed for the
   latest publication moment at or before T. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var positions = data.positions;
  var claims = data.claims;
  var fields = data.fields;
  var view = { policy: data.initial_policy, pos: positions.length - 1, t: null, selected: null };

  var slider = document.getElementById("time-slider");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var label = document.getElementById("time-label");
  var entered = document.querySelector("[data-testid=time-entered]");
  var caption = document.querySelector("[data-testid=state-caption]");
  var body = document.querySelector("[data-testid=state-body]");
  var chartsBox = document.getElementById("charts");
  var matrixBox = document.getElementById("attribution");
  var claimsBox = document.getElementById("claims-list");
  var claimsDetails = document.getElementById("claims-details");
  var detail = document.getElementById("claim-detail");
  var policyText = document.querySelector("[data-testid=policy-description]");

  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  function shortTime(iso) {  // "2020-03-11T22:21:00Z" -> "03-11 22:21"
    return iso ? iso.slice(5, 10) + " " + iso.slice(11, 16) : "before";
  }
  function interval(low, high) {
    return low === null || low === undefined ? "-" : low + ".." + (high === null ? "open" : high);
  }
  function states() { return data.states[view.policy]; }
  function stateAt(pos) { return states()[pos]; }
  function beliefAt(field, pos) { return stateAt(pos).beliefs[field] || null; }

  /* The latest position whose moment is at or before T (milliseconds); 0 before all. */
  function positionAt(ms) {
    var found = 0;
    for (var i = 1; i < positions.length; i++) {
      if (positions[i].at_ms <= ms) { found = i; } else { break; }
    }
    return found;
  }

  function activeIds(belief) {
    var ids = {};
    if (!belief) { return ids; }
    belief.supporting.concat(belief.contradicting).forEach(function (id) { ids[id] = true; });
    (belief.no_claim || []).forEach(function (id) { ids[id] = true; });
    (belief.actors || []).forEach(function (actor) {
      actor.stances.forEach(function (stance) {
        stance.claims.forEach(function (id) { ids[id] = true; });
      });
    });
    return ids;
  }
  var activeCache = {};
  function isActive(field, pos, id) {
    var key = view.policy + "\u0000" + pos + "\u0000" + field;
    if (!(key in activeCache)) { activeCache[key] = activeIds(beliefAt(field, pos)); }
    return activeCache[key][id] === true;
  }
  function roleOf(id, pos) {
    var claim = claims[id];
    if (claim.since > pos) { return "future"; }
    var belief = beliefAt(claim.field, pos);
    if (!belief || !isActive(claim.field, pos, id)) { return "withdrawn"; }
    if (belief.chosen === id) { return "chosen"; }
    for (var i = 0; i < belief.set_aside.length; i++) {
      if (belief.set_aside[i].ref === id) { return "set-aside"; }
    }
    if (belief.supporting.indexOf(id) >= 0) { return "supporting"; }
    if ((belief.no_claim || []).indexOf(id) >= 0) { return "no-claim"; }
    return "contradicting";
  }
  function reasonOf(id, pos) {
    var belief = beliefAt(claims[id].field, pos);
    if (!belief) { return ""; }
    for (var i = 0; i < belief.set_aside.length; i++) {
      if (belief.set_aside[i].ref === id) { return belief.set_aside[i].reason; }
    }
    return "";
  }
  function describeClaim(claim) {
    return claim.field + ": " + claim.label + ", according to " + claim.according_to + " (" +
      claim.speaker_kind + ", " + claim.hedge + ") in " + claim.source;
  }

  // -- the state table ------------------------------------------------------------------------
  function claimChip(id) {
    var claim = claims[id];
    return '<button type="button" class="chip" data-claim="' + id + '" title="' +
      esc(describeClaim(claim)) + '">' + esc(claim.according_to) + ": " + esc(claim.label) +
      "</button>";
  }
  function why(belief) {
    var parts = ["<p>" + esc(belief.rule) + "</p><ul>"];
    if (belief.chosen !== null) { parts.push("<li>chosen: " + claimChip(belief.chosen) + "</li>"); }
    [["supporting", belief.supporting], ["contradicting", belief.contradicting],
     ["no group has claimed it", belief.no_claim || []]].forEach(function (pair) {
      if (pair[1].length) {
        parts.push("<li>" + pair[0] + " (" + pair[1].length + "): " +
          pair[1].map(claimChip).join(" ") + "</li>");
      }
    });
    belief.set_aside.forEach(function (aside) {
      parts.push("<li>set aside: " + claimChip(aside.ref) + " because " + esc(aside.reason) + "</li>");
    });
    parts.push("</ul>");
    return '<details><summary>rule and claims</summary>' + parts.join("") + "</details>";
  }
  function statusCell(belief) {
    return '<td data-testid="status"><span class="status status-' + esc(belief.status) + '">' +
      esc(belief.status) + "</span></td>";
  }
  function renderTable() {
    var state = stateAt(view.pos);
    var at = positions[view.pos];
    caption.textContent = (view.pos === 0 ? "Before the first report" : "Believed at " + at.at) +
      " under policy " + view.policy + " (mode " + data.mode + "; " + state.claims +
      " active claim" + (state.claims === 1 ? "" : "s") + ")";
    var rows = [];
    fields.forEach(function (field) {
      var belief = state.beliefs[field.name];
      if (!belief) { return; }
      var head = '<tr data-testid="state-row" data-field="' + esc(field.name) + '" data-describe="' +
        esc(belief.describe) + '" data-status="' + esc(belief.status) + '"><th scope="row">' +
        esc(field.name) + (field.meaning ? '<div class="facts">' + esc(field.meaning) + "</div>" : "") +
        "</th>";
      if (belief.kind === "count") {
        var breakdown = Object.keys(belief.breakdown).map(function (key) {
          return key + " " + belief.breakdown[key];
        }).join(", ");
        rows.push(head + '<td class="num" data-testid="best">' +
          (belief.best === null ? "-" : belief.best) + '</td><td class="num" data-testid="interval">' +
          interval(belief.low, belief.high) + "</td>" + statusCell(belief) +
          '<td data-testid="breakdown">' + esc(breakdown || "-") + "</td><td>" + why(belief) +
          "</td></tr>");
      } else {
        var leading = belief.status === "unknown" ? "-" : belief.leading ?
          belief.leading + " (" + belief.leading_stance + ")" : "no actor named";
        var responsibility = belief.status === "unknown" ? "-" :
          "responsibility claimed: " + (belief.responsibility_claimed ? "yes" : "no") +
          (belief.no_claim.length ? "; " + belief.no_claim.length + " statement" +
            (belief.no_claim.length === 1 ? "" : "s") + " that no group has claimed it" : "");
        rows.push(head + '<td colspan="2" data-testid="leading">' + esc(leading) + "</td>" +
          statusCell(belief) + '<td data-testid="breakdown">' + esc(responsibility) +
          "</td><td>" + why(belief) + "</td></tr>");
      }
    });
    body.innerHTML = rows.join("");
  }

  // -- the charts -----------------------------------------------------------------------------
  function niceCeiling(value) {
    if (value <= 1) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log(value) / Math.LN10));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= value) { return Math.max(1, Math.round(steps[i] * power)); }
    }
    return Math.round(10 * power);
  }
  function fieldMax(field) {
    var top = 0;
    claims.forEach(function (claim) {
      if (claim.field === field && claim.kind === "count") {
        top = Math.max(top, claim.best, claim.low, claim.high === null ? claim.low : claim.high);
      }
    });
    data.policies.forEach(function (policy) {
      data.states[policy.name].forEach(function (state) {
        var belief = state.beliefs[field];
        if (belief && belief.kind === "count" && belief.best !== null) {
          top = Math.max(top, belief.best, belief.low, belief.high === null ? belief.low : belief.high);
        }
      });
    });
    return niceCeiling(top * 1.15);
  }

  function chart(field, index) {
    var W = 760, H = 210, L = 46, R = 10, T = 18, B = 36;
    var n = positions.length, pw = W - L - R, ph = H - T - B, cw = pw / n;
    var top = fieldMax(field.name);
    function x(i) { return L + i * cw; }
    function y(v) { return T + ph - (Math.min(v, top) / top) * ph; }
    var out = [];
    var hatch = "hatch-" + index;
    out.push('<svg class="chart" viewBox="0 0 ' + W + " " + H + '" role="group" aria-label="' +
      esc(field.name + ": believed low, best and high under policy " + view.policy +
        " over publication time, with one marker per claim") + '">');
    out.push('<defs><pattern id="' + hatch + '" width="6" height="6" patternUnits="userSpaceOnUse" ' +
      'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fddbc7"/>' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#d6604d" stroke-width="2"/></pattern></defs>');
    // columns (click to move T), the current T, grid and axes
    for (var i = 0; i < n; i++) {
      out.push('<rect class="column" data-pos="' + i + '" x="' + x(i) + '" y="' + T + '" width="' +
        cw + '" height="' + ph + '"><title>' + esc("set T to " + positions[i].label) + "</title></rect>");
    }
    var step = niceCeiling(top / 4);
    for (var v = 0; v <= top; v += step) {
      out.push('<line class="grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) +
        '"/><text x="' + (L - 6) + '" y="' + (y(v) + 4) + '" text-anchor="end" fill="#5b5b63">' + v + "</text>");
    }
    out.push('<rect class="now" x="' + x(view.pos) + '" y="' + T + '" width="' + cw + '" height="' + ph + '"/>');
    // disputed stretches
    var series = states().map(function (state) { return state.beliefs[field.name] || null; });
    for (i = 0; i < n; i++) {
      var belief = series[i];
      if (belief && belief.status === "disputed") {
        out.push('<rect data-testid="disputed" data-pos="' + i + '" x="' + x(i) + '" y="' + T +
          '" width="' + cw + '" height="' + ph + '" fill="url(#' + hatch + ')" fill-opacity="0.55">' +
          "<title>disputed: credible figures cannot all be true</title></rect>");
        if (i === 0 || !series[i - 1] || series[i - 1].status !== "disputed") {
          out.push('<text class="disputed-label" x="' + (x(i) + 3) + '" y="' + (T - 5) + '">disputed</text>');
        }
      }
    }
    // the band and the best figure, stepping from moment to moment
    var path = [];
    for (i = 0; i < n; i++) {
      belief = series[i];
      if (!belief || belief.kind !== "count" || belief.best === null) { continue; }
      var high = belief.high === null ? top : belief.high;
      out.push('<rect class="band" data-testid="band" data-pos="' + i + '" x="' + x(i) + '" y="' + y(high) +
        '" width="' + cw + '" height="' + Math.max(1, y(belief.low) - y(high)) + '"><title>' +
        esc(positions[i].label + ": " + belief.describe) + "</title></rect>");
      if (belief.high === null) {
        out.push('<line class="band-open" x1="' + x(i) + '" x2="' + x(i + 1) + '" y1="' + y(high) +
          '" y2="' + y(high) + '"/>');
      }
      var previous = series[i - 1];
      var joined = i > 0 && previous && previous.kind === "count" && previous.best !== null;
      path.push((joined ? "L" : "M") + x(i) + " " + y(belief.best) + "L" + x(i + 1) + " " + y(belief.best));
    }
    if (path.length) { out.push('<path class="best" fill="none" d="' + path.join("") + '"/>'); }
    out.push('<line class="now-line" x1="' + (x(view.pos) + cw / 2) + '" x2="' + (x(view.pos) + cw / 2) +
      '" y1="' + T + '" y2="' + (T + ph) + '"/>');
    // axes and time labels
    out.push('<g class="axis"><line x1="' + L + '" x2="' + (W - R) + '" y1="' + (T + ph) + '" y2="' + (T + ph) +
      '"/><line x1="' + L + '" x2="' + L + '" y1="' + T + '" y2="' + (T + ph) + '"/>');
    var every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(pw / 72))));
    for (i = 0; i < n; i += every) {
      out.push('<text x="' + (x(i) + cw / 2) + '" y="' + (T + ph + 14) + '" text-anchor="middle">' +
        esc(shortTime(positions[i].at)) + "</text>");
    }
    out.push('<text x="' + (W - R) + '" y="' + (H - 4) + '" text-anchor="end">publication moment (UTC)</text></g>');
    // markers: one per claim, in the column where it entered the view
    var byColumn = {};
    claims.forEach(function (claim) {
      if (claim.field === field.name && claim.kind === "count") {
        (byColumn[claim.since] = byColumn[claim.since] || []).push(claim);
      }
    });
    Object.keys(byColumn).forEach(function (key) {
      var group = byColumn[key];
      group.forEach(function (claim, k) {
        var cx = x(claim.since) + cw * (group.length === 1 ? 0.5 : 0.15 + 0.7 * k / (group.length - 1));
        var role = roleOf(claim.id, view.pos);
        var classes = ["marker", claim.hedge, role];
        if (view.selected === claim.id) { classes.push("selected"); }
        var hi = claim.high === null ? top : claim.high;
        out.push('<g class="' + classes.join(" ") + '" data-claim="' + claim.id + '" data-testid="marker" ' +
          'tabindex="0" role="button" aria-label="' + esc(describeClaim(claim)) + '"><title>' +
          esc(describeClaim(claim) + ": \u201c" + claim.quote + "\u201d") + "</title>" +
          '<line class="whisker" x1="' + cx + '" x2="' + cx + '" y1="' + y(claim.low) + '" y2="' + y(hi) + '"/>' +
          (claim.high === null ? '<path class="whisker" fill="none" d="M' + (cx - 4) + " " + (y(hi) + 5) +
            "L" + cx + " " + y(hi) + "L" + (cx + 4) + " " + (y(hi) + 5) + '"/>' : "") +
          '<circle class="ring" cx="' + cx + '" cy="' + y(claim.best) + '" r="9"/>' +
          '<circle cx="' + cx + '" cy="' + y(claim.best) + '" r="5.5"/></g>');
      });
    });
    out.push("</svg>");
    var now = series[view.pos];
    return '<figure data-testid="chart" data-field="' + esc(field.name) + '"><figcaption>' +
      esc(field.name) + (field.meaning ? ' <span class="meaning">— ' + esc(field.meaning) + "</span>" : "") +
      ' <span class="now">· at T: ' + esc(now ? now.describe : "no claim yet") + "</span></figcaption>" +
      out.join("") + "</figure>";
  }
  function renderCharts() {
    var parts = [];
    fields.forEach(function (field, index) {
      if (field.kind === "count") { parts.push(chart(field, index)); }
    });
    chartsBox.innerHTML = parts.join("") || "<p>No numeric field has been claimed.</p>";
  }

  // -- the attribution matrix -----------------------------------------------------------------
  function matrix(field) {
    var rows = [];
    var seen = {};
    states().forEach(function (state) {
      var belief = state.beliefs[field.name];
      if (!belief || belief.kind !== "attribution") { return; }
      belief.actors.forEach(function (actor) {
        actor.stances.forEach(function (stance) {
          var key = actor.actor + "\u0000" + stance.stance;
          if (!seen[key]) { seen[key] = true; rows.push([actor.actor, stance.stance]); }
        });
      });
    });
    rows.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
    var n = positions.length;
    var head = '<tr><th scope="col">Actor</th><th scope="col">Stance</th>';
    for (var i = 0; i < n; i++) {
      head += '<th scope="col" class="' + (i === view.pos ? "now" : "") + '"><button type="button" ' +
        'class="chip" data-pos="' + i + '" title="set T to ' + esc(positions[i].label) + '">' +
        esc(shortTime(positions[i].at)) + "</button></th>";
    }
    head += "</tr>";
    function chips(ids) {
      var by = {};
      var order = [];
      ids.forEach(function (id) {
        var who = claims[id].asserted_by || claims[id].according_to;
        if (!(who in by)) { by[who] = id; order.push(who); }
      });
      return order.map(function (who) {
        return '<button type="button" class="chip" data-claim="' + by[who] + '" title="' +
          esc(describeClaim(claims[by[who]])) + '">' + esc(who) + "</button>";
      }).join("");
    }
    function cells(pick) {
      var out = "";
      for (var i = 0; i < n; i++) {
        var belief = states()[i].beliefs[field.name];
        var ids = belief && belief.kind === "attribution" ? pick(belief) : [];
        out += '<td class="' + (i === view.pos ? "now " : "") + (ids.length ? "" : "empty") + '">' +
          (ids.length ? chips(ids) : "&middot;") + "</td>";
      }
      return out;
    }
    var bodyRows = rows.map(function (row) {
      return '<tr data-testid="matrix-row" data-actor="' + esc(row[0]) + '" data-stance="' + esc(row[1]) +
        '"><th scope="row">' + esc(row[0]) + "</th><td>" + esc(row[1]) + "</td>" + cells(function (belief) {
          var ids = [];
          belief.actors.forEach(function (actor) {
            if (actor.actor !== row[0]) { return; }
            actor.stances.forEach(function (stance) {
              if (stance.stance === row[1]) { ids = ids.concat(stance.claims); }
            });
          });
          return ids;
        }) + "</tr>";
    });
    bodyRows.push('<tr data-testid="matrix-row" data-stance="no_claim"><th scope="row">no group</th>' +
      "<td>has not claimed it</td>" + cells(function (belief) { return belief.no_claim; }) + "</tr>");
    var leading = '<tr data-testid="matrix-leading"><th scope="row" colspan="2">leading under ' +
      esc(view.policy) + "</th>";
    for (i = 0; i < n; i++) {
      var belief = states()[i].beliefs[field.name];
      var text = !belief || belief.status === "unknown" ? "·" :
        belief.leading ? belief.leading + " (" + belief.leading_stance + ", " + belief.status + ")" :
          "none (" + belief.status + ")";
      leading += '<td class="' + (i === view.pos ? "now" : "") + '">' + esc(text) + "</td>";
    }
    bodyRows.push(leading + "</tr>");
    return '<div class="matrix"><table data-testid="attribution-matrix" data-field="' + esc(field.name) +
      '"><caption>' + esc(field.name) + ": who holds which stance towards which actor at each " +
      "publication moment (a button per asserter; the highlighted column is T)</caption><thead>" + head +
      "</thead><tbody>" + bodyRows.join("") + "</tbody></table></div>";
  }
  function renderMatrix() {
    var parts = [];
    fields.forEach(function (field) { if (field.kind === "attribution") { parts.push(matrix(field)); } });
    matrixBox.innerHTML = parts.join("") || "<p>No attribution has been claimed.</p>";
  }

  // -- every claim, and one claim in detail ---------------------------------------------------
  function renderClaims() {
    var order = claims.slice().sort(function (a, b) { return a.since - b.since || a.id - b.id; });
    var rows = order.map(function (claim) {
      var role = roleOf(claim.id, view.pos);
      return '<tr data-claim="' + claim.id + '" data-testid="claim-row" tabindex="0" class="' +
        (role === "future" ? "future " : "") + (view.selected === claim.id ? "selected" : "") + '">' +
        "<td>" + esc(shortTime(positions[claim.since].at)) + "</td><td>" + esc(claim.source) +
        "</td><td>" + esc(claim.according_to) + " <small>(" + esc(claim.speaker_kind) + ")</small></td><td>" +
        esc(claim.field) + "</td><td>" + esc(claim.label) + "</td><td>" + esc(claim.hedge) + "</td><td>" +
        esc(role) + "</td><td>\u201c" + esc(claim.quote) + "\u201d</td></tr>";
    });
    claimsBox.innerHTML = '<table class="claims-table" data-testid="claims-table"><caption>' + claims.length +
      " claims, in the order they entered the view; role under " + esc(view.policy) + " at T</caption>" +
      '<thead><tr><th scope="col">Entered</th><th scope="col">Source</th><th scope="col">According to</th>' +
      '<th scope="col">Field</th><th scope="col">Value</th><th scope="col">Hedge</th>' +
      '<th scope="col">Role at T</th><th scope="col">Quoted evidence</th></tr></thead><tbody>' +
      rows.join("") + "</tbody></table>";
  }

  function showClaim(id) {
    var claim = claims[id];
    var published = claim.published_lower === claim.published_upper ? claim.published_lower :
      claim.published_lower + " – " + claim.published_upper;
    var role = roleOf(id, view.pos);
    var roles = {
      "future": "not yet published at T", "withdrawn": "no longer active at T (superseded or retracted)",
      "chosen": "the claim the policy chose", "supporting": "supports the belief",
      "contradicting": "contradicts the belief", "set-aside": "set aside: " + reasonOf(id, view.pos),
      "no-claim": "says no group has claimed it"
    };
    var rows = [
      ["Field", claim.field], ["Value", claim.label], ["Source", claim.source + " (" + claim.source_kind + ")"],
      ["According to", claim.according_to + " (" + claim.speaker_kind + ")"], ["Hedge", claim.hedge],
      ["Published", (claim.published_text ? claim.published_text + " = " : "") + published],
      ["Entered view", positions[claim.since].label], ["Report", claim.refs.join(", ")],
      ["At T (" + view.policy + ")", roles[role]]
    ];
    if (claim.as_of) { rows.push(["As of", claim.as_of]); }
    if (claim.note) { rows.push(["Note", claim.note]); }
    detail.innerHTML = '<dl data-testid="detail-facts">' + rows.map(function (row) {
      return "<dt>" + esc(row[0]) + '</dt><dd data-testid="detail-' + esc(row[0].split(" ")[0].toLowerCase()) +
        '">' + esc(row[1]) + "</dd>";
    }).join("") + '</dl><blockquote data-testid="detail-quote">' + esc(claim.quote) +
      '</blockquote><p class="facts">' + (claim.span ? "characters " + claim.span[0] + "–" +
      claim.span[1] + " of the report text" : "no text span: the note says where it came from") +
      "</p>";
  }

  // -- time and policy ------------------------------------------------------------------------
  function render() {
    var at = positions[view.pos];
    slider.value = String(view.pos);
    slider.setAttribute("aria-valuetext", at.label);
    label.textContent = view.t ? "T = " + view.t + " (state since " + at.label + ")" :
      "T = " + at.label;
    label.setAttribute("data-position", String(view.pos));
    entered.textContent = at.entered.length ? "entered at this moment: " + at.entered.join(", ") :
      view.pos === 0 ? "nothing published yet" : "";
    prev.disabled = view.pos === 0;
    next.disabled = view.pos === positions.length - 1;
    data.policies.forEach(function (policy) {
      if (policy.name === view.policy) { policyText.textContent = policy.description; }
    });
    renderTable();
    renderCharts();
    renderMatrix();
    if (claimsDetails.open) { renderClaims(); }
    if (view.selected !== null) { showClaim(view.selected); }
  }
  function setPosition(pos) {
    view.pos = Math.max(0, Math.min(positions.length - 1, pos));
    view.t = null;
    render();
    return view.pos;
  }
  function setTime(iso) {
    var ms = Date.parse(iso);
    if (isNaN(ms)) { throw new Error("not a time: " + iso); }
    view.pos = positionAt(ms);
    view.t = new Date(ms).toISOString();
    render();
    return view.pos;
  }
  function setPolicy(name) {
    if (!data.states[name]) { throw new Error("not a policy of this report: " + name); }
    view.policy = name;
    document.querySelectorAll("input[name=policy]").forEach(function (input) {
      input.checked = input.value === name;
    });
    render();
  }
  function select(id) {
    view.selected = id;
    showClaim(id);
    document.querySelectorAll(".selected").forEach(function (node) { node.classList.remove("selected"); });
    document.querySelectorAll('[data-claim="' + id + '"]').forEach(function (node) {
      if (node.matches("g, tr")) { node.classList.add("selected"); }
    });
  }

  claimsDetails.addEventListener("toggle", function () {
    if (claimsDetails.open) { renderClaims(); }
  });
  slider.addEventListener("input", function () { setPosition(Number(slider.value)); });
  prev.addEventListener("click", function () { setPosition(view.pos - 1); });
  next.addEventListener("click", function () { setPosition(view.pos + 1); });
  document.querySelectorAll("input[name=policy]").forEach(function (input) {
    input.addEventListener("change", function () { if (input.checked) { setPolicy(input.value); } });
  });
  function target(event, attribute) {
    var node = event.target.closest ? event.target.closest("[" + attribute + "]") : null;
    return node ? Number(node.getAttribute(attribute)) : null;
  }
  document.addEventListener("click", function (event) {
    var id = target(event, "data-claim");
    if (id !== null) { select(id); return; }
    var pos = target(event, "data-pos");
    if (pos !== null) { setPosition(pos); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var id = target(event, "data-claim");
    if (id !== null && event.target.tagName !== "BUTTON") { event.preventDefault(); select(id); }
  });
  document.addEventListener("mouseover", function (event) {
    var id = target(event, "data-claim");
    if (id !== null) { showClaim(id); }
  });
  document.addEventListener("focusin", function (event) {
    var id = target(event, "data-claim");
    if (id !== null) { showClaim(id); }
  });

  window.tajiReport = {
    data: data,
    setPosition: setPosition,
    setTime: setTime,
    setPolicy: setPolicy,
    select: select,
    position: function () { return view.pos; },
    policy: function () { return view.policy; }
  };
  render();
  document.body.setAttribute("data-ready", "true");
}());

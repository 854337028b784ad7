/* The belief report's script: draws the embedded, precomputed beliefs.
   It never evaluates a policy. For a time T it shows the figures the belief
   history computed for the latest publication moment at or before T, the
   claim the policy chose and the claims it set aside then, and from these the
   supporting and contradicting claims by the rule docs/report.md states. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var positions = data.positions;
  var fields = data.fields;
  var strings = data.strings;
  var LAST = positions.length - 1;
  var ACCUSING = { claimed: true, accused: true, suspected: true };
  var STRING_COLUMNS = { field: 1, kind: 1, report_id: 1, source: 1, source_kind: 1,
    according_to: 1, speaker_kind: 1, hedge: 1, actor: 1, stance: 1, asserted_by: 1 };
  /* Long gaps: a gap between two moments longer than this share of the whole
     span is drawn as a break of BREAK_PX pixels instead of to scale. */
  var BREAK_SHARE = 0.2, BREAK_PX = 18;
  /* A segment of the axis (moments drawn to scale between breaks) is at least
     this wide, so that a break is never at an end and each segment has a label. */
  var SEGMENT_MIN_PX = 90;
  /* Axis labels: an estimated width per character (11px text), the space kept
     between two labels, and the round intervals ticks fall on, the shortest
     at least TICK_PX apart being used. */
  var CHAR_PX = 6.4, LABEL_GAP = 8, TICK_PX = 90;
  var TICK_STEPS = [6e4, 3e5, 9e5, 18e5, 36e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5,
    12096e5, 2592e6, 7776e6, 31536e6];
  /* Markers closer than this many pixels (both ways) are drawn as one. */
  var MARKER_CELL = 6;
  /* At most this many columns of the attribution matrix, around T. */
  var MATRIX_COLUMNS = 24;

  var claims = data.claims.rows.map(function (row, id) {
    var claim = { id: id };
    data.claims.columns.forEach(function (column, k) {
      var value = row[k];
      claim[column] = STRING_COLUMNS[column] && value !== null ? strings[value] : value;
    });
    claim.refs = claim.refs.map(function (pair) { return claim.report_id + "@" + pair[0] + "#" + pair[1]; });
    claim.since = claim.runs[0][0];
    return claim;
  });
  var byField = {};
  var fieldByName = {};
  fields.forEach(function (field) { byField[field.name] = []; fieldByName[field.name] = field; });
  claims.forEach(function (claim) { byField[claim.field].push(claim); });
  var asideRuns = {};
  Object.keys(data.set_aside).forEach(function (policy) {
    var runs = {};
    data.set_aside[policy].forEach(function (run) { (runs[run[0]] = runs[run[0]] || []).push(run); });
    asideRuns[policy] = runs;
  });
  var view = { policy: data.initial_policy, pos: LAST, t: null, selected: null, group: null };

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
  function within(start, end, pos) { return start <= pos && (end === null || pos < end); }
  /* The index of the last entry of the sorted list ``at`` that is <= pos. */
  function lastAt(at, pos) {
    var lo = 0, hi = at.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (at[mid] <= pos) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  function isActive(claim, pos) {
    for (var i = 0; i < claim.runs.length; i++) {
      if (within(claim.runs[i][0], claim.runs[i][1], pos)) { return true; }
    }
    return false;
  }
  function asideReason(id, pos) {
    var runs = asideRuns[view.policy][id] || [];
    for (var i = 0; i < runs.length; i++) {
      if (within(runs[i][1], runs[i][2], pos)) { return data.reasons[runs[i][3]]; }
    }
    return null;
  }
  function contains(claim, value) {
    return claim.low <= value && (claim.high === null || value <= claim.high);
  }

  /* The latest position whose moment is at or before T (milliseconds); 0 before all. */
  function positionAt(ms) {
    var lo = 0, hi = LAST;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (positions[mid].at_ms <= ms) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  /* The belief about ``field`` at ``pos`` under the selected policy: the
     figures, the chosen claim and the claims set aside as embedded, and the
     supporting and contradicting claims derived from them. Null for a field
     that is not one of the documented ones and has no active claim. */
  var beliefCache = {};
  function beliefAt(field, pos) {
    var key = view.policy + "\u0000" + pos + "\u0000" + field.name;
    if (key in beliefCache) { return beliefCache[key]; }
    var here = byField[field.name].filter(function (claim) { return isActive(claim, pos); });
    var belief = null;
    if (here.length || field.always) {
      var changes = data.beliefs[view.policy][field.name];
      var figures = changes.v[lastAt(changes.at, pos)];
      var chosen = data.chosen[view.policy][field.name];
      belief = { kind: field.kind, status: figures[0], describe: figures[figures.length - 1],
        chosen: chosen ? chosen.id[lastAt(chosen.at, pos)] : null, claims: here,
        supporting: [], contradicting: [], no_claim: [], set_aside: [], roles: {} };
      here.forEach(function (claim) {
        var reason = asideReason(claim.id, pos);
        if (reason !== null) { belief.set_aside.push({ ref: claim.id, reason: reason }); }
      });
      if (field.kind === "count") {
        belief.low = figures[1]; belief.best = figures[2]; belief.high = figures[3];
        belief.breakdown = figures[4];
        here.forEach(function (claim) {
          if (claim.scope !== null) { return; }  // about a subset: set aside, never a figure
          var holds = belief.best !== null && contains(claim, belief.best) !== (claim.hedge === "denied");
          (holds ? belief.supporting : belief.contradicting).push(claim.id);
        });
      } else {
        belief.leading = figures[1]; belief.leading_stance = figures[2];
        belief.responsibility_claimed = figures[3];
        if (belief.status !== "unknown") {
          here.forEach(function (claim) {
            if (claim.actor === null) { belief.no_claim.push(claim.id); }
            if (belief.leading === null) { return; }
            if (ACCUSING[claim.stance] && claim.actor === belief.leading) {
              belief.supporting.push(claim.id);
            } else if ((claim.actor === belief.leading && claim.stance === "denied") ||
                       (claim.stance === "claimed" && claim.actor !== belief.leading)) {
              belief.contradicting.push(claim.id);
            }
          });
        }
      }
      belief.supporting.forEach(function (id) { belief.roles[id] = "supporting"; });
      belief.contradicting.forEach(function (id) { belief.roles[id] = "contradicting"; });
      belief.no_claim.forEach(function (id) { belief.roles[id] = "no-claim"; });
      belief.set_aside.forEach(function (aside) { belief.roles[aside.ref] = "set-aside"; });
      if (belief.chosen !== null) { belief.roles[belief.chosen] = "chosen"; }
    }
    beliefCache[key] = belief;
    return belief;
  }
  function roleOf(id, pos) {
    var claim = claims[id];
    if (claim.since > pos) { return "future"; }
    if (!isActive(claim, pos)) { return "withdrawn"; }
    return beliefAt(fieldByName[claim.field], pos).roles[id] || "neither";
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
  function policyInfo() {
    for (var i = 0; i < data.policies.length; i++) {
      if (data.policies[i].name === view.policy) { return data.policies[i]; }
    }
    return null;
  }
  function why(field, belief) {
    var rule = view.pos === LAST ? (data.rules[view.policy] || {})[field.name] : null;
    var parts = ["<p>" + esc(rule || "policy " + view.policy + ": " + policyInfo().description) +
      "</p><ul>"];
    if (belief.chosen !== null) { parts.push("<li>chosen: " + claimChip(belief.chosen) + "</li>"); }
    [["supporting", belief.supporting], ["contradicting", belief.contradicting],
     ["no group has claimed it", belief.no_claim]].forEach(function (pair) {
      if (pair[1].length) {
        parts.push("<li>" + pair[0] + " (" + pair[1].length + "): " +
          pair[1].slice(0, 50).map(claimChip).join(" ") +
          (pair[1].length > 50 ? " and " + (pair[1].length - 50) + " more (see Every claim)" : "") +
          "</li>");
      }
    });
    belief.set_aside.slice(0, 50).forEach(function (aside) {
      parts.push("<li>set aside: " + claimChip(aside.ref) + " because " + esc(aside.reason) + "</li>");
    });
    if (belief.set_aside.length > 50) {
      parts.push("<li>and " + (belief.set_aside.length - 50) + " more set aside</li>");
    }
    parts.push("</ul>");
    return '<details><summary>rule and claims</summary>' + parts.join("") + "</details>";
  }
  function statusCell(belief) {
    return '<td data-testid="status"><span class="status status-' + esc(belief.status) + '">' +
      esc(belief.status) + "</span></td>";
  }
  function renderTable() {
    var at = positions[view.pos];
    var active = at.active;
    caption.textContent = (view.pos === 0 ? "Before the first report" :
      "Believed once this entered the view: " + at.label + ";") +
      " under policy " + view.policy + " (mode " + data.mode + "; " + active +
      " active claim" + (active === 1 ? "" : "s") + ")";
    var rows = [];
    fields.forEach(function (field) {
      var belief = beliefAt(field, view.pos);
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
          '<td data-testid="breakdown">' + esc(breakdown || "-") + "</td><td>" + why(field, belief) +
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
          "</td><td>" + why(field, belief) + "</td></tr>");
      }
    });
    body.innerHTML = rows.join("");
  }

  // -- the time axis --------------------------------------------------------------------------
  /* The axis in plot coordinates (0 to ``width``): position 0 ("before") gets a
     short lead and the last moment a short tail. The moments fall into
     segments, runs drawn to scale with one number of pixels per millisecond;
     a gap longer than BREAK_SHARE of the span separates two segments and is
     drawn as a break of BREAK_PX, unless every gap is that long (then none is).
     A segment is at least SEGMENT_MIN_PX wide (its moments centred in it), so a
     break never sits at an end of the axis and every segment has room for a
     label. xs[i] is where position i starts, xs[LAST + 1] the end of the axis;
     ``labels`` are the time labels (see axisLabels). */
  function timeAxis(width) {
    var n = LAST;
    var lead = Math.min(36, width * 0.06), tail = Math.min(36, width * 0.06);
    var xs = [0], breaks = [], segments = [];
    if (n === 0) { xs.push(width); return { xs: xs, breaks: breaks, segments: segments, labels: [] }; }
    var span = positions[n].at_ms - positions[1].at_ms;
    var long = [];
    for (var i = 1; i < n; i++) {
      long.push(span > 0 && positions[i + 1].at_ms - positions[i].at_ms > BREAK_SHARE * span);
    }
    if (long.length && long.every(function (flag) { return flag; })) {
      long = long.map(function () { return false; });
    }
    var runs = [{ first: 1, last: 1 }];
    for (i = 1; i < n; i++) {
      if (long[i - 1]) { runs.push({ first: i + 1, last: i + 1 }); } else { runs[runs.length - 1].last = i + 1; }
    }
    runs.forEach(function (run) { run.ms = positions[run.last].at_ms - positions[run.first].at_ms; });
    var room = Math.max(0, width - lead - tail - (runs.length - 1) * BREAK_PX);
    var minimum = runs.length > 1 ? Math.min(SEGMENT_MIN_PX, room / runs.length) : 0;
    var totalMs = runs.reduce(function (sum, run) { return sum + run.ms; }, 0);
    function used(perMs) {
      return runs.reduce(function (sum, run) { return sum + Math.max(minimum, run.ms * perMs); }, 0);
    }
    // The one scale at which the segments, each at least the minimum, fill the room.
    var perMs = 0;
    if (totalMs > 0) {
      var lo = 0, hi = room / totalMs;
      for (var step = 0; step < 60; step++) {
        var mid = (lo + hi) / 2;
        if (used(mid) > room) { hi = mid; } else { lo = mid; }
      }
      perMs = lo;
    }
    var x = lead;
    runs.forEach(function (run, k) {
      var drawn = run.ms * perMs;
      var size = runs.length === 1 ? room : Math.max(minimum, drawn);
      // a lone instant fills its segment's middle; all moments at one instant: at the right
      var pad = runs.length === 1 && run.ms === 0 ? room : (size - drawn) / 2;
      segments.push({ x: x, width: size, first: run.first, last: run.last, ms: run.ms,
        x0: x + pad, perMs: perMs });
      for (var pos = run.first; pos <= run.last; pos++) {
        xs.push(x + pad + (positions[pos].at_ms - positions[run.first].at_ms) * perMs);
      }
      x += size;
      if (k + 1 < runs.length) {
        breaks.push({ x: x, width: BREAK_PX, from: run.last, to: runs[k + 1].first,
          ms: positions[runs[k + 1].first].at_ms - positions[run.last].at_ms });
        x += BREAK_PX;
      }
    });
    xs.push(width);
    var axis = { xs: xs, breaks: breaks, segments: segments, perMs: perMs };
    axis.labels = axisLabels(axis, width);
    return axis;
  }
  /* The time labels of an axis, none overlapping another: the first and the last
     moment always, then the first and last moment of each segment, then ticks at
     round UTC times inside each segment at least TICK_PX apart. Each is
     ``{x, x0, width, text, kind, pos}``: the point it labels, where its text
     starts, its estimated width, the text, "moment" or "tick", and the position
     of a moment (null for a tick). */
  function axisLabels(axis, width) {
    var placed = [];
    var left = -L + 2, right = width + R - 2;
    function box(x, text, align) {
      var size = text.length * CHAR_PX;
      var x0 = align === "end" ? x - size : align === "start" ? x : x - size / 2;
      x0 = Math.max(left, Math.min(right - size, x0));
      return { x: x, x0: x0, width: size, text: text };
    }
    function free(item) {
      return placed.every(function (other) {
        return item.x0 + item.width + LABEL_GAP <= other.x0 || other.x0 + other.width + LABEL_GAP <= item.x0;
      });
    }
    function moment(pos) { return shortTime(positions[pos].at); }
    /* A segment's first moment is labelled to its right, its last to its left (a
       lone moment centred), so that labels stay inside their segment. */
    var align = {};
    axis.segments.forEach(function (segment) {
      align[segment.first] = segment.first === segment.last ? "middle" : "start";
      if (segment.last !== segment.first) { align[segment.last] = "end"; }
    });
    function add(item, kind, pos, force) {
      item.kind = kind; item.pos = pos;
      if (force || free(item)) { placed.push(item); return true; }
      return false;
    }
    if (LAST === 0) { return placed; }
    add(box(axis.xs[LAST], moment(LAST), align[LAST]), "moment", LAST, true);
    if (axis.xs[1] !== axis.xs[LAST]) {
      var first = box(axis.xs[1], moment(1), align[1]);
      if (!free(first)) { first = box(axis.xs[1], moment(1), "end"); }
      if (!free(first)) {  // too close to the last moment: just left of its label
        first = box(axis.xs[1], moment(1), "end");
        first.x0 = Math.max(left, placed[0].x0 - LABEL_GAP - first.width);
      }
      add(first, "moment", 1, true);
    }
    axis.segments.forEach(function (segment) {
      [segment.first, segment.last].forEach(function (pos) {
        if (pos !== 1 && pos !== LAST) { add(box(axis.xs[pos], moment(pos), align[pos]), "moment", pos, false); }
      });
    });
    var tick = null;
    for (var k = 0; k < TICK_STEPS.length && axis.perMs > 0; k++) {
      if (TICK_STEPS[k] * axis.perMs >= TICK_PX) { tick = TICK_STEPS[k]; break; }
    }
    if (tick !== null) {
      axis.segments.forEach(function (segment) {
        var start = positions[segment.first].at_ms, end = positions[segment.last].at_ms;
        var count = 0;
        for (var t = Math.ceil(start / tick) * tick; t < end && count < 40; t += tick, count++) {
          if (t <= start) { continue; }
          var iso = new Date(t).toISOString();
          var text = tick >= 864e5 ? iso.slice(5, 10) : shortTime(iso);
          add(box(segment.x0 + (t - start) * segment.perMs, text, "middle"), "tick", null, false);
        }
      });
    }
    placed.sort(function (a, b) { return a.x - b.x; });
    return placed;
  }
  function duration(ms) {
    var hours = ms / 3600000;
    if (hours < 48) { return Math.round(hours) + " hours"; }
    var days = hours / 24;
    return days < 60 ? Math.round(days) + " days" : Math.round(days / 30.4) + " months";
  }
  /* The position drawn at plot coordinate ``x``: the last one starting at or before it. */
  function positionAtX(xs, x) {
    var lo = 0, hi = LAST;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (xs[mid] <= x) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  // -- the charts -----------------------------------------------------------------------------
  var W = 760, H = 220, L = 46, R = 10, T = 18, B = 40, PW = W - L - R, PH = H - T - B;
  var axis = timeAxis(PW);
  function X(pos) { return L + axis.xs[pos]; }
  function niceCeiling(value) {
    if (value <= 1) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log(value) / Math.LN10));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= value) { return Math.max(1, Math.round(steps[i] * power)); }
    }
    return Math.round(10 * power);
  }
  var tops = {};
  function fieldTop(field) {
    if (field in tops) { return tops[field]; }
    var top = 0;
    byField[field].forEach(function (claim) {
      if (claim.kind === "count") {
        top = Math.max(top, claim.best, claim.low, claim.high === null ? claim.low : claim.high);
      }
    });
    Object.keys(data.beliefs).forEach(function (policy) {
      data.beliefs[policy][field].v.forEach(function (v) {
        if (v[2] !== null) { top = Math.max(top, v[1], v[2], v[3] === null ? v[1] : v[3]); }
      });
    });
    tops[field] = niceCeiling(top * 1.15);
    return tops[field];
  }

  /* The band, best line and disputed stretches of a field under a policy: one
     piece per change of its figures, pieces that start within the same pixel
     merged into one (their envelope), so the drawing stays as large as the
     chart, not as the history. */
  var geometry = {};
  function pieces(field) {
    var key = view.policy + "\u0000" + field;
    if (key in geometry) { return geometry[key]; }
    var changes = data.beliefs[view.policy][field];
    var out = [], current = null;
    for (var k = 0; k < changes.at.length; k++) {
      var v = changes.v[k];
      var from = changes.at[k], to = k + 1 < changes.at.length ? changes.at[k + 1] : LAST + 1;
      var x0 = X(from), x1 = L + axis.xs[to];
      var known = v[2] !== null;
      if (current && x0 - current.x0 < 1) {
        current.x1 = x1; current.to = to; current.changes += 1;
        current.disputed = current.disputed || v[0] === "disputed";
        current.last = v;
        if (known) {
          current.known = true;
          current.low = Math.min(current.low, v[1]);
          current.high = Math.max(current.high, v[3] === null ? Infinity : v[3]);
          current.bmin = Math.min(current.bmin, v[2]); current.bmax = Math.max(current.bmax, v[2]);
        }
        continue;
      }
      current = { x0: x0, x1: x1, from: from, to: to, changes: 1, known: known,
        disputed: v[0] === "disputed", last: v,
        low: known ? v[1] : Infinity, high: known ? (v[3] === null ? Infinity : v[3]) : -Infinity,
        bmin: known ? v[2] : Infinity, bmax: known ? v[2] : -Infinity };
      out.push(current);
    }
    geometry[key] = out;
    return out;
  }
  /* One marker per claim where it first entered the view, at its stated figure;
     claims entering at one moment side by side when there is room; markers
     that would overlap (within MARKER_CELL pixels) drawn as one. */
  var markerCache = {};
  function markers(field, y) {
    if (field in markerCache) { return markerCache[field]; }
    var bySince = {};
    byField[field].forEach(function (claim) {
      if (claim.kind === "count") { (bySince[claim.since] = bySince[claim.since] || []).push(claim); }
    });
    var groups = {}, order = [];
    Object.keys(bySince).forEach(function (key) {
      var group = bySince[key], since = Number(key);
      var room = Math.max(0, L + axis.xs[since + 1] - X(since) - 8);
      var step = group.length > 1 ? Math.min(9, room / (group.length - 1)) : 0;
      group.forEach(function (claim, k) {
        var cx = X(since) + 4 + k * step, cy = y(claim.best);
        var cell = Math.round(cx / MARKER_CELL) + ":" + Math.round(cy / MARKER_CELL);
        if (!(cell in groups)) { groups[cell] = { cx: cx, cy: cy, claims: [] }; order.push(cell); }
        groups[cell].claims.push(claim);
      });
    });
    markerCache[field] = order.map(function (cell) { return groups[cell]; });
    return markerCache[field];
  }
  var ROLE_ORDER = ["chosen", "supporting", "contradicting", "set-aside", "no-claim", "neither",
                    "withdrawn", "future"];
  function groupRole(group) {
    var best = ROLE_ORDER.length - 1;
    group.claims.forEach(function (claim) {
      best = Math.min(best, ROLE_ORDER.indexOf(roleOf(claim.id, view.pos)));
    });
    return ROLE_ORDER[best];
  }

  function chart(field, index) {
    var top = fieldTop(field.name);
    function y(v) { return T + PH - (Math.min(v, top) / top) * PH; }
    var out = [];
    var hatch = "hatch-" + index;
    out.push('<svg class="chart" viewBox="0 0 ' + W + " " + H + '" role="group" aria-label="' +
      esc(field.name + ": believed low, best and high under policy " + view.policy +
        " over publication time, with one marker per claim") + '">');
    out.push('<defs><pattern id="' + hatch + '" width="6" height="6" patternUnits="userSpaceOnUse" ' +
      'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fddbc7"/>' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#d6604d" stroke-width="2"/></pattern></defs>');
    // the plot area (click to move T there), grid
    out.push('<rect class="plot" data-plot="1" x="' + L + '" y="' + T + '" width="' + PW +
      '" height="' + PH + '"><title>click to set T to the moment drawn here</title></rect>');
    var step = niceCeiling(top / 4);
    for (var v = 0; v <= top; v += step) {
      out.push('<line class="grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) +
        '"/><text x="' + (L - 6) + '" y="' + (y(v) + 4) + '" text-anchor="end" fill="#5b5b63">' + v + "</text>");
    }
    var nowWidth = Math.max(2, L + axis.xs[view.pos + 1] - X(view.pos));
    out.push('<rect class="now" x="' + X(view.pos) + '" y="' + T + '" width="' + nowWidth +
      '" height="' + PH + '"/>');
    var parts = pieces(field.name);
    // disputed stretches, then the band and the best figure
    parts.forEach(function (part, k) {
      if (!part.disputed) { return; }
      out.push('<rect data-testid="disputed" data-from="' + part.from + '" data-to="' + part.to +
        '" x="' + part.x0 + '" y="' + T + '" width="' + Math.max(1, part.x1 - part.x0) + '" height="' +
        PH + '" fill="url(#' + hatch + ')" fill-opacity="0.55">' +
        "<title>disputed: credible figures cannot all be true</title></rect>");
      if (k === 0 || !parts[k - 1].disputed) {
        out.push('<text class="disputed-label" x="' + (part.x0 + 3) + '" y="' + (T - 5) + '">disputed</text>');
      }
    });
    var path = [];
    parts.forEach(function (part, k) {
      if (!part.known) { return; }
      var high = part.high === Infinity ? top : part.high;
      var what = part.changes > 1 ? part.changes + " changes within one pixel, from " +
        positions[part.from].label + "; envelope of their figures; last: " + part.last[5] :
        positions[part.from].label + ": " + part.last[5];
      out.push('<rect class="band" data-testid="band" data-from="' + part.from + '" data-to="' +
        part.to + '" x="' + part.x0 + '" y="' + y(high) + '" width="' + Math.max(1, part.x1 - part.x0) +
        '" height="' + Math.max(1, y(part.low) - y(high)) + '"><title>' + esc(what) + "</title></rect>");
      if (part.last[3] === null && part.last[2] !== null) {
        out.push('<line class="band-open" x1="' + part.x0 + '" x2="' + part.x1 + '" y1="' + y(high) +
          '" y2="' + y(high) + '"/>');
      }
      var previous = parts[k - 1];
      var joined = k > 0 && previous.known;
      var lastBest = part.last[2] !== null ? part.last[2] : part.bmax;
      path.push((joined ? "L" : "M") + part.x0 + " " + y(part.bmin) +
        (part.bmax !== part.bmin ? "L" + part.x0 + " " + y(part.bmax) : "") +
        "L" + part.x0 + " " + y(lastBest) + "L" + part.x1 + " " + y(lastBest));
    });
    if (path.length) { out.push('<path class="best" fill="none" d="' + path.join("") + '"/>'); }
    out.push('<line class="now-line" x1="' + X(view.pos) + '" x2="' + X(view.pos) +
      '" y1="' + T + '" y2="' + (T + PH) + '"/>');
    // the axis: the time labels (see axisLabels), and a mark at each break
    out.push('<g class="axis"><line x1="' + L + '" x2="' + (W - R) + '" y1="' + (T + PH) + '" y2="' + (T + PH) +
      '"/><line x1="' + L + '" x2="' + L + '" y1="' + T + '" y2="' + (T + PH) + '"/>');
    axis.labels.forEach(function (mark) {
      out.push('<line x1="' + (L + mark.x) + '" x2="' + (L + mark.x) + '" y1="' + (T + PH) + '" y2="' +
        (T + PH + 4) + '"/><text data-testid="axis-label" data-kind="' + mark.kind + '"' +
        (mark.pos === null ? "" : ' data-position="' + mark.pos + '"') + ' x="' + (L + mark.x0) +
        '" y="' + (T + PH + 15) + '">' + esc(mark.text) + "</text>");
    });
    axis.breaks.forEach(function (gap) {
      var bx = L + gap.x + gap.width / 2, by = T + PH;
      out.push('<g class="break" data-testid="axis-break"><title>' + esc(duration(gap.ms) +
        " without a new moment, from " + positions[gap.from].at + " to " + positions[gap.to].at +
        ": not drawn to scale") + '</title><rect x="' + (L + gap.x + 3) + '" y="' + (by - 6) +
        '" width="' + (gap.width - 6) + '" height="12" fill="#fff"/><path d="M' + (bx - 6) + " " + (by + 5) +
        "L" + (bx - 2) + " " + (by - 5) + "M" + (bx + 2) + " " + (by + 5) + "L" + (bx + 6) + " " +
        (by - 5) + '"/></g>');
    });
    out.push('<text x="' + (W - R) + '" y="' + (H - 4) + '" text-anchor="end">publication time (UTC), ' +
      "to scale" + (axis.breaks.length ? "; // marks a long gap not drawn to scale" : "") + "</text></g>");
    // markers
    markers(field.name, y).forEach(function (group) {
      var first = group.claims[0];
      var role = groupRole(group);
      var classes = ["marker", first.hedge, role];
      var ids = group.claims.map(function (claim) { return claim.id; });
      if (ids.indexOf(view.selected) >= 0) { classes.push("selected"); }
      if (ids.length > 1) { classes.push("several"); }
      var hi = first.high === null ? top : first.high;
      var text = ids.length > 1 ? ids.length + " claims drawn as one; first: " + describeClaim(first) :
        describeClaim(first);
      out.push('<g class="' + classes.join(" ") + '" data-claim="' + first.id + '"' +
        (ids.length > 1 ? ' data-claims="' + ids.join(",") + '"' : "") + ' data-testid="marker" ' +
        'tabindex="0" role="button" aria-label="' + esc(text) + '"><title>' +
        esc(text + ": \u201c" + first.quote + "\u201d") + "</title>" +
        '<line class="whisker" x1="' + group.cx + '" x2="' + group.cx + '" y1="' + y(first.low) + '" y2="' +
        y(hi) + '"/>' +
        (first.high === null ? '<path class="whisker" fill="none" d="M' + (group.cx - 4) + " " + (y(hi) + 5) +
          "L" + group.cx + " " + y(hi) + "L" + (group.cx + 4) + " " + (y(hi) + 5) + '"/>' : "") +
        '<circle class="ring" cx="' + group.cx + '" cy="' + group.cy + '" r="9"/>' +
        '<circle cx="' + group.cx + '" cy="' + group.cy + '" r="' + (ids.length > 1 ? 6.5 : 5.5) + '"/></g>');
    });
    out.push("</svg>");
    var now = beliefAt(field, view.pos);
    return '<figure data-testid="chart" data-field="' + esc(field.name) + '"><figcaption>' +
      esc(field.name) + (field.meaning ? ' <span class="meaning">— ' + esc(field.meaning) + "</span>" : "") +
      ' <span class="now">· at T: ' + esc(now ? now.describe : "no claim yet") + "</span></figcaption>" +
      out.join("") + "</figure>";
  }
  /* A field no claim names, at any time: one line instead of an empty chart. */
  function unclaimed(field) {
    return '<p class="unclaimed" data-testid="unclaimed" data-field="' + esc(field.name) +
      '">no claim about ' + esc(field.name) +
      (field.meaning ? ' <span class="meaning">— ' + esc(field.meaning) + "</span>" : "") + "</p>";
  }
  function renderCharts() {
    var parts = [];
    fields.forEach(function (field, index) {
      if (field.kind !== "count") { return; }
      if (byField[field.name].length) { parts.push(chart(field, index)); } else if (field.always) {
        parts.push(unclaimed(field));
      }
    });
    chartsBox.innerHTML = parts.join("") || "<p>No numeric field has been claimed.</p>";
  }

  // -- the attribution matrix -----------------------------------------------------------------
  /* The positions at which the field's claims or its figures under the selected
     policy change: the matrix's columns (it shows at most MATRIX_COLUMNS of them,
     around T). */
  function matrixColumns(field) {
    var at = {};
    byField[field.name].forEach(function (claim) {
      claim.runs.forEach(function (run) {
        at[run[0]] = true;
        if (run[1] !== null && run[1] <= LAST) { at[run[1]] = true; }
      });
    });
    data.beliefs[view.policy][field.name].at.forEach(function (pos) { at[pos] = true; });
    return Object.keys(at).map(Number).sort(function (a, b) { return a - b; });
  }
  function matrix(field) {
    var keys = {}, rows = [];
    byField[field.name].forEach(function (claim) {
      if (claim.actor === null) { return; }
      var key = claim.actor + "\u0000" + claim.stance;
      if (!(key in keys)) { keys[key] = true; rows.push([claim.actor, claim.stance]); }
    });
    rows.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
    var all = matrixColumns(field);
    var current = lastAt(all, view.pos);
    var first = Math.max(0, Math.min(current - Math.floor(MATRIX_COLUMNS / 2), all.length - MATRIX_COLUMNS));
    var columns = all.slice(first, first + MATRIX_COLUMNS);
    var head = '<tr><th scope="col">Actor</th><th scope="col">Stance</th>';
    columns.forEach(function (pos) {
      head += '<th scope="col" class="' + (pos === all[current] ? "now" : "") + '"><button type="button" ' +
        'class="chip" data-pos="' + pos + '" title="set T to ' + esc(positions[pos].label) + '">' +
        esc(shortTime(positions[pos].at)) + "</button></th>";
    });
    head += "</tr>";
    var activeAt = columns.map(function (pos) {
      return byField[field.name].filter(function (claim) { return isActive(claim, pos); });
    });
    function chips(list) {
      var by = {}, order = [];
      list.forEach(function (claim) {
        var who = claim.asserted_by || claim.according_to;
        if (!(who in by)) { by[who] = claim; order.push(who); }
      });
      return order.map(function (who) {
        return '<button type="button" class="chip" data-claim="' + by[who].id + '" title="' +
          esc(describeClaim(by[who])) + '">' + esc(who) + "</button>";
      }).join("");
    }
    function cells(pick) {
      return columns.map(function (pos, k) {
        var list = activeAt[k].filter(pick);
        return '<td class="' + (pos === all[current] ? "now " : "") + (list.length ? "" : "empty") + '">' +
          (list.length ? chips(list) : "&middot;") + "</td>";
      }).join("");
    }
    var bodyRows = rows.map(function (row) {
      return '<tr data-testid="matrix-row" data-actor="' + esc(row[0]) + '" data-stance="' + esc(row[1]) +
        '"><th scope="row">' + esc(row[0]) + "</th><td>" + esc(row[1]) + "</td>" + cells(function (claim) {
          return claim.actor === row[0] && claim.stance === row[1];
        }) + "</tr>";
    });
    bodyRows.push('<tr data-testid="matrix-row" data-stance="no_claim"><th scope="row">no group</th>' +
      "<td>has not claimed it</td>" + cells(function (claim) { return claim.actor === null; }) + "</tr>");
    var leading = '<tr data-testid="matrix-leading"><th scope="row" colspan="2">leading under ' +
      esc(view.policy) + "</th>";
    columns.forEach(function (pos) {
      var belief = beliefAt(field, pos);
      var text = !belief || belief.status === "unknown" ? "·" :
        belief.leading ? belief.leading + " (" + belief.leading_stance + ", " + belief.status + ")" :
          "none (" + belief.status + ")";
      leading += '<td class="' + (pos === all[current] ? "now" : "") + '">' + esc(text) + "</td>";
    });
    bodyRows.push(leading + "</tr>");
    var shown = all.length > columns.length ? "; columns " + (first + 1) + "–" + (first + columns.length) +
      " of " + all.length + ", around T: move T to see the others" : "";
    return '<div class="matrix" data-testid="matrix-panel"><table data-testid="attribution-matrix" data-field="' +
      esc(field.name) + '"><caption>' + esc(field.name) + ": who holds which stance towards which actor " +
      "at each moment the field's claims or figures changed (a button per asserter; the highlighted " +
      "column is in force at T" + shown + ")</caption><thead>" + head + "</thead><tbody>" +
      bodyRows.join("") + "</tbody></table></div>";
  }
  function renderMatrix() {
    var parts = [];
    fields.forEach(function (field) {
      if (field.kind !== "attribution") { return; }
      if (byField[field.name].length) { parts.push(matrix(field)); } else if (field.always) {
        parts.push(unclaimed(field));
      }
    });
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

  function showClaim(id, others) {
    var claim = claims[id];
    var published = claim.published_upper === null ? claim.published_lower :
      claim.published_lower + " – " + claim.published_upper;
    var role = roleOf(id, view.pos);
    var roles = {
      "future": "not yet published at T", "withdrawn": "no longer active at T (superseded or retracted)",
      "chosen": "the claim the policy chose", "supporting": "supports the belief",
      "contradicting": "contradicts the belief", "set-aside": "set aside: " + asideReason(id, view.pos),
      "no-claim": "says no group has claimed it",
      "neither": "active; neither supports nor contradicts the leading actor"
    };
    var rows = [
      ["Field", claim.field], ["Value", claim.label], ["Source", claim.source + " (" + claim.source_kind + ")"],
      ["According to", claim.according_to + " (" + claim.speaker_kind + ")"], ["Hedge", claim.hedge],
      ["Published", (claim.published_text ? claim.published_text + " = " : "") + published],
      ["Entered view", positions[claim.since].label], ["Report", claim.refs.join(", ")],
      ["At T (" + view.policy + ")", roles[role]]
    ];
    if (claim.scope) { rows.push(["Scope", claim.scope]); }
    if (claim.as_of) { rows.push(["As of", claim.as_of]); }
    if (claim.note) { rows.push(["Note", claim.note]); }
    var more = (others || []).filter(function (other) { return other !== id; });
    detail.innerHTML = '<dl data-testid="detail-facts">' + rows.map(function (row) {
      return "<dt>" + esc(row[0]) + '</dt><dd data-testid="detail-' + esc(row[0].split(" ")[0].toLowerCase()) +
        '">' + esc(row[1]) + "</dd>";
    }).join("") + '</dl><blockquote data-testid="detail-quote">' + esc(claim.quote) +
      '</blockquote><p class="facts">' + (claim.span ? "characters " + claim.span[0] + "–" +
      claim.span[1] + " of the report text" : "no text span: the note says where it came from") +
      "</p>" + (more.length ? '<p class="facts" data-testid="detail-others">Drawn as one marker with ' +
        more.length + " other claim" + (more.length === 1 ? "" : "s") + ": " +
        more.slice(0, 40).map(claimChip).join(" ") + (more.length > 40 ? " …" : "") + "</p>" : "");
  }

  // -- time and policy ------------------------------------------------------------------------
  function render() {
    var at = positions[view.pos];
    slider.value = String(view.pos);
    slider.setAttribute("aria-valuetext", at.label);
    /* A moment is where the view takes what entered, not a publication time: T
       reads as what was published then, possible from and certain by when. */
    label.textContent = view.t ? "T = " + view.t + " (state since the moment " +
      (view.pos === 0 ? "before the first report" : "when this entered: " + at.label) + ")" :
      "T = " + (view.pos === 0 ? "before the first report" : "the moment this entered: " + at.label);
    label.setAttribute("data-position", String(view.pos));
    label.setAttribute("data-at", view.t || at.at || "");
    entered.textContent = at.entered.length ? "entered at this moment: " + at.entered.join(", ") :
      view.pos === 0 ? "nothing published yet" : "";
    prev.disabled = view.pos === 0;
    next.disabled = view.pos === LAST;
    policyText.textContent = policyInfo().description;
    renderTable();
    renderCharts();
    renderMatrix();
    if (claimsDetails.open) { renderClaims(); }
    if (view.selected !== null) { showClaim(view.selected, view.group); }
  }
  function setPosition(pos) {
    view.pos = Math.max(0, Math.min(LAST, pos));
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
    if (!data.beliefs[name]) { throw new Error("not a policy of this report: " + name); }
    view.policy = name;
    document.querySelectorAll("input[name=policy]").forEach(function (input) {
      input.checked = input.value === name;
    });
    render();
  }
  function groupOf(node) {
    var list = node && node.getAttribute ? node.getAttribute("data-claims") : null;
    return list ? list.split(",").map(Number) : null;
  }
  function select(id, group) {
    view.selected = id;
    view.group = group || null;
    showClaim(id, view.group);
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
    return node ? { id: Number(node.getAttribute(attribute)), node: node } : null;
  }
  document.addEventListener("click", function (event) {
    var hit = target(event, "data-claim");
    if (hit !== null) { select(hit.id, groupOf(hit.node)); return; }
    hit = target(event, "data-pos");
    if (hit !== null) { setPosition(hit.id); return; }
    var svg = event.target.closest ? event.target.closest("svg.chart") : null;
    if (svg !== null) {  // anywhere on a chart but a marker: the moment drawn there
      var box = svg.getBoundingClientRect();
      var x = (event.clientX - box.left) * W / box.width - L;
      setPosition(positionAtX(axis.xs, x));
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var hit = target(event, "data-claim");
    if (hit !== null && event.target.tagName !== "BUTTON") {
      event.preventDefault();
      select(hit.id, groupOf(hit.node));
    }
  });
  document.addEventListener("mouseover", function (event) {
    var hit = target(event, "data-claim");
    if (hit !== null) { showClaim(hit.id, groupOf(hit.node)); }
  });
  document.addEventListener("focusin", function (event) {
    var hit = target(event, "data-claim");
    if (hit !== null) { showClaim(hit.id, groupOf(hit.node)); }
  });

  window.tajiReport = {
    data: data,
    claims: claims,
    axis: axis,
    belief: function (field, pos) {
      var belief = beliefAt(fieldByName[field], pos === undefined ? view.pos : pos);
      if (!belief) { return null; }
      var copy = {};
      Object.keys(belief).forEach(function (key) {
        if (key !== "claims" && key !== "roles") { copy[key] = belief[key]; }
      });
      return copy;
    },
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

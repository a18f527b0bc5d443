package org.ptreplay.tools.report;

/**
 * The page's inline style sheet and script. Both are constants, so the Content-Security-Policy
 * can allow exactly them by hash and nothing else.
 */
final class PageAssets {

    private PageAssets() {
    }

    static final String CSS = """
            :root { --fg: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --band: #f5f6f8; --up: #b3261e; --down: #1b6e3a; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
            header, main { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
            header { padding-top: 20px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            p { margin: 6px 0; }
            code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
            .sub, .note { color: var(--muted); }
            nav a { margin-right: 14px; color: #0b57d0; text-decoration: none; }
            nav a:hover { text-decoration: underline; }
            .boxes { display: flex; flex-wrap: wrap; gap: 16px; }
            .box { flex: 1 1 360px; border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 10px; }
            .box h2 { border: 0; margin-top: 8px; }
            .badge { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: #7a4f00; background: #fff0c2; border-radius: 4px; padding: 1px 6px; vertical-align: middle; }
            .wide { max-width: 100%; overflow-x: auto; }
            table { border-collapse: collapse; margin: 6px 0 10px; }
            th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            th { background: var(--band); font-weight: 600; }
            tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            thead th.num { white-space: normal; }
            td code { overflow-wrap: anywhere; }
            table.kv td:first-child { color: var(--muted); }
            .delta { display: block; font-size: 12px; }
            .up { color: var(--up); }
            .down { color: var(--down); }
            .down-blue { color: #2f6fd0; }
            .diff-toggle { margin-left: 12px; font-size: 13px; white-space: nowrap; }
            .path { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; max-width: 420px; overflow-wrap: anywhere; }
            .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
            svg.chart { width: 100%; max-width: 960px; height: auto; display: block; }
            svg.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
            svg.chart .axis-title { font-weight: 600; }
            svg.chart .grid { stroke: var(--line); }
            svg.chart .baseline { stroke: var(--fg); }
            svg.chart .bar:hover { opacity: .8; }
            svg.flame { width: 100%; height: auto; display: block; border: 1px solid var(--line); }
            svg.flame text { font: 11px ui-monospace, Menlo, Consolas, monospace; fill: #000; pointer-events: none; }
            svg.flame rect { stroke: #fff; stroke-width: .5; cursor: pointer; }
            svg.flame rect:hover { stroke: #000; stroke-width: 1; }
            svg.flame g.ancestor > rect { opacity: .55; }
            svg.flame g.off { display: none; }
            .flame-tools { margin: 6px 0; }
            .flame-tools input { font: inherit; font-size: 13px; padding: 2px 6px; width: 22em; max-width: 100%; }
            .crumbs { margin: 2px 0 6px; font-size: 13px; min-height: 1.5em; }
            .crumbs button { font: inherit; font-size: 12.5px; border: 0; background: none; color: #0b57d0; cursor: pointer; padding: 0; }
            .crumbs button:last-child { color: var(--fg); font-weight: 600; }
            .crumbs span { color: var(--muted); margin: 0 4px; }
            .tabs { margin: 6px 0 10px; }
            .tabs button, .reset { font: inherit; font-size: 13px; padding: 3px 10px; margin: 0 6px 6px 0; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
            .tabs button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
            details { margin: 4px 0 10px; }
            summary { cursor: pointer; color: var(--muted); }
            footer { max-width: 1280px; margin: 30px auto; padding: 0 24px; color: var(--muted); font-size: 12px; }
            """;

    /**
     * Cell switching (the tab bar stays hidden without script, and every graph then shows),
     * click-to-zoom in the icicle graphs with breadcrumbs back up the stack, and a search that
     * colours the matching frames as flamegraph.pl's does and says what share of the cell they
     * hold. CHAR_WIDTH and the label rule mirror {@link FlameGraph#fit(String, double)}.
     */
    static final String JS = """
            (function () {
              'use strict';
              var CHAR_WIDTH = %s;
              var MATCH_FILL = '#e600e6';
              var search = null, diffColours = false;
              function fit(name, w) {
                var chars = Math.floor((w - 6) / CHAR_WIDTH);
                if (chars >= name.length) { return name; }
                return chars < 3 ? '' : name.substring(0, chars - 2) + '..';
              }
              function parentFrame(g) { return g.parentNode.closest('g.frame'); }
              function crumbs(svg, target) {
                var bar = document.getElementById('crumbs-' + svg.id);
                if (!bar) { return; }
                var chain = [];
                for (var a = target; a; a = parentFrame(a)) { chain.unshift(a); }
                bar.textContent = '';
                chain.forEach(function (g, i) {
                  if (i > 0) {
                    var sep = document.createElement('span');
                    sep.textContent = '›';
                    bar.appendChild(sep);
                  }
                  var button = document.createElement('button');
                  button.type = 'button';
                  button.textContent = g.getAttribute('data-name');
                  button.addEventListener('click', function () { zoom(svg, g); });
                  bar.appendChild(button);
                });
              }
              function zoom(svg, target) {
                var width = Number(svg.getAttribute('data-width'));
                var tx = Number(target.getAttribute('data-x'));
                var scale = width / Number(target.getAttribute('data-w'));
                var ancestors = [];
                for (var a = parentFrame(target); a; a = parentFrame(a)) { ancestors.push(a); }
                var frames = svg.querySelectorAll('g.frame');
                for (var i = 0; i < frames.length; i++) {
                  var g = frames[i], x, w;
                  if (ancestors.indexOf(g) >= 0) {
                    x = 0; w = width;
                  } else if (g === target || target.contains(g)) {
                    x = (Number(g.getAttribute('data-x')) - tx) * scale;
                    w = Number(g.getAttribute('data-w')) * scale;
                  } else {
                    g.classList.add('off');
                    continue;
                  }
                  g.classList.remove('off');
                  g.classList.toggle('ancestor', ancestors.indexOf(g) >= 0);
                  var rect = g.querySelector(':scope > rect'), text = g.querySelector(':scope > text');
                  rect.setAttribute('x', x.toFixed(2));
                  rect.setAttribute('width', w.toFixed(2));
                  text.setAttribute('x', (x + 3).toFixed(2));
                  text.textContent = fit(g.getAttribute('data-name'), w);
                }
                crumbs(svg, target);
              }
              function matches(g) { return search !== null && parentFrame(g) !== null && search.test(g.getAttribute('data-name')); }
              function paint() {
                document.querySelectorAll('svg.flame g.frame > rect').forEach(function (rect) {
                  if (!rect.hasAttribute('data-name-fill')) { rect.setAttribute('data-name-fill', rect.getAttribute('fill')); }
                  var fill = diffColours && rect.hasAttribute('data-diff-fill') ? 'data-diff-fill' : 'data-name-fill';
                  rect.setAttribute('fill', matches(rect.parentNode) ? MATCH_FILL : rect.getAttribute(fill));
                });
                var status = document.getElementById('flame-match');
                if (!status) { return; }
                if (search === null) { status.textContent = ''; return; }
                var parts = [];
                document.querySelectorAll('.flame-cell:not([hidden]) svg.flame').forEach(function (svg) {
                  var width = Number(svg.getAttribute('data-width')), matched = 0;
                  svg.querySelectorAll('g.frame').forEach(function (g) {
                    var outer = true;
                    for (var a = parentFrame(g); a; a = parentFrame(a)) { if (matches(a)) { outer = false; break; } }
                    if (outer && matches(g)) { matched += Number(g.getAttribute('data-w')); }
                  });
                  parts.push(svg.getAttribute('data-label') + ': ' + (100 * matched / width).toFixed(1) + ' %%');
                });
                status.textContent = 'matched ' + parts.join(', ');
              }
              document.querySelectorAll('svg.flame').forEach(function (svg) {
                svg.addEventListener('click', function (event) {
                  var target = event.target.closest('g.frame');
                  if (target) { zoom(svg, target); }
                });
                var root = svg.querySelector('g.frame');
                if (root) { crumbs(svg, root); }
              });
              document.querySelectorAll('button.reset').forEach(function (button) {
                button.addEventListener('click', function () {
                  var svg = document.getElementById(button.getAttribute('data-target'));
                  var root = svg && svg.querySelector('g.frame');
                  if (root) { zoom(svg, root); }
                });
              });
              var tools = document.querySelector('.flame-tools');
              if (tools) {
                var input = document.getElementById('flame-search');
                input.addEventListener('input', function () {
                  var text = input.value.trim();
                  if (text === '') {
                    search = null;
                  } else {
                    try { search = new RegExp(text, 'i'); } catch (e) { search = new RegExp(text.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&'), 'i'); }
                  }
                  paint();
                });
                tools.hidden = false;
              }
              var tabs = document.querySelector('.tabs');
              if (tabs) {
                var buttons = tabs.querySelectorAll('button');
                var panels = document.querySelectorAll('.flame-cell');
                var show = function (index) {
                  for (var i = 0; i < panels.length; i++) { panels[i].hidden = i !== index; }
                  for (var j = 0; j < buttons.length; j++) { buttons[j].setAttribute('aria-pressed', String(j === index)); }
                  paint();
                };
                buttons.forEach(function (button, index) {
                  button.addEventListener('click', function () { show(index); });
                });
                tabs.hidden = false;
                show(0);
                var toggle = document.getElementById('diff-colours');
                toggle.addEventListener('change', function () {
                  diffColours = toggle.checked;
                  paint();
                });
              }
            })();
            """.formatted(Format.coord(FlameGraph.CHAR_WIDTH));
}

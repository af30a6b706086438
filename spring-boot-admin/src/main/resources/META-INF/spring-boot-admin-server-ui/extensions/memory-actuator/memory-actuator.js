/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * memory-actuator's Memory tab for Spring Boot Admin (3.5, 4.0 and 4.1), as plain JavaScript:
 * SBA loads every script under META-INF/spring-boot-admin-server-ui/extensions/ from its class
 * path and exposes Vue and SBA as globals, so the view is written with render functions and
 * needs no build step, no library and no network beyond the SBA server itself.
 *
 * Every request goes through instance.axios, SBA's HTTP client for the instance: SBA's proxy,
 * authentication and CSRF token apply to it as to SBA's own views.
 *
 * Every figure on the tab is an element with data-source (which response) and data-field (a
 * JSON pointer into it), so that a reader, and the browser test, can trace it to the endpoint.
 */
(function () {
	'use strict';

	var SBA = globalThis.SBA;
	var Vue = globalThis.Vue;
	if (!SBA || !Vue || typeof Vue.h !== 'function' || typeof Vue.reactive !== 'function') {
		console.warn('memory-actuator: Spring Boot Admin 3.5 or later is needed for the Memory tab (no SBA or Vue 3 global)');
		return;
	}
	var h = Vue.h;

	var VIEW_NAME = 'instances/memory';
	var GROUP = 'memory-actuator';
	var LABEL_KEY = 'memoryActuator.label';

	// ---------------------------------------------------------------- sizes, as ByteSizes.java

	var UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

	/**
	 * Format a byte count the way the endpoint's own texts do (ByteSizes.format): binary
	 * units named B, KB, MB, GB, one decimal below 100.
	 */
	function formatBytes(bytes) {
		if (bytes === null || bytes === undefined || typeof bytes !== 'number' || !isFinite(bytes)) {
			return 'n/a';
		}
		if (bytes < 0) {
			return '-' + formatBytes(-bytes);
		}
		if (bytes < 1024) {
			return Math.round(bytes) + ' B';
		}
		var unit = 0;
		var value = bytes;
		while (value >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		// Dividing by 1024 is exact, so value is the byte count over a power of two, exactly:
		// toFixed and ByteSizes' String.format both round its exact ties half up (1280 B is
		// 1.3 KB in both). They could part only within a double's precision of a tie, which
		// takes petabytes.
		return ((value < 100) ? value.toFixed(1) : value.toFixed(0)) + ' ' + UNITS[unit];
	}

	// ---------------------------------------------------------------- small helpers

	function isNumber(value) {
		return typeof value === 'number' && isFinite(value);
	}

	function at(object, path) {
		var current = object;
		for (var i = 0; i < path.length; i++) {
			if (current === null || current === undefined) {
				return undefined;
			}
			current = current[path[i]];
		}
		return current;
	}

	function pointer(path) {
		return '/' + path.map(function (part) {
			return String(part).replace(/~/g, '~0').replace(/\//g, '~1');
		}).join('/');
	}

	function traced(source, path) {
		return { 'data-source': source, 'data-field': pointer(path) };
	}

	// A byte figure from a response, or n/a when the field is absent.
	function bytes(source, response, path, tag) {
		var value = at(response, path);
		if (!isNumber(value)) {
			return h('span', { class: 'ma-absent' }, 'n/a');
		}
		return h(tag || 'span', Object.assign({ class: 'ma-bytes', 'data-bytes': String(value), title: value + ' bytes' },
				traced(source, path)), formatBytes(value));
	}

	// A text from a response, shown verbatim.
	function text(source, response, path, tag, extraClass) {
		var value = at(response, path);
		if (value === null || value === undefined) {
			return null;
		}
		return h(tag || 'span', Object.assign({ class: extraClass || null }, traced(source, path)), String(value));
	}

	// A plain number from a response (a percentage, a ratio, a count).
	function number(source, response, path, suffix) {
		var value = at(response, path);
		if (!isNumber(value)) {
			return h('span', { class: 'ma-absent' }, 'n/a');
		}
		return h('span', [h('span', Object.assign({ class: 'ma-number', 'data-number': String(value) }, traced(source, path)),
				String(value)), suffix ? h('span', { class: 'ma-unit' }, suffix) : null]);
	}

	function time(source, response, path) {
		var value = at(response, path);
		if (typeof value !== 'string') {
			return null;
		}
		var date = new Date(value);
		return h('time', Object.assign({ datetime: value, 'data-time': value, title: value }, traced(source, path)),
				isNaN(date.getTime()) ? value : date.toLocaleString());
	}

	function panel(title, attrs, children) {
		return h('section', Object.assign({ class: 'ma-panel' }, attrs || {}),
				[h('h2', { class: 'ma-panel-title' }, title)].concat(children));
	}

	function notice(kind, children, attrs) {
		return h('div', Object.assign({ class: 'ma-notice ma-notice-' + kind }, attrs || {}), children);
	}

	// The body of an answer that is not the section: the endpoint's own message.
	function errorMessage(answer) {
		if (!answer) {
			return 'no answer';
		}
		if (answer.data && typeof answer.data === 'object' && typeof answer.data.error === 'string') {
			return answer.data.error;
		}
		if (answer.status) {
			return 'HTTP ' + answer.status;
		}
		return answer.failure || 'the request failed';
	}

	function errorNotice(source, answer, prefix) {
		var hasMessage = answer && answer.data && typeof answer.data === 'object' && typeof answer.data.error === 'string';
		return notice('error', [prefix ? h('span', prefix + ' ') : null,
			hasMessage ? text(source, answer.data, ['error'], 'span', 'ma-endpoint-message') : h('span', errorMessage(answer))],
		{ 'data-ma-error': source, 'data-status': String(answer ? answer.status : 0) });
	}

	// ---------------------------------------------------------------- colours

	var CATEGORY_COLORS = {
		java_heap: '#2563eb',
		metaspace: '#7c3aed',
		code_cache: '#db2777',
		thread_stacks: '#ea580c',
		gc_structures: '#0891b2',
		jvm_other: '#65a30d',
		direct_buffers: '#ca8a04',
		malloc_in_use: '#dc2626',
		malloc_retained: '#f97316',
		mapped_files: '#64748b',
		shared_memory: '#0d9488',
		unexplained: '#a3a3a3'
	};
	var SPARE_COLORS = ['#1d4ed8', '#9333ea', '#be123c', '#15803d', '#b45309', '#0369a1'];

	function colorOf(category, index) {
		return CATEGORY_COLORS[category] || SPARE_COLORS[index % SPARE_COLORS.length];
	}

	// ---------------------------------------------------------------- the verdict

	function severityClass(severity) {
		return 'ma-severity ma-severity-' + String(severity || 'info').toLowerCase();
	}

	function verdictPanel(memory) {
		var children = [text('memory', memory, ['verdict'], 'p', 'ma-verdict')];
		var findings = at(memory, ['diagnosis', 'findings']);
		if (Array.isArray(findings) && findings.length > 0) {
			children.push(h('ul', { class: 'ma-findings' }, findings.map(function (finding, i) {
				var base = ['diagnosis', 'findings', i];
				return h('li', { class: 'ma-finding', key: i, 'data-ma-finding': String(finding.code) }, [
					h('div', { class: 'ma-finding-head' }, [
						text('memory', memory, base.concat('severity'), 'span', severityClass(finding.severity)),
						text('memory', memory, base.concat('code'), 'code', 'ma-code'),
						text('memory', memory, base.concat('summary'), 'span', 'ma-finding-summary')
					]),
					finding.action ? h('p', { class: 'ma-finding-action' },
							[h('span', { class: 'ma-label' }, 'What to do: '), text('memory', memory, base.concat('action'))]) : null
				]);
			})));
		}
		else if (Array.isArray(findings)) {
			children.push(h('p', { class: 'ma-muted' }, 'No findings.'));
		}
		return panel('Verdict', { 'data-ma-section': 'verdict' }, children);
	}

	function figuresPanel(memory) {
		var rows = [];
		var unavailable = at(memory, ['process', 'unavailable']);
		if (typeof unavailable === 'string' && !isNumber(at(memory, ['process', 'rss']))) {
			rows.push(notice('warning', [h('span', 'RSS cannot be read on this instance: '),
				text('memory', memory, ['process', 'unavailable'])], { 'data-ma-unavailable': 'process' }));
		}
		function figure(label, node, note) {
			return h('div', { class: 'ma-figure' }, [h('div', { class: 'ma-figure-label' }, label),
				h('div', { class: 'ma-figure-value' }, [node]), note ? h('div', { class: 'ma-figure-note' }, note) : null]);
		}
		var cells = [];
		if (isNumber(at(memory, ['process', 'rss']))) {
			cells.push(figure('RSS', bytes('memory', memory, ['process', 'rss']),
					isNumber(at(memory, ['process', 'peakRss'])) ? h('span', ['peak ', bytes('memory', memory, ['process', 'peakRss'])]) : null));
		}
		if (at(memory, ['jvm', 'heap'])) {
			cells.push(figure('Heap used / committed', h('span', [bytes('memory', memory, ['jvm', 'heap', 'used']), ' / ',
				bytes('memory', memory, ['jvm', 'heap', 'committed'])]),
					isNumber(at(memory, ['jvm', 'heap', 'max'])) ? h('span', ['max ', bytes('memory', memory, ['jvm', 'heap', 'max'])]) : null));
		}
		if (isNumber(at(memory, ['jvm', 'live']))) {
			cells.push(figure('Live set', bytes('memory', memory, ['jvm', 'live']), 'heap used after the latest collection of the old generation'));
		}
		else if (typeof at(memory, ['jvm', 'unavailable']) === 'string') {
			cells.push(figure('Live set', h('span', { class: 'ma-absent' }, 'n/a'), text('memory', memory, ['jvm', 'unavailable'])));
		}
		var container = at(memory, ['container']);
		if (container && isNumber(container.limit)) {
			cells.push(figure('Container limit', bytes('memory', memory, ['container', 'limit']),
					isNumber(container.workingSet) ? h('span', ['working set ', bytes('memory', memory, ['container', 'workingSet'])]) : null));
		}
		else if (container && container.unlimited === true) {
			cells.push(figure('Container limit', h('span', 'none'),
					'the cgroup sets no memory limit'));
		}
		else if (container && typeof container.unavailable === 'string') {
			cells.push(figure('Container limit', h('span', { class: 'ma-absent' }, 'n/a'), text('memory', memory, ['container', 'unavailable'])));
		}
		// The soft memory limit, when a target is set: the target, the state and why.
		var softLimit = at(memory, ['softLimit']);
		if (softLimit && isNumber(softLimit.target)) {
			cells.push(figure('Soft limit', h('span', [bytes('memory', memory, ['softLimit', 'target']), ' ',
				h('span', { class: 'ma-soft-limit-state', 'data-ma-soft-limit-state': String(softLimit.state) },
						String(softLimit.state))]), text('memory', memory, ['softLimit', 'reason'])));
		}
		rows.push(h('div', { class: 'ma-figures' }, cells));
		return panel('Now', { 'data-ma-section': 'figures' }, rows);
	}

	// ---------------------------------------------------------------- the breakdown

	function breakdownPanel(memory) {
		var breakdown = at(memory, ['breakdown']);
		if (!breakdown) {
			return null;
		}
		if (!isNumber(breakdown.rss) || !Array.isArray(breakdown.categories) || breakdown.categories.length === 0) {
			return panel('Where RSS goes', { 'data-ma-section': 'breakdown' }, [
				typeof breakdown.unavailable === 'string'
					? notice('warning', [h('span', 'No breakdown on this instance: '), text('memory', memory, ['breakdown', 'unavailable'])],
						{ 'data-ma-unavailable': 'breakdown' })
					: h('p', { class: 'ma-muted' }, 'No breakdown in the response.')
			]);
		}
		var rss = breakdown.rss;
		var segments = [];
		breakdown.categories.forEach(function (entry, i) {
			if (!isNumber(entry.bytes) || entry.bytes <= 0 || rss <= 0) {
				return;
			}
			var color = colorOf(entry.category, i);
			var measured = isNumber(entry.resident) ? Math.min(Math.max(entry.resident, 0), entry.bytes) : (entry.upperBound ? 0 : entry.bytes);
			var claimed = entry.bytes - measured;
			var title = (entry.label || entry.category) + ': ' + formatBytes(entry.bytes) + ' (measured ' + formatBytes(measured)
					+ (claimed > 0 ? ', claimed ' + formatBytes(claimed) + ': an upper bound' : '') + ')';
			if (measured > 0) {
				segments.push(h('div', { class: 'ma-segment', key: entry.category + '-m', 'data-category': entry.category, 'data-part': 'measured',
					title: title, style: { width: (measured * 100 / rss) + '%', background: color } }));
			}
			if (claimed > 0) {
				segments.push(h('div', { class: 'ma-segment ma-segment-claimed', key: entry.category + '-c', 'data-category': entry.category,
					'data-part': 'claimed', title: title, style: { width: (claimed * 100 / rss) + '%', color: color,
						borderColor: color } }));
			}
		});
		var rows = breakdown.categories.map(function (entry, i) {
			var base = ['breakdown', 'categories', i];
			return h('tr', { key: entry.category, 'data-ma-category': entry.category }, [
				h('td', [h('span', { class: 'ma-swatch', style: { background: colorOf(entry.category, i) } }),
					text('memory', memory, base.concat('label')) || text('memory', memory, base.concat('category'))]),
				h('td', { class: 'ma-right' }, [bytes('memory', memory, base.concat('bytes'))]),
				h('td', { class: 'ma-right' }, [number('memory', memory, base.concat('percent'), ' %')]),
				h('td', { class: 'ma-right' }, [bytes('memory', memory, base.concat('resident'))]),
				h('td', [entry.upperBound ? h('span', { class: 'ma-bound', title: 'some of it was claimed from a committed or allocator figure' },
						'upper bound') : h('span', { class: 'ma-measured' }, 'measured')]),
				h('td', { class: 'ma-muted' }, [text('memory', memory, base.concat('measuredBy'))])
			]);
		});
		var coverage = breakdown.coverage;
		var children = [
			h('div', { class: 'ma-bar-caption' }, [h('span', 'RSS '), bytes('memory', memory, ['breakdown', 'rss'], 'strong'),
				h('span', { class: 'ma-muted' }, ' — solid: measured from resident pages; shaded: claimed from committed or allocator figures (upper bounds)')]),
			h('div', { class: 'ma-bar', role: 'img', 'aria-label': 'RSS breakdown', 'data-ma-bar': 'breakdown' }, segments)
		];
		if (coverage) {
			children.push(h('p', { class: 'ma-coverage', 'data-ma-coverage': '' }, [
				h('span', 'Coverage: '), number('memory', memory, ['breakdown', 'coverage', 'measured'], ' %'), h('span', ' measured, '),
				number('memory', memory, ['breakdown', 'coverage', 'claimed'], ' %'), h('span', ' claimed, '),
				number('memory', memory, ['breakdown', 'coverage', 'unexplained'], ' %'), h('span', ' unexplained'),
				isNumber(coverage.overclaimed) && coverage.overclaimed > 0
					? h('span', ['; claims exceeded the resident memory left by ', bytes('memory', memory, ['breakdown', 'coverage', 'overclaimed'])])
					: null
			]));
		}
		children.push(h('table', { class: 'ma-table' }, [
			h('thead', [h('tr', [h('th', 'Category'), h('th', { class: 'ma-right' }, 'Bytes'), h('th', { class: 'ma-right' }, 'Share'),
				h('th', { class: 'ma-right' }, 'Measured'), h('th', ''), h('th', 'How')])]),
			h('tbody', rows)
		]));
		if (Array.isArray(breakdown.notes) && breakdown.notes.length > 0) {
			children.push(h('ul', { class: 'ma-notes' }, breakdown.notes.map(function (note, i) {
				return text('memory', memory, ['breakdown', 'notes', i], 'li');
			})));
		}
		return panel('Where RSS goes', { 'data-ma-section': 'breakdown' }, children);
	}

	// ---------------------------------------------------------------- charts (inline SVG)

	var CHART = { width: 900, height: 230, left: 64, right: 16, top: 12, bottom: 28 };

	// Axis steps that read well in binary units: 1, 2, 5, 10, 20, 50, 100, 200 or 500 of B, KB, MB, GB, TB.
	function niceStep(max, ticks) {
		var raw = max / ticks;
		var units = [1, 1024, 1024 * 1024, 1024 * 1024 * 1024, 1024 * 1024 * 1024 * 1024];
		var factors = [1, 2, 5, 10, 20, 50, 100, 200, 500];
		for (var u = 0; u < units.length; u++) {
			for (var f = 0; f < factors.length; f++) {
				if (units[u] * factors[f] >= raw) {
					return units[u] * factors[f];
				}
			}
		}
		return raw;
	}

	function timeDomain(history, times) {
		var end = Date.parse(history.to);
		if (!isFinite(end)) {
			end = times.length > 0 ? Math.max.apply(null, times) : Date.now();
		}
		var start = Date.parse(history.from);
		var started = Date.parse(history.startedAt);
		if (isFinite(started) && (!isFinite(start) || started > start)) {
			start = started;
		}
		if (times.length > 0) {
			start = Math.min(start, Math.min.apply(null, times));
		}
		// A young instance still gets a readable axis: at least two minutes.
		if (!isFinite(start) || end - start < 2 * 60 * 1000) {
			start = end - 2 * 60 * 1000;
		}
		return { start: start, end: end };
	}

	function timeTicks(domain) {
		var span = domain.end - domain.start;
		var minutes = [1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 720, 1440];
		var step = minutes[minutes.length - 1] * 60000;
		for (var i = 0; i < minutes.length; i++) {
			if (span / (minutes[i] * 60000) <= 7) {
				step = minutes[i] * 60000;
				break;
			}
		}
		var ticks = [];
		for (var t = Math.ceil(domain.start / step) * step; t <= domain.end; t += step) {
			ticks.push(t);
		}
		return ticks;
	}

	function clock(millis) {
		var date = new Date(millis);
		var pad = function (n) {
			return (n < 10 ? '0' : '') + n;
		};
		return pad(date.getHours()) + ':' + pad(date.getMinutes());
	}

	function axes(domain, max, x, y) {
		var nodes = [];
		var step = niceStep(max, 4);
		for (var v = 0; v <= max + 1e-6; v += step) {
			nodes.push(h('line', { class: 'ma-grid', x1: CHART.left, x2: CHART.width - CHART.right, y1: y(v), y2: y(v) }));
			nodes.push(h('text', { class: 'ma-axis-label', x: CHART.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, formatBytes(v)));
		}
		timeTicks(domain).forEach(function (t) {
			nodes.push(h('line', { class: 'ma-grid', x1: x(t), x2: x(t), y1: CHART.top, y2: CHART.height - CHART.bottom }));
			nodes.push(h('text', { class: 'ma-axis-label', x: x(t), y: CHART.height - 8, 'text-anchor': 'middle' }, clock(t)));
		});
		return nodes;
	}

	function scales(domain, max) {
		var plotWidth = CHART.width - CHART.left - CHART.right;
		var plotHeight = CHART.height - CHART.top - CHART.bottom;
		return {
			x: function (t) {
				return CHART.left + (t - domain.start) * plotWidth / Math.max(1, domain.end - domain.start);
			},
			y: function (v) {
				return CHART.top + plotHeight - (v * plotHeight / max);
			},
			plotWidth: plotWidth
		};
	}

	// One polyline per run of points that have the figure: a missing reading is a gap, not a zero.
	function series(points, field, x, y, attrs) {
		var runs = [];
		var run = [];
		points.forEach(function (point) {
			var value = point[field];
			var t = Date.parse(point.time);
			if (isNumber(value) && isFinite(t)) {
				run.push(x(t).toFixed(1) + ',' + y(value).toFixed(1));
			}
			else if (run.length > 0) {
				runs.push(run);
				run = [];
			}
		});
		if (run.length > 0) {
			runs.push(run);
		}
		return runs.map(function (r, i) {
			// A lone reading is a dot; a run of them a line.
			return r.length === 1
				? h('circle', Object.assign({}, attrs, { key: field + i, cx: r[0].split(',')[0], cy: r[0].split(',')[1], r: 2.5,
					fill: attrs.stroke, 'data-ma-points': '1' }))
				: h('polyline', Object.assign({}, attrs, { key: field + i, points: r.join(' '), fill: 'none', 'data-ma-points': String(r.length) }));
		});
	}

	function lastIndexWith(points, field) {
		for (var i = points.length - 1; i >= 0; i--) {
			if (isNumber(points[i][field])) {
				return i;
			}
		}
		return -1;
	}

	var LINES = [
		{ field: 'rss', label: 'RSS', color: '#dc2626', width: 2 },
		{ field: 'heapCommitted', label: 'Heap committed', color: '#2563eb', width: 1.5 },
		{ field: 'liveSet', label: 'Live set', color: '#16a34a', width: 1.5 },
		{ field: 'containerLimit', label: 'Container limit', color: '#111827', width: 1.5, dash: '6 4' }
	];

	function historyChart(memory, history) {
		var points = Array.isArray(history.points) ? history.points : [];
		if (points.length === 0) {
			return h('p', { class: 'ma-muted' }, 'No points yet.');
		}
		if (lastIndexWith(points, 'rss') < 0 && typeof at(memory, ['process', 'unavailable']) === 'string') {
			// Off Linux RSS is never read: say why instead of drawing a chart without it.
			return notice('warning', [h('span', 'No RSS history on this instance: '), text('memory', memory, ['process', 'unavailable'])],
					{ 'data-ma-unavailable': 'history' });
		}
		var times = points.map(function (p) {
			return Date.parse(p.time);
		}).filter(isFinite);
		var domain = timeDomain(history, times);
		var max = 0;
		['rss', 'heapCommitted', 'liveSet'].forEach(function (field) {
			points.forEach(function (p) {
				if (isNumber(p[field])) {
					max = Math.max(max, p[field]);
				}
			});
		});
		var limitIndex = lastIndexWith(points, 'containerLimit');
		var limit = limitIndex >= 0 ? points[limitIndex].containerLimit : null;
		// A limit far above the process would flatten every line: it is named, not drawn.
		var limitDrawn = limit !== null && (max === 0 || limit <= max * 3);
		if (limitDrawn) {
			max = Math.max(max, limit);
		}
		max = max > 0 ? max * 1.08 : 1024 * 1024;
		var s = scales(domain, max);
		var nodes = axes(domain, max, s.x, s.y);
		LINES.forEach(function (line) {
			if (line.field === 'containerLimit' && !limitDrawn) {
				return;
			}
			nodes = nodes.concat(series(points, line.field, s.x, s.y, { class: 'ma-line', stroke: line.color, 'stroke-width': line.width,
				'stroke-dasharray': line.dash || null, 'data-series': line.field }));
		});
		var legend = LINES.map(function (line) {
			var index = lastIndexWith(points, line.field);
			return h('li', { key: line.field, 'data-ma-legend': line.field }, [
				h('span', { class: 'ma-swatch' + (line.dash ? ' ma-swatch-dashed' : ''), style: { background: line.color } }),
				h('span', line.label + ' '),
				index >= 0 ? bytes('history', history, ['points', index, line.field], 'strong') : h('span', { class: 'ma-absent' },
						line.field === 'containerLimit' ? 'none' : 'not read yet'),
				(line.field === 'containerLimit' && index >= 0 && !limitDrawn) ? h('span', { class: 'ma-muted' }, ' (above the chart)') : null
			]);
		});
		return h('figure', { class: 'ma-chart', 'data-ma-chart': 'memory' }, [
			h('svg', { viewBox: '0 0 ' + CHART.width + ' ' + CHART.height, class: 'ma-svg', role: 'img',
				'aria-label': 'RSS, heap committed, live set and container limit over time' }, nodes),
			h('ul', { class: 'ma-legend' }, legend),
			h('figcaption', { class: 'ma-muted' }, ['Latest of each line, from ', text('history', history, ['intervalSeconds']),
				h('span', ' s gauge points; the live set is read after collections of the old generation.')])
		]);
	}

	function breakdownHistoryChart(memory, history) {
		var points = Array.isArray(history.breakdowns) ? history.breakdowns : [];
		if (points.length === 0) {
			return h('p', { class: 'ma-muted' }, 'No breakdown points yet.');
		}
		var order = [];
		var labels = {};
		(at(memory, ['breakdown', 'categories']) || []).forEach(function (entry) {
			order.push(entry.category);
			labels[entry.category] = entry.label || entry.category;
		});
		points.forEach(function (p) {
			Object.keys(p.categories || {}).forEach(function (category) {
				if (order.indexOf(category) < 0) {
					order.push(category);
				}
			});
		});
		var times = points.map(function (p) {
			return Date.parse(p.time);
		}).filter(isFinite);
		var gauge = Array.isArray(history.points) ? history.points.map(function (p) {
			return Date.parse(p.time);
		}).filter(isFinite) : [];
		var domain = timeDomain(history, times.concat(gauge));
		var max = 0;
		points.forEach(function (p) {
			if (isNumber(p.rss)) {
				max = Math.max(max, p.rss);
			}
		});
		max = max > 0 ? max * 1.08 : 1024 * 1024;
		var s = scales(domain, max);
		var interval = isNumber(history.breakdownIntervalSeconds) ? history.breakdownIntervalSeconds * 1000 : 60000;
		var width = Math.max(2, Math.min(24, (interval * s.plotWidth / Math.max(1, domain.end - domain.start)) * 0.7));
		var nodes = axes(domain, max, s.x, s.y);
		points.forEach(function (p, i) {
			var t = Date.parse(p.time);
			if (!isFinite(t)) {
				return;
			}
			var base = 0;
			order.forEach(function (category, c) {
				var value = (p.categories || {})[category];
				if (!isNumber(value) || value <= 0) {
					return;
				}
				var y0 = s.y(base);
				var y1 = s.y(base + value);
				base += value;
				nodes.push(h('rect', { key: i + '-' + category, x: (s.x(t) - width / 2).toFixed(1), y: y1.toFixed(1), width: width.toFixed(1),
					height: Math.max(0.5, y0 - y1).toFixed(1), fill: colorOf(category, c), 'data-category': category },
				[h('title', (labels[category] || category) + ' ' + formatBytes(value) + ' at ' + clock(t))]));
			});
		});
		var last = points.length - 1;
		var legend = order.map(function (category, c) {
			var value = at(points[last], ['categories', category]);
			return h('li', { key: category, 'data-ma-legend': category }, [
				h('span', { class: 'ma-swatch', style: { background: colorOf(category, c) } }),
				h('span', (labels[category] || category) + ' '),
				isNumber(value) ? bytes('history', history, ['breakdowns', last, 'categories', category]) : h('span', { class: 'ma-absent' }, 'n/a')
			]);
		});
		return h('figure', { class: 'ma-chart', 'data-ma-chart': 'breakdown' }, [
			h('svg', { viewBox: '0 0 ' + CHART.width + ' ' + CHART.height, class: 'ma-svg', role: 'img', 'aria-label': 'The breakdown over time' }, nodes),
			h('ul', { class: 'ma-legend' }, legend),
			h('figcaption', { class: 'ma-muted' }, ['Latest breakdown point; one every ', text('history', history, ['breakdownIntervalSeconds']),
				h('span', ' s.')])
		]);
	}

	function historyPanel(memory, answer) {
		if (!answer || answer.status !== 200 || !answer.data || typeof answer.data !== 'object') {
			return panel('The last hour', { 'data-ma-section': 'history' }, [errorNotice('history', answer, 'No history:')]);
		}
		var history = answer.data;
		return panel('The last hour', { 'data-ma-section': 'history' }, [
			h('h3', { class: 'ma-subtitle' }, 'RSS, heap committed, live set and the container limit'),
			historyChart(memory, history),
			h('h3', { class: 'ma-subtitle' }, 'The breakdown over time'),
			breakdownHistoryChart(memory, history)
		]);
	}

	// ---------------------------------------------------------------- allocations

	function siteCell(source, response, base, entry) {
		return h('td', { class: 'ma-site', title: Array.isArray(entry.frames) ? entry.frames.join('\n') : null }, [
			text(source, response, base.concat('type'), 'code', 'ma-type'),
			entry.site ? h('div', { class: 'ma-muted' }, [h('span', 'at '), text(source, response, base.concat('site'), 'code')]) : null
		]);
	}

	// The first rows of a table, and a button for the rest.
	var ROWS = 10;

	function rows(name, entries, expanded, expand, row) {
		var shown = expanded[name] ? entries : entries.slice(0, ROWS);
		var body = [h('tbody', shown.map(row))];
		if (shown.length < entries.length) {
			body.push(h('tfoot', [h('tr', [h('td', { colspan: 4 }, [h('button', { class: 'ma-button ma-button-light', type: 'button',
				'data-ma-more': name, onClick: function () {
					expand(name);
				} }, 'Show all ' + entries.length)])])]));
		}
		return body;
	}

	function allocationsPanel(answer, expanded, expand) {
		if (!answer) {
			return null;
		}
		if (answer.status === 409) {
			// Profiling is off: the endpoint's message names the property that turns it on.
			return panel('What allocates, what survives', { 'data-ma-section': 'allocations' }, [
				notice('info', [h('p', 'Allocation profiling is off on this instance.'),
					h('p', [text('allocations', answer.data, ['error'], 'span', 'ma-endpoint-message')]),
					h('p', { class: 'ma-muted' }, ['With ', h('code', 'memory-actuator.profiling.enabled=true'),
						h('span', ' on the application, this panel shows where the heap is allocated and what survives.')])],
				{ 'data-ma-profiling': 'off' })
			]);
		}
		if (answer.status !== 200 || !answer.data || typeof answer.data !== 'object') {
			return panel('What allocates, what survives', { 'data-ma-section': 'allocations' }, [errorNotice('allocations', answer)]);
		}
		var data = answer.data;
		var children = [h('p', { class: 'ma-muted' }, ['Profiling ', text('allocations', data, ['status']), h('span', ' since '),
			time('allocations', data, ['since'])])];
		var sites = at(data, ['allocations', 'sites']) || [];
		children.push(h('h3', { class: 'ma-subtitle' }, ['Top allocation sites over the last ', number('allocations', data, ['allocations', 'coveredSeconds'], ' s')]));
		children.push(sites.length === 0 ? h('p', { class: 'ma-muted' }, 'No samples yet.') : h('table', { class: 'ma-table', 'data-ma-table': 'allocations' }, [
			h('thead', [h('tr', [h('th', 'Type and site'), h('th', { class: 'ma-right' }, 'Rate'), h('th', { class: 'ma-right' }, 'Share'),
				h('th', { class: 'ma-right' }, 'Samples')])])
		].concat(rows('allocations', sites, expanded, expand, function (entry, i) {
			var base = ['allocations', 'sites', i];
			return h('tr', { key: i, 'data-ma-row': 'allocation' }, [siteCell('allocations', data, base, entry),
				h('td', { class: 'ma-right' }, [bytes('allocations', data, base.concat('estimatedBytesPerMinute')), h('span', { class: 'ma-unit' }, '/min')]),
				h('td', { class: 'ma-right' }, [number('allocations', data, base.concat('percent'), ' %')]),
				h('td', { class: 'ma-right' }, [number('allocations', data, base.concat('samples'))])]);
		}))));
		var survivors = at(data, ['survivors']) || {};
		children.push(h('h3', { class: 'ma-subtitle' }, 'Surviving objects'));
		if (typeof survivors.unavailable === 'string') {
			children.push(notice('info', [text('allocations', data, ['survivors', 'unavailable'])], { 'data-ma-unavailable': 'survivors' }));
		}
		else if (!Array.isArray(survivors.groups) || survivors.groups.length === 0) {
			children.push(h('p', { class: 'ma-muted' }, 'None read yet: surviving samples are read every memory-actuator.profiling.survivor-interval, '
				+ 'once they survived a collection.'));
		}
		else {
			children.push(h('table', { class: 'ma-table', 'data-ma-table': 'survivors' }, [
				h('thead', [h('tr', [h('th', 'Type and site'), h('th', { class: 'ma-right' }, 'Share'), h('th', { class: 'ma-right' }, 'Estimated'),
					h('th', { class: 'ma-right' }, 'Oldest')])])
			].concat(rows('survivors', survivors.groups, expanded, expand, function (entry, i) {
				var base = ['survivors', 'groups', i];
				return h('tr', { key: i, 'data-ma-row': 'survivor' }, [siteCell('allocations', data, base, entry),
					h('td', { class: 'ma-right' }, [number('allocations', data, base.concat('percent'), ' %')]),
					h('td', { class: 'ma-right' }, [bytes('allocations', data, base.concat('estimatedBytes'))]),
					h('td', { class: 'ma-right' }, [number('allocations', data, base.concat('oldestAgeSeconds'), ' s')])]);
			}))));
		}
		return panel('What allocates, what survives', { 'data-ma-section': 'allocations' }, children);
	}

	// ---------------------------------------------------------------- soft limit

	function softLimitPanel(answer) {
		// Absent (404), off, or not an object: the instance has no soft limit to show.
		if (!answer || answer.status !== 200 || !answer.data || typeof answer.data !== 'object') {
			return null;
		}
		var data = answer.data;
		if (typeof data.state !== 'string' || data.state === 'OFF') {
			return null;
		}
		var rows = [
			h('p', [h('span', { class: 'ma-label' }, 'State '), text('softLimit', data, ['state'], 'strong', 'ma-state ma-state-' + data.state.toLowerCase())]),
			data.reason ? text('softLimit', data, ['reason'], 'p', 'ma-muted') : null,
			h('div', { class: 'ma-figures' }, [
				h('div', { class: 'ma-figure' }, [h('div', { class: 'ma-figure-label' }, 'Target'), h('div', { class: 'ma-figure-value' }, [bytes('softLimit', data, ['target'])])]),
				h('div', { class: 'ma-figure' }, [h('div', { class: 'ma-figure-label' }, 'Charged'), h('div', { class: 'ma-figure-value' }, [bytes('softLimit', data, ['charged'])])]),
				isNumber(data.heapBudget) ? h('div', { class: 'ma-figure' }, [h('div', { class: 'ma-figure-label' }, 'Heap budget'),
					h('div', { class: 'ma-figure-value' }, [bytes('softLimit', data, ['heapBudget'])])]) : null,
				isNumber(data.throttles) ? h('div', { class: 'ma-figure' }, [h('div', { class: 'ma-figure-label' }, 'Throttled'),
					h('div', { class: 'ma-figure-value' }, [number('softLimit', data, ['throttles'], ' times')])]) : null
			])
		];
		if (Array.isArray(data.actions) && data.actions.length > 0) {
			var first = Math.max(0, data.actions.length - 5);
			rows.push(h('ul', { class: 'ma-notes' }, data.actions.slice(first).map(function (action, i) {
				var base = ['actions', first + i];
				return h('li', { key: i }, [time('softLimit', data, base.concat('time')), h('span', ' '), text('softLimit', data, base.concat('kind'), 'code'),
					action.detail ? h('span', [h('span', ' '), text('softLimit', data, base.concat('detail'))]) : null,
					// The section names them chargedBefore and chargedAfter; an action still
					// settling has no after yet.
					isNumber(action.chargedBefore) ? h('span', [h('span', ': '), bytes('softLimit', data, base.concat('chargedBefore')),
						isNumber(action.chargedAfter) ? h('span', [h('span', ' → '), bytes('softLimit', data, base.concat('chargedAfter'))]) : null]) : null]);
			})));
		}
		return panel('Soft memory limit', { 'data-ma-section': 'softLimit' }, rows);
	}

	// ---------------------------------------------------------------- reclaim

	function reclaimReport(report) {
		function step(name, key) {
			var status = at(report, [key, 'status']);
			return h('li', { 'data-ma-step': key }, [h('strong', name + ': '), text('reclaim', report, [key, 'status']),
				status === 'completed'
					? h('span', [h('span', ', released '), bytes('reclaim', report, [key, 'released', 'rss']), h('span', ' of RSS'),
						isNumber(at(report, [key, 'released', 'heapCommitted'])) && at(report, [key, 'released', 'heapCommitted']) !== 0
							? h('span', [h('span', ', heap committed '), bytes('reclaim', report, [key, 'released', 'heapCommitted'])]) : null])
					: (at(report, [key, 'reason']) ? h('span', [h('span', ': '), text('reclaim', report, [key, 'reason'])]) : null)]);
		}
		return h('div', { class: 'ma-report', 'data-ma-reclaim-report': '' }, [
			text('reclaim', report, ['summary'], 'p', 'ma-verdict'),
			h('ul', { class: 'ma-steps' }, [step('Full GC and uncommit', 'gc'), step('Native trim (malloc_trim)', 'trim')]),
			h('p', [h('span', 'RSS '), bytes('reclaim', report, ['before', 'rss']), h('span', ' → '), bytes('reclaim', report, ['after', 'rss']),
				h('span', ', heap committed '), bytes('reclaim', report, ['before', 'heapCommitted']), h('span', ' → '),
				bytes('reclaim', report, ['after', 'heapCommitted']), h('span', ' in '), number('reclaim', report, ['durationMillis'], ' ms')]),
			at(report, ['collector', 'explanation']) ? text('reclaim', report, ['collector', 'explanation'], 'p', 'ma-muted') : null
		]);
	}

	function reclaimPanel(memory, reclaim, run) {
		// Shown only when the instance says the write is allowed: the tab never probes with a POST.
		if (!memory || memory.reclaimAllowed !== true) {
			return null;
		}
		var children = [
			h('p', 'Runs a full garbage collection (the application pauses for it), waits for the heap to be uncommitted and trims '
				+ 'glibc\'s native heap: POST actuator/memory, sent by Spring Boot Admin with its own credentials for this '
				+ 'instance, so whoever may use Spring Boot Admin may run it.'),
			h('button', { class: 'ma-button', type: 'button', disabled: reclaim.running, 'data-ma-reclaim': '', onClick: run },
					reclaim.running ? 'Giving memory back…' : 'Give memory back')
		];
		var answer = reclaim.answer;
		if (answer && answer.status === 200 && answer.data && typeof answer.data === 'object') {
			children.push(reclaimReport(answer.data));
		}
		else if (answer && answer.status === 429) {
			var retryAfter = answer.retryAfter;
			children.push(notice('warning', [h('span', 'Not now: '), text('reclaim', answer.data, ['error'], 'span', 'ma-endpoint-message'),
				retryAfter !== null ? h('span', [h('span', ' Retry after '), h('strong', { 'data-ma-retry-after': retryAfter }, retryAfter + ' s'),
					h('span', '.')]) : null], { 'data-ma-refused': '429' }));
		}
		else if (answer) {
			children.push(errorNotice('reclaim', answer, 'The reclaim failed:'));
		}
		return panel('Give memory back', { 'data-ma-section': 'reclaim' }, children);
	}

	// ---------------------------------------------------------------- requests

	function parse(data) {
		if (typeof data === 'string' && data.length > 0) {
			try {
				return JSON.parse(data);
			}
			catch (e) {
				return data;
			}
		}
		return data;
	}

	// Through instance.axios: SBA's proxy, its authentication and its CSRF token. Every status
	// is an answer to show (404 hides a section, 409 says how to turn profiling on), so none
	// is turned into an exception, and SBA's error toasts stay quiet.
	function request(instance, method, path, body) {
		var client = instance && instance.axios;
		if (!client || typeof client.request !== 'function') {
			return Promise.resolve({ status: 0, data: null, failure: 'this Spring Boot Admin has no HTTP client for the instance' });
		}
		var config = { method: method, url: path, validateStatus: function () {
			return true;
		}, headers: { Accept: 'application/json' } };
		if (body !== undefined) {
			config.data = body;
			config.headers['Content-Type'] = 'application/json';
		}
		return client.request(config).then(function (response) {
			var headers = response.headers || {};
			var retryAfter = (typeof headers.get === 'function') ? headers.get('retry-after') : headers['retry-after'];
			return { status: response.status, data: parse(response.data),
				retryAfter: (retryAfter !== undefined && retryAfter !== null) ? String(retryAfter) : null };
		}, function (error) {
			return { status: 0, data: null, failure: (error && error.message) || String(error) };
		});
	}

	// ---------------------------------------------------------------- the view

	var instances = 0;

	var MemoryView = {
		name: 'MemoryActuatorView',
		props: {
			instance: { type: Object, required: true },
			application: { type: Object, required: false, default: null }
		},
		setup: function (props) {
			var id = ++instances;
			var state = Vue.reactive({
				phase: 'loading',
				memory: null,
				history: null,
				allocations: null,
				softLimit: null,
				loadedAt: null,
				reclaim: { running: false, answer: null },
				expanded: {}
			});
			var generation = 0;

			function load() {
				var instance = props.instance;
				var mine = ++generation;
				state.phase = 'loading';
				return Promise.all([
					request(instance, 'get', 'actuator/memory'),
					request(instance, 'get', 'actuator/memory/history'),
					request(instance, 'get', 'actuator/memory/allocations'),
					request(instance, 'get', 'actuator/memory/softLimit')
				]).then(function (answers) {
					if (mine !== generation) {
						return;
					}
					state.memory = answers[0];
					state.history = answers[1];
					state.allocations = answers[2];
					state.softLimit = answers[3];
					state.loadedAt = new Date().toISOString();
					state.phase = (answers[0].status === 200 && answers[0].data && typeof answers[0].data === 'object') ? 'loaded' : 'failed';
				});
			}

			function reclaim() {
				if (state.reclaim.running) {
					return;
				}
				state.reclaim.running = true;
				state.reclaim.answer = null;
				request(props.instance, 'post', 'actuator/memory', {}).then(function (answer) {
					state.reclaim.answer = answer;
					state.reclaim.running = false;
					if (answer.status === 200) {
						// The figures above are from before the reclaim: read them again.
						load();
					}
				});
			}

			Vue.onMounted(load);
			Vue.watch(function () {
				return props.instance && props.instance.id;
			}, function (now, before) {
				if (now !== before) {
					state.reclaim.answer = null;
					state.expanded = {};
					load();
				}
			});

			return function () {
				var memoryAnswer = state.memory;
				var memory = memoryAnswer && memoryAnswer.status === 200 && typeof memoryAnswer.data === 'object' ? memoryAnswer.data : null;
				var header = h('div', { class: 'ma-header' }, [
					h('h1', { class: 'ma-title' }, 'Memory'),
					memory ? h('span', { class: 'ma-muted' }, [h('span', 'captured '), time('memory', memory, ['capturedAt'])]) : null,
					h('button', { class: 'ma-button ma-button-light', type: 'button', 'data-ma-refresh': '', disabled: state.phase === 'loading',
						onClick: load }, state.phase === 'loading' ? 'Loading…' : 'Refresh')
				]);
				var body;
				if (state.phase === 'loading' && !memory) {
					body = [h('p', { class: 'ma-muted' }, 'Reading actuator/memory…')];
				}
				else if (!memory) {
					body = [errorNotice('memory', memoryAnswer, 'actuator/memory did not answer:')];
				}
				else {
					body = [verdictPanel(memory), reclaimPanel(memory, state.reclaim, reclaim), figuresPanel(memory),
						softLimitPanel(state.softLimit), breakdownPanel(memory), historyPanel(memory, state.history),
						allocationsPanel(state.allocations, state.expanded, function (name) {
							state.expanded[name] = true;
						})];
				}
				return h('div', { class: 'ma-root', 'data-ma-state': state.phase, 'data-ma-instance': props.instance && props.instance.id,
					'data-ma-view': String(id) }, [header].concat(body));
			};
		}
	};

	// ---------------------------------------------------------------- registration

	var ICON = '<svg xmlns="http://www.w3.org/2000/svg" class="h-5 w-5 mr-3" fill="none" viewBox="0 0 24 24" stroke="currentColor" '
		+ 'stroke-width="2"><rect x="5" y="5" width="14" height="14" rx="2"></rect><path stroke-linecap="round" d="M9 1v4M15 1v4M9 19v4M15 19v4'
		+ 'M1 9h4M1 15h4M19 9h4M19 15h4M9 12h6"></path></svg>';

	function install(context) {
		var viewRegistry = (context && context.viewRegistry) || SBA.viewRegistry;
		var i18n = (context && context.i18n) || (typeof SBA.useI18n === 'function' ? SBA.useI18n() : null);
		var label = 'Memory';
		if (i18n && typeof i18n.mergeLocaleMessage === 'function') {
			i18n.mergeLocaleMessage('en', { memoryActuator: { label: 'Memory' } });
			label = LABEL_KEY;
		}
		if (typeof viewRegistry.setGroupIcon === 'function') {
			viewRegistry.setGroupIcon(GROUP, ICON);
		}
		viewRegistry.addView({
			name: VIEW_NAME,
			parent: 'instances',
			path: 'memory',
			component: MemoryView,
			label: label,
			group: GROUP,
			order: 50,
			isEnabled: function (options) {
				var instance = options && options.instance;
				return !!instance && typeof instance.hasEndpoint === 'function' && instance.hasEndpoint('memory');
			}
		});
	}

	if (typeof SBA.use === 'function') {
		SBA.use({ install: install });
	}
	else if (SBA.viewRegistry) {
		install(null);
	}
	else {
		console.warn('memory-actuator: this Spring Boot Admin has neither SBA.use nor SBA.viewRegistry; no Memory tab');
		return;
	}

	// For the browser console and the tests: the formatter that every size on the tab goes through.
	globalThis.memoryActuatorSba = Object.freeze({ view: VIEW_NAME, formatBytes: formatBytes });
})();

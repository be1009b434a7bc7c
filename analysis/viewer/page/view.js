/* analysis/viewer/page/view.js -- the space-time viewer: lanes, ticks, messages, causal cones and the quiz, drawn on a canvas */
"use strict";

(function () {
	const KIND = ["INTERNAL", "SEND", "RECV"];
	const COLOR = { tick: "#444", internal: "#999", past: "#1c64c8",
		future: "#d9480f", conc: "#2b8a3e", sel: "#000", arrow: "#0005",
		lane: "#ddd", text: "#222" };
	const LEFT = 56, RIGHT = 16, TOP = 14, BOTTOM = 34;

	function say(line) {
		console.log("clockring-view: " + line);
	}
	window.addEventListener("error", function (e) {
		say("error " + e.message);
	});

	/*
	 * The data (analysis/viewer/viewdata.c): one array per field, each
	 * lane's seq, model time and clock as steps from its previous tick,
	 * and each vector as what differs from its lane's previous one with
	 * its own entry one up. Rebuilt here into typed arrays.
	 */
	function decode(D) {
		const n = D.n, N = D.vm.length;
		const run = { n: n, N: N, name: D.name, end: D.end,
			window: D.window, before: D.before,
			vm: Uint16Array.from(D.vm), kind: Uint8Array.from(D.k),
			queue: Float64Array.from(D.q), seq: new Float64Array(N),
			t: new Float64Array(N), lam: new Float64Array(N),
			send: new Int32Array(N), mclock: new Float64Array(N),
			V: new Uint32Array(N * n), pos: new Int32Array(N),
			lanes: [], firstRecv: new Int32Array(N).fill(-1),
			nextRecv: new Int32Array(N).fill(-1) };
		const s = new Float64Array(n), t = new Float64Array(n);
		const l = Float64Array.from(D.before), last = new Int32Array(n).fill(-1);
		const size = new Int32Array(n);
		let m = 0, d = 0;
		for (let i = 0; i < N; i++) {
			const v = run.vm[i];
			run.seq[i] = s[v] += D.s[i];
			run.t[i] = (t[v] += D.t[i]) / 1e6;
			run.lam[i] = l[v] += D.l[i];
			run.send[i] = D.r[i] > 0 ? i - D.r[i] : -1;
			run.mclock[i] = run.kind[i] === 2 ? D.m[m++] : NaN;
			if (run.send[i] >= 0) {
				const j = run.send[i];
				run.nextRecv[i] = run.firstRecv[j];
				run.firstRecv[j] = i;
			}
			if (last[v] >= 0)
				run.V.copyWithin(i * n, last[v] * n, last[v] * n + n);
			run.V[i * n + v]++;
			for (let c = D.d[d++]; c > 0; c--) {
				const k = D.d[d++];
				run.V[i * n + k] += D.d[d++];
			}
			last[v] = i;
			run.pos[i] = size[v]++;
		}
		for (let v = 0; v < n; v++)
			run.lanes.push({ ev: new Int32Array(size[v]),
				time: new Float64Array(size[v]),
				lamport: new Float64Array(size[v]) });
		for (let i = 0; i < N; i++) {
			const lane = run.lanes[run.vm[i]], p = run.pos[i];
			lane.ev[p] = i;
			/* A lane is searched by time: held non-decreasing. */
			lane.time[p] = p > 0 ? Math.max(lane.time[p - 1], run.t[i]) : run.t[i];
			lane.lamport[p] = run.lam[i];
		}
		return run;
	}

	/* a -> b: a's own entry is known to b. */
	function before(run, a, b) {
		const n = run.n, va = run.vm[a];
		return a !== b && run.V[a * n + va] <= run.V[b * n + va];
	}

	/* The first index of sorted xs in [lo, hi) where xs[i] >= x (or > x). */
	function search(xs, x, strict, lo, hi) {
		lo = lo === undefined ? 0 : lo;
		hi = hi === undefined ? xs.length : hi;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (strict ? xs[mid] <= x : xs[mid] < x)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo;
	}

	/* The first index of lane where pred turns from false to true. */
	function turn(lane, pred) {
		let lo = 0, hi = lane.ev.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (pred(lane.ev[mid]))
				hi = mid;
			else
				lo = mid + 1;
		}
		return lo;
	}

	/*
	 * The cone of event e. In each lane the ticks before e form a prefix
	 * and those after it a suffix (a lane's own entry only grows), so
	 * two binary searches per lane split it: past [0, pastEnd), future
	 * [futureStart, length), concurrent between.
	 */
	function cone(run, e) {
		const c = { e: e, pastEnd: new Int32Array(run.n),
			futureStart: new Int32Array(run.n), past: 0, future: 0 };
		for (let v = 0; v < run.n; v++) {
			const lane = run.lanes[v];
			c.pastEnd[v] = turn(lane, function (j) { return !before(run, j, e); });
			c.futureStart[v] = turn(lane, function (j) { return before(run, e, j); });
			c.past += c.pastEnd[v];
			c.future += lane.ev.length - c.futureStart[v];
		}
		c.conc = run.N - 1 - c.past - c.future;
		return c;
	}

	/* The same counts event by event: the self-test's check of cone. */
	function coneByEvents(run, e) {
		const c = { past: 0, future: 0, conc: 0 };
		for (let j = 0; j < run.N; j++)
			if (before(run, j, e))
				c.past++;
			else if (before(run, e, j))
				c.future++;
			else if (j !== e)
				c.conc++;
		return c;
	}

	function classOf(run, c, i) {
		if (c === null)
			return null;
		if (i === c.e)
			return "sel";
		const v = run.vm[i], p = run.pos[i];
		return p < c.pastEnd[v] ? "past" : p >= c.futureStart[v] ? "future" : "conc";
	}

	/* The lane's previous clock: its tick before i, or before the page. */
	function previousClock(run, i) {
		const lane = run.lanes[run.vm[i]], p = run.pos[i];
		return p > 0 ? run.lam[lane.ev[p - 1]] : run.before[run.vm[i]];
	}

	/* The quiz: is answer event i's clock, and which rule gives it. */
	function judge(run, i, answer) {
		const want = run.lam[i], prev = previousClock(run, i);
		let rule, ruled, hint = "";
		if (run.kind[i] === 2) {
			const m = run.mclock[i];
			ruled = Math.max(prev, m) + 1;
			rule = "receive: max(own " + prev + ", message " +
				(m < 0 ? "unknown" : m) + ") + 1 = " + want;
			if (answer === prev + 1 && m >= prev)
				hint = " (the message carried a higher clock than your own)";
			else if (answer === m + 1 && prev > m)
				hint = " (your own clock was higher than the message's)";
		} else {
			ruled = prev + 1;
			rule = (run.kind[i] === 1 ? "send" : "internal") +
				": previous clock + 1 = " + prev + " + 1 = " + want;
		}
		if (run.kind[i] !== 2 || run.mclock[i] >= 0)
			if (ruled !== want)
				rule += " (yet the rule gives " + ruled + ": this log breaks it)";
		if (answer === want)
			return { right: true, text: "right: " + rule };
		return { right: false, text: "wrong: you said " + answer +
			", the clock is " + want + hint + " \u2014 " + rule };
	}

	function View(run) {
		this.run = run;
		this.canvas = document.getElementById("plot");
		this.ctx = this.canvas.getContext("2d");
		this.axis = "time";
		this.sel = null;	/* the cone of the selected tick */
		this.quiz = false;
		this.asked = -1;	/* the quiz's tick */
		this.shown = new Set();	/* ticks the quiz has revealed */
		this.drag = null;
		this.fit();
	}

	View.prototype.keys = function (v) {
		const lane = this.run.lanes[v];
		return this.axis === "time" ? lane.time : lane.lamport;
	};
	View.prototype.key = function (i) {
		return this.axis === "time" ? this.run.t[i] : this.run.lam[i];
	};
	View.prototype.range = function () {
		let lo = Infinity, hi = -Infinity;
		for (let v = 0; v < this.run.n; v++) {
			const k = this.keys(v);
			if (k.length > 0) {
				lo = Math.min(lo, k[0]);
				hi = Math.max(hi, k[k.length - 1]);
			}
		}
		if (this.axis === "time") {
			lo = this.run.window[0];
			hi = this.run.window[1];
		}
		return hi > lo ? [lo, hi] : [lo - 1, lo + 1];
	};
	View.prototype.fit = function () {
		const r = this.range(), pad = (r[1] - r[0]) * 0.01;
		this.x0 = r[0] - pad;
		this.x1 = r[1] + pad;
	};
	View.prototype.resize = function () {
		const dpr = window.devicePixelRatio || 1, c = this.canvas;
		this.w = c.clientWidth;
		this.h = c.clientHeight;
		c.width = Math.round(this.w * dpr);
		c.height = Math.round(this.h * dpr);
		this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
	};
	View.prototype.px = function (x) {
		return LEFT + (x - this.x0) / (this.x1 - this.x0) * (this.w - LEFT - RIGHT);
	};
	View.prototype.value = function (px) {
		return this.x0 + (px - LEFT) / (this.w - LEFT - RIGHT) * (this.x1 - this.x0);
	};
	View.prototype.laneH = function () {
		return (this.h - TOP - BOTTOM) / this.run.n;
	};
	View.prototype.laneY = function (v) {
		return TOP + (v + 0.5) * this.laneH();
	};
	View.prototype.visible = function (v) {
		const k = this.keys(v), slack = (this.x1 - this.x0) * 0.01;
		return [search(k, this.x0 - slack, false), search(k, this.x1 + slack, true)];
	};
	View.prototype.labelled = function (i) {
		return this.quiz ? this.shown.has(i) : true;
	};

	View.prototype.draw = function () {
		const ctx = this.ctx;
		this.resize();
		ctx.clearRect(0, 0, this.w, this.h);
		ctx.font = "11px system-ui, sans-serif";
		this.drawAxis();
		const spans = [];
		let dots = 0;
		for (let v = 0; v < this.run.n; v++) {
			spans.push(this.visible(v));
			dots += spans[v][1] - spans[v][0];
		}
		/* Ticks just off the plot are drawn too, clipped, so that arrows reach them. */
		ctx.save();
		ctx.beginPath();
		ctx.rect(LEFT - 4, 0, this.w - LEFT - RIGHT + 8, this.h - BOTTOM);
		ctx.clip();
		if (dots <= 20000)
			this.drawArrows(spans);
		for (let v = 0; v < this.run.n; v++) {
			const s = spans[v], width = this.w - LEFT - RIGHT;
			if (s[1] - s[0] > width)
				this.drawDense(v, width);
			else
				this.drawDots(v, s[0], s[1]);
		}
		if (this.sel !== null) {
			/* A ring that finds the selected tick in a dense lane too. */
			ctx.lineWidth = 2;
			ctx.strokeStyle = COLOR.sel;
			ctx.beginPath();
			ctx.arc(this.px(this.key(this.sel.e)), this.laneY(this.run.vm[this.sel.e]), 9, 0, 2 * Math.PI);
			ctx.stroke();
		}
		ctx.restore();
	};

	View.prototype.drawAxis = function () {
		const ctx = this.ctx, span = this.x1 - this.x0;
		const step = Math.pow(10, Math.floor(Math.log10(span / 8)));
		const tick = span / step > 40 ? step * 5 : span / step > 16 ? step * 2 : step;
		ctx.fillStyle = COLOR.text;
		ctx.strokeStyle = COLOR.lane;
		ctx.textAlign = "center";
		for (let x = Math.ceil(this.x0 / tick) * tick; x <= this.x1; x += tick) {
			const px = this.px(x);
			ctx.beginPath();
			ctx.moveTo(px, this.h - BOTTOM);
			ctx.lineTo(px, this.h - BOTTOM + 5);
			ctx.stroke();
			ctx.fillText(+x.toPrecision(10) + "", px, this.h - BOTTOM + 16);
		}
		ctx.fillText(this.axis === "time" ? "model seconds" : "Lamport clock",
			this.w / 2, this.h - 4);
		ctx.textAlign = "right";
		ctx.textBaseline = "middle";
		const every = Math.ceil(12 / this.laneH());
		for (let v = 0; v < this.run.n; v++) {
			const y = this.laneY(v);
			ctx.beginPath();
			ctx.moveTo(LEFT, y);
			ctx.lineTo(this.w - RIGHT, y);
			ctx.stroke();
			if (v % every === 0)
				ctx.fillText("vm" + v, LEFT - 8, y);
		}
		ctx.textBaseline = "alphabetic";
	};

	View.prototype.arrowColor = function (a, b) {
		const ca = classOf(this.run, this.sel, a), cb = classOf(this.run, this.sel, b);
		if (ca === null)
			return COLOR.arrow;
		if ((ca === "past" || ca === "sel") && (cb === "past" || cb === "sel"))
			return COLOR.past;
		if ((ca === "future" || ca === "sel") && (cb === "future" || cb === "sel"))
			return COLOR.future;
		return "#0002";
	};

	View.prototype.arrow = function (a, b) {
		const ctx = this.ctx, run = this.run;
		const x0 = this.px(this.key(a)), y0 = this.laneY(run.vm[a]);
		const x1 = this.px(this.key(b)), y1 = this.laneY(run.vm[b]);
		const ang = Math.atan2(y1 - y0, x1 - x0), head = 7;
		ctx.strokeStyle = ctx.fillStyle = this.arrowColor(a, b);
		ctx.beginPath();
		ctx.moveTo(x0, y0);
		ctx.lineTo(x1, y1);
		ctx.stroke();
		ctx.beginPath();
		ctx.moveTo(x1, y1);
		ctx.lineTo(x1 - head * Math.cos(ang - 0.35), y1 - head * Math.sin(ang - 0.35));
		ctx.lineTo(x1 - head * Math.cos(ang + 0.35), y1 - head * Math.sin(ang + 0.35));
		ctx.fill();
	};

	/* Every message with an end on screen: by its RECV, or by its SEND when the RECV is off it. */
	View.prototype.drawArrows = function (spans) {
		const run = this.run;
		this.ctx.lineWidth = 1;
		for (let v = 0; v < run.n; v++) {
			const lane = run.lanes[v];
			for (let p = spans[v][0]; p < spans[v][1]; p++) {
				const i = lane.ev[p];
				if (run.send[i] >= 0)
					this.arrow(run.send[i], i);
				for (let j = run.firstRecv[i]; j >= 0; j = run.nextRecv[j]) {
					const k = this.key(j);
					if (k < this.x0 || k > this.x1)
						this.arrow(i, j);
				}
			}
		}
	};

	View.prototype.drawDots = function (v, lo, hi) {
		const ctx = this.ctx, run = this.run, lane = run.lanes[v], y = this.laneY(v);
		const r = Math.max(2, Math.min(6, this.laneH() / 5));
		let lastLabel = -Infinity;
		ctx.textAlign = "center";
		for (let p = lo; p < hi; p++) {
			const i = lane.ev[p], x = this.px(this.key(i)), c = classOf(run, this.sel, i);
			ctx.beginPath();
			ctx.arc(x, y, c === "sel" ? r + 2 : r, 0, 2 * Math.PI);
			if (c === "conc") {
				ctx.lineWidth = 2;
				ctx.strokeStyle = COLOR.conc;
				ctx.fillStyle = "#fff";
				ctx.fill();
				ctx.stroke();
			} else {
				ctx.fillStyle = c !== null ? COLOR[c] :
					run.kind[i] === 0 ? COLOR.internal : COLOR.tick;
				ctx.fill();
			}
			if (i === this.asked) {
				ctx.lineWidth = 2;
				ctx.strokeStyle = "#c92a2a";
				ctx.beginPath();
				ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
				ctx.stroke();
			}
			const text = this.labelled(i) ? String(run.lam[i]) : "";
			const wide = ctx.measureText(text).width;
			if (text !== "" && x - lastLabel > wide + 4 && this.laneH() > 2 * r + 14) {
				ctx.fillStyle = COLOR.text;
				ctx.fillText(text, x, y - r - 3);
				lastLabel = x;
			}
		}
	};

	/*
	 * The class of the ticks [from, to) of lane v, one pixel column: the
	 * selected tick, or concurrent ones, stand out over the rest.
	 */
	View.prototype.denseClass = function (v, from, to) {
		const c = this.sel;
		if (c === null)
			return null;
		if (this.run.vm[c.e] === v && from <= this.run.pos[c.e] && this.run.pos[c.e] < to)
			return "sel";
		if (from < c.futureStart[v] && to > c.pastEnd[v])
			return "conc";
		return to <= c.pastEnd[v] ? "past" : from >= c.futureStart[v] ? "future" :
			classOf(this.run, c, this.run.lanes[v].ev[(from + to) >>> 1]);
	};

	/* More ticks than pixels: one bar per pixel column, darker for more ticks. */
	View.prototype.drawDense = function (v, width) {
		const ctx = this.ctx, lane = this.run.lanes[v], k = this.keys(v);
		const y = this.laneY(v), h = Math.max(1, Math.min(12, this.laneH() * 0.6));
		let from = search(k, this.value(LEFT), false);
		for (let c = 0; c < width; c++) {
			const to = search(k, this.value(LEFT + c + 1), false, from);
			if (to > from) {
				const cls = this.denseClass(v, from, to);
				ctx.globalAlpha = cls === "sel" ? 1 : Math.min(1, 0.3 + 0.1 * (to - from));
				ctx.fillStyle = cls === null ? COLOR.tick : COLOR[cls];
				ctx.fillRect(LEFT + c, y - h / 2, 1, h);
			}
			from = to;
		}
		ctx.globalAlpha = 1;
	};

	/* The tick under a point of the canvas, or -1. */
	View.prototype.hit = function (x, y) {
		const v = Math.floor((y - TOP) / this.laneH());
		if (v < 0 || v >= this.run.n || x < LEFT - 8)
			return -1;
		const k = this.keys(v), at = search(k, this.value(x), false);
		let best = -1, dist = 8;
		for (let p = Math.max(0, at - 1); p <= Math.min(k.length - 1, at); p++) {
			const d = Math.abs(this.px(k[p]) - x);
			if (d <= dist) {
				dist = d;
				best = this.run.lanes[v].ev[p];
			}
		}
		return best;
	};

	View.prototype.describe = function (i) {
		const run = this.run, v = run.vm[i];
		const lines = ["vm" + v + " " + KIND[run.kind[i]] + " seq " + run.seq[i]];
		const hide = this.quiz && !this.shown.has(i);
		if (!hide) {
			lines.push("Lamport " + run.lam[i] +
				(run.kind[i] === 2 && run.mclock[i] >= 0 ? " (message carried " + run.mclock[i] + ")" : ""));
			lines.push("vector [" + Array.from(run.V.subarray(i * run.n, i * run.n + run.n)).join(", ") + "]");
		} else
			lines.push("Lamport ? (quiz)");
		lines.push("queue " + run.queue[i]);
		lines.push("model time " + run.t[i].toFixed(6) + " s");
		return lines.join("\n");
	};

	View.prototype.select = function (i) {
		this.sel = i < 0 ? null : cone(this.run, i);
		const out = document.getElementById("counts"), run = this.run;
		if (this.sel === null) {
			out.textContent = "click a tick: its causal past and future";
			return;
		}
		out.innerHTML = "vm" + run.vm[i] + " seq " + run.seq[i] + ": " +
			"<span class=past>" + this.sel.past + " before</span>, " +
			"<span class=future>" + this.sel.future + " after</span>, " +
			"<span class=conc>" + this.sel.conc + " concurrent</span>";
	};

	View.prototype.ask = function (i) {
		const run = this.run;
		this.asked = i;
		document.getElementById("ask").hidden = i < 0;
		if (i < 0)
			return;
		document.getElementById("question").textContent = "Lamport clock of vm" +
			run.vm[i] + " " + KIND[run.kind[i]] + " seq " + run.seq[i] + "?";
		document.getElementById("verdict").textContent = "";
		const a = document.getElementById("answer");
		a.value = "";
		a.focus();
	};

	View.prototype.answer = function (text) {
		const out = document.getElementById("verdict");
		if (this.asked < 0)
			return;
		if (!/^\s*\d+\s*$/.test(text)) {
			out.className = "wrong";
			out.textContent = "type a whole number";
			return;
		}
		const j = judge(this.run, this.asked, Number(text));
		out.className = j.right ? "right" : "wrong";
		out.textContent = j.text;
		this.shown.add(this.asked);
	};

	View.prototype.click = function (x, y) {
		const i = this.hit(x, y);
		if (this.quiz)
			this.ask(i);
		else
			this.select(i);
	};

	View.prototype.zoom = function (factor, at) {
		const min = this.axis === "time" ? 1e-6 : 2;
		const span = Math.max(min, (this.x1 - this.x0) * factor);
		const f = (at - this.x0) / (this.x1 - this.x0);
		this.x0 = at - f * span;
		this.x1 = this.x0 + span;
	};
	View.prototype.pan = function (fraction) {
		const d = (this.x1 - this.x0) * fraction;
		this.x0 += d;
		this.x1 += d;
	};
	/* Keep the same share of the run on screen when the axis changes. */
	View.prototype.setAxis = function (axis) {
		const r0 = this.range(), f0 = (this.x0 - r0[0]) / (r0[1] - r0[0]);
		const f1 = (this.x1 - r0[0]) / (r0[1] - r0[0]);
		this.axis = axis;
		const r1 = this.range();
		this.x0 = r1[0] + f0 * (r1[1] - r1[0]);
		this.x1 = r1[0] + f1 * (r1[1] - r1[0]);
		document.querySelector("input[name=axis][value=" + axis + "]").checked = true;
	};
	/* Centre tick i with about 30 ticks of its lane on screen. */
	View.prototype.show = function (i) {
		const k = this.keys(this.run.vm[i]), p = this.run.pos[i];
		const a = k[Math.max(0, p - 15)], b = k[Math.min(k.length - 1, p + 15)];
		const half = Math.max(this.axis === "time" ? 1e-3 : 2, (b - a) / 2 * 1.1);
		this.x0 = this.key(i) - half;
		this.x1 = this.key(i) + half;
	};

	function wire(view) {
		const c = view.canvas, tip = document.getElementById("tip");
		let pending = false;
		function redraw() {
			if (!pending) {
				pending = true;
				requestAnimationFrame(function () {
					pending = false;
					view.draw();
				});
			}
		}
		function at(e) {
			const r = c.getBoundingClientRect();
			return [e.clientX - r.left, e.clientY - r.top];
		}
		c.addEventListener("click", function (e) {
			if (view.dragged)
				return;
			const p = at(e);
			view.click(p[0], p[1]);
			view.draw();
		});
		c.addEventListener("mousedown", function (e) {
			view.drag = { x: e.clientX, x0: view.x0, x1: view.x1 };
			view.dragged = false;
		});
		window.addEventListener("mouseup", function () {
			view.drag = null;
		});
		c.addEventListener("mousemove", function (e) {
			const p = at(e);
			if (view.drag !== null && e.buttons === 1) {
				const dx = e.clientX - view.drag.x;
				if (Math.abs(dx) > 3)
					view.dragged = true;
				const per = (view.drag.x1 - view.drag.x0) / (view.w - LEFT - RIGHT);
				view.x0 = view.drag.x0 - dx * per;
				view.x1 = view.drag.x1 - dx * per;
				redraw();
			}
			const i = view.hit(p[0], p[1]);
			tip.hidden = i < 0;
			if (i >= 0) {
				tip.textContent = view.describe(i);
				tip.style.left = (e.clientX + 14) + "px";
				tip.style.top = (e.clientY + 14) + "px";
			}
		});
		c.addEventListener("mouseleave", function () {
			tip.hidden = true;
		});
		c.addEventListener("wheel", function (e) {
			e.preventDefault();
			view.zoom(e.deltaY > 0 ? 1.25 : 0.8, view.value(at(e)[0]));
			redraw();
		}, { passive: false });
		document.getElementById("zoomin").onclick = function () {
			view.zoom(0.5, (view.x0 + view.x1) / 2);
			redraw();
		};
		document.getElementById("zoomout").onclick = function () {
			view.zoom(2, (view.x0 + view.x1) / 2);
			redraw();
		};
		document.getElementById("fit").onclick = function () {
			view.fit();
			redraw();
		};
		document.querySelectorAll("input[name=axis]").forEach(function (r) {
			r.addEventListener("change", function () {
				view.setAxis(r.value);
				redraw();
			});
		});
		document.getElementById("quiz").addEventListener("change", function (e) {
			view.quiz = e.target.checked;
			view.select(-1);
			view.ask(-1);
			redraw();
		});
		document.getElementById("ask").addEventListener("submit", function (e) {
			e.preventDefault();
			view.answer(document.getElementById("answer").value);
			view.draw();
		});
		window.addEventListener("keydown", function (e) {
			if (e.target.tagName === "INPUT" && e.target.type !== "radio" &&
			    e.target.type !== "checkbox")
				return;
			const keys = {
				"+": function () { view.zoom(0.5, (view.x0 + view.x1) / 2); },
				"=": function () { view.zoom(0.5, (view.x0 + view.x1) / 2); },
				"-": function () { view.zoom(2, (view.x0 + view.x1) / 2); },
				"ArrowLeft": function () { view.pan(-0.2); },
				"ArrowRight": function () { view.pan(0.2); },
				"0": function () { view.fit(); },
				"l": function () { view.setAxis(view.axis === "time" ? "lamport" : "time"); },
				"q": function () { document.getElementById("quiz").click(); },
				"Escape": function () { view.select(-1); view.ask(-1); }
			};
			if (keys[e.key]) {
				e.preventDefault();
				keys[e.key]();
				redraw();
			}
		});
		window.addEventListener("resize", redraw);
	}

	/* A click on tick i through the canvas, as a person makes it. */
	function clickOn(view, i) {
		view.show(i);
		view.draw();
		const r = view.canvas.getBoundingClientRect();
		const x = r.left + view.px(view.key(i)), y = r.top + view.laneY(view.run.vm[i]);
		view.canvas.dispatchEvent(new MouseEvent("mousemove", { clientX: x, clientY: y, bubbles: true }));
		view.canvas.dispatchEvent(new MouseEvent("click", { clientX: x, clientY: y, bubbles: true }));
	}

	function counts(c) {
		return "past " + c.past + " future " + c.future + " concurrent " + c.conc;
	}

	/* The keys and the wheel, pressed as a person does: how each moves the view. */
	function keys(view) {
		const span = function () { return view.x1 - view.x0; };
		const press = function (key) {
			window.dispatchEvent(new KeyboardEvent("keydown", { key: key }));
			view.draw();
		};
		const s0 = span();
		press("+");
		const s1 = span();
		press("-");
		const s2 = span(), x0 = view.x0;
		press("ArrowRight");
		const moved = (view.x0 - x0) / span();
		const r = view.canvas.getBoundingClientRect();
		view.canvas.dispatchEvent(new WheelEvent("wheel", { deltaY: -100,
			clientX: r.left + r.width / 2, clientY: r.top + 20, cancelable: true }));
		const s3 = span();
		press("l");
		const axis = view.axis;
		press("l");
		say("selftest keys: + " + (s1 / s0).toFixed(2) + ", - " + (s2 / s1).toFixed(2) +
			", right " + moved.toFixed(2) + ", wheel up " + (s3 / s2).toFixed(2) +
			", l " + axis + " then " + view.axis);
	}

	/*
	 * #selftest=VM:SEQ: click that tick on each axis and say its cone's
	 * counts, checked event by event; then answer the quiz on it right
	 * and wrong, and say both verdicts; the page is left showing the cone.
	 */
	function selftest(view, spec) {
		const m = /^(\d+):(\d+)$/.exec(spec), run = view.run;
		let e = -1;
		for (let i = 0; m !== null && i < run.N; i++)
			if (run.vm[i] === Number(m[1]) && run.seq[i] === Number(m[2]))
				e = i;
		if (e < 0) {
			say("selftest: no tick " + spec);
			return;
		}
		for (const axis of ["lamport", "time"]) {
			view.setAxis(axis);
			clickOn(view, e);
			say("selftest " + axis + " axis: " + (view.sel === null ? "nothing selected" : counts(view.sel)));
		}
		keys(view);
		say("selftest tip: " + document.getElementById("tip").textContent.replace(/\n/g, " | "));
		say("selftest by events: " + counts(coneByEvents(run, e)));
		const quiz = document.getElementById("quiz"), form = document.getElementById("ask");
		quiz.click();
		clickOn(view, e);
		for (const guess of [run.lam[e], run.lam[e] + 1]) {
			document.getElementById("answer").value = String(guess);
			form.requestSubmit();
			say("selftest quiz " + guess + ": " + document.getElementById("verdict").textContent);
		}
		quiz.click();
		clickOn(view, e);
		view.canvas.dispatchEvent(new MouseEvent("mouseleave"));
		view.show(e);
		const a = performance.now();
		view.draw();
		view.fit();
		const b = performance.now();
		view.draw();
		say("selftest frame: " + (b - a).toFixed(1) + " ms around the tick, " +
			(performance.now() - b).toFixed(1) + " ms the whole run");
	}

	const data = JSON.parse(document.getElementById("data").textContent);
	const t0 = performance.now();
	const run = decode(data), decoded = performance.now() - t0;
	const view = new View(run);
	document.getElementById("title").textContent = run.name + " \u2014 " + run.N +
		" ticks of " + run.n + " VMs, model seconds " + run.window[0] + " to " + run.window[1];
	wire(view);
	view.draw();
	say("loaded " + run.N + " ticks of " + run.n + " VMs, drawn at " +
		Math.round(performance.now()) + " ms (decoding " + Math.round(decoded) + " ms)");
	const test = /#selftest=([^&]*)/.exec(location.hash);
	if (test !== null)
		selftest(view, test[1]);
})();

// The page of `checker serve`. Plain script, no library, no request beyond this server.
// Everything judged comes from the server: the JSON contract and the report's article, which
// the server renders with the one-report page's parts (every text escaped there). Text this
// script shows itself goes through textContent, never through markup.
(function () {
  "use strict";

  var info = null;
  var batch = 0;
  var entries = [];
  var STATUS = { present: "✔ 具备", weak: "△ 薄弱", missing: "✘ 缺失" };
  var STATUS_CLASS = { present: "ok", weak: "weak", missing: "miss" };
  var SEVERITY = { error: "错误", warning: "警告", info: "提示" };
  var AUDIT_LABELS = { xlsx: "下载 Excel 汇总表", csv: "下载排名表（CSV）", html: "下载汇总网页", json: "下载 JSON" };

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function message(text, kind) {
    var p = el("p", kind || "", text);
    $("messages").appendChild(p);
    return p;
  }

  function sizeText(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1) + " MB"; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + " KB"; }
    return bytes + " 字节";
  }

  function suffixOf(name) {
    var dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(dot).toLowerCase() : "";
  }

  async function readJson(response) {
    try { return await response.json(); } catch (e) { return {}; }
  }

  function failureText(response, data) {
    return (data && data.error) || ("服务器返回错误（" + response.status + "）");
  }

  // ------------------------------------------------------------ start

  async function init() {
    try {
      var response = await fetch("/api/info");
      info = await readJson(response);
      if (!response.ok) { throw new Error(failureText(response, info)); }
    } catch (e) {
      message("无法连接检查服务：" + e.message + "。请确认 checker serve 仍在运行。", "error");
      return;
    }
    var select = $("template");
    info.templates.forEach(function (t) {
      var option = el("option", "", t.name);
      option.value = t.id;
      select.appendChild(option);
    });
    $("formats").textContent = "支持 " + info.formats.join(" ") + "；每个文件不超过 " + sizeText(info.max_bytes) +
      "，一次最多 " + info.max_files + " 个文件";
    $("file-input").setAttribute("accept", info.formats.join(","));
    $("footer").textContent = "checker " + info.version + " · 规则包：" + info.pack.name + "（" + info.pack.version + "）";
    wireIntake();
    $("results").addEventListener("click", onResultClick);
  }

  function wireIntake() {
    var drop = $("drop");
    var input = $("file-input");
    drop.addEventListener("click", function () { input.click(); });
    drop.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); }
    });
    input.addEventListener("change", function () {
      if (input.files.length) { start(Array.prototype.slice.call(input.files)); }
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (ev) {
      ev.preventDefault();
      var files = Array.prototype.slice.call(ev.dataTransfer.files || []);
      if (files.length) { start(files); }
    });
    // A file dropped beside the zone must not make the browser leave the page to open it.
    window.addEventListener("dragover", function (ev) { ev.preventDefault(); });
    window.addEventListener("drop", function (ev) { ev.preventDefault(); });
  }

  function options() {
    return { template: $("template").value, year: $("year").value.trim() };
  }

  function formFor(files, extra) {
    var form = new FormData();
    files.forEach(function (file) { form.append(files.length > 1 ? "files" : "file", file, file.name); });
    var chosen = options();
    if (chosen.template) { form.append("template", chosen.template); }
    if (chosen.year) { form.append("year", chosen.year); }
    Object.keys(extra || {}).forEach(function (key) { form.append(key, extra[key]); });
    return form;
  }

  // ------------------------------------------------------------ checking

  function problemOf(file) {
    if (info.formats.indexOf(suffixOf(file.name)) < 0) {
      return "不支持的文件类型“" + (suffixOf(file.name) || "无扩展名") + "”（支持 " + info.formats.join(" ") + "）";
    }
    if (file.size > info.max_bytes) {
      return "文件过大（" + sizeText(file.size) + "，上限 " + sizeText(info.max_bytes) + "）";
    }
    if (file.size === 0) { return "文件为空"; }
    return null;
  }

  function start(files) {
    batch += 1;
    var mine = batch;
    $("messages").textContent = "";
    $("results").textContent = "";
    $("overview").hidden = true;
    if (files.length > info.max_files) {
      message("一次最多检查 " + info.max_files + " 个文件，已取前 " + info.max_files + " 个。");
      files = files.slice(0, info.max_files);
    }
    entries = files.map(function (file, index) {
      return { index: index, file: file, problem: problemOf(file), data: null, error: null, section: null };
    });
    document.body.classList.add("has-results");
    entries.forEach(function (entry) {
      entry.section = el("section", "result");
      entry.section.id = "result-" + entry.index;
      $("results").appendChild(entry.section);
      renderEntry(entry);
    });
    renderFiles();
    var queue = entries.filter(function (e) { return !e.problem; });
    var running = [];
    var slots = Math.max(1, Math.min(info.jobs || 2, queue.length));
    for (var k = 0; k < slots; k++) { running.push(worker(queue, mine)); }
    Promise.all(running).then(function () {
      if (mine !== batch) { return; }
      var checked = entries.filter(function (e) { return e.data; });
      // The overview counts every file the server can read a row for, as `checker audit` does:
      // the ones that failed here and the empty ones too (a row each, 无法检查), not only the checked.
      var audited = entries.filter(function (e) { return e.data || e.error || (e.problem && e.file.size === 0); });
      if (checked.length >= 2) { showOverview(audited); }
      document.body.setAttribute("data-done", String(mine));
    });
  }

  async function worker(queue, mine) {
    while (queue.length && mine === batch) {
      var entry = queue.shift();
      await checkOne(entry, mine);
    }
  }

  async function checkOne(entry, mine) {
    try {
      var response = await fetch("/api/view", { method: "POST", body: formFor([entry.file], { prefix: "r" + entry.index + "-" }) });
      var data = await readJson(response);
      if (mine !== batch) { return; }
      if (response.ok) { entry.data = data; } else { entry.error = failureText(response, data); }
    } catch (e) {
      if (mine !== batch) { return; }
      entry.error = "无法连接检查服务（" + e.message + "）";
    }
    renderEntry(entry);
    renderFiles();
  }

  function reportOf(entry) {
    return entry.data ? entry.data.document.reports[0] : null;
  }

  // ------------------------------------------------------------ showing a report

  function gradeClass(grade) {
    var names = (info.grades || []).map(function (g) { return g.grade; });
    var at = names.indexOf(grade);
    return "g" + (at < 0 ? 2 : at);
  }

  function renderEntry(entry) {
    var section = entry.section;
    section.textContent = "";
    var head = el("div", "result-head");
    section.appendChild(head);
    var report = reportOf(entry);
    var problem = entry.problem || entry.error || (report && report.error ? "无法检查：" + report.error : null);
    if (report && !report.error) { head.appendChild(verdict(report)); }
    var infoBox = el("div", "result-info");
    head.appendChild(infoBox);
    infoBox.appendChild(el("h2", "file-name", entry.file.name));
    if (problem) {
      infoBox.appendChild(el("p", "error", problem));
    } else if (!report) {
      infoBox.appendChild(el("p", "pending", "正在检查……"));
    } else {
      infoBox.appendChild(tally(report));
      infoBox.appendChild(downloads(entry, report));
      var view = el("div", "report-view");
      // The server's rendering of the report (the one-report page's article): escaped there.
      view.innerHTML = entry.data.html;
      section.appendChild(view);
    }
  }

  function verdict(report) {
    var box = el("div", "verdict");
    if (report.grade) {
      var grade = el("div", "grade " + gradeClass(report.grade));
      grade.appendChild(el("span", "", "等级"));
      grade.appendChild(el("b", "", report.grade));
      box.appendChild(grade);
    }
    var score = el("div", "score");
    score.appendChild(el("span", "", "得分"));
    score.appendChild(el("b", "", report.score));
    box.appendChild(score);
    var reasons = (report.fail_reasons || []).join("；");
    box.appendChild(el("div", "pass " + (report.passed ? "ok" : "no"),
                       report.passed ? "通过" : "未通过" + (reasons ? "（" + reasons + "）" : "")));
    return box;
  }

  function tally(report) {
    var p = el("p", "tally");
    var counts = { present: 0, weak: 0, missing: 0 };
    (report.elements || []).forEach(function (e) { counts[e.status] += 1; });
    p.appendChild(el("span", "", "必备要素："));
    ["present", "weak", "missing"].forEach(function (s) {
      p.appendChild(el("span", STATUS_CLASS[s], STATUS[s] + " " + counts[s]));
    });
    var findings = { error: 0, warning: 0, info: 0 };
    (report.findings || []).forEach(function (f) { if (!f.suppressed) { findings[f.severity] += 1; } });
    p.appendChild(el("span", "", "　问题：" + ["error", "warning", "info"].map(function (s) {
      return SEVERITY[s] + " " + findings[s];
    }).join("　")));
    return p;
  }

  function downloads(entry, report) {
    var box = el("div", "downloads");
    box.appendChild(button("下载批注稿（Word）", "primary", function (b) { return fetchDownload(b, "/api/annotate", [entry.file]); }));
    var fixes = entry.data.fixes || {};
    if (fixes.count) {
      var label = fixes.kind === "docx" ? "下载修订稿（Word 修订模式，" + fixes.count + " 处）"
        : "下载改正后的文件（" + fixes.count + " 处）";
      box.appendChild(button(label, "", function (b) { return fetchDownload(b, "/api/fix", [entry.file]); }));
    }
    box.appendChild(button("下载检查结果网页", "", function (b) { return fetchDownload(b, "/api/page", [entry.file]); }));
    box.appendChild(button("下载 JSON", "", function () {
      var name = entry.file.name.replace(/\.[^.]*$/, "") + ".检查结果.json";
      save(new Blob([JSON.stringify(entry.data.document, null, 2)], { type: "application/json" }), name);
      return Promise.resolve();
    }));
    return box;
  }

  function button(label, className, action) {
    var b = el("button", className, label);
    b.type = "button";
    b.addEventListener("click", function () {
      if (b.disabled) { return; }
      b.disabled = true;
      var before = b.textContent;
      b.textContent = "正在生成……";
      action(b).then(function () {}, function (e) { message(e.message, "error"); }).then(function () {
        b.disabled = false;
        b.textContent = before;
      });
    });
    return b;
  }

  async function fetchDownload(b, path, files, extra) {
    var response = await fetch(path, { method: "POST", body: formFor(files, extra) });
    if (!response.ok) {
      var data = await readJson(response);
      throw new Error(failureText(response, data));
    }
    var blob = await response.blob();
    save(blob, fileName(response.headers.get("Content-Disposition")) || "checker");
    var note = response.headers.get("X-Checker-Note");
    if (note) { message(decodeURIComponent(note)); }
  }

  function fileName(disposition) {
    var match = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (match) { return decodeURIComponent(match[1]); }
    match = /filename="([^"]+)"/i.exec(disposition || "");
    return match ? match[1] : null;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // ------------------------------------------------------------ several reports

  function renderFiles() {
    var nav = $("files");
    nav.textContent = "";
    nav.hidden = entries.length < 2;
    if (nav.hidden) { return; }
    var selected = nav.getAttribute("data-selected") || "all";
    var all = fileButton("汇总和全部报告", null, selected === "all");
    all.setAttribute("data-show", "all");
    nav.appendChild(all);
    entries.forEach(function (entry) {
      var report = reportOf(entry);
      var badge = null;
      if (entry.problem || entry.error || (report && report.error)) {
        badge = el("span", "badge g3", "无法检查");
      } else if (report) {
        badge = el("span", "badge " + gradeClass(report.grade), (report.grade ? report.grade + " " : "") + report.score);
      } else {
        badge = el("span", "badge", "检查中");
      }
      var b = fileButton(entry.file.name, badge, selected === String(entry.index));
      b.setAttribute("data-show", String(entry.index));
      nav.appendChild(b);
    });
  }

  function fileButton(label, badge, selected) {
    var b = el("button");
    b.type = "button";
    b.setAttribute("aria-selected", selected ? "true" : "false");
    b.appendChild(el("span", "fname", label));
    if (badge) { b.appendChild(badge); }
    b.addEventListener("click", function () { showOnly(b.getAttribute("data-show")); });
    return b;
  }

  function showOnly(which) {
    $("files").setAttribute("data-selected", which);
    entries.forEach(function (entry) { entry.section.hidden = which !== "all" && String(entry.index) !== which; });
    $("overview").hidden = which !== "all" || entries.filter(function (e) { return e.data; }).length < 2;
    renderFiles();
    if (which !== "all") { entries[Number(which)].section.scrollIntoView({ block: "start" }); }
  }

  function showOverview(checked) {
    var files = checked.map(function (e) { return e.file; });
    var form = $("audit-form");
    var input = form.querySelector("input[type=file]");
    var transfer = new DataTransfer();
    files.forEach(function (file) { transfer.items.add(file); });
    input.files = transfer.files;
    var chosen = options();
    form.elements.template.value = chosen.template;
    form.elements.year.value = chosen.year;
    // The audit page is shown as the server renders it (the same page `checker audit --html`
    // writes), in a sandboxed frame: its own sorting script runs there, apart from this page.
    form.action = "/api/audit?format=html&inline=1";
    form.submit();
    var box = $("audit-downloads");
    box.textContent = "";
    info.audit_formats.forEach(function (fmt) {
      box.appendChild(button(AUDIT_LABELS[fmt] || fmt, fmt === "xlsx" ? "primary" : "", function (b) {
        return fetchDownload(b, "/api/audit?format=" + fmt, files);
      }));
    });
    $("overview").hidden = false;
  }

  // ------------------------------------------------------------ from a finding to its passage

  function onResultClick(ev) {
    var link = ev.target.closest("a[href^='#']");
    if (!link) {
      var item = ev.target.closest("ol.findings > li");
      link = item ? item.querySelector("a[href^='#']") : null;
    }
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    ev.preventDefault();
    goTo(target);
  }

  function goTo(target) {
    Array.prototype.forEach.call(document.querySelectorAll(".report-view .current"), function (node) {
      node.classList.remove("current");
    });
    // An empty anchor (a second finding starting at the same place) marks the passage after it.
    var shown = target.textContent ? target : (target.nextElementSibling || target);
    shown.classList.add("current");
    shown.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  document.addEventListener("DOMContentLoaded", init);
})();

// auditor serve: drag and drop, upload through the API with a progress bar, waiting for the audit,
// filters that apply on change. The pages work without it (plain form posts, a refreshing page).
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function text(el, value) { if (el) { el.textContent = value; } }

  function show(el, on) { if (el) { el.hidden = !on; } }

  function poll(id, status) {
    fetch("/api/runs/" + encodeURIComponent(id), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error("查询失败")); })
      .then(function (run) {
        if (run.status === "done" || run.status === "failed") {
          window.location.assign("/runs/" + encodeURIComponent(id));
          return;
        }
        text(status, run.status === "queued" ? "排队等待审核……" : "正在审核，请稍候……");
        window.setTimeout(function () { poll(id, status); }, 1000);
      })
      .catch(function () { window.setTimeout(function () { poll(id, status); }, 3000); });
  }

  function setupUpload(form) {
    var input = form.querySelector("#files");
    var drop = form.querySelector("#drop");
    var chosen = form.querySelector("#chosen");
    var progress = form.querySelector("#progress");
    var bar = form.querySelector("#progress-bar");
    var status = form.querySelector("#progress-text");
    var error = form.querySelector("#client-error");
    var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
    var maxFiles = parseInt(form.getAttribute("data-max-files"), 10);

    function listChosen() {
      var names = [];
      for (var i = 0; i < input.files.length; i++) { names.push(input.files[i].name); }
      text(chosen, names.length ? "已选择：" + names.join("、") : "");
    }
    input.addEventListener("change", listChosen);
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        listChosen();
      }
    });

    form.addEventListener("submit", function (e) {
      if (!window.FormData || !window.XMLHttpRequest) { return; }
      e.preventDefault();
      show(error, false);
      var files = input.files, total = 0;
      if (!files.length) { text(error, "请选择要上传的导出文件"); show(error, true); return; }
      if (files.length > maxFiles) { text(error, "一次最多上传 " + maxFiles + " 个文件"); show(error, true); return; }
      for (var i = 0; i < files.length; i++) { total += files[i].size; }
      if (total > maxBytes) {
        text(error, "上传的文件太大：每次合计不超过 " + Math.round(maxBytes / 1048576) + " MB");
        show(error, true);
        return;
      }
      var data = new FormData();
      for (var j = 0; j < files.length; j++) { data.append("files", files[j], files[j].name); }
      var period = form.querySelector('input[name="period"]').value.trim();
      if (period) { data.append("period", period); }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/runs");
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.responseType = "json";
      show(progress, true);
      form.querySelector('button[type="submit"]').disabled = true;
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) {
          bar.style.width = Math.round(100 * ev.loaded / ev.total) + "%";
          text(status, "正在上传…… " + Math.round(100 * ev.loaded / ev.total) + "%");
        }
      });
      xhr.addEventListener("load", function () {
        var body = xhr.response || {};
        if (xhr.status === 202 && body.id) {
          bar.style.width = "100%";
          progress.classList.add("busy");
          text(status, "上传完成，正在审核，请稍候……");
          poll(body.id, status);
        } else {
          show(progress, false);
          progress.classList.remove("busy");
          form.querySelector('button[type="submit"]').disabled = false;
          text(error, body.error || ("上传失败（" + xhr.status + "）"));
          show(error, true);
        }
      });
      xhr.addEventListener("error", function () {
        show(progress, false);
        form.querySelector('button[type="submit"]').disabled = false;
        text(error, "上传失败：网络连接中断，请重试");
        show(error, true);
      });
      xhr.send(data);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("upload-form");
    if (form) { setupUpload(form); }
    var pending = document.getElementById("pending");
    if (pending) { poll(pending.getAttribute("data-run"), document.getElementById("run-status")); }
    var filters = document.getElementById("filters");
    if (filters) {
      Array.prototype.forEach.call(filters.querySelectorAll("select"), function (s) {
        s.addEventListener("change", function () { filters.submit(); });
      });
    }
  });
})();

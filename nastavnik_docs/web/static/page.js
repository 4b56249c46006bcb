// The coordinators' page: a message while files upload, the progress bar of a kit being made,
// focus moved to the problems. The page works without this script (the job page then reloads itself).
(function () {
  "use strict";

  var problems = document.getElementById("problems");
  if (problems) {
    problems.focus();
  }

  var upload = document.querySelector("form.upload");
  if (upload) {
    upload.addEventListener("submit", function () {
      var button = upload.querySelector("button[type=submit]");
      var busy = upload.querySelector(".busy");
      if (busy) {
        busy.textContent = upload.getAttribute("data-busy");
      }
      if (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  }

  var step = document.querySelector("[data-status]");
  if (!step) {
    return;
  }
  var address = step.getAttribute("data-status");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var pdfBar = document.getElementById("pdf-progress");
  var pdfText = document.getElementById("pdf-text");

  function poll() {
    fetch(address, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state !== "running") {
          window.location.reload();
          return;
        }
        bar.max = Math.max(status.total, 1);
        bar.value = status.done;
        text.textContent = status.done + " из " + status.total;
        if (pdfBar) {
          pdfBar.value = status.converted;
          pdfText.textContent = status.converted + " из " + status.pdfs;
        }
        window.setTimeout(poll, 500);
      })
      .catch(function () { window.setTimeout(poll, 1500); });
  }
  window.setTimeout(poll, 300);
}());

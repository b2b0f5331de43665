// Small behaviour of our own; no inline scripts anywhere (the CSP forbids them). Every page
// works without it: the server checks everything again.
document.addEventListener("htmx:responseError", function (event) {
  var target = document.getElementById("preview");
  if (target) {
    target.textContent = "The preview could not be updated (" + event.detail.xhr.status + "). Your text is still here.";
  }
});

// A message in the page's own alert box next to an element, replacing any before it.
function showProblem(near, id, text) {
  var box = document.getElementById(id);
  if (!box) {
    box = document.createElement("p");
    box.id = id;
    box.className = "problem-inline";
    box.setAttribute("role", "alert");
    near.insertAdjacentElement("afterend", box);
  }
  box.textContent = text;
  return box;
}

function clearProblem(id) {
  var box = document.getElementById(id);
  if (box) { box.remove(); }
}

// A file over the upload limit is refused here, before it is sent (and before the preview asks
// for it): a capture listener runs before htmx's own listener on the input.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) { return; }
  var limit = parseInt(input.dataset.maxBytes, 10);
  var file = input.files && input.files[0];
  if (file && file.size > limit) {
    event.stopPropagation();
    input.value = "";
    showProblem(input, "upload-size-problem", "The file " + file.name + " is too large (" +
      Math.ceil(file.size / 1048576) + " MB; the limit is " + Math.floor(limit / 1048576) +
      " MB). Choose a smaller file, or paste the report's text.");
    input.focus();
  } else {
    clearProblem("upload-size-problem");
  }
}, true);

document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button");
  if (!button) { return; }
  // the draft handout needs a report: text in the box or a chosen file
  if (button.hasAttribute("data-needs-report")) {
    var form = button.form;
    var text = form.querySelector("textarea[name=original_text]");
    var file = form.querySelector("input[type=file]");
    var empty = !(text && text.value.trim()) && !(file && file.files && file.files.length);
    if (empty) {
      event.preventDefault();
      showProblem(button.parentElement, "draft-problem",
        "Paste the report's text or choose a file first: there is nothing to make a handout from.");
      if (text) { text.focus(); }
      return;
    }
    clearProblem("draft-problem");
  }
  // a step that sends something on asks first, naming who it concerns
  if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A step that takes a while (releasing makes the PDF): its buttons are disabled as soon as it
// is sent, so a second click sends nothing, and the page says what is happening.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.sending) { event.preventDefault(); return; }
  var button = event.submitter;
  if (!button || !button.dataset.progress) { return; }
  form.dataset.sending = "1";
  var status = document.getElementById("action-progress");
  if (status) {
    status.hidden = false;
    status.querySelector("span").textContent = button.dataset.progress;
  }
  // disabled once the form's data is taken, so that the button's own action is still sent
  setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});

// Back to a page the browser kept: its buttons work again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    delete form.dataset.sending;
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
  });
  var status = document.getElementById("action-progress");
  if (status) { status.hidden = true; }
});

// Definitions shown on hover or focus go away with Escape (WCAG 1.4.13).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") { return; }
  document.body.classList.add("definitions-off");
  if (document.activeElement && document.activeElement.classList.contains("term")) {
    document.activeElement.blur();
  }
});
["mousemove", "focusin", "touchstart"].forEach(function (kind) {
  document.addEventListener(kind, function () { document.body.classList.remove("definitions-off"); },
    { passive: true });
});

// A prevalence figure the engine left out goes into the patient text with one tick (and out
// again with another); the server adds a ticked one on saving in any case.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-line][data-add-to]")) { return; }
  var text = document.getElementById(box.dataset.addTo);
  if (!text) { return; }
  var line = box.dataset.line;
  var lines = text.value.split("\n").filter(function (l) { return l.trim() && l.trim() !== line; });
  if (box.checked) { lines.push(line); }
  text.value = lines.join("\n");
  text.dispatchEvent(new Event("input", { bubbles: true }));
});

// After the preview changes, screen readers hear a line (the meters, an urgent finding, the
// problem count), not the whole preview again.
document.addEventListener("htmx:afterSwap", function (event) {
  if (!event.detail.target || event.detail.target.id !== "preview") { return; }
  var status = document.getElementById("preview-status");
  if (!status) { return; }
  var preview = event.detail.target;
  var parts = ["Preview updated."];
  if (preview.querySelector(".urgent-banner")) { parts.push("Urgent finding."); }
  preview.querySelectorAll(".meter").forEach(function (meter) {
    var label = meter.querySelector(".meter-label");
    var value = meter.querySelector(".meter-value");
    if (label && value) { parts.push(label.textContent.trim() + " " + value.textContent.trim() + "."); }
  });
  var problems = preview.querySelectorAll(".problems li").length;
  if (problems) { parts.push(problems + " safety problem" + (problems > 1 ? "s" : "") + "."); }
  var refused = preview.querySelector(".error-summary");
  if (refused) { parts.push(refused.textContent.trim()); }
  status.textContent = parts.join(" ");
});

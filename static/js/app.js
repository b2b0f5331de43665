// Small behaviour of our own; no inline scripts anywhere (the CSP forbids them).
document.addEventListener("htmx:responseError", function (event) {
  var target = document.getElementById("preview");
  if (target) {
    target.textContent = "The preview could not be updated (" + event.detail.xhr.status + "). Your text is still here.";
  }
});

// Reorder a list's bullets by dragging them with the mouse (the Up and Down buttons do the
// same by keyboard). A drop posts the form with op "<list>:<from>:to:<to>", as a button would.
(function () {
  "use strict";
  let dragged = null;
  function bulletOf(node) {
    return node && node.closest ? node.closest(".bullet[data-list]") : null;
  }
  document.addEventListener("dragstart", function (event) {
    const handle = event.target.closest && event.target.closest(".drag");
    if (!handle) { return; }
    dragged = bulletOf(handle);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.list + ":" + dragged.dataset.index);
    dragged.classList.add("dragging");
  });
  document.addEventListener("dragover", function (event) {
    const over = bulletOf(event.target);
    if (dragged && over && over.dataset.list === dragged.dataset.list) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    }
  });
  document.addEventListener("drop", function (event) {
    const over = bulletOf(event.target);
    if (!dragged || !over || over.dataset.list !== dragged.dataset.list || over === dragged) {
      return;
    }
    event.preventDefault();
    const form = over.closest("form");
    const op = document.createElement("input");
    op.type = "hidden";
    op.name = "op";
    op.value = dragged.dataset.list + ":" + dragged.dataset.index + ":to:" + over.dataset.index;
    form.appendChild(op);
    form.submit();
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
  });
})();

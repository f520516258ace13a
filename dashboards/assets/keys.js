// Keyboard navigation of the timeline: ArrowLeft/ArrowRight move between events in the
// selected event's lane, Enter opens its evidence, Escape closes it. Keys typed into
// inputs, dropdowns or the table are left alone. The key is handed to the server through
// the `keys` store, where the view-state callback handles it.
(function () {
    var HANDLED = ["ArrowLeft", "ArrowRight", "Enter", "Escape"];
    var OWN_KEYS = "input, textarea, select, [contenteditable], .ag-root-wrapper, " +
        "[role=listbox], [role=combobox], .dash-dropdown, .DateRangePicker";
    document.addEventListener("keydown", function (event) {
        var target = event.target;
        if (HANDLED.indexOf(event.key) < 0) { return; }
        if (target && target.closest && target.closest(OWN_KEYS)) { return; }
        if (event.key === "Enter" && target && target.closest &&
            target.closest("button, a, summary")) { return; }
        if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
        event.preventDefault();
        window.dash_clientside.set_props("keys", {data: {key: event.key, t: Date.now()}});
    });
})();

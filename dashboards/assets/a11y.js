// Repairs the ARIA of Dash 4's own components, which axe-core reports as serious or
// critical and which their props cannot change:
// - RadioItems and Checklists render a role=listbox of role=option labels holding real
//   radio or checkbox inputs (an unnamed list, controls nested in controls): they become a
//   radiogroup or group named by the filter's label, the native inputs keeping their own
//   semantics;
// - each Dropdown keeps a hidden focus-target input that Tab still reaches
//   (aria-hidden yet focusable): it is taken out of the Tab order (still focusable by code);
// - DatePickerRange puts aria-expanded/aria-haspopup on a plain wrapper div and names it by
//   ids that do not exist ("undefined"); its clear control is an <a> without href carrying
//   an aria-label: the wrapper loses the attributes a div may not have and the dead ids,
//   and the clear control becomes a keyboard-operable button.
// Each repair only sets what differs, so it runs again harmlessly after every re-render.
(function () {
    function set(el, name, value) {
        if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
    }
    function drop(el, name) {
        if (el.hasAttribute(name)) { el.removeAttribute(name); }
    }
    function nameOf(el) {
        var label = el.closest(".filter") && el.closest(".filter").querySelector("label");
        return label ? label.textContent.trim() : "";
    }
    function repair() {
        var lists = ".dash-radioitems[role=listbox], .dash-checklist[role=listbox]";
        document.querySelectorAll(lists).forEach(function (group) {
            set(group, "role", group.matches(".dash-radioitems") ? "radiogroup" : "group");
            if (!group.getAttribute("aria-label") && nameOf(group)) {
                set(group, "aria-label", nameOf(group));
            }
            group.querySelectorAll("[role=option]").forEach(function (option) {
                drop(option, "role");
                drop(option, "aria-selected");
            });
        });
        document.querySelectorAll("input.dash-dropdown-focus-target[aria-hidden=true]")
            .forEach(function (input) { set(input, "tabindex", "-1"); });
        document.querySelectorAll(".dash-datepicker-input-wrapper").forEach(function (wrap) {
            drop(wrap, "aria-expanded");
            drop(wrap, "aria-haspopup");
            var ids = (wrap.getAttribute("aria-labelledby") || "").split(/\s+/)
                .filter(function (id) { return id && document.getElementById(id); });
            if (ids.length) { set(wrap, "aria-labelledby", ids.join(" ")); }
            else { drop(wrap, "aria-labelledby"); }
        });
        document.querySelectorAll("a.dash-datepicker-clear:not([href])").forEach(function (a) {
            set(a, "role", "button");
            set(a, "tabindex", "0");
        });
    }
    var queued = false;
    function schedule() {
        if (queued) { return; }
        queued = true;
        requestAnimationFrame(function () { queued = false; repair(); });
    }
    document.addEventListener("keydown", function (event) {
        var target = event.target;
        if ((event.key === "Enter" || event.key === " ") && target.matches &&
                target.matches("a.dash-datepicker-clear[role=button]")) {
            event.preventDefault();
            target.click();
        }
    });
    new MutationObserver(schedule).observe(document.documentElement,
                                           {childList: true, subtree: true});
    schedule();
})();

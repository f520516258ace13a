// String.prototype.trim as the language defines it, restored over Dash's polyfill.
// Dash serves babel-polyfill (core-js 2) ahead of every page; core-js 2 still counts
// U+180E as white space, so in every current browser it judges the native trim broken
// and installs a regex version many times slower. plotly.js trims every colour it
// parses, several per drawn mark, which made that trim a large part of the time to draw
// the timeline. This one removes exactly what the standard method removes (WhiteSpace
// and LineTerminator code points) from both ends.
(function () {
    function white(c) {
        return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 ||
            (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
            c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
    }
    if ("\u180e".trim() !== "") { return; }  // the native method is in place
    Object.defineProperty(String.prototype, "trim", {
        configurable: true, writable: true, enumerable: false,
        value: function trim() {
            if (this === null || this === undefined) {
                throw new TypeError("String.prototype.trim called on null or undefined");
            }
            var s = String(this), start = 0, end = s.length;
            while (start < end && white(s.charCodeAt(start))) { start++; }
            while (end > start && white(s.charCodeAt(end - 1))) { end--; }
            return start === 0 && end === s.length ? s : s.slice(start, end);
        },
    });
})();

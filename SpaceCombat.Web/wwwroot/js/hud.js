// Turn timers count down in the browser from the server's deadline, so no server render (and no inbound
// acknowledgement that would count as player activity) is needed each second. The server still ends the turn.
(() => {
    const format = ms => {
        const seconds = Math.max(0, Math.ceil(ms / 1000));
        return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
    };
    const tick = () => {
        for (const el of document.querySelectorAll("[data-deadline]")) {
            const deadline = Number(el.dataset.deadline);
            if (el._deadline !== deadline) {
                el._deadline = deadline;
                el._offset = Number(el.dataset.serverNow) - Date.now();
            }
            const remaining = deadline - (Date.now() + el._offset);
            const text = format(remaining);
            if (el.textContent !== text) el.textContent = text;
            el.classList.toggle("sc-timer-low", remaining <= 10000);
        }
    };
    setInterval(tick, 250);
    window.spaceCombat = {
        copy: text => navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : false,
        tick,
    };
})();

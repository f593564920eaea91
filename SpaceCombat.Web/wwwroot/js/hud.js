// Turn timers count down in the browser from the time the server says is left, so no server render (and no inbound
// acknowledgement that would count as player activity) is needed each second. The server still ends the turn.
// The same tick marks the tab (favicon) while it is the player's turn and plays the optional turn sound.
(() => {
    const soundKey = "spaceCombat.turnSound";
    const format = (ms, short) => {
        const seconds = Math.max(0, Math.ceil(ms / 1000));
        const minutes = Math.floor(seconds / 60);
        return `${short ? minutes : String(minutes).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
    };
    const soundOn = () => { try { return localStorage.getItem(soundKey) === "on"; } catch { return false; } };
    let audio = null;
    const beep = () => {
        try {
            audio ??= new AudioContext();
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            oscillator.frequency.value = 880;
            gain.gain.setValueAtTime(0.15, audio.currentTime);
            gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start();
            oscillator.stop(audio.currentTime + 0.35);
        } catch { /* no audio here: the title and favicon still say it */ }
    };
    let defaultIcon = null;
    let wasMyTurn = false;
    // The battle page's live title: copied from the page rather than rendered into the head by the server (Battle.razor).
    const copyTitle = () => {
        const source = document.querySelector("[data-page-title]");
        const title = source?.getAttribute("data-page-title");
        if (title && document.title !== title) document.title = title;
    };
    const markTurn = () => {
        const indicator = document.querySelector(".sc-hud [data-testid=turn-indicator]");
        const myTurn = !!indicator && indicator.textContent.trim() === "Your turn";
        const icon = document.querySelector("link[rel=icon]");
        if (icon) {
            defaultIcon ??= icon.getAttribute("href");
            const wanted = myTurn ? "favicon-turn.svg" : defaultIcon;
            if (icon.getAttribute("href") !== wanted) {
                icon.setAttribute("type", myTurn ? "image/svg+xml" : "image/png");
                icon.setAttribute("href", wanted);
            }
        }
        if (myTurn && !wasMyTurn && soundOn()) beep();
        wasMyTurn = myTurn;
        for (const toggle of document.querySelectorAll("[data-sound-toggle]")) {
            const pressed = soundOn() ? "true" : "false";
            if (toggle.getAttribute("aria-pressed") !== pressed) toggle.setAttribute("aria-pressed", pressed);
        }
    };
    const show = (el, remaining) => {
        const text = format(remaining, el.dataset.clock === "short");
        if (el.textContent !== text) el.textContent = text;
        el.classList.toggle("sc-timer-low", remaining <= 10000);
    };
    const tick = () => {
        // The turn timer: the time left as the server rendered the turn's deadline, restarted when the time or the turn
        // changes (the same time left can start two turns).
        for (const el of document.querySelectorAll("[data-time-left]")) {
            const stamp = `${el.dataset.clockTurn}/${el.dataset.timeLeft}`;
            if (el._stamp !== stamp) {
                el._stamp = stamp;
                el._deadline = Date.now() + Number(el.dataset.timeLeft);
            }
            show(el, el._deadline - Date.now());
        }
        // A deadline with the server's time as it was sent (the presence notice's forfeit clock).
        for (const el of document.querySelectorAll("[data-deadline]")) {
            const deadline = Number(el.dataset.deadline);
            if (el._deadline !== deadline) {
                el._deadline = deadline;
                el._offset = Number(el.dataset.serverNow) - Date.now();
            }
            show(el, deadline - (Date.now() + el._offset));
        }
        markTurn();
        copyTitle();
    };
    // The sound toggle is the browser's alone (remembered in local storage); the server never renders its state.
    document.addEventListener("click", event => {
        const toggle = event.target.closest?.("[data-sound-toggle]");
        if (!toggle) return;
        const on = !soundOn();
        try { localStorage.setItem(soundKey, on ? "on" : "off"); } catch { /* private mode: on for this page only */ }
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
        if (on) beep();
    });
    setInterval(tick, 250);
    // End Turn disables as it is clicked, before the round trip, so a double click sends one command. On the window
    // and in the bubbling phase: Blazor (on the document) has taken the click by then; it ignores clicks on disabled
    // buttons. The next turn's button is a new element; a refused click re-enables it after a moment.
    window.addEventListener("click", event => {
        const button = event.target instanceof Element ? event.target.closest("button[data-disable-on-click]") : null;
        if (button && !button.disabled) {
            button.disabled = true;
            setTimeout(() => { if (button.isConnected) button.disabled = false; }, 3000);
        }
    });
    // "Reconnect" on a page whose circuit the server closed: plain markup, as the circuit can no longer handle a click.
    document.addEventListener("click", event => {
        if (event.target instanceof Element && event.target.closest("[data-reload]")) {
            location.reload();
        }
    });
    window.spaceCombat = {
        copy: text => navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : false,
        download: (fileName, type, content) => {
            const url = URL.createObjectURL(new Blob([content], { type }));
            const link = document.createElement("a");
            link.href = url;
            link.download = fileName;
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 10000);
        },
        tick,
        // The server is closing this page's circuit (its notice is on the page): no reconnect dialog and no automatic
        // reload from now on, and the circuit is ended from this side too (Blazor's own disconnect beacon).
        closed: false,
        closePage: () => {
            window.spaceCombat.closed = true;
            window.Blazor?.disconnect?.();
        },
    };
})();

// Starts Blazor with a reconnection schedule that never gives up while the server is away (a restart, a crash, a
// deploy) and tries again at most every 5 s, so a page notices within seconds that the server answers again. The
// server that comes back no longer knows this page's circuit: the reconnect modal then reloads the page (see
// ReconnectModal.razor.js), and the battle page restores the player's seat from local storage.
(() => {
    const slowestRetryMs = 5000;
    const retryIntervalMilliseconds = previousAttempts => {
        if (previousAttempts < 3) {
            return 500;
        }
        // Doubling up to the slowest, with jitter so a thousand pages do not knock on the same instant.
        const backoff = Math.min(slowestRetryMs, 1000 * 2 ** (previousAttempts - 3));
        return Math.round(backoff * (0.8 + 0.2 * Math.random()));
    };
    // A click on a control meant for one of the player's turns reports the turn it was rendered for (its
    // data-for-turn), so the server refuses a click that arrives after that turn (TurnClickEventArgs.cs).
    Blazor.registerCustomEventType("turnclick", {
        browserEventName: "click",
        createEventArgs: event => {
            const control = event.target instanceof Element ? event.target.closest("[data-for-turn]") : null;
            const turn = control ? Number.parseInt(control.getAttribute("data-for-turn"), 10) : Number.NaN;
            return { turn: Number.isInteger(turn) ? turn : -1 };
        },
    });
    Blazor.start({
        circuit: {
            reconnectionOptions: {
                // Effectively endless (a day at the slowest interval): the page keeps waiting for the server.
                maxRetries: 20000,
                retryIntervalMilliseconds,
            },
        },
    });
})();

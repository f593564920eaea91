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

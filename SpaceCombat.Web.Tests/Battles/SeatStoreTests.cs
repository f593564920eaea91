using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class SeatStoreTests
{
    /// <summary>A browser with site storage blocked: every localStorage call fails as Chromium's does.</summary>
    private sealed class BlockedStorage : IJSRuntime
    {
        public int Calls;

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            Calls++;
            throw new JSException("SecurityError: Failed to read the 'localStorage' property from 'Window': Access is denied for this document.");
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }

    [Fact]
    public async Task With_storage_blocked_the_seat_is_kept_for_the_circuit_and_the_store_says_a_reload_loses_it()
    {
        var browser = new BlockedStorage();
        var store = new SeatStore(new ProtectedLocalStorage(browser, new EphemeralDataProtectionProvider()), NullLogger<SeatStore>.Instance);
        Assert.False(store.IsStorageBlocked);

        await store.SaveAsync(new SeatGrant("ABCDEF", Side.One, "seat-token"));

        Assert.True(store.IsStorageBlocked);
        Assert.Equal("seat-token", await store.LoadAsync("ABCDEF"));
        Assert.Null(await store.LoadAsync("ZZZZZZ"));
        // Once blocked, the browser is not asked again.
        Assert.Equal(1, browser.Calls);
    }
}

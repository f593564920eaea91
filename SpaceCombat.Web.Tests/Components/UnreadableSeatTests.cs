using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using BattlePage = SpaceCombat.Web.Components.Pages.Battle;

namespace SpaceCombat.Web.Tests.Components;

/// <summary>
/// A browser that holds a seat the server cannot read (the server's keys were lost, or the value altered) is told so
/// on the battle page, instead of silently being shown the battle as a spectator.
/// </summary>
public sealed class UnreadableSeatTests : MudBunitContext
{
    public UnreadableSeatTests()
        : base(services =>
        {
            services.AddAppServices();
            // The server's keys, and the seat store's browser storage protected with them.
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            services.AddScoped(provider => new ProtectedLocalStorage(provider.GetRequiredService<IJSRuntime>(), provider.GetRequiredService<IDataProtectionProvider>()));
        })
    {
    }

    /// <summary>Captures what protected storage writes to localStorage, as the browser would keep it.</summary>
    private sealed class StoredValue : IJSRuntime
    {
        public string? Value { get; private set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            Value = (string?)args![1];
            return ValueTask.FromResult(default(TValue)!);
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }

    private async Task<SeatGrant> CreateAiBattleAsync()
    {
        var (grant, problem) = await Services.GetRequiredService<IBattleRegistry>().CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "scout", RangeBand.Medium));
        Assert.Null(problem);
        return grant!;
    }

    /// <summary>The browser's stored seat for the battle, as protected by a server holding <paramref name="keys"/>.</summary>
    private async Task BrowserHoldsSeatAsync(SeatGrant grant, IDataProtectionProvider keys)
    {
        var browser = new StoredValue();
        await new ProtectedLocalStorage(browser, keys).SetAsync($"spacecombat.seat.{grant.BattleId}", grant.Token);
        JSInterop.Setup<string?>("localStorage.getItem", $"spacecombat.seat.{grant.BattleId}").SetResult(browser.Value);
    }

    private IRenderedComponent<BattlePage> RenderBattle(string battleId)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/battle/{battleId}");
        return Render<BattlePage>(parameters => parameters.Add(p => p.Id, battleId));
    }

    [Fact]
    public async Task A_seat_protected_with_keys_the_server_no_longer_has_is_reported_and_the_page_shows_the_battle()
    {
        var grant = await CreateAiBattleAsync();
        await BrowserHoldsSeatAsync(grant, new EphemeralDataProtectionProvider());

        var page = RenderBattle(grant.BattleId);

        page.WaitForAssertion(() => Assert.Equal(BattlePage.SeatUnreadableMessage, page.Find("[data-testid=seat-unreadable]").TextContent.Trim()));
        Assert.Null(Services.GetRequiredService<CombatSession>().Seat);
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "localStorage.removeItem");
    }

    [Fact]
    public async Task A_seat_the_server_can_read_is_restored_without_a_message()
    {
        var grant = await CreateAiBattleAsync();
        await BrowserHoldsSeatAsync(grant, Services.GetRequiredService<IDataProtectionProvider>());

        var page = RenderBattle(grant.BattleId);

        page.WaitForAssertion(() => Assert.Equal(grant.Side, Services.GetRequiredService<CombatSession>().Seat));
        Assert.Empty(page.FindAll("[data-testid=seat-unreadable]"));
    }
}

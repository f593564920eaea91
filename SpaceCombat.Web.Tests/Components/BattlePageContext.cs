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
/// bUnit tests of the battle page: the app's services, the server's Data Protection keys and the seat store's protected
/// browser storage over them. A test creates a battle, puts its seat in the browser's storage, then opens the page.
/// </summary>
public abstract class BattlePageContext : MudBunitContext
{
    protected BattlePageContext()
        : base(services =>
        {
            services.AddAppServices();
            // The server's keys, and the seat store's browser storage protected with them.
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            services.AddScoped(provider => new ProtectedLocalStorage(provider.GetRequiredService<IJSRuntime>(), provider.GetRequiredService<IDataProtectionProvider>()));
        })
    {
    }

    /// <summary>The server's own keys (a seat protected with other keys cannot be read).</summary>
    protected IDataProtectionProvider ServerKeys => Services.GetRequiredService<IDataProtectionProvider>();

    protected async Task<SeatGrant> CreateAiBattleAsync()
    {
        var (grant, problem) = await Services.GetRequiredService<IBattleRegistry>().CreateAsync(new NewBattleRequest(OpponentKind.Ai, "scout", "scout", RangeBand.Medium));
        Assert.Null(problem);
        return grant!;
    }

    /// <summary>The browser's stored seat for the battle, as protected by a server holding <paramref name="keys"/>.</summary>
    protected async Task BrowserHoldsSeatAsync(SeatGrant grant, IDataProtectionProvider keys)
    {
        var browser = new StoredValue();
        await new ProtectedLocalStorage(browser, keys).SetAsync($"spacecombat.seat.{grant.BattleId}", grant.Token);
        JSInterop.Setup<string?>("localStorage.getItem", $"spacecombat.seat.{grant.BattleId}").SetResult(browser.Value);
    }

    protected IRenderedComponent<BattlePage> RenderBattle(string battleId)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/battle/{battleId}");
        return Render<BattlePage>(parameters => parameters.Add(p => p.Id, battleId));
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
}

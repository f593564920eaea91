using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Core.Rules;
using SpaceCombat.Web.Battles;
using SpaceCombat.Web.Components.Pages;
using Bunit.TestDoubles;

namespace SpaceCombat.Web.Tests;

/// <summary>The pages a battle circuit passes through before its battle: new battle and join.</summary>
public sealed class SetupPagesTests : MudBunitContext
{
    public SetupPagesTests()
        : base(services =>
        {
            services.AddAppServices();
            // The seat store's browser storage, which the Blazor Server services would provide.
            services.AddScoped(provider => new ProtectedLocalStorage(
                provider.GetRequiredService<Microsoft.JSInterop.IJSRuntime>(), new EphemeralDataProtectionProvider()));
        })
    {
    }

    // Every circuit that shows a MudBlazor popover (MudSelect's list is one) starts its popover service: a JS module
    // and a timer for the rest of the circuit's life, cancelled with an exception when the circuit closes. Battles
    // never show a popover, so the pages on the way to one must not start it either.
    [Fact]
    public void New_battle_page_offers_its_choices_without_starting_the_popover_service()
    {
        var page = RenderAt<NewBattle>("/new?opponent=ai&ship=patrol_corvette&range=Short");

        Assert.Equal("patrol_corvette", page.Find("[data-testid=ship-select]").GetAttribute("value"));
        Assert.Equal("Short", page.Find("[data-testid=range-select]").GetAttribute("value"));
        Assert.Equal(ShipRosterCount, page.FindAll("[data-testid=enemy-select] option").Count);
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mudPopover", StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_choice_updates_the_summary_and_an_unknown_option_changes_nothing()
    {
        var page = RenderAt<NewBattle>("/new?opponent=ai");

        page.Find("[data-testid=enemy-select]").Change("safari_ship");
        page.Find("[data-testid=range-select]").Change(nameof(RangeBand.Long));
        Assert.Contains("Enemy: Type-K Safari Ship (AI)", page.Find("[data-testid=setup-summary]").TextContent);
        Assert.Contains("Start: Long", page.Find("[data-testid=setup-summary]").TextContent);

        page.Find("[data-testid=range-select]").Change("Nowhere");
        Assert.Contains("Start: Long", page.Find("[data-testid=setup-summary]").TextContent);
    }

    [Fact]
    public void The_opponent_radios_show_the_choice_and_switch_between_the_AI_and_a_person_without_MudBlazor_key_interception()
    {
        var page = RenderAt<NewBattle>("/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Short");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        Assert.True(Radio(page, "ai").HasAttribute("checked"));
        Assert.False(Radio(page, "person").HasAttribute("checked"));
        Assert.Contains("mud-checked", Radio(page, "ai").ParentElement!.ClassName, StringComparison.Ordinal);

        Radio(page, "person").Change(true);
        Assert.Equal("http://localhost/new?opponent=person&ship=scout&range=Short", navigation.Uri);
        Assert.True(Radio(page, "person").HasAttribute("checked"));
        Assert.False(Radio(page, "ai").HasAttribute("checked"));
        Assert.Empty(page.FindAll("[data-testid=enemy-select]"));
        Assert.Contains("Enemy: a person, who picks a ship", page.Find("[data-testid=setup-summary]").TextContent);

        Radio(page, "ai").Change(true);
        Assert.Equal("http://localhost/new?opponent=ai&ship=scout&enemyShip=free_trader&range=Short", navigation.Uri);
        Assert.Single(page.FindAll("[data-testid=enemy-select]"));
        Assert.Equal("Against the AI", Radio(page, "ai").Closest("label")!.TextContent.Trim());
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mudKeyInterceptor", StringComparison.Ordinal));

        static AngleSharp.Dom.IElement Radio(IRenderedComponent<NewBattle> page, string value) =>
            page.Find($"[data-testid=opponent] input[type=radio][name=opponent][value={value}]");
    }

    [Fact]
    public async Task Join_page_offers_the_ships_without_starting_the_popover_service()
    {
        var (creator, problem) = await Services.GetRequiredService<IBattleRegistry>().CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Medium));
        Assert.Null(problem);

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/join/{creator!.BattleId}?ship=free_trader");
        var page = Render<Join>(parameters => parameters.Add(p => p.Code, creator.BattleId));

        page.WaitForAssertion(() => Assert.Equal("free_trader", page.Find("[data-testid=ship-select]").GetAttribute("value")));
        Assert.Equal(ShipRosterCount, page.FindAll("[data-testid=ship-select] option").Count);
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mudPopover", StringComparison.Ordinal));
    }

    [Fact]
    public void Prerendered_join_page_shows_a_labelled_loading_bar_and_holds_no_MudBlazor_component()
    {
        UseStaticRenderer();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/join/K7QXPD");

        var page = Render<Join>(parameters => parameters.Add(p => p.Code, "K7QXPD"));

        var bar = page.Find("[role=progressbar]");
        Assert.Equal("Loading the battle", bar.GetAttribute("aria-label"));
        Assert.Contains("mud-progress-indeterminate", bar.ClassList);
        Assert.Empty(page.FindComponents<MudBlazor.MudProgressLinear>());
        Assert.Empty(page.FindAll("[data-testid=ship-select]"));
    }

    [Fact]
    public async Task Join_page_says_when_the_links_ship_is_unknown_and_lists_the_ships()
    {
        var (creator, _) = await Services.GetRequiredService<IBattleRegistry>().CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Medium));

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/join/{creator!.BattleId}?ship={Uri.EscapeDataString("<b>battlestar</b>")}");
        var page = Render<Join>(parameters => parameters.Add(p => p.Code, creator.BattleId));

        var notice = page.WaitForElement("[data-testid=join-unknown-ship]");
        Assert.Contains("\"<b>battlestar</b>\" that does not exist", notice.TextContent);
        Assert.Empty(notice.QuerySelectorAll("b"));
        foreach (var ship in SpaceCombat.Core.Ships.ShipRoster.All)
        {
            Assert.Contains(ship.Id, notice.TextContent);
        }
        Assert.Equal("/ships", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("scout", page.Find("[data-testid=ship-select]").GetAttribute("value"));
    }

    [Fact]
    public async Task Join_page_with_a_known_ship_shows_no_notice()
    {
        var (creator, _) = await Services.GetRequiredService<IBattleRegistry>().CreateAsync(new NewBattleRequest(OpponentKind.Person, "scout", null, RangeBand.Medium));

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/join/{creator!.BattleId}?ship=free_trader");
        var page = Render<Join>(parameters => parameters.Add(p => p.Code, creator.BattleId));

        page.WaitForAssertion(() => Assert.Equal("free_trader", page.Find("[data-testid=ship-select]").GetAttribute("value")));
        Assert.Empty(page.FindAll("[data-testid=join-unknown-ship]"));
    }

    [Fact]
    public void The_address_follows_each_choice_in_place_and_the_link_can_be_copied()
    {
        var page = RenderAt<NewBattle>("/new?opponent=ai");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        page.Find("[data-testid=ship-select]").Change("seeker");
        page.Find("[data-testid=range-select]").Change(nameof(RangeBand.VeryLong));

        var last = navigation.History.First();
        Assert.True(last.Options.ReplaceHistoryEntry, "the address is replaced, not pushed");
        Assert.Equal("http://localhost/new?opponent=ai&ship=seeker&enemyShip=free_trader&range=VeryLong", navigation.Uri);
        Assert.Equal("seeker", page.Find("[data-testid=ship-select]").GetAttribute("value"));

        JSInterop.Setup<bool>("spaceCombat.copy", _ => true).SetResult(true);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Copy scenario link").Click();
        var copy = JSInterop.Invocations.Single(i => i.Identifier == "spaceCombat.copy");
        Assert.Equal(navigation.Uri, copy.Arguments[0]);
        // The page shows its own snackbars: the layout has no provider.
        page.WaitForAssertion(() => Assert.Equal("Scenario link copied.", page.Find(".mud-snackbar .mud-snackbar-content-message").TextContent.Trim()));
    }

    [Fact]
    public void A_lopsided_match_up_is_flagged_with_the_engines_odds_and_an_even_one_is_not()
    {
        var page = RenderAt<NewBattle>("/new?opponent=ai&ship=scout&enemyShip=patrol_corvette&range=Close");

        page.WaitForAssertion(() => Assert.Matches(
            @"^A lopsided match-up: the Type-S Scout wins \d+ % of these from Close \(AI against AI, 200 battles\)\.$",
            page.Find("[data-testid=matchup-warning]").TextContent.Trim()), TimeSpan.FromSeconds(20));

        page.Find("[data-testid=enemy-select]").Change("scout");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=matchup-warning]")), TimeSpan.FromSeconds(20));
    }

    private IRenderedComponent<TPage> RenderAt<TPage>(string uri) where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<TPage>();
    }

    private static int ShipRosterCount => SpaceCombat.Core.Ships.ShipRoster.All.Count;
}

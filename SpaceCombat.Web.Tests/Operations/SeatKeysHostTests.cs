using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.JSInterop;
using Microsoft.Extensions.DependencyInjection;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

/// <summary>
/// A seat token the app protected still opens in the next process started on the same content root (its Data
/// Protection keys are kept in the content root's data/keys folder), and not in a process with other keys.
/// </summary>
[Collection(ApplicationHostCollection.Name)]
public sealed class SeatKeysHostTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "spacecombat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private WebApplicationFactory<SpaceCombatOptions> StartApp(string contentRoot)
    {
        Directory.CreateDirectory(contentRoot);
        var factory = new WebApplicationFactory<SpaceCombatOptions>().WithWebHostBuilder(builder => builder.UseContentRoot(contentRoot));
        _ = factory.Server;
        return factory;
    }

    private static ProtectedLocalStorage StorageOf(WebApplicationFactory<SpaceCombatOptions> app, IJSRuntime browser) =>
        new(browser, app.Services.GetRequiredService<IDataProtectionProvider>());

    [Fact]
    public async Task A_seat_token_protected_by_one_process_opens_in_the_next_on_the_same_content_root()
    {
        var browser = new BrowserLocalStorage();
        await using (var first = StartApp(_root))
        {
            await StorageOf(first, browser).SetAsync("spacecombat.seat.ABCDEF", "seat-token");
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "data", "keys"), "key-*.xml"));

        await using var second = StartApp(_root);
        var read = await StorageOf(second, browser).GetAsync<string>("spacecombat.seat.ABCDEF");

        Assert.True(read.Success);
        Assert.Equal("seat-token", read.Value);
    }

    [Fact]
    public async Task A_process_with_other_keys_cannot_read_the_seat_token()
    {
        var browser = new BrowserLocalStorage();
        await using (var first = StartApp(Path.Combine(_root, "first")))
        {
            await StorageOf(first, browser).SetAsync("spacecombat.seat.ABCDEF", "seat-token");
        }

        await using var other = StartApp(Path.Combine(_root, "other"));
        await Assert.ThrowsAsync<CryptographicException>(async () => await StorageOf(other, browser).GetAsync<string>("spacecombat.seat.ABCDEF"));
    }
}

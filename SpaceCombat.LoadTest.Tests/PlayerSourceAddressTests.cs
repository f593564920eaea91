using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpaceCombat.CircuitClient;
using SpaceCombat.LoadTest.Scenario;

namespace SpaceCombat.LoadTest.Tests;

/// <summary>Each simulated player connects from its own loopback address, for its page loads and its circuit's WebSocket.</summary>
public sealed class PlayerSourceAddressTests
{
    [Fact]
    public void Players_get_distinct_IPv4_loopback_addresses_never_the_servers_own()
    {
        var addresses = Enumerable.Range(0, 70_000).Select(player => LoopbackSourceAddresses.For(player)).ToList();

        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.All(addresses, address =>
        {
            Assert.Equal(AddressFamily.InterNetwork, address.AddressFamily);
            Assert.True(IPAddress.IsLoopback(address), $"{address} is not loopback");
            Assert.NotEqual(0, address.GetAddressBytes()[1]); // never 127.0.x.y, where the server listens
        });
        Assert.Equal(IPAddress.Parse("127.1.0.1"), LoopbackSourceAddresses.For(0));
        Assert.Equal(IPAddress.Parse("127.1.0.2"), LoopbackSourceAddresses.For(1));
    }

    [Fact]
    public async Task The_driver_gives_every_player_it_connects_an_address_of_its_own_unless_told_single()
    {
        var perPlayer = new CircuitDriver(LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000"]), new Uri("http://127.0.0.1:5000/"));
        await using (perPlayer)
        {
            using var creator = perPlayer.ConnectPlayer();
            using var joiner = perPlayer.ConnectPlayer();
            Assert.NotNull(creator.SourceAddress);
            Assert.NotEqual(creator.SourceAddress, joiner.SourceAddress);
            Assert.NotSame(creator.Http, joiner.Http);
        }

        var single = new CircuitDriver(LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--source-addresses", "single"]), new Uri("http://127.0.0.1:5000/"));
        await using (single)
        {
            using var creator = single.ConnectPlayer();
            using var joiner = single.ConnectPlayer();
            Assert.Null(creator.SourceAddress);
            Assert.Same(creator.Http, joiner.Http);
        }
    }

    [Fact]
    public async Task Each_player_reaches_the_server_from_its_own_address_for_pages_and_for_its_circuit()
    {
        await using var server = await AddressEchoServer.StartAsync();
        using var first = PlayerConnection.From(LoopbackSourceAddresses.For(0));
        using var second = PlayerConnection.From(LoopbackSourceAddresses.For(1));

        Assert.Equal("127.1.0.1", await first.Http.GetStringAsync(server.PageUri));
        Assert.Equal("127.1.0.2", await second.Http.GetStringAsync(server.PageUri));
        Assert.Equal("127.1.0.1", await server.CircuitAddressAsync(first));
        Assert.Equal("127.1.0.2", await server.CircuitAddressAsync(second));
    }

    [Fact]
    public async Task With_single_source_address_every_player_is_the_machines_one_client()
    {
        await using var server = await AddressEchoServer.StartAsync();
        using var handler = PlayerConnection.CreateHandler(sourceAddress: null);
        using var http = PlayerConnection.CreateClient(handler);
        using var player = PlayerConnection.Shared(http);

        Assert.Equal("127.0.0.1", await player.Http.GetStringAsync(server.PageUri));
        Assert.Equal("127.0.0.1", await server.CircuitAddressAsync(player));
    }

    [Theory]
    [InlineData(new string[0], SourceAddressMode.LoopbackPerPlayer)]
    [InlineData(new[] { "--source-addresses", "single" }, SourceAddressMode.Single)]
    [InlineData(new[] { "--source-addresses", "loopback-per-player" }, SourceAddressMode.LoopbackPerPlayer)]
    public void Source_addresses_default_to_one_loopback_address_per_player(string[] extra, SourceAddressMode expected) =>
        Assert.Equal(expected, LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", .. extra]).SourceAddresses);

    [Fact]
    public void An_IPv6_target_needs_a_single_source_address()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://[::1]:5000"]));
        Assert.Contains("--source-addresses single", error.Message);
        Assert.Equal(SourceAddressMode.Single, LoadTestOptions.Parse(["--url", "http://[::1]:5000", "--source-addresses", "single"]).SourceAddresses);
        Assert.Throws<ArgumentException>(() => LoadTestOptions.Parse(["--url", "http://127.0.0.1:5000", "--source-addresses", "each"]));
    }

    /// <summary>Kestrel on 127.0.0.1: a page that answers with the caller's address, and a hub whose method does the same.</summary>
    private sealed class AddressEchoServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private AddressEchoServer(WebApplication app, Uri baseUri)
        {
            _app = app;
            PageUri = new Uri(baseUri, "address");
            HubUri = new Uri(baseUri, "hub");
        }

        public Uri PageUri { get; }

        public Uri HubUri { get; }

        public static async Task<AddressEchoServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            builder.Services.AddSignalR();
            var app = builder.Build();
            app.MapGet("/address", (HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "");
            app.MapHub<AddressHub>("/hub");
            await app.StartAsync();
            var address = app.Urls.Single();
            return new AddressEchoServer(app, new Uri(address.TrimEnd('/') + "/"));
        }

        /// <summary>Opens a hub connection the way the player's circuit does and asks the hub whom it sees.</summary>
        public async Task<string> CircuitAddressAsync(PlayerConnection player)
        {
            await using var connection = new HubConnectionBuilder()
                .WithUrl(HubUri, options => BlazorCircuit.ConfigureConnection(options, player))
                .Build();
            await connection.StartAsync();
            return await connection.InvokeAsync<string>(nameof(AddressHub.Address));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class AddressHub : Hub
    {
        public string Address() => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "";
    }
}

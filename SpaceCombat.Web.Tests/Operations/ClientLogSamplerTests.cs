using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using Serilog.Parsing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class ClientLogSamplerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ClientLogSampler _sampler;

    public ClientLogSamplerTests()
    {
        _sampler = new ClientLogSampler(_time);
    }

    private static readonly MessageTemplateParser Parser = new();

    private static LogEvent Event(LogEventLevel level, string template, string? client, params (string Name, object Value)[] properties)
    {
        var all = properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))).ToList();
        if (client is not null)
        {
            all.Add(new LogEventProperty(ClientAddress.LogProperty, new ScalarValue(client)));
        }
        return new LogEvent(DateTimeOffset.UtcNow, level, null, Parser.Parse(template), all);
    }

    private const string Refused = "Admin sign-in refused (wrong password) from {ClientAddress}";

    [Fact]
    public void One_warning_per_client_per_template_per_minute_then_the_next_carries_the_suppressed_count()
    {
        Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Warning, Refused, "10.0.0.1")));
        for (var i = 0; i < 99; i++)
        {
            Assert.False(_sampler.IsEnabled(Event(LogEventLevel.Warning, Refused, "10.0.0.1")));
        }

        // Another client, and another template of the same client, are not held back.
        Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Warning, Refused, "10.0.0.2")));
        Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Warning, "Something else from {ClientAddress}", "10.0.0.1")));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(_sampler.IsEnabled(Event(LogEventLevel.Warning, Refused, "10.0.0.1")));

        _time.Advance(TimeSpan.FromSeconds(1));
        var next = Event(LogEventLevel.Warning, Refused, "10.0.0.1");
        Assert.True(_sampler.IsEnabled(next));
        Assert.Equal(new ScalarValue(100), next.Properties[ClientLogSampler.SuppressedProperty]);
        Assert.Equal(100, _sampler.SuppressedTotal);

        _time.Advance(ClientLogSampler.Window);
        var quiet = Event(LogEventLevel.Warning, Refused, "10.0.0.1");
        Assert.True(_sampler.IsEnabled(quiet));
        Assert.False(quiet.Properties.ContainsKey(ClientLogSampler.SuppressedProperty));
    }

    [Fact]
    public void Client_error_request_lines_are_sampled_but_successful_ones_and_events_without_a_client_are_not()
    {
        const string Request = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";
        Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Information, Request, "10.0.0.3", ("RequestPath", "/a"), ("StatusCode", 404))));
        Assert.False(_sampler.IsEnabled(Event(LogEventLevel.Information, Request, "10.0.0.3", ("RequestPath", "/b"), ("StatusCode", 414))));

        for (var i = 0; i < 5; i++)
        {
            Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Information, Request, "10.0.0.3", ("RequestPath", "/"), ("StatusCode", 200))));
            Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Information, "Battle {BattleId} started", "10.0.0.3", ("BattleId", "ABC"))));
            Assert.True(_sampler.IsEnabled(Event(LogEventLevel.Error, "The idle circuit check failed", client: null)));
        }
    }

    [Fact]
    public void Memory_stays_bounded_under_a_flood_from_many_addresses()
    {
        for (var i = 0; i < ClientLogSampler.MaxTrackedKeys * 3; i++)
        {
            _sampler.IsEnabled(Event(LogEventLevel.Warning, Refused, $"10.{i / 65536}.{i / 256 % 256}.{i % 256}"));
        }

        Assert.InRange(_sampler.TrackedKeys, 1, ClientLogSampler.MaxTrackedKeys);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class AdminAccessTests
{
    private readonly FakeLogCollector _logs = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AdminSignInGuard _guard;

    public AdminAccessTests()
    {
        _guard = new AdminSignInGuard(_time, new FakeLogger<AdminSignInGuard>(_logs));
    }

    private AdminAccess Create(string? password, ForwardedHeaders forwarded = ForwardedHeaders.None) =>
        new(OperationsTestOptions.Create(o => o.AdminPassword = password),
            Options.Create(new ForwardedHeadersOptions { ForwardedHeaders = forwarded }),
            _guard,
            new FakeLogger<AdminAccess>(_logs));

    private static ForwardedHeadersOptions Forwarded(ForwardedHeaders headers) => new() { ForwardedHeaders = headers };

    [Fact]
    public void With_a_password_only_the_right_password_grants_access_even_on_loopback()
    {
        var access = Create("s3cret-pässword");
        access.SetRemoteAddress(IPAddress.Loopback);

        Assert.True(access.PasswordRequired);
        Assert.False(access.IsGranted);
        Assert.False(access.TrySignIn("s3cret").Succeeded);
        Assert.False(access.TrySignIn("").Succeeded);
        Assert.False(access.TrySignIn(null).Succeeded);
        Assert.False(access.IsGranted);

        Assert.True(access.TrySignIn("s3cret-pässword").Succeeded);
        Assert.True(access.IsGranted);
    }

    [Fact]
    public void The_password_is_never_logged()
    {
        var access = Create("hunter2-very-secret");
        access.SetRemoteAddress(IPAddress.Parse("10.1.2.3"));

        access.TrySignIn("wrong-guess-secret");
        access.TrySignIn("hunter2-very-secret");

        var logged = string.Join("\n", _logs.GetSnapshot().Select(r => r.Message));
        Assert.Contains("refused", logged);
        Assert.Contains("10.1.2.3", logged);
        Assert.DoesNotContain("hunter2", logged);
        Assert.DoesNotContain("wrong-guess", logged);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("::ffff:10.0.0.5", false)]
    public void Without_a_password_only_loopback_circuits_are_granted(string address, bool granted)
    {
        var access = Create(null);
        access.SetRemoteAddress(IPAddress.Parse(address));

        Assert.False(access.PasswordRequired);
        Assert.Equal(granted, access.IsGranted);
        Assert.False(access.TrySignIn("").Succeeded);
    }

    [Fact]
    public void Without_a_password_an_unknown_address_is_refused()
    {
        var access = Create("");

        Assert.False(access.PasswordRequired);
        Assert.False(access.IsGranted);
    }

    [Fact]
    public async Task A_warning_is_logged_at_start_up_when_no_password_is_set()
    {
        var logs = new FakeLogCollector();
        await new AdminStartupCheck(OperationsTestOptions.Create(), Options.Create(Forwarded(ForwardedHeaders.None)), new FakeLogger<AdminStartupCheck>(logs)).StartAsync(default);

        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("AdminPassword is not set: /admin is open to loopback requests only (while no forwarded-headers proxy is configured)", record.Message);
    }

    [Fact]
    public async Task No_warning_when_a_password_is_set()
    {
        var logs = new FakeLogCollector();
        await new AdminStartupCheck(OperationsTestOptions.Create(o => o.AdminPassword = "x"), Options.Create(Forwarded(ForwardedHeaders.XForwardedFor)), new FakeLogger<AdminStartupCheck>(logs)).StartAsync(default);

        Assert.Empty(logs.GetSnapshot());
    }

    [Fact]
    public async Task Behind_a_forwarded_headers_proxy_without_a_password_the_warning_says_the_dashboard_is_closed()
    {
        var logs = new FakeLogCollector();
        await new AdminStartupCheck(OperationsTestOptions.Create(), Options.Create(Forwarded(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto)),
            new FakeLogger<AdminStartupCheck>(logs)).StartAsync(default);

        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("/admin is closed to everyone", record.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Behind_a_forwarded_headers_proxy_without_a_password_even_loopback_is_refused(string address)
    {
        var access = Create(null, ForwardedHeaders.XForwardedFor);
        access.SetRemoteAddress(IPAddress.Parse(address));

        Assert.True(access.BehindProxy);
        Assert.True(access.IsLoopback);
        Assert.False(access.IsGranted);
    }

    [Fact]
    public void Behind_a_forwarded_headers_proxy_the_password_still_opens_it()
    {
        var access = Create("pw", ForwardedHeaders.XForwardedFor);
        access.SetRemoteAddress(IPAddress.Parse("203.0.113.5"));

        Assert.True(access.TrySignIn("pw").Succeeded);
        Assert.True(access.IsGranted);
    }

    [Fact]
    public void After_five_wrong_passwords_the_sixth_attempt_is_refused_even_with_the_right_password_until_the_delay_passes()
    {
        var access = Create("the-right-one");
        access.SetRemoteAddress(IPAddress.Parse("198.51.100.20"));

        for (var i = 1; i <= 4; i++)
        {
            var wrong = access.TrySignIn($"guess-{i}");
            Assert.False(wrong.Succeeded);
            Assert.False(wrong.IsLockedOut);
            Assert.Equal("Wrong password.", wrong.Message);
        }
        var fifth = access.TrySignIn("guess-5");
        Assert.True(fifth.IsLockedOut);
        Assert.Equal(TimeSpan.FromSeconds(30), fifth.RetryAfter);

        var sixth = access.TrySignIn("the-right-one");
        Assert.False(sixth.Succeeded);
        Assert.True(sixth.IsLockedOut);
        Assert.Equal("Too many wrong passwords. Try again in 30 s.", sixth.Message);
        Assert.False(access.IsGranted);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(access.TrySignIn("the-right-one").Succeeded);
        Assert.False(access.IsGranted);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(access.TrySignIn("the-right-one").Succeeded);
        Assert.True(access.IsGranted);
    }

    [Fact]
    public void Each_wrong_password_after_a_lockout_doubles_the_delay_up_to_the_cap_and_other_clients_are_not_affected()
    {
        var access = Create("pw");
        access.SetRemoteAddress(IPAddress.Parse("198.51.100.21"));
        for (var i = 0; i < AdminSignInGuard.FreeAttempts; i++)
        {
            access.TrySignIn("wrong");
        }

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(_guard.RemainingLockout(access.RemoteAddress));
            delays.Add(access.TrySignIn("wrong").RetryAfter);
        }

        Assert.Equal([60, 120, 240, 480, 900, 900, 900, 900], delays.Select(d => (int)d.TotalSeconds));

        // Another circuit of the same client shares the lockout; another client does not.
        var sameClient = Create("pw");
        sameClient.SetRemoteAddress(IPAddress.Parse("198.51.100.21"));
        Assert.True(sameClient.TrySignIn("pw").IsLockedOut);
        var otherClient = Create("pw");
        otherClient.SetRemoteAddress(IPAddress.Parse("198.51.100.22"));
        Assert.True(otherClient.TrySignIn("pw").Succeeded);
    }

    [Fact]
    public void The_lockout_is_logged_with_the_client_and_never_the_password()
    {
        var access = Create("hunter2-very-secret");
        access.SetRemoteAddress(IPAddress.Parse("10.9.8.7"));

        for (var i = 0; i < AdminSignInGuard.FreeAttempts; i++)
        {
            access.TrySignIn($"wrong-guess-{i}");
        }
        access.TrySignIn("hunter2-very-secret");

        var lockout = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 1303);
        Assert.Equal(LogLevel.Warning, lockout.Level);
        Assert.Equal("Admin sign-in locked for 30 s for 10.9.8.7 after 5 wrong passwords", lockout.Message);
        var logged = string.Join("\n", _logs.GetSnapshot().Select(r => r.Message));
        Assert.DoesNotContain("hunter2", logged);
        Assert.DoesNotContain("wrong-guess", logged);
    }

    [Fact]
    public void A_right_password_forgets_the_failures()
    {
        var access = Create("pw");
        access.SetRemoteAddress(IPAddress.Parse("10.0.0.9"));
        for (var i = 0; i < AdminSignInGuard.FreeAttempts - 1; i++)
        {
            access.TrySignIn("wrong");
        }
        Assert.True(access.TrySignIn("pw").Succeeded);

        for (var i = 0; i < AdminSignInGuard.FreeAttempts - 1; i++)
        {
            Assert.False(access.TrySignIn("wrong").IsLockedOut);
        }
    }
}

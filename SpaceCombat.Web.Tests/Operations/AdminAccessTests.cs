using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class AdminAccessTests
{
    private readonly FakeLogCollector _logs = new();

    private AdminAccess Create(string? password) =>
        new(OperationsTestOptions.Create(o => o.AdminPassword = password), new FakeLogger<AdminAccess>(_logs));

    [Fact]
    public void With_a_password_only_the_right_password_grants_access_even_on_loopback()
    {
        var access = Create("s3cret-pässword");
        access.SetRemoteAddress(IPAddress.Loopback);

        Assert.True(access.PasswordRequired);
        Assert.False(access.IsGranted);
        Assert.False(access.TrySignIn("s3cret"));
        Assert.False(access.TrySignIn(""));
        Assert.False(access.TrySignIn(null));
        Assert.False(access.IsGranted);

        Assert.True(access.TrySignIn("s3cret-pässword"));
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
        Assert.False(access.TrySignIn(""));
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
        await new AdminStartupCheck(OperationsTestOptions.Create(), new FakeLogger<AdminStartupCheck>(logs)).StartAsync(default);

        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("AdminPassword is not set: /admin is open to loopback requests only", record.Message);
    }

    [Fact]
    public async Task No_warning_when_a_password_is_set()
    {
        var logs = new FakeLogCollector();
        await new AdminStartupCheck(OperationsTestOptions.Create(o => o.AdminPassword = "x"), new FakeLogger<AdminStartupCheck>(logs)).StartAsync(default);

        Assert.Empty(logs.GetSnapshot());
    }
}

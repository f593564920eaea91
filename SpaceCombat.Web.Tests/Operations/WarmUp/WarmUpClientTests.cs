using System.Net;
using Microsoft.AspNetCore.Http;
using SpaceCombat.Web.Operations;
using SpaceCombat.Web.Operations.WarmUp;

namespace SpaceCombat.Web.Tests.Operations.WarmUp;

public sealed class WarmUpClientTests
{
    private static DefaultHttpContext Request(string remote, string? header)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (header is not null)
        {
            context.Request.Headers[WarmUpClient.HeaderName] = header;
        }
        return context;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void The_warm_ups_requests_from_loopback_with_the_processs_secret_are_a_client_of_their_own(string remote) =>
        Assert.Equal(WarmUpClient.Key, ClientAddress.KeyOf(Request(remote, WarmUpClient.Secret)));

    [Theory]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("127.0.0.1", "0000000000000000000000000000000000000000000000000000000000000000", "127.0.0.1")]
    [InlineData("127.0.0.1", "warm-up", "127.0.0.1")]
    public void Without_the_secret_a_loopback_request_is_its_address(string remote, string? header, string expected) =>
        Assert.Equal(expected, ClientAddress.KeyOf(Request(remote, header)));

    [Fact]
    public void The_secret_from_another_machine_is_not_the_warm_up()
    {
        Assert.Equal("10.0.0.5", ClientAddress.KeyOf(Request("10.0.0.5", WarmUpClient.Secret)));
        Assert.Equal(64, WarmUpClient.Secret.Length);
    }
}

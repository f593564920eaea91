using SpaceCombat.Web.Operations.WarmUp;

namespace SpaceCombat.Web.Tests.Operations.WarmUp;

public sealed class OwnAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://*:8081", "http://127.0.0.1:8081/")]
    [InlineData("http://10.0.0.5:80", "http://10.0.0.5/")]
    public void A_plain_http_address_is_reached_through_loopback_when_it_names_every_interface(string listening, string expected) =>
        Assert.Equal(new Uri(expected), OwnAddress.From([listening]));

    [Fact]
    public void The_first_plain_http_address_is_taken_after_https_ones()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), OwnAddress.From(["https://0.0.0.0:5001", "http://0.0.0.0:5000", "http://127.0.0.1:6000"]));
    }

    [Theory]
    [InlineData]
    [InlineData("https://localhost:5001")]
    [InlineData("not an address")]
    public void Without_a_plain_http_address_there_is_none(params string[] listening) =>
        Assert.Null(OwnAddress.From(listening));
}

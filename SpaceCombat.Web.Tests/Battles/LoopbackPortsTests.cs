using System.Net;
using System.Net.Sockets;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Tests.Battles;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Free_ports_are_below_the_ephemeral_ranges_and_can_be_bound()
    {
        for (var i = 0; i < 20; i++)
        {
            var port = LoopbackPorts.Free();

            Assert.InRange(port, LoopbackPorts.First, LoopbackPorts.Last);
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void A_port_held_by_a_listener_or_already_chosen_is_passed_over()
    {
        var port = LoopbackPorts.Free();

        // The only port to draw from is free: it is the answer.
        Assert.Equal(port, LoopbackPorts.Free(0, new Random(1), port, port));
        // Already chosen for another listener of the process: any other free port instead.
        var instead = LoopbackPorts.Free(port, new Random(1), port, port);
        Assert.NotEqual(port, instead);

        // Held by a listener: any other free port instead, and one that can be bound.
        using var held = new TcpListener(IPAddress.Loopback, port);
        held.Start();
        var other = LoopbackPorts.Free(0, new Random(1), port, port);
        Assert.NotEqual(port, other);
        using var listener = new TcpListener(IPAddress.Loopback, other);
        listener.Start();
    }
}

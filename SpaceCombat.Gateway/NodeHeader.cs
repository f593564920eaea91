using Yarp.ReverseProxy.Transforms;

namespace SpaceCombat.Gateway;

/// <summary>Names, in a response header, the node that answered: which node holds a player's circuit.</summary>
public static class NodeHeader
{
    public static IReverseProxyBuilder AddNodeHeader(this IReverseProxyBuilder proxy, string header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return proxy;
        }
        return proxy.AddTransforms(transforms => transforms.AddResponseTransform(response =>
        {
            if (response.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } node)
            {
                response.HttpContext.Response.Headers[header] = node.DestinationId;
            }
            return ValueTask.CompletedTask;
        }));
    }
}

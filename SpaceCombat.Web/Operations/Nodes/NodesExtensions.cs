namespace SpaceCombat.Web.Operations.Nodes;

public static class NodesExtensions
{
    /// <summary>The admin dashboard's view of the cluster's nodes, and this node's reports to the cluster's roll.</summary>
    public static IServiceCollection AddClusterNodes(this IServiceCollection services)
    {
        services.AddSingleton<ClusterNodes>();
        services.AddSingleton<NodeReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeReporter>());
        return services;
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.LoadBalancing;

namespace SpaceCombat.Gateway;

/// <summary>Rejects gateway settings it cannot proxy with, naming the bad key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private static readonly string[] Policies =
    [
        LoadBalancingPolicies.LeastRequests, LoadBalancingPolicies.PowerOfTwoChoices, LoadBalancingPolicies.RoundRobin,
        LoadBalancingPolicies.Random, LoadBalancingPolicies.FirstAlphabetical,
    ];

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.Nodes is null || options.Nodes.Count == 0)
        {
            failures.Add($"{Key(nameof(GatewayOptions.Nodes))} must name at least one node, e.g. --{Key(nameof(GatewayOptions.Nodes))}:node1=http://127.0.0.1:5101");
        }
        foreach (var (node, address) in options.Nodes ?? [])
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            {
                failures.Add($"{Key(nameof(GatewayOptions.Nodes))}:{node} must be an http or https base URL with no path, got '{address}'");
            }
        }
        RequirePositive(failures, nameof(GatewayOptions.HealthCheckInterval), options.HealthCheckInterval);
        RequirePositive(failures, nameof(GatewayOptions.HealthCheckTimeout), options.HealthCheckTimeout);
        RequirePositive(failures, nameof(GatewayOptions.ConnectionFailurePause), options.ConnectionFailurePause);
        if (options.UnhealthyAfterFailures is < 1 or > 100)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Key(nameof(GatewayOptions.UnhealthyAfterFailures))} must be from 1 to 100, got {options.UnhealthyAfterFailures}"));
        }
        if (string.IsNullOrWhiteSpace(options.HealthPath) || !options.HealthPath.StartsWith('/'))
        {
            failures.Add($"{Key(nameof(GatewayOptions.HealthPath))} must be a path starting with '/', got '{options.HealthPath}'");
        }
        if (!Policies.Contains(options.LoadBalancing, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{Key(nameof(GatewayOptions.LoadBalancing))} must be one of {string.Join(", ", Policies)}, got '{options.LoadBalancing}'");
        }
        if (string.IsNullOrWhiteSpace(options.AffinityCookie) || !options.AffinityCookie.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            failures.Add($"{Key(nameof(GatewayOptions.AffinityCookie))} must be a cookie name of letters, digits, '.', '-' or '_', got '{options.AffinityCookie}'");
        }
        if (options.NodeHeader is null || !options.NodeHeader.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            failures.Add($"{Key(nameof(GatewayOptions.NodeHeader))} must be a header name of letters, digits and '-' (or empty), got '{options.NodeHeader}'");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string property) => $"{GatewayOptions.SectionName}:{property}";

    private static void RequirePositive(List<string> failures, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Key(property)} must be a positive time span, got {value:c}"));
        }
    }
}

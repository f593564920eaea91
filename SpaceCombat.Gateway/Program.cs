using Microsoft.Extensions.Options;
using SpaceCombat.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
builder.Services.AddSingleton<DeadNodeRetry>();
var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
builder.Services.AddReverseProxy()
    .LoadFromMemory(NodeRoutes.Routes(), NodeRoutes.Clusters(options))
    .AddNodeHeader(options.NodeHeader);

var app = builder.Build();

app.MapReverseProxy(pipeline =>
{
    var retry = pipeline.ApplicationServices.GetRequiredService<DeadNodeRetry>();
    pipeline.Use((context, next) => retry.InvokeAsync(context, () => next(context)));
    pipeline.UseSessionAffinity();
    pipeline.UseLoadBalancing();
    pipeline.UsePassiveHealthChecks();
});

app.Run();

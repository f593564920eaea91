namespace SpaceCombat.Web.Components.Admin;

/// <summary>The admin dashboard's log events (here, as the logging generator does not see inside Razor components).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(LogLevel.Warning, "Listing the battles for the admin dashboard failed; it shows the last list it had until the next listing")]
    public static partial void BattleListingFailed(ILogger logger, Exception exception);
}

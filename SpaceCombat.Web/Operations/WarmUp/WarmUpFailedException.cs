namespace SpaceCombat.Web.Operations.WarmUp;

/// <summary>A practice battle or page visit of the warm-up did not go as a player's would: the page it waited for never came.</summary>
public sealed class WarmUpFailedException(string message) : Exception(message);

using SpaceCombat.Core.Battles;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// How a HUD control explains itself from the engine's <see cref="ActionOption"/>: disabled unless the option is
/// available, and a description (the element its <c>aria-describedby</c> points at) holding the odds when it can be
/// clicked or the reason when it cannot. A null option is a spectator's.
/// </summary>
public static class ActionHint
{
    public const string SpectatorReason = "You are watching: only the two players can act.";

    /// <summary>The hint of an option; null is a spectator's.</summary>
    public static Hint Of(ActionOption? option) => option switch
    {
        null => new Hint(SpectatorReason, null, false),
        // The odds are only shown on an available option: their text is made only for one.
        { Unavailable: { } reason } => new Hint(reason.Message, null, Shown(reason)),
        _ => new Hint(null, option.Odds?.Summary, true),
    };

    /// <summary>The hint of a control with no option to offer, for this reason (e.g. point defence with no salvo inbound).</summary>
    public static Hint Of(Refusal? reason) => new(reason?.Message ?? SpectatorReason, null, reason is not null && Shown(reason));

    // "Not your turn" and "already used" are said once elsewhere on the HUD; reasons about the weapon itself are shown.
    private static bool Shown(Refusal? reason) => reason?.Reason is not (RefusalReason.NotYourTurn or RefusalReason.BattleOver or RefusalReason.TurretAlreadyUsed);
}

/// <summary>
/// What a control says about itself: <see cref="Reason"/> when it is disabled (its tooltip), and a description for its
/// <c>aria-describedby</c> element: the reason, else the odds. <see cref="Visible"/>: shown on screen too, not only to
/// screen readers and on hover.
/// </summary>
public readonly record struct Hint(string? Reason, string? Odds, bool Visible)
{
    public bool Disabled => Reason is not null;

    public string? Description => Reason ?? Odds;

    public string DescriptionClass => Visible && Description is not null ? "sc-hint" : "sc-visually-hidden";
}

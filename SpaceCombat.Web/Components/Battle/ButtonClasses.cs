namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// MudBlazor's button classes for the plain <c>&lt;button&gt;</c> and <c>&lt;a&gt;</c> elements of the battle HUD and
/// the pages every battle's players come through. The HUD is rendered in every player's and spectator's circuit and
/// re-rendered on every battle change; a MudButton there is two component instances (three with an icon) with their
/// own render buffers and parameter state per circuit, and a fresh click handler per render. Plain buttons with stable
/// handlers look the same and cost a fraction.
/// </summary>
public static class ButtonClasses
{
    private const string Root = "mud-button-root mud-button mud-ripple ";

    public const string FilledPrimary = Root + "mud-button-filled mud-button-filled-primary mud-button-filled-size-medium";
    public const string FilledSecondary = Root + "mud-button-filled mud-button-filled-secondary mud-button-filled-size-medium";
    public const string TextDefault = Root + "mud-button-text mud-button-text-default mud-button-text-size-medium";
    public const string OutlinedPrimary = Root + "mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium";
    public const string OutlinedDefault = Root + "mud-button-outlined mud-button-outlined-default mud-button-outlined-size-medium";
    public const string OutlinedError = Root + "mud-button-outlined mud-button-outlined-error mud-button-outlined-size-medium";
    public const string TextError = Root + "mud-button-text mud-button-text-error mud-button-text-size-medium";

    public const string SmallFilledPrimary = Root + "mud-button-filled mud-button-filled-primary mud-button-filled-size-small";
    public const string SmallFilledSecondary = Root + "mud-button-filled mud-button-filled-secondary mud-button-filled-size-small";
    public const string SmallOutlinedInfo = Root + "mud-button-outlined mud-button-outlined-info mud-button-outlined-size-small";
    public const string SmallOutlinedWarning = Root + "mud-button-outlined mud-button-outlined-warning mud-button-outlined-size-small";
}

using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Web.Components.Forms;

/// <summary>The options of the set-up pages' <see cref="ChoiceSelect{TValue}"/>s: ships by id, range bands by name.</summary>
public static class SetupChoices
{
    public static IReadOnlyList<string> ShipIds { get; } = ShipRoster.All.Select(ship => ship.Id).ToArray();

    public static Func<string, string> ShipKey { get; } = id => id;

    public static Func<string, string> ShipText { get; } = id => ShipRoster.TryGet(id, out var ship) ? ship.Name : id;

    public static Func<RangeBand, string> BandKey { get; } = band => band.ToString();

    public static Func<RangeBand, string> BandText { get; } = band => band.DisplayName();
}

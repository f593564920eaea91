using System.Globalization;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// The element ids a turret's controls point their <c>aria-describedby</c> at ("hint-t1-fire"), made once for the
/// whole server rather than on every render.
/// </summary>
public sealed record HintIds(string Fire, string Launch, string Defence, string Sand)
{
    private const int Cached = 16;

    private static readonly HintIds[] Turrets = [.. Enumerable.Range(0, Cached).Select(Make)];

    public static HintIds For(int turret) => (uint)turret < Cached ? Turrets[turret] : Make(turret);

    private static HintIds Make(int turret)
    {
        var prefix = "hint-t" + (turret + 1).ToString(CultureInfo.InvariantCulture);
        return new HintIds(prefix + "-fire", prefix + "-launch", prefix + "-defence", prefix + "-sand");
    }
}

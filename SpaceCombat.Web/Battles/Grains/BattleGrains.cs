namespace SpaceCombat.Web.Battles.Grains;

/// <summary>
/// References to battle grains by battle code. Orleans 10's <c>GetGrain&lt;T&gt;(key)</c> formats the interface's type
/// name anew on every call (≈ 1.3 KB, some 3 % of the server's allocations in sustained play: every command and every
/// renewal asks for a reference); this resolves the grain type and interface type once and builds each reference from them.
/// </summary>
public sealed class BattleGrains(IGrainFactory grains)
{
    private readonly Lazy<(GrainType Grain, GrainInterfaceType Interface)> _types = new(() =>
    {
        var reference = (GrainReference)(object)grains.GetGrain<IBattleGrain>("type-probe");
        return (reference.GrainId.Type, reference.InterfaceType);
    });

    /// <summary>The battle grain of <paramref name="code"/>: the same reference <c>GetGrain&lt;IBattleGrain&gt;(code)</c> gives.</summary>
    public IBattleGrain Get(string code)
    {
        var (grain, contract) = _types.Value;
        return (IBattleGrain)grains.GetGrain(GrainId.Create(grain, code), contract);
    }
}

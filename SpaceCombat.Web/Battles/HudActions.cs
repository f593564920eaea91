using SpaceCombat.Core.Ai;
using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Web.Battles;

/// <summary>Which actions the HUD offers a viewer now. Only a convenience: the session and the engine still refuse illegal ones.</summary>
public static class HudActions
{
    public static bool CanAct(BattleSnapshot snapshot, Side? viewer) => viewer is { } side && !snapshot.IsOver && snapshot.ActiveSide == side;

    public static bool CanFire(BattleSnapshot snapshot, Side? viewer, TurretSnapshot turret)
    {
        if (!CanUse(snapshot, viewer, turret))
        {
            return false;
        }
        // A loop rather than LINQ: asked for every turret on every HUD render of every circuit.
        foreach (var laser in turret.Class.LaserKinds)
        {
            if (DamageOdds.CanFireLaser(snapshot.Ship(viewer!.Value), turret, laser, snapshot.Band))
            {
                return true;
            }
        }
        return false;
    }

    public static bool CanLaunch(BattleSnapshot snapshot, Side? viewer, TurretSnapshot turret) =>
        CanUse(snapshot, viewer, turret) && DamageOdds.CanLaunch(snapshot.Ship(viewer!.Value), turret, snapshot.Band);

    public static bool CanPointDefend(BattleSnapshot snapshot, Side? viewer, TurretSnapshot turret) =>
        CanUse(snapshot, viewer, turret) && turret.Class.HasLaser && snapshot.Ship(viewer!.Value).LasersPowered && snapshot.HasSalvoAgainst(viewer.Value);

    public static bool CanCastSand(BattleSnapshot snapshot, Side? viewer, TurretSnapshot turret) =>
        CanUse(snapshot, viewer, turret) && turret.Class.Has(WeaponKind.Sandcaster) && snapshot.Ship(viewer!.Value).Sand > 0;

    public static bool CanManoeuvre(BattleSnapshot snapshot, Side? viewer, ManoeuvreDirection direction)
    {
        if (!CanAct(snapshot, viewer) || snapshot.ActiveSideHasManoeuvred || snapshot.Ship(viewer!.Value).Thrust == 0)
        {
            return false;
        }
        var atEdge = direction == ManoeuvreDirection.Close ? snapshot.Band == Core.Rules.RangeBand.Adjacent : snapshot.Band == Core.Rules.RangeBand.Distant;
        return !atEdge || (!snapshot.Pool.IsEmpty && snapshot.Pool.Direction != direction);
    }

    private static bool CanUse(BattleSnapshot snapshot, Side? viewer, TurretSnapshot turret) => CanAct(snapshot, viewer) && !turret.Used && turret.IsWorking;
}

using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Battles;

/// <summary>
/// A standing helm order for one side: manoeuvre with full thrust each turn, and end the turn while nothing else can be
/// done (no weapon in reach with a chance to hit, no salvo inbound to defend against). It stops and hands control back
/// the moment something becomes possible that was not before (a weapon comes into reach, a salvo is launched at it),
/// when an opening order reaches its band, when it can no longer manoeuvre, or when it makes no progress (the enemy
/// matches its thrust), so it never runs a battle on by itself. While something it already knew of can be done, it
/// manoeuvres and leaves the rest of the turn to the player. Like <see cref="Ai.AiCaptain"/> it decides from the public
/// snapshot and gives one command at a time.
/// </summary>
public sealed class StandingHelmOrder
{
    private int _lastTurn = -1;
    private int? _lastProgress;
    private int _handedBackTurn = -1;
    private long? _knownPossible;

    private StandingHelmOrder(Side side, ManoeuvreDirection direction, RangeBand? goal)
    {
        Side = side;
        Direction = direction;
        Goal = goal;
    }

    public Side Side { get; }

    public ManoeuvreDirection Direction { get; }

    /// <summary>The band an opening order stops at; null for closing (it stops when a weapon can reach).</summary>
    public RangeBand? Goal { get; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Why the order stopped, in words a player can read; null while it stands or when it was cancelled.</summary>
    public string? StoppedBecause { get; private set; }

    /// <summary>"Closing to firing range" or "Opening to Long range".</summary>
    public string Description => Goal is { } goal ? $"Opening to {goal.DisplayName()} range" : "Closing to firing range";

    public static StandingHelmOrder CloseToFiringRange(Side side) => new(side, ManoeuvreDirection.Close, null);

    /// <summary>The order as it is stored: <see cref="Restore"/> gives back an order that carries on exactly as this one.</summary>
    public StandingHelmOrderState State =>
        new(StandingHelmOrderState.CurrentFormat, Side, Direction, Goal, IsActive, StoppedBecause, _lastTurn, _lastProgress, _handedBackTurn, _knownPossible);

    /// <summary>The order a stored <paramref name="state"/> describes; one that does not validate throws <see cref="InvalidDataException"/>.</summary>
    public static StandingHelmOrder Restore(StandingHelmOrderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Validate() is { } problem)
        {
            throw new InvalidDataException(problem);
        }
        return new StandingHelmOrder(state.Side, state.Direction, state.Direction == ManoeuvreDirection.Open ? state.Goal : null)
        {
            IsActive = state.IsActive,
            StoppedBecause = state.StoppedBecause,
            _lastTurn = state.LastTurn,
            _lastProgress = state.LastProgress,
            _handedBackTurn = state.HandedBackTurn,
            _knownPossible = state.KnownPossible,
        };
    }

    /// <summary>
    /// Why the side cannot be given this order now (null: it can): the battle is over, it is not its turn, its drives
    /// give no thrust, it is already at the edge, or (opening) the goal is not farther than the range.
    /// </summary>
    public static Refusal? CannotOrder(BattleSnapshot snapshot, Side side, ManoeuvreDirection direction, RangeBand? goal)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.IsOver)
        {
            return new Refusal(RefusalReason.BattleOver, "The battle is over.");
        }
        if (!Enum.IsDefined(side) || !Enum.IsDefined(direction) || (goal is { } g && !Enum.IsDefined(g)))
        {
            return new Refusal(RefusalReason.InvalidCommand, "That is not a helm order.");
        }
        if (snapshot.ActiveSide != side)
        {
            return new Refusal(RefusalReason.NotYourTurn, "It is not your turn.");
        }
        if (snapshot.Ship(side).Thrust == 0)
        {
            return new Refusal(RefusalReason.SystemDisabled, "Your drives give no thrust.");
        }
        if (direction == ManoeuvreDirection.Close)
        {
            return snapshot.Band == RangeBand.Adjacent ? new Refusal(RefusalReason.RangeLimit, "You are already Adjacent: you cannot close further.") : null;
        }
        if (goal is not { } target || target <= snapshot.Band)
        {
            return new Refusal(RefusalReason.RangeLimit, $"The range is already {snapshot.Band.DisplayName()}: opening needs a farther band to aim for.");
        }
        return null;
    }

    /// <summary>The order, or null and the reason it cannot be given (<see cref="CannotOrder"/>).</summary>
    public static StandingHelmOrder? Create(BattleSnapshot snapshot, Side side, ManoeuvreDirection direction, RangeBand? goal, out Refusal? refusal)
    {
        refusal = CannotOrder(snapshot, side, direction, goal);
        return refusal is not null ? null : new StandingHelmOrder(side, direction, direction == ManoeuvreDirection.Open ? goal : null);
    }

    /// <summary>
    /// The nearest band beyond the current one at which this side could attack with a chance and the enemy could not
    /// (it outranges the enemy there: opening farther only lowers its own odds); null when there is none. What
    /// "Open to Range …" offers.
    /// </summary>
    public static RangeBand? OutrangingBand(BattleSnapshot snapshot, Side side)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var me = snapshot.Ship(side);
        var enemy = snapshot.Ship(side.Opponent());
        for (var band = snapshot.Band + 1; band <= RangeBand.Distant; band++)
        {
            if (CanAttackAt(me, enemy, band) && !CanAttackAt(enemy, me, band))
            {
                return band;
            }
        }
        return null;
    }

    /// <summary>Whether any turret of <paramref name="ship"/> could attack at the band with a chance to hit (its used flag aside).</summary>
    public static bool CanAttackAt(ShipSnapshot ship, ShipSnapshot target, RangeBand band)
    {
        ArgumentNullException.ThrowIfNull(ship);
        ArgumentNullException.ThrowIfNull(target);
        // By index: a foreach over the read-only list boxed an enumerator on every snapshot each HUD shows.
        for (var i = 0; i < ship.Turrets.Count; i++)
        {
            var turret = ship.Turrets[i];
            // Asked for every band beyond the current one on each snapshot: a turret whose weapons cannot reach the band
            // is passed over before the engine's refusal (and its message) is made.
            var fires = turret.Class.HasLaser && turret.Class.LaserKinds[0].LongestBand() >= band && ActionRules.FireRefusal(ship, turret, null, band) is null;
            var launches = turret.Class.Has(WeaponKind.MissileRack) && ActionRules.LaunchRefusal(ship, turret, band) is null;
            if ((fires || launches) && ActionRules.AttackOdds(ship, turret, target, band).Possible)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Cancels the order (the player took the helm back).</summary>
    public void Cancel() => IsActive = false;

    /// <summary>
    /// The order's next command for its side, or null when it leaves the turn to the player: it is not the side's turn,
    /// it handed this turn back, or it stopped (see <see cref="StoppedBecause"/>). Call again after each command.
    /// </summary>
    public BattleCommand? Next(BattleSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!IsActive || snapshot.IsOver || snapshot.ActiveSide != Side || _handedBackTurn == snapshot.TurnNumber)
        {
            return null;
        }
        var possible = WhatWeaponsCanDo(snapshot);
        if (_knownPossible is { } known && (possible & ~known) != 0)
        {
            return Stop(Goal is null ? "A weapon can act: the helm is yours." : "Something new can be done: the helm is yours.");
        }
        _knownPossible = possible;
        if (_lastTurn != snapshot.TurnNumber && !snapshot.ActiveSideHasManoeuvred)
        {
            // Measured at the start of each own turn: the range must have come nearer the goal since the last one.
            _lastTurn = snapshot.TurnNumber;
            var progress = Distance(snapshot);
            if (_lastProgress is { } last && progress >= last)
            {
                return Stop("The enemy is matching your thrust: the range is not " + (Direction == ManoeuvreDirection.Close ? "closing." : "opening."));
            }
            _lastProgress = progress;
        }
        if (Goal is { } goal && snapshot.Band >= goal)
        {
            return Stop($"Reached {goal.DisplayName()} range.");
        }
        var actions = SideActions.For(snapshot, Side);
        if (!snapshot.ActiveSideHasManoeuvred)
        {
            var manoeuvre = Direction == ManoeuvreDirection.Close ? actions.Close : actions.Open;
            return manoeuvre.IsLegal ? manoeuvre.Command : Stop(manoeuvre.Refusal!.Message);
        }
        if (possible != 0)
        {
            // Something can be done this turn: the order has manoeuvred and leaves the rest to the player; it goes on next turn.
            _handedBackTurn = snapshot.TurnNumber;
            return null;
        }
        return actions.EndTurn.Command;
    }

    /// <summary>
    /// What the side's weapons could do at this snapshot whatever was used this turn, as bits: per turret, attack (a
    /// laser or a launch with a chance to hit) and point defence (a salvo inbound, a chance to stop it).
    /// </summary>
    private long WhatWeaponsCanDo(BattleSnapshot snapshot)
    {
        var me = snapshot.Ship(Side);
        var enemy = snapshot.Ship(Side.Opponent());
        var inbound = snapshot.HasSalvoAgainst(Side);
        long bits = 0;
        foreach (var turret in me.Turrets)
        {
            var shift = Math.Min(turret.Index, 30) * 2;
            var fires = turret.Class.HasLaser && ActionRules.FireRefusal(me, turret, null, snapshot.Band) is null;
            var launches = ActionRules.LaunchRefusal(me, turret, snapshot.Band) is null;
            if ((fires || launches) && ActionRules.AttackOdds(me, turret, enemy, snapshot.Band).Possible)
            {
                bits |= 1L << shift;
            }
            if (inbound && ActionRules.PointDefenceRefusal(me, turret) is null && ActionRules.PointDefenceOdds(me, turret).Possible)
            {
                bits |= 1L << (shift + 1);
            }
        }
        return bits;
    }

    private BattleCommand? Stop(string reason)
    {
        IsActive = false;
        StoppedBecause = reason;
        return null;
    }

    // Lower is nearer the goal: the band first, then the thrust pooled toward it.
    private int Distance(BattleSnapshot snapshot)
    {
        var pooled = snapshot.Pool.IsEmpty ? 0 : snapshot.Pool.Direction == Direction ? snapshot.Pool.Thrust : -snapshot.Pool.Thrust;
        var band = Direction == ManoeuvreDirection.Close ? (int)snapshot.Band : -(int)snapshot.Band;
        return band * 1000 - pooled;
    }
}

using SpaceCombat.Core.Battles;
using SpaceCombat.Web.Battles;

namespace SpaceCombat.Web.Components.Battle;

/// <summary>
/// What one HUD shows (the battle's latest view and who is looking), held for the battle page's lifetime and handed
/// to the HUD and its panels as their parameter. Each battle change brings new snapshot objects: as the panels' own parameters, every
/// render of every circuit would write references to them (and boxed sides, flags and bands) into long-lived
/// render-tree buffers and component fields, and every garbage collection would have to scan each of those places.
/// Parameters that point at this one long-lived object leave them untouched; the panels
/// read the current view from it when they render.
/// </summary>
public sealed class HudState
{
    public HudState()
    {
        Own = new HudShip(this, isOwn: true);
        Enemy = new HudShip(this, isOwn: false);
    }

    public BattleView View { get; private set; } = default!;

    /// <summary>The viewer's seat; null for a spectator.</summary>
    public Side? Viewer { get; private set; }

    public BattleSnapshot Snapshot => View.Snapshot!;

    /// <summary>The server's time when the view was shown (browser clocks count down from it).</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>The side shown as "own": the viewer's seat, or side one for a spectator.</summary>
    public Side OwnSide => Viewer ?? Side.One;

    /// <summary>
    /// What the viewer's seat may do now, each option legal or with its reason and every check with its odds; null for
    /// a spectator. Made once per snapshot and side by the engine, so every HUD of the battle shares it.
    /// </summary>
    public SideActions? Actions => Viewer is { } seat ? SideActions.For(Snapshot, seat) : null;

    /// <summary>
    /// The turn the viewer's action buttons are made for: the turn in which the viewer's seat last began to act (the
    /// current turn until then). The buttons are made anew, with handlers carrying this turn, only when it changes: the
    /// opponent's turn leaves them in place (disabled, and a click on them is for a turn that is over), so each turn
    /// replaces the buttons of one viewer, not of both.
    /// </summary>
    public int ControlsTurn { get; private set; } = -1;

    /// <summary>
    /// Loads every event of the battle from its record (the full log offered when it is over); null when there is no
    /// record to load from, and the view's log is all there is.
    /// </summary>
    public Func<Task<IReadOnlyList<BattleEvent>?>>? LoadFullLog { get; init; }

    public HudShip Own { get; }

    public HudShip Enemy { get; }

    /// <summary>Shows a new view; called by the HUD before it renders its panels.</summary>
    public void Show(BattleView view, Side? viewer)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Snapshot is null)
        {
            throw new ArgumentException("A HUD shows a battle that has begun: the view has no snapshot.", nameof(view));
        }
        if (viewer != Viewer || ControlsTurn < 0 || (viewer is { } seat && view.Snapshot.ActiveSide == seat))
        {
            ControlsTurn = view.Snapshot.TurnNumber;
        }
        View = view;
        Viewer = viewer;
    }
}

/// <summary>One of the two ships as its HUD panel shows it: the viewer's own ship or the enemy's.</summary>
public sealed class HudShip
{
    private readonly HudState hud;

    internal HudShip(HudState hud, bool isOwn)
    {
        this.hud = hud;
        IsOwn = isOwn;
    }

    public bool IsOwn { get; }

    public Side Side => IsOwn ? hud.OwnSide : hud.OwnSide.Opponent();

    public ShipSnapshot Snapshot => hud.Snapshot.Ship(Side);

    public string Heading => (IsOwn, hud.Viewer) switch
    {
        (true, null) => "Side one",
        (true, _) => "Your ship",
        (false, null) => "Side two",
        (false, _) => hud.View.Opponent == OpponentKind.Ai ? "Enemy (AI)" : "Enemy",
    };

    /// <summary>The accessible name of the ship's hull bar: its heading's, one string per heading for the whole server.</summary>
    public string HullLabel => (IsOwn, hud.Viewer) switch
    {
        (true, null) => "Side one hull",
        (true, _) => "Your ship hull",
        (false, null) => "Side two hull",
        (false, _) => hud.View.Opponent == OpponentKind.Ai ? "Enemy (AI) hull" : "Enemy hull",
    };
}

namespace SpaceCombat.Core.Battles;

/// <summary>The two sides of a battle: One is the creator's seat, Two the opponent's.</summary>
public enum Side
{
    One = 1,
    Two = 2,
}

public static class SideExtensions
{
    public static Side Opponent(this Side side) => side == Side.One ? Side.Two : Side.One;
}

public enum ManoeuvreDirection
{
    Close,
    Open,
}

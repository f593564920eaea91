using SpaceCombat.Core.Battles;
using SpaceCombat.Core.Rules;
using SpaceCombat.Core.Ships;

namespace SpaceCombat.Core.Tests.Battles;

public class WeaponAndRangeTests
{
    public static TheoryData<WeaponKind, RangeBand> WeaponsByBand()
    {
        var data = new TheoryData<WeaponKind, RangeBand>();
        foreach (var weapon in new[] { WeaponKind.PulseLaser, WeaponKind.BeamLaser, WeaponKind.MissileRack })
        {
            foreach (var band in RangeTable.Bands)
            {
                data.Add(weapon, band);
            }
        }
        return data;
    }

    /// <summary>Corvette turret 0 = triple pulse, free trader turret 0 = beam, corvette turret 2 = triple missile rack; 1+1 always misses.</summary>
    [Theory]
    [MemberData(nameof(WeaponsByBand))]
    public void Section2_EveryWeaponAttacksUpToItsLongestBandAndIsRefusedPastIt(WeaponKind weapon, RangeBand band)
    {
        var (ship, command) = weapon switch
        {
            WeaponKind.PulseLaser => ("patrol_corvette", (BattleCommand)new FireLasers(Side.One, 0)),
            WeaponKind.BeamLaser => ("free_trader", new FireLasers(Side.One, 0)),
            _ => ("patrol_corvette", new LaunchMissiles(Side.One, 2)),
        };
        var t = Scenario.Start(ship, "mercenary_cruiser", Side.One, band);
        if (band <= weapon.LongestBand())
        {
            var events = t.Accept(command, 1, 1);
            Assert.Single(events);
        }
        else
        {
            var refusal = t.Refuse(command, RefusalReason.OutOfRange);
            Assert.Contains(weapon.LongestBand()!.Value.DisplayName(), refusal.Message);
        }
    }

    [Fact]
    public void Section2_TriplePulseLaserDoes2DPlus4()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        var attack = t.Accept(new FireLasers(Side.One, 0), 3, 4, 3, 4).Single<LaserAttack>();
        Assert.Equal(WeaponKind.PulseLaser, attack.Weapon);
        Assert.Equal(3, attack.WeaponCount);
        Assert.Equal(1, attack.Check.Effect); // 7 + Gunner 2 + Medium 0
        Assert.Equal(new[] { 3, 4 }, attack.Damage!.Dice);
        Assert.Equal(4, attack.Damage.Bonus);
        Assert.Equal(7 + 4 + 1 - 4, attack.Damage.Damage);
        Assert.Equal(320 - 8, t.Snapshot.Two.Hull);
    }

    [Fact]
    public void Section2_DoubleBeamLaserDoes1DPlus1()
    {
        var t = Scenario.Start("far_trader", "mercenary_cruiser");
        var attack = t.Accept(new FireLasers(Side.One, 1), 3, 4, 5).Single<LaserAttack>();
        Assert.Equal(2, attack.WeaponCount);
        Assert.Equal(0, attack.Check.Effect); // 7 + Gunner 1
        Assert.Equal(1, attack.Damage!.Bonus);
        Assert.Equal(5 + 1 + 0 - 4, attack.Damage.Damage);
    }

    [Fact]
    public void Section2_MissilesNeverGainTheMultiWeaponBonus()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        var launch = t.Accept(new LaunchMissiles(Side.One, 2), 3, 4).Single<MissilesLaunched>();
        Assert.Equal(3, launch.Missiles);
        t.EndTurn();
        var strike = t.Accept(new EndTurn(Side.Two), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1).Single<MissileStrike>();
        Assert.Equal(3, strike.Damage.Count);
        Assert.All(strike.Damage, d => Assert.Equal(0, d.Bonus));
        Assert.All(strike.Damage, d => Assert.Equal(4 + 1 - 4, d.Damage));
    }

    [Fact]
    public void Section2_ATurretIsUsedOncePerTurnAndAgainNextTurn()
    {
        var t = Scenario.Start("patrol_corvette", "mercenary_cruiser");
        t.Accept(new FireLasers(Side.One, 0), 1, 1);
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.Refuse(new PointDefence(Side.One, 0, 1), RefusalReason.TurretAlreadyUsed);
        t.Accept(new FireLasers(Side.One, 1), 1, 1);
        t.Accept(new LaunchMissiles(Side.One, 2), 1, 1);
        t.Refuse(new LaunchMissiles(Side.One, 2), RefusalReason.TurretAlreadyUsed);
        Assert.True(t.Snapshot.One.Turrets[0].Used);
        t.EndTurn();
        t.EndTurn();
        Assert.All(t.Snapshot.One.Turrets, turret => Assert.False(turret.Used));
        t.Accept(new FireLasers(Side.One, 0), 1, 1);
    }

    [Fact]
    public void Section2_AMixedTurretUsesOneWeaponKindPerTurn()
    {
        var t = Scenario.Start("scout", "mercenary_cruiser");
        t.Accept(new FireLasers(Side.One, 0), 1, 1);
        t.Refuse(new CastSand(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.Refuse(new LaunchMissiles(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.EndTurn();
        t.EndTurn();
        t.Accept(new CastSand(Side.One, 0), 1, 1);
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.Refuse(new LaunchMissiles(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.EndTurn();
        t.EndTurn();
        t.Accept(new LaunchMissiles(Side.One, 0), 1, 1);
        t.Refuse(new FireLasers(Side.One, 0), RefusalReason.TurretAlreadyUsed);
        t.Refuse(new CastSand(Side.One, 0), RefusalReason.TurretAlreadyUsed);
    }

    [Fact]
    public void Section2_MixedTurretFiresTheChosenLaserKind()
    {
        var t = Scenario.Start("safari_ship", "mercenary_cruiser");
        t.Refuse(new FireLasers(Side.One, 0, WeaponKind.PulseLaser), RefusalReason.WeaponNotInTurret);
        t.Refuse(new FireLasers(Side.One, 0, WeaponKind.Sandcaster), RefusalReason.WeaponNotInTurret);
        var attack = t.Accept(new FireLasers(Side.One, 0, WeaponKind.BeamLaser), 1, 1).Single<LaserAttack>();
        Assert.Equal(WeaponKind.BeamLaser, attack.Weapon);
        Assert.Equal(1, attack.WeaponCount);
    }

    [Theory]
    [InlineData(RangeBand.Adjacent, 0)]
    [InlineData(RangeBand.Close, 0)]
    [InlineData(RangeBand.Short, 1)]
    [InlineData(RangeBand.Medium, 0)]
    [InlineData(RangeBand.Long, -2)]
    [InlineData(RangeBand.VeryLong, -4)]
    [InlineData(RangeBand.Distant, -6)]
    public void Section3_EveryRangeDmAppearsInTheAttackBreakdown(RangeBand band, int dm)
    {
        var t = Scenario.Start("patrol_corvette", "scout", Side.One, band);
        BattleCommand command = band <= RangeBand.Long ? new FireLasers(Side.One, 0) : new LaunchMissiles(Side.One, 2);
        var check = t.Accept(command, 1, 1).Select(e => e switch
        {
            LaserAttack a => a.Check,
            MissilesLaunched m => m.Check,
            _ => null,
        }).Single(c => c is not null)!;
        Assert.Contains(new Modifier("Range", dm), check.Modifiers);
        Assert.Contains(new Modifier("Gunner", 2), check.Modifiers);
        Assert.Equal(2 + 2 + dm, check.Total);
        // Section 3: size DM is +1 per full 1,000 tons; every roster ship is under 1,000 tons, so none appears.
        Assert.DoesNotContain(check.Modifiers, m => m.Name == "Target size");
    }

    [Theory]
    [InlineData(RangeBand.Adjacent, 1)]
    [InlineData(RangeBand.Close, 1)]
    [InlineData(RangeBand.Short, 1)]
    [InlineData(RangeBand.Medium, 1)]
    [InlineData(RangeBand.Long, 2)]
    [InlineData(RangeBand.VeryLong, 5)]
    [InlineData(RangeBand.Distant, 10)]
    public void Section3_MissilesStrikeAtTheStartOfTheLaunchersTurnAfterTheFlightTime(RangeBand band, int flight)
    {
        var t = Scenario.Start("patrol_corvette", "free_trader", Side.Two, band);
        t.EndTurn();
        var launch = t.Accept(new LaunchMissiles(Side.One, 2), 1, 1).Single<MissilesLaunched>();
        Assert.Equal(1, launch.Round);
        Assert.Equal(1 + flight, launch.StrikeRound);
        var salvo = Assert.Single(t.Snapshot.Salvos);
        Assert.Equal(1 + flight, salvo.StrikeRound);
        Assert.Equal(band, salvo.LaunchBand);
        while (true)
        {
            var events = t.EndTurn();
            var started = events.OfType<TurnStarted>().Last();
            var strike = events.OfType<MissileStrike>().SingleOrDefault();
            if (started.Round == 1 + flight && started.Side == Side.One)
            {
                Assert.NotNull(strike);
                Assert.Equal(1 + flight, strike.Round);
                Assert.Empty(strike.Damage); // 1+1 missed
                Assert.Empty(t.Snapshot.Salvos);
                break;
            }
            Assert.Null(strike);
            Assert.Single(t.Snapshot.Salvos);
        }
    }

    public static TheoryData<RangeBand, ManoeuvreDirection> BandsAndDirections()
    {
        var data = new TheoryData<RangeBand, ManoeuvreDirection>();
        foreach (var band in RangeTable.Bands)
        {
            if (band > RangeBand.Adjacent)
            {
                data.Add(band, ManoeuvreDirection.Close);
            }
            if (band < RangeBand.Distant)
            {
                data.Add(band, ManoeuvreDirection.Open);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BandsAndDirections))]
    public void Section3_TheBandIsLeftExactlyWhenThePoolReachesItsThrustToLeave(RangeBand band, ManoeuvreDirection direction)
    {
        var t = Scenario.Start("patrol_corvette", "patrol_corvette", Side.One, band);
        var needed = RangeTable.ThrustToLeave(band);
        for (var spent = 1; spent <= needed; spent++)
        {
            var moved = t.Accept(new Manoeuvre(t.Snapshot.ActiveSide!.Value, direction, 1)).Single<Manoeuvred>();
            Assert.Equal(band, moved.From);
            if (spent < needed)
            {
                Assert.Equal(band, t.Snapshot.Band);
                Assert.Equal(new ManoeuvrePool(direction, spent), t.Snapshot.Pool);
                t.EndTurn();
            }
            else
            {
                var next = direction == ManoeuvreDirection.Close ? band - 1 : band + 1;
                Assert.Equal(next, moved.To);
                Assert.Equal(next, t.Snapshot.Band);
                Assert.True(t.Snapshot.Pool.IsEmpty);
            }
        }
    }
}

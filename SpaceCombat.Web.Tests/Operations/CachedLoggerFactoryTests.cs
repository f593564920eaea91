using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceCombat.Web.Operations;

namespace SpaceCombat.Web.Tests.Operations;

public sealed class CachedLoggerFactoryTests
{
    /// <summary>Makes a new logger per call, as Serilog's factory does, and counts the calls and disposals.</summary>
    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created;
        public int Disposed;

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return new Logger<object>(NullLoggerFactory.Instance);
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose() => Disposed++;
    }

    [Fact]
    public void A_category_is_made_once_and_shared()
    {
        var inner = new CountingFactory();
        var factory = new CachedLoggerFactory(inner);

        var first = factory.CreateLogger("SpaceCombat.Web.Battles.CombatSession");

        Assert.Same(first, factory.CreateLogger("SpaceCombat.Web.Battles.CombatSession"));
        Assert.NotSame(first, factory.CreateLogger("SpaceCombat.Web.Battles.BattleFeed"));
        Assert.Equal(2, inner.Created);
    }

    [Fact]
    public void Past_its_bound_a_logger_is_made_per_call_and_nothing_more_is_kept()
    {
        var inner = new CountingFactory();
        var factory = new CachedLoggerFactory(inner);
        for (var i = 0; i < CachedLoggerFactory.MaxCategories; i++)
        {
            factory.CreateLogger("Category" + i);
        }

        var extra = factory.CreateLogger("One too many");

        Assert.NotSame(extra, factory.CreateLogger("One too many"));
        Assert.Same(factory.CreateLogger("Category0"), factory.CreateLogger("Category0"));
        Assert.Equal(CachedLoggerFactory.MaxCategories + 2, inner.Created);
    }

    [Fact]
    public void Disposing_it_disposes_a_factory_made_for_it_and_leaves_a_shared_one()
    {
        var owned = new CountingFactory();
        var shared = new CountingFactory();

        new CachedLoggerFactory(owned).Dispose();
        new CachedLoggerFactory(shared, ownsInner: false).Dispose();

        Assert.Equal(1, owned.Disposed);
        Assert.Equal(0, shared.Disposed);
    }
}

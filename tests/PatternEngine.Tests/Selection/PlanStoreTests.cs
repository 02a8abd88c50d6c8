using Microsoft.Extensions.Time.Testing;
using PatternEngine.Selection;
using PatternEngine.Tests.Cli;

namespace PatternEngine.Tests.Selection;

public sealed class PlanStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_numbers_each_plan_and_dates_it_and_keeps_every_version()
    {
        var store = new PlanStore(_dir.Path, _time);

        var first = store.Save(RoutingPlanFileTests.Plan("a"));
        _time.Advance(TimeSpan.FromHours(1));
        var second = store.Save(RoutingPlanFileTests.Plan("b"));

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(_time.GetUtcNow(), second.CreatedAt);
        Assert.Equal(["a", "b"], store.Versions("self-consistency").Select(p => p.Stages[0].Model));
        Assert.Equal("b", RoutingPlanFile.Load(store.CurrentPath("self-consistency")).Stages[0].Model);
    }

    [Fact]
    public void Rollback_restores_the_previous_plan_as_a_new_version_and_a_second_rollback_goes_further_back()
    {
        var store = new PlanStore(_dir.Path, _time);
        store.Save(RoutingPlanFileTests.Plan("a"));
        store.Save(RoutingPlanFileTests.Plan("b"));
        store.Save(RoutingPlanFileTests.Plan("c"));

        var restored = store.Rollback("self-consistency");
        var again = store.Rollback("self-consistency");

        Assert.Equal((4, 2, "b"), (restored.Version, restored.RestoredFrom, restored.Stages[0].Model));
        Assert.Equal((5, 1, "a"), (again.Version, again.RestoredFrom, again.Stages[0].Model));
        Assert.Equal("a", RoutingPlanFile.Load(store.CurrentPath("self-consistency")).Stages[0].Model);
        var error = Assert.Throws<SelectionInputException>(() => store.Rollback("self-consistency"));
        Assert.Contains("no plan before version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rollback_without_plans_says_how_to_make_one()
    {
        var error = Assert.Throws<SelectionInputException>(() => new PlanStore(_dir.Path, _time).Rollback("nothing"));

        Assert.Contains("patterns select", error.Message, StringComparison.Ordinal);
    }
}

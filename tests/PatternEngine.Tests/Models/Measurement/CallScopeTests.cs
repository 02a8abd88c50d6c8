using PatternEngine.Execution;
using PatternEngine.Models.Measurement;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Models.Measurement;

public sealed class CallScopeTests
{
    private static CallRecord Call(int number) => new() { Stage = "samples", Route = "default", Model = $"m{number}", UsageSource = UsageSource.None };

    [Fact]
    public void A_scope_without_calls_has_none()
    {
        Assert.Empty(CallScope.Begin("samples").Calls);
    }

    [Fact]
    public void Calls_are_kept_in_the_order_they_were_added()
    {
        var scope = CallScope.Begin("samples");

        foreach (var number in Enumerable.Range(1, 4))
        {
            scope.Add(Call(number));
        }

        Assert.Equal(["m1", "m2", "m3", "m4"], scope.Calls.Select(c => c.Model));
    }

    [Fact]
    public async Task Calls_that_finish_at_the_same_time_are_all_kept_and_each_is_heard_once()
    {
        var stage = new RecordingCallSink();
        var scope = CallScope.Begin("samples", stage);
        using var start = new Barrier(4);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 250; i++)
            {
                scope.Add(Call((worker * 1000) + i));
            }
        })));

        Assert.Equal(1000, scope.Calls.Length);
        Assert.Equal(1000, scope.Calls.Select(c => c.Model).Distinct().Count());
        Assert.Equal(1000, stage.Heard.Count);
    }

    [Fact]
    public void Calls_read_earlier_are_not_changed_by_later_ones()
    {
        var scope = CallScope.Begin("samples");
        scope.Add(Call(1));

        var earlier = scope.Calls;
        scope.Add(Call(2));

        Assert.Single(earlier);
        Assert.Equal(2, scope.Calls.Length);
    }
}

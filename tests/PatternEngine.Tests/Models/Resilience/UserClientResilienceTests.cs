using System.Net;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Resilience;

/// <summary>Retries and fallback work for any client, through the fault classifier, not only for the providers file's.</summary>
public sealed class UserClientResilienceTests
{
    private static readonly ResilienceSettings ThreeQuickAttempts = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        BreakerMinimumThroughput = 100,
    };

    private static PatternRuntime Engine(IChatClient flaky, IChatClient backup, Action<PatternEngineBuilder>? configure = null) =>
        Engines.Routed(
            new Dictionary<string, ModelRoute>
            {
                ["default"] = new(flaky) { Resilience = ProviderResilience.Create(ThreeQuickAttempts), Fallback = "backup" },
                ["backup"] = new(backup),
            },
            configure);

    [Fact]
    public async Task A_flaky_client_with_three_attempts_and_a_fallback_gets_three_calls_then_the_fallback_answers()
    {
        var flaky = new ScriptedChatClient(_ => throw new HttpRequestException("Service Unavailable", null, HttpStatusCode.ServiceUnavailable)) { ModelId = "flaky-model" };
        var backup = new ScriptedChatClient(_ => "Paris") { ModelId = "backup-model" };
        using var engine = Engine(flaky, backup);

        var record = await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Equal("Paris", record.Output.Text);
        Assert.Equal(3, flaky.Requests.Count);
        Assert.Single(backup.Requests);
        var calls = Assert.Single(record.Stages).CallRecords;
        Assert.Equal([1, 2, 3, 1], calls.Select(c => c.Attempt));
        Assert.All(calls.Take(3), c => Assert.Equal("'default' failed (HTTP 503): Service Unavailable", c.Error));
        Assert.Equal(("backup", "default", null), (calls[3].Route, calls[3].FallbackFrom, calls[3].Error));
    }

    [Fact]
    public async Task An_answer_with_nothing_in_it_is_a_failed_attempt_of_a_route_with_retries()
    {
        var empty = new ScriptedChatClient(request => request.Number < 2 ? "" : "Paris");
        using var engine = Engines.For(new ModelRoute(empty) { Resilience = ProviderResilience.Create(ThreeQuickAttempts) });

        var record = await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Equal("Paris", record.Output.Text);
        Assert.Equal(["'default' answered with an empty message", "'default' answered with an empty message", null], record.Stages[0].CallRecords.Select(c => c.Error));
    }

    [Fact]
    public async Task A_failure_no_classifier_reads_as_a_fault_is_neither_retried_nor_fallen_back_from()
    {
        var broken = new ScriptedChatClient(_ => throw new InvalidOperationException("a bug in the client"));
        var backup = new ScriptedChatClient(_ => "Paris");
        using var engine = Engine(broken, backup);

        var error = await Assert.ThrowsAsync<PatternRunException>(() => engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>()));

        Assert.Single(broken.Requests);
        Assert.Empty(backup.Requests);
        Assert.Contains("a bug in the client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_classifier_of_your_own_makes_your_client_s_failures_faults()
    {
        var quota = new ScriptedChatClient(_ => throw new QuotaExceededException());
        var backup = new ScriptedChatClient(_ => "Paris");
        using var engine = Engine(quota, backup, b => b.UseFaultClassifier(new QuotaClassifier()));

        var record = await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Equal("Paris", record.Output.Text);
        Assert.Equal(3, quota.Requests.Count);
        Assert.Equal("'default' is out of quota", record.Stages[0].CallRecords[0].Error);
    }

    [Fact]
    public async Task An_attempt_past_the_route_s_time_limit_fails_as_a_time_out_and_is_retried()
    {
        var slowOnce = new ScriptedChatClient(async (request, ct) =>
        {
            if (request.Number == 0)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), ct);
            }

            return "Paris";
        });
        using var engine = Engines.For(new ModelRoute(slowOnce)
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
            Resilience = ProviderResilience.Create(ThreeQuickAttempts),
        });

        var record = await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Equal("Paris", record.Output.Text);
        Assert.Equal("no answer from 'default' within 0.2 s", record.Stages[0].CallRecords[0].Error);
    }

    private sealed class QuotaExceededException() : Exception("quota exceeded");

    private sealed class QuotaClassifier : ModelFaultClassifier
    {
        public override ModelFault? Classify(Exception failure, string provider) =>
            failure is QuotaExceededException ? new ModelFault(ProviderFailure.RateLimited, $"'{provider}' is out of quota") : base.Classify(failure, provider);
    }
}

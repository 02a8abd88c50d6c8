using Microsoft.Extensions.AI;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Routing;

public sealed class ModelRouterTests
{
    private const string SixSamples = """
        name: six
        version: 1.0.0
        stages:
          - id: samples
            kind: fan_out
            count: 6
            body: { template: "sample {{ index }}" }
        output: samples
        """;

    private static ScriptedChatClient CountingInFlight(Action<int> observe)
    {
        var inFlight = 0;
        return new ScriptedChatClient(async (_, ct) =>
        {
            observe(Interlocked.Increment(ref inFlight));
            await Task.Delay(100, ct); // long enough for every call of a wave to have started
            Interlocked.Decrement(ref inFlight);
            return "x";
        });
    }

    [Fact]
    public async Task A_route_with_a_concurrency_limit_never_has_more_calls_in_flight()
    {
        var most = 0;
        var model = CountingInFlight(n => InterlockedMax(ref most, n));
        var compiled = Engines.For(new ModelRoute(model) { MaxConcurrency = 2 }).Compile(Patterns.Parse(SixSamples));

        var record = await compiled.RunAsync(new Dictionary<string, string>());

        Assert.Equal(6, record.Totals.Calls);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task Without_a_limit_the_calls_of_a_fan_out_all_overlap()
    {
        var most = 0;
        var model = CountingInFlight(n => InterlockedMax(ref most, n));

        await Engines.For(model).Compile(Patterns.Parse(SixSamples)).RunAsync(new Dictionary<string, string>());

        Assert.Equal(6, most);
    }

    [Fact]
    public async Task A_route_asks_its_client_for_the_routes_model_id_and_records_it()
    {
        var judge = new ScriptedChatClient(_ => "A") { ModelId = "judge-client" };
        using var engine = Engines.Routed(new Dictionary<string, ModelRoute>
        {
            ["default"] = new(new ScriptedChatClient(_ => "x")),
            ["judge"] = new(judge, "gpt-4.1-mini"),
        });
        var router = engine.Router;

        var response = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "judge" });

        Assert.Equal("gpt-4.1-mini", Assert.Single(judge.Requests).Options!.ModelId);
        Assert.Equal("judge-client", response.ModelId);
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_the_engine_is_built()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => Engines.For(new ModelRoute(new ScriptedChatClient(_ => "")) { MaxConcurrency = 0 }));

        Assert.Equal("route 'default': MaxConcurrency must be at least 1, not 0", Assert.Single(error.Problems));
    }

    [Fact]
    public void An_engine_without_a_default_route_is_refused_naming_the_routes_it_has()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => Engines.Routed(new Dictionary<string, ModelRoute> { ["judge"] = new(new ScriptedChatClient(_ => "")) }));

        Assert.StartsWith("no 'default' route", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.EndsWith("routes given: judge", error.Problems[0], StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

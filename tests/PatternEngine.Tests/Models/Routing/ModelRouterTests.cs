using Microsoft.Extensions.AI;
using PatternEngine.Compilation;
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
        var compiled = new PatternCompiler(ModelRouter.For(model, maxConcurrency: 2)).Compile(Patterns.Parse(SixSamples));

        var record = await compiled.RunAsync(new Dictionary<string, string>());

        Assert.Equal(6, record.Totals.Calls);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task Without_a_limit_the_calls_of_a_fan_out_all_overlap()
    {
        var most = 0;
        var model = CountingInFlight(n => InterlockedMax(ref most, n));

        await new PatternCompiler(model).Compile(Patterns.Parse(SixSamples)).RunAsync(new Dictionary<string, string>());

        Assert.Equal(6, most);
    }

    [Fact]
    public async Task A_route_asks_its_client_for_the_routes_model_id_and_records_it()
    {
        var judge = new ScriptedChatClient(_ => "A") { ModelId = "judge-client" };
        var router = new ModelRouter(new Dictionary<string, ModelRoute>
        {
            ["default"] = new(new ScriptedChatClient(_ => "x")),
            ["judge"] = new(judge, "gpt-4.1-mini"),
        });

        var response = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "judge" });

        Assert.Equal("gpt-4.1-mini", Assert.Single(judge.Requests).Options!.ModelId);
        Assert.Equal("judge-client", response.ModelId);
    }

    [Fact]
    public void A_limit_below_one_is_refused() =>
        Assert.Throws<ArgumentException>(() => ModelRouter.For(new ScriptedChatClient(_ => ""), maxConcurrency: 0));

    [Fact]
    public void A_router_without_a_default_route_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ModelRouter(new Dictionary<string, ModelRoute> { ["judge"] = new(new ScriptedChatClient(_ => "")) }));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

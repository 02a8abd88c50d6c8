using Microsoft.Extensions.AI;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Routing;

/// <summary>The router is found with GetService through any wrapping, so wrapping it never changes where calls go.</summary>
public sealed class WrappedRouterTests
{
    private const string DraftThenJudge = """
        name: judged
        version: 1.0.0
        stages:
          - { id: draft, kind: prompt, template: "draft" }
          - { id: verdict, kind: prompt, model: judge, template: "judge {{ draft }}" }
        output: verdict
        """;

    [Fact]
    public async Task A_router_wrapped_in_an_empty_delegating_client_routes_judge_to_its_client_and_records_it_so()
    {
        var small = new ScriptedChatClient(_ => "small answer") { ModelId = "small-model" };
        var big = new ScriptedChatClient(_ => "big verdict") { ModelId = "big-model" };
        using var engine = Engines.Routed(
            new Dictionary<string, ModelRoute> { ["default"] = new(small), ["judge"] = new(big) },
            b => b.Use(inner => new EmptyWrapper(inner)));

        var record = await engine.Compile(Patterns.Parse(DraftThenJudge)).RunAsync(new Dictionary<string, string>());

        Assert.Equal("draft", Assert.Single(small.Requests).Prompt);
        Assert.Equal("judge small answer", Assert.Single(big.Requests).Prompt);
        var judged = Assert.Single(record.Stages[1].CallRecords);
        Assert.Equal(("judge", "big-model"), (judged.Route, judged.Model));
        Assert.Equal("big-model", record.Stages[1].Model);
    }

    [Fact]
    public void The_router_answers_GetService_through_every_wrapper_and_the_whole_pipeline()
    {
        using var engine = Engines.For(new ScriptedChatClient(_ => "x"), b => b.Use(inner => new EmptyWrapper(inner)).Use(inner => new EmptyWrapper(inner)));

        Assert.Same(engine.Router, new EmptyWrapper(engine.Router).GetService<ModelRouter>());
        Assert.Same(engine.Router, engine.ChatClient.GetService<ModelRouter>());
    }

    [Fact]
    public void Middleware_that_hides_the_router_is_refused_when_the_engine_is_built()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => Engines.For(new ScriptedChatClient(_ => "x"), b => b.Use(inner => new OpaqueWrapper(inner))));

        Assert.Contains("hides the router", Assert.Single(error.Problems), StringComparison.Ordinal);
        Assert.Contains("OpaqueWrapper", error.Problems[0], StringComparison.Ordinal);
    }

    private sealed class EmptyWrapper(IChatClient inner) : DelegatingChatClient(inner);

    /// <summary>A wrapper that answers GetService for nothing: written without DelegatingChatClient.</summary>
    private sealed class OpaqueWrapper(IChatClient inner) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.GetResponseAsync(messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.GetStreamingResponseAsync(messages, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Engine;

public sealed class PatternEngineBuilderTests : IDisposable
{
    private const string TwoStages = """
        name: two
        version: 1.0.0
        stages:
          - { id: draft, kind: prompt, template: "draft" }
          - { id: samples, kind: fan_out, count: 2, body: { template: "judge {{ draft }}", model: judge } }
        output: samples
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"builder-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Every_problem_of_the_routes_is_listed_at_once()
    {
        var client = new ScriptedChatClient(_ => "x");
        var builder = new PatternEngineBuilder()
            .UseChatClient(client)
            .AddRoute("judge", new ModelRoute(client) { Fallback = "nowhere", AttemptTimeout = TimeSpan.Zero })
            .AddRoute("loop", new ModelRoute(client) { Fallback = "loop" })
            .AddRoute("judge", client)
            .UseForRoute("missing", inner => inner);

        var error = Assert.Throws<EngineConfigurationException>(builder.Build);

        Assert.Equal(
            [
                "route 'judge' is given twice",
                "route 'judge': AttemptTimeout must be longer than zero, not 00:00:00",
                "route 'judge' falls back to 'nowhere', which is no route",
                "route 'loop' falls back to itself",
                "middleware is added to route 'missing', which is no route",
            ],
            error.Problems);
        Assert.StartsWith("the engine cannot be built: route 'judge' is given twice; ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_engine_with_no_route_says_how_to_give_one() =>
        Assert.StartsWith("no route: give a chat client with UseChatClient", Assert.Single(Assert.Throws<EngineConfigurationException>(new PatternEngineBuilder().Build).Problems), StringComparison.Ordinal);

    [Fact]
    public async Task Middleware_around_every_call_sees_each_attempt_with_its_stage_route_and_attempt_first_added_outermost()
    {
        var seen = new List<string>();
        var flaky = new ScriptedChatClient(request => request.Number == 0 ? throw new TimeoutException("slow") : "ok");
        using var engine = Engines.Routed(
            new Dictionary<string, ModelRoute>
            {
                ["default"] = new(new ScriptedChatClient(_ => "d")),
                ["judge"] = new(flaky) { Resilience = ProviderResilience.Create(new ResilienceSettings { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) }) },
            },
            b => b.Use(inner => new Watching(inner, "outer", seen)).Use(inner => new Watching(inner, "inner", seen)));

        await engine.Compile(Patterns.Parse(TwoStages)).RunAsync(new Dictionary<string, string>());

        Assert.Equal("outer draft default 1", seen[0]);
        Assert.Equal("inner draft default 1", seen[1]);
        Assert.Equal(
            ["outer samples judge 1", "outer samples judge 1", "outer samples judge 2"],
            seen.Where(s => s.StartsWith("outer samples", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(8, seen.Count);
    }

    [Fact]
    public async Task Middleware_on_a_route_sees_only_that_route_s_calls_by_their_logical_name()
    {
        var seen = new List<string>();
        var judge = new ScriptedChatClient(_ => "j") { ModelId = "judge-client" };
        using var engine = Engines.Routed(
            new Dictionary<string, ModelRoute> { ["default"] = new(new ScriptedChatClient(_ => "d")), ["judge"] = new(judge, "gpt-judge") },
            b => b.UseForRoute("judge", inner => new Watching(inner, "route", seen)));

        await engine.Compile(Patterns.Parse(TwoStages)).RunAsync(new Dictionary<string, string>());

        Assert.Equal(["route samples judge 1", "route samples judge 1"], seen);
        Assert.All(judge.Requests, r => Assert.Equal("gpt-judge", r.Options?.ModelId));
    }

    [Fact]
    public async Task An_answer_your_middleware_serves_itself_is_measured_with_the_provenance_it_says()
    {
        var model = new ScriptedChatClient(_ => "live");
        using var engine = Engines.For(model, b => b.Use(inner => new Serving(inner)));

        var record = await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Empty(model.Requests);
        var call = Assert.Single(record.Stages[0].CallRecords);
        Assert.Equal(("served", CallSource.Cache, 123.0, true), (call.Response, call.Source, call.LatencyMs, call.Cached));
        Assert.Equal(1, record.Totals.CachedCalls);
    }

    [Fact]
    public async Task A_run_returns_with_every_line_of_its_cassette_written_and_disposing_the_engine_closes_what_it_opened()
    {
        var model = new ScriptedChatClient(_ => "ok");
        var engine = Engines.For(model, b => b.UseCassette(_file, CassetteMode.Record));

        await engine.Compile(Patterns.Parse(TwoStages)).RunAsync(new Dictionary<string, string>());

        Assert.Equal(3, ReadShared(_file).Length);
        await engine.DisposeAsync();
        File.Delete(_file); // closed: the file can go
        Assert.Throws<ObjectDisposedException>(() => engine.Compile(Patterns.OneCall()));
    }

    [Fact]
    public void The_engine_disposes_what_a_route_source_handed_it_but_never_the_clients_it_was_given()
    {
        var given = new DisposableClient();
        var made = new DisposableClient();
        var engine = new PatternEngineBuilder()
            .UseChatClient(given)
            .AddRoutes(context => new Dictionary<string, ModelRoute> { ["made"] = new(context.Own(made)) })
            .Build();

        engine.Dispose();

        Assert.False(given.Disposed);
        Assert.True(made.Disposed);
    }

    [Fact]
    public void What_a_route_source_made_is_disposed_when_building_fails()
    {
        var made = new DisposableClient();
        var builder = new PatternEngineBuilder().AddRoutes(context => new Dictionary<string, ModelRoute> { ["judge"] = new(context.Own(made)) });

        Assert.Throws<EngineConfigurationException>(builder.Build); // no default route

        Assert.True(made.Disposed);
    }

    // Reads a file another writer may still hold open.
    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Notes "name stage route attempt" for every call it passes on.</summary>
    private sealed class Watching(IChatClient inner, string name, List<string> seen) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var call = ModelCallContext.Of(options);
            lock (seen)
            {
                seen.Add($"{name} {call.Stage} {call.Route} {call.Attempt}");
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    /// <summary>Answers every call itself, saying it served the answer from a cache of its own.</summary>
    private sealed class Serving(IChatClient inner) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var served = new ChatResponse(new ChatMessage(ChatRole.Assistant, "served"));
            AnswerProvenance.Set(served, new AnswerProvenance { Source = CallSource.Cache, RecordedLatencyMs = 123 });
            return Task.FromResult(served);
        }
    }

    private sealed class DisposableClient : IChatClient
    {
        public bool Disposed { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "x")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose() => Disposed = true;
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Models.Resilience;

public sealed class ResilientChatClientTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Capital of France?")];

    // Builds resilience -> spy -> router, the spy standing where the measurement stands.
    private static (IChatClient Pipeline, AttemptSpy Spy) Pipeline(ModelRouter router)
    {
        AttemptSpy? spy = null;
        var pipeline = new ChatClientBuilder(router).UseResilience().Use(inner => spy = new AttemptSpy(inner)).Build();
        return (pipeline, spy!);
    }

    [Fact]
    public async Task Each_attempt_carries_its_number_to_the_measurement_in_its_call_context()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(500), ServerReply.Status(500), ServerReply.Text("Paris")));
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server));
        var (pipeline, spy) = Pipeline(providers.Router);

        var response = await pipeline.GetResponseAsync(Question);

        Assert.Equal("Paris", response.Text);
        Assert.Equal([(1, true), (2, true), (3, false)], spy.Attempts);
    }

    [Fact]
    public async Task A_stream_is_retried_until_its_first_update()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(502), ServerReply.Text("Paris is the capital")));
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server));
        var (pipeline, _) = Pipeline(providers.Router);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in pipeline.GetStreamingResponseAsync(Question))
        {
            updates.Add(update);
        }

        Assert.Equal("Paris is the capital", updates.ToChatResponse().Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_opens_its_circuit_and_calls_stop_reaching_it()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(500));
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, maxAttempts: 1, minimumThroughput: 2));
        var (pipeline, _) = Pipeline(providers.Router);

        await Assert.ThrowsAsync<ModelCallException>(() => pipeline.GetResponseAsync(Question));
        await Assert.ThrowsAsync<ModelCallException>(() => pipeline.GetResponseAsync(Question));
        var open = await Assert.ThrowsAsync<ModelCallException>(() => pipeline.GetResponseAsync(Question));

        Assert.Contains("circuit is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Routes_to_one_endpoint_share_its_concurrency_limit()
    {
        var inFlight = 0;
        var most = 0;
        await using var server = await ReferenceServer.StartAsync(_ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            Thread.Sleep(50);
            Interlocked.Decrement(ref inFlight);
            return ServerReply.Text("ok");
        });
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, providerExtras: "max_concurrency: 1", models: "  other: { provider: fake, model: other-model }"));
        var (pipeline, _) = Pipeline(providers.Router);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => pipeline.GetResponseAsync(Question, new ChatOptions { ModelId = i % 2 == 0 ? "default" : "other" })));

        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(1, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Records the attempt number each call's context carries, and whether it failed.</summary>
    private sealed class AttemptSpy(IChatClient inner) : DelegatingChatClient(inner)
    {
        private readonly ConcurrentQueue<(int, bool)> _attempts = new();

        public List<(int Attempt, bool Failed)> Attempts => [.. _attempts];

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var attempt = ModelCallContext.Of(options).Attempt;
            try
            {
                var response = await base.GetResponseAsync(messages, options, cancellationToken);
                _attempts.Enqueue((attempt, false));
                return response;
            }
            catch (ProviderCallException)
            {
                _attempts.Enqueue((attempt, true));
                throw;
            }
        }
    }
}
